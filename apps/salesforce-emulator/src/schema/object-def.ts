// Builds immutable ObjectDefs and derives new ones from old (copy-on-write edits).
import type { ChildRelationshipDef, FieldDef, FieldExtra, GlobalFlags, ObjectDef, RecordTypeDef } from './types.ts';

export interface ObjectDefInput {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  flags: GlobalFlags;
  urlKeys: readonly string[];
  props: Record<string, unknown>;
  fields: readonly FieldDef[];
  childRelationships: readonly ChildRelationshipDef[];
  recordTypes: readonly RecordTypeDef[];
  extras?: Record<string, FieldExtra>;
}

export function makeObjectDef(input: ObjectDefInput): ObjectDef {
  const fieldMap = new Map<string, FieldDef>();
  for (const f of input.fields) fieldMap.set(f.name.toLowerCase(), f);
  const childMap = new Map<string, ChildRelationshipDef>();
  for (const c of input.childRelationships) {
    if (c.relationshipName) childMap.set(c.relationshipName.toLowerCase(), c);
  }
  return Object.freeze({
    name: input.name,
    label: input.label,
    labelPlural: input.labelPlural,
    keyPrefix: input.keyPrefix,
    custom: input.custom,
    flags: Object.freeze({ ...input.flags }),
    urlKeys: Object.freeze([...input.urlKeys]),
    props: Object.freeze({ ...input.props }),
    fields: Object.freeze(input.fields.map((f) => Object.freeze(f))),
    childRelationships: Object.freeze(input.childRelationships.map((c) => Object.freeze(c))),
    recordTypes: Object.freeze(input.recordTypes.map((r) => Object.freeze(r))),
    extras: Object.freeze({ ...(input.extras ?? {}) }),
    fieldMap,
    childMap,
  });
}

export function toInput(def: ObjectDef): ObjectDefInput {
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: def.custom,
    flags: { ...def.flags },
    urlKeys: def.urlKeys,
    props: { ...def.props },
    fields: def.fields,
    childRelationships: def.childRelationships,
    recordTypes: def.recordTypes,
    extras: { ...def.extras },
  };
}

export function withChanges(def: ObjectDef, change: Partial<ObjectDefInput>): ObjectDef {
  return makeObjectDef({ ...toInput(def), ...change });
}

/** The plain-data form used by snapshots and the state file. */
export function serializeObjectDef(def: ObjectDef): ObjectDefInput {
  return JSON.parse(JSON.stringify(toInput(def))) as ObjectDefInput;
}

export function getField(def: ObjectDef, name: string): FieldDef | undefined {
  return def.fieldMap.get(name.toLowerCase());
}
