// Object and field names checked against the topology catalog (canonical spelling returned), or,
// with no snapshot, against the strict identifier grammar. Nothing else ever reaches SOQL text.
import { Errors } from '../../http/errors.ts';
import type { Catalog, FieldInfo, ObjectInfo } from './org-catalog.ts';

const IDENT = /^[A-Za-z][A-Za-z0-9_]{0,119}$/;
const MAX_HOPS = 5;

export interface ResolvedField {
  path: string;
  /** The describe type of the final field (unknown without a snapshot). */
  type: string | undefined;
}

const unknownField = (obj: string, path: string) =>
  Errors.invalid(`No such field ${path} on ${obj} in the latest topology snapshot`, { object: obj, field: path });

export class NameResolver {
  readonly #catalog: Catalog | null;
  constructor(catalog: Catalog | null) {
    this.#catalog = catalog;
  }

  get strict(): boolean {
    return this.#catalog === null;
  }

  object(name: string): string {
    if (!IDENT.test(name)) throw Errors.invalid(`Invalid object name: ${JSON.stringify(name)}`, { object: name });
    if (!this.#catalog) return name;
    const canonical = this.#catalog.objectName(name);
    if (!canonical) throw Errors.invalid(`No such object ${name} in the latest topology snapshot`, { object: name });
    return canonical;
  }

  async #info(name: string): Promise<ObjectInfo | null> {
    return this.#catalog ? this.#catalog.object(name) : null;
  }

  /** A dotted path from `object`: parent relationships, then a field. */
  async field(object: string, path: string): Promise<ResolvedField> {
    const segs = path.split('.');
    if (segs.length > MAX_HOPS + 1 || segs.some((s) => !IDENT.test(s)))
      throw Errors.invalid(`Invalid field name: ${JSON.stringify(path)}`, { field: path });
    if (!this.#catalog) return { path, type: undefined };
    const found = await this.#walk([object], segs);
    if (!found) throw unknownField(object, path);
    return found;
  }

  async #walk(objects: string[], segs: string[]): Promise<ResolvedField | null> {
    for (const o of objects) {
      const info = await this.#info(o);
      if (!info) continue;
      const [head, ...rest] = segs as [string, ...string[]];
      if (rest.length === 0) {
        const f: FieldInfo | undefined = info.fields.get(head.toLowerCase());
        if (f) return { path: f.name, type: f.type };
        continue;
      }
      const rel = info.parents.get(head.toLowerCase());
      if (!rel) continue;
      // Polymorphic lookups (Owner, What, Who): accept a field any of the targets has.
      const next = await this.#walk(rel.referenceTo, rest);
      if (next) return { path: `${rel.name}.${next.path}`, type: next.type };
    }
    return null;
  }

  /** A child relationship of `object` (a subquery's FROM), as its child object's name. */
  async child(object: string, relationship: string): Promise<string> {
    if (!IDENT.test(relationship))
      throw Errors.invalid(`Invalid relationship name: ${JSON.stringify(relationship)}`, { relationship });
    if (!this.#catalog) return relationship;
    const child = (await this.#info(object))?.children.get(relationship.toLowerCase());
    if (!child)
      throw Errors.invalid(`No child relationship ${relationship} on ${object} in the latest topology snapshot`, {
        object,
        relationship,
      });
    return child;
  }
}
