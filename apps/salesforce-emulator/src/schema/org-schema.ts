// One org's schema: the shared base schema plus a copy-on-write overlay of the objects this org added,
// changed or removed. Every mutation replaces an ObjectDef, moves the object's and the org's
// "last modified" (which drive If-Modified-Since), and notifies listeners (the record store purges
// values of removed fields and objects), so describe, SOQL and writes all see a change at once.
import { base62 } from '../ids/salesforce-id.ts';
import type { BaseSchema } from './base-schema.ts';
import { buildCustomObject, type CustomObjectSpec } from './custom-object-factory.ts';
import type { ObjectHeader } from './describe-completion.ts';
import { buildField, SchemaError, type FieldSpec } from './field-factory.ts';
import { withChanges } from './object-def.ts';
import type { ChildRelationshipDef, FieldDef, FieldExtra, ObjectDef, RecordTypeDef } from './types.ts';

export type SchemaChange =
  | { kind: 'objectAdded' | 'objectRemoved' | 'objectChanged'; object: string }
  | { kind: 'fieldAdded' | 'fieldRemoved' | 'fieldChanged'; object: string; field: string };

export class OrgSchema {
  readonly base: BaseSchema;
  /** lower-case name → replacement ObjectDef, or null when removed. */
  private readonly overlay = new Map<string, ObjectDef | null>();
  private readonly modified = new Map<string, number>();
  private readonly listeners: Array<(change: SchemaChange) => void> = [];
  private readonly baselineMs: number;
  private globalModifiedMs: number;
  private prefixSequence = 0;
  /** Bumps on every change; caches keyed on it stay correct. */
  version = 0;
  private readonly now: () => number;

  constructor(base: BaseSchema, createdMs: number, now: () => number) {
    this.base = base;
    this.baselineMs = createdMs;
    this.globalModifiedMs = createdMs;
    this.now = now;
  }

  onChange(listener: (change: SchemaChange) => void): void {
    this.listeners.push(listener);
  }

  getObject(name: string): ObjectDef | undefined {
    const key = name.toLowerCase();
    const over = this.overlay.get(key);
    if (over !== undefined) return over ?? undefined;
    return this.base.get(key);
  }

  /** describeGlobal data without expanding untouched base objects. */
  header(name: string): ObjectHeader | undefined {
    const key = name.toLowerCase();
    const over = this.overlay.get(key);
    if (over !== undefined) return over ?? undefined;
    return this.base.header(key);
  }

  /** Every object name, sorted as Salesforce sorts describeGlobal (by code unit). */
  names(): string[] {
    const out: string[] = [];
    for (const n of this.base.names) if (this.overlay.get(n.toLowerCase()) !== null) out.push(n);
    for (const def of this.overlay.values()) if (def && !this.base.has(def.name)) out.push(def.name);
    return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  lastModified(name?: string): number {
    if (name === undefined) return this.globalModifiedMs;
    return this.modified.get(name.toLowerCase()) ?? this.baselineMs;
  }

  // ---- objects ----

  addObject(spec: CustomObjectSpec): ObjectDef {
    if (this.getObject(spec.name))
      throw new SchemaError('DUPLICATE_DEVELOPER_NAME', `An object with name ${spec.name} already exists`);
    const def = buildCustomObject(spec, this.nextKeyPrefix(), (n) => this.getObject(n) !== undefined);
    this.put(def);
    this.emit({ kind: 'objectAdded', object: def.name });
    return def;
  }

  updateObject(
    name: string,
    patch: Partial<Pick<CustomObjectSpec, 'label' | 'labelPlural' | 'description'>>,
  ): ObjectDef {
    const def = this.requireObject(name);
    const next = withChanges(def, {
      label: patch.label ?? def.label,
      labelPlural: patch.labelPlural ?? def.labelPlural,
      props: { ...def.props, ...(patch.description !== undefined ? { description: patch.description } : {}) },
    });
    this.put(next);
    this.emit({ kind: 'objectChanged', object: next.name });
    return next;
  }

  /** The object's record types as describe lists them (Master first), e.g. after a RecordType deploy. */
  setRecordTypes(name: string, recordTypes: RecordTypeDef[]): ObjectDef {
    const def = this.requireObject(name);
    const same = JSON.stringify(def.recordTypes) === JSON.stringify(recordTypes);
    if (same) return def;
    const next = withChanges(def, { recordTypes });
    this.put(next);
    this.emit({ kind: 'objectChanged', object: next.name });
    return next;
  }

  removeObject(name: string): void {
    const def = this.requireObject(name);
    if (!def.custom)
      throw new SchemaError('CANNOT_DELETE_STANDARD_OBJECT', `Cannot delete standard object ${def.name}`);
    // Lookups on other objects that point here go with it, as Salesforce deletes dependent fields.
    for (const other of this.customReferencesTo(def.name)) this.removeField(other.object, other.field);
    for (const f of def.fields) if (f.custom && f.type === 'reference') this.unlinkParent(def, f);
    this.overlay.set(def.name.toLowerCase(), null);
    this.touch(def.name);
    this.emit({ kind: 'objectRemoved', object: def.name });
  }

  // ---- fields ----

  addField(objectName: string, spec: FieldSpec): FieldDef {
    const def = this.requireObject(objectName);
    if (def.fieldMap.has(spec.name.toLowerCase()))
      throw new SchemaError('DUPLICATE_DEVELOPER_NAME', `Field ${spec.name} already exists on ${def.name}`);
    const { field, extra } = buildField(spec);
    if (field.type === 'reference') this.linkParent(def, field, extra);
    this.put(
      withChanges(this.requireObject(def.name), {
        fields: [...this.requireObject(def.name).fields, field],
        extras: { ...def.extras, [field.name]: extra },
      }),
    );
    this.emit({ kind: 'fieldAdded', object: def.name, field: field.name });
    return field;
  }

  /** Replaces a custom field from a full spec, or patches describe keys of any field (e.g. a standard picklist's values). */
  updateField(objectName: string, fieldName: string, change: FieldSpec | Partial<FieldDef>): FieldDef {
    const def = this.requireObject(objectName);
    const old = def.fieldMap.get(fieldName.toLowerCase());
    if (!old) throw new SchemaError('INVALID_FIELD', `No such field ${fieldName} on ${def.name}`);
    let next: FieldDef;
    let extras = def.extras;
    if ('type' in change && typeof change.type === 'string' && /^[A-Z]/.test(change.type)) {
      if (!old.custom) throw new SchemaError('INVALID_FIELD', `Cannot redefine standard field ${old.name}`);
      const built = buildField({ ...(change as FieldSpec), name: old.name });
      next = built.field;
      extras = { ...def.extras, [old.name]: built.extra };
    } else {
      next = { ...old, ...(change as Partial<FieldDef>), name: old.name } as FieldDef;
    }
    if (old.type === 'reference') this.unlinkParent(def, old);
    if (next.type === 'reference') this.linkParent(def, next, extras[old.name]);
    const current = this.requireObject(def.name);
    this.put(withChanges(current, { fields: current.fields.map((f) => (f.name === old.name ? next : f)), extras }));
    this.emit({ kind: 'fieldChanged', object: def.name, field: old.name });
    return next;
  }

  removeField(objectName: string, fieldName: string): void {
    const def = this.requireObject(objectName);
    const old = def.fieldMap.get(fieldName.toLowerCase());
    if (!old) throw new SchemaError('INVALID_FIELD', `No such field ${fieldName} on ${def.name}`);
    if (!old.custom) throw new SchemaError('INVALID_FIELD', `Cannot delete standard field ${old.name}`);
    if (old.type === 'reference') this.unlinkParent(def, old);
    const current = this.requireObject(def.name);
    const extras = { ...current.extras };
    delete extras[old.name];
    this.put(withChanges(current, { fields: current.fields.filter((f) => f.name !== old.name), extras }));
    this.emit({ kind: 'fieldRemoved', object: def.name, field: old.name });
  }

  // ---- workspaces (Metadata API deploys) ----

  /** An independent copy: a deploy or CRUD call applies its components to one and commits it with adopt(). */
  clone(): OrgSchema {
    const copy = new OrgSchema(this.base, this.baselineMs, this.now);
    copy.restore(this.overlayEntries(), [...this.modified.entries()], this.globalModifiedMs, this.prefixSequence);
    copy.version = this.version;
    return copy;
  }

  /** Takes over a copy's state and tells listeners what changed, so the record store drops the values of
   * removed fields and objects exactly as if the changes had been made here one by one. */
  adopt(other: OrgSchema): void {
    const changes: SchemaChange[] = [];
    for (const key of new Set([...this.overlay.keys(), ...other.overlay.keys()])) {
      const before = this.getObject(key);
      const after = other.getObject(key);
      if (before === after) continue;
      if (!after) changes.push({ kind: 'objectRemoved', object: before!.name });
      else if (!before) changes.push({ kind: 'objectAdded', object: after.name });
      else {
        for (const f of before.fields) {
          const g = after.fieldMap.get(f.name.toLowerCase());
          if (!g) changes.push({ kind: 'fieldRemoved', object: before.name, field: f.name });
          else if (g !== f) changes.push({ kind: 'fieldChanged', object: before.name, field: f.name });
        }
        for (const g of after.fields)
          if (!before.fieldMap.has(g.name.toLowerCase()))
            changes.push({ kind: 'fieldAdded', object: after.name, field: g.name });
      }
    }
    const version = Math.max(this.version, other.version) + 1;
    this.restore(other.overlayEntries(), [...other.modified.entries()], other.globalModifiedMs, other.prefixSequence);
    this.version = version;
    for (const c of changes) this.emit(c);
  }

  // ---- persistence ----

  overlayEntries(): Array<[string, ObjectDef | null]> {
    return [...this.overlay.entries()];
  }

  /** True while the org has no customisation (its schema is exactly the shared base schema). */
  get pristine(): boolean {
    return this.overlay.size === 0;
  }

  restore(
    entries: Array<[string, ObjectDef | null]>,
    modified: Array<[string, number]>,
    globalModified: number,
    prefixSequence: number,
  ): void {
    this.overlay.clear();
    for (const [k, v] of entries) this.overlay.set(k, v);
    this.modified.clear();
    for (const [k, v] of modified) this.modified.set(k, v);
    this.globalModifiedMs = globalModified;
    this.prefixSequence = prefixSequence;
    this.version++;
  }

  persistedTimes(): { modified: Array<[string, number]>; globalModified: number; prefixSequence: number } {
    return {
      modified: [...this.modified.entries()],
      globalModified: this.globalModifiedMs,
      prefixSequence: this.prefixSequence,
    };
  }

  // ---- internals ----

  private requireObject(name: string): ObjectDef {
    const def = this.getObject(name);
    if (!def) throw new SchemaError('INVALID_TYPE', `sObject type '${name}' is not supported.`);
    return def;
  }

  private put(def: ObjectDef): void {
    this.overlay.set(def.name.toLowerCase(), def);
    this.touch(def.name);
  }

  private touch(name: string): void {
    // Strictly increasing, so a change is never hidden by one in the same millisecond.
    const t = Math.max(this.now(), this.globalModifiedMs + 1);
    this.modified.set(name.toLowerCase(), t);
    this.globalModifiedMs = t;
    this.version++;
  }

  private emit(change: SchemaChange): void {
    for (const l of this.listeners) l(change);
  }

  private linkParent(child: ObjectDef, field: FieldDef, extra: FieldExtra = {}): void {
    for (const parentName of field.referenceTo) {
      const parent = this.getObject(parentName);
      if (!parent)
        throw new SchemaError(
          'FIELD_INTEGRITY_EXCEPTION',
          `referenceTo value ${parentName} does not resolve to a valid sObject type`,
        );
      // Salesforce defaults the child relationship name to the child's plural label.
      const base =
        extra.childRelationshipName ?? child.labelPlural.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
      const relationshipName = `${base}__r`;
      const clash = parent.childMap.get(relationshipName.toLowerCase());
      if (clash && !(clash.childSObject === child.name && clash.field === field.name)) {
        throw new SchemaError(
          'DUPLICATE_DEVELOPER_NAME',
          `${parent.name} already has a child relationship named ${relationshipName}`,
        );
      }
      const rel: ChildRelationshipDef = {
        cascadeDelete: Boolean(field.cascadeDelete),
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: field.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName,
        restrictedDelete: Boolean(field.restrictedDelete),
      };
      const others = parent.childRelationships.filter(
        (c) => !(c.childSObject === child.name && c.field === field.name),
      );
      this.put(withChanges(parent, { childRelationships: [...others, rel] }));
    }
  }

  private unlinkParent(child: ObjectDef, field: FieldDef): void {
    for (const parentName of field.referenceTo) {
      const parent = this.getObject(parentName);
      if (!parent) continue;
      const kept = parent.childRelationships.filter((c) => !(c.childSObject === child.name && c.field === field.name));
      if (kept.length !== parent.childRelationships.length) this.put(withChanges(parent, { childRelationships: kept }));
    }
  }

  private customReferencesTo(name: string): Array<{ object: string; field: string }> {
    const out: Array<{ object: string; field: string }> = [];
    for (const def of this.overlay.values()) {
      if (!def || def.name === name) continue;
      for (const f of def.fields)
        if (f.custom && f.referenceTo.includes(name)) out.push({ object: def.name, field: f.name });
    }
    return out;
  }

  private nextKeyPrefix(): string {
    const used = new Set<string>();
    for (const def of this.overlay.values()) if (def?.keyPrefix) used.add(def.keyPrefix);
    for (;;) {
      const p = `a${base62(this.prefixSequence++, 2)}`;
      if (!used.has(p) && !this.base.has(p)) return p;
    }
  }
}
