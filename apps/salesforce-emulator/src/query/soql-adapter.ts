// Read-only views of an org for the SOQL engine (see src/soql/types.ts). Field visibility goes
// through the running user's FieldAccess, so a field hidden by field-level security is as absent to
// SOQL as it is to describe.
import { normalizeId } from '../ids/salesforce-id.ts';
import type { Org } from '../model/org.ts';
import type { ChildRelationshipDef, FieldAccess, FieldDef, ObjectDef } from '../schema/types.ts';
import type { SoqlChildRelationship, SoqlData, SoqlField, SoqlObject, SoqlRow, SoqlSchema } from '../soql/types.ts';

class ObjectView implements SoqlObject {
  readonly name: string;
  readonly keyPrefix: string | null;
  readonly queryable: boolean;
  readonly #def: ObjectDef;
  readonly #access: FieldAccess;
  #visible: FieldDef[] | undefined;

  constructor(def: ObjectDef, access: FieldAccess) {
    this.#def = def;
    this.#access = access;
    this.name = def.name;
    this.keyPrefix = def.keyPrefix;
    this.queryable = def.flags.queryable;
  }

  getField(name: string): SoqlField | undefined {
    const f = this.#def.fieldMap.get(name.toLowerCase());
    return f && this.#access.canRead(this.#def, f) ? f : undefined;
  }

  fields(): Iterable<SoqlField> {
    this.#visible ??= this.#def.fields.filter((f) => this.#access.canRead(this.#def, f));
    return this.#visible;
  }

  getChildRelationship(relationshipName: string): SoqlChildRelationship | undefined {
    return this.#def.childMap.get(relationshipName.toLowerCase()) as ChildRelationshipDef | undefined;
  }
}

const views = new WeakMap<ObjectDef, Map<string, ObjectView>>();

function viewOf(def: ObjectDef, access: FieldAccess): ObjectView {
  let byAccess = views.get(def);
  if (!byAccess) {
    byAccess = new Map();
    views.set(def, byAccess);
  }
  let view = byAccess.get(access.key);
  if (!view) {
    view = new ObjectView(def, access);
    byAccess.set(access.key, view);
  }
  return view;
}

export function soqlSchema(org: Org, access: FieldAccess): SoqlSchema {
  return {
    getObject(name: string): SoqlObject | undefined {
      const def = org.schema.getObject(name);
      return def ? viewOf(def, access) : undefined;
    },
  };
}

export function soqlData(org: Org): SoqlData {
  const records = org.records;
  return {
    scan: (objectName, includeDeleted) => records.scan(objectName, includeDeleted),
    get(id, includeDeleted) {
      const id15 = normalizeId(id);
      const found = id15 ? records.get(id15) : undefined;
      if (!found || (!includeDeleted && found.row.IsDeleted === true)) return undefined;
      return { objectName: found.objectName, row: found.row as SoqlRow };
    },
    *children(childObject, field, parentId, includeDeleted) {
      for (const id of records.childIds(childObject, field, parentId)) {
        const row = records.get(id)?.row;
        if (row && (includeDeleted || row.IsDeleted !== true)) yield row as SoqlRow;
      }
    },
  };
}
