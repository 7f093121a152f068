// Relationship by external id in a write body, as Salesforce documents it for REST and collections:
// {"Account": {"Ext__c": "A-1"}} (the lookup's relationship name, one external id field of the
// parent; "attributes": {"type"} names the parent of a polymorphic lookup) sets AccountId to the
// record holding that value, without the client querying for its Id first.
import type { FieldDef, ObjectDef } from '../schema/types.ts';
import { ApiError, dmlError, type DmlError } from './errors.ts';
import type { WriteContext } from './write-context.ts';

/** A parent that could not be resolved: a per-record error, not a request-level one. */
export class UnresolvedParent {
  readonly error: DmlError;
  constructor(error: DmlError) {
    this.error = error;
  }
}

export function relationshipField(def: ObjectDef, key: string): FieldDef | undefined {
  const k = key.toLowerCase();
  for (const f of def.fieldMap.values())
    if (f.type === 'reference' && f.relationshipName && f.relationshipName.toLowerCase() === k) return f;
  return undefined;
}

export function resolveParent(ctx: WriteContext, f: FieldDef, raw: unknown): string | null | UnresolvedParent {
  if (raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${f.relationshipName} from a scalar`);
  const body = raw as Record<string, unknown>;
  const type = (body.attributes as { type?: unknown } | undefined)?.type;
  const parentName = typeof type === 'string' ? type : f.referenceTo.length === 1 ? f.referenceTo[0] : undefined;
  const parent = parentName ? ctx.host.schema.getObject(parentName) : undefined;
  if (!parent || !f.referenceTo.some((r) => r.toLowerCase() === parent.name.toLowerCase()))
    throw new ApiError(400, 'INVALID_FIELD', `The relationship ${f.relationshipName} needs a parent sObject type`);
  const keys = Object.keys(body).filter((k) => k !== 'attributes');
  if (keys.length !== 1)
    throw new ApiError(400, 'INVALID_FIELD', `${f.relationshipName}: exactly one external id field is expected`);
  const ext = parent.fieldMap.get(keys[0]!.toLowerCase());
  if (!ext || !(ext.externalId || ext.idLookup))
    throw new ApiError(400, 'INVALID_FIELD', `Field ${keys[0]} is not an external id field of ${parent.name}`);
  const value = String(body[keys[0]!] ?? '');
  const ids = ctx.host.records
    .findByValue(parent.name, ext.name, value, ext.caseSensitive)
    .filter((id) => ctx.host.records.get(id)?.row.IsDeleted !== true);
  if (ids.length === 1) return ids[0]!;
  return new UnresolvedParent(
    ids.length === 0
      ? dmlError(
          'INVALID_FIELD',
          `Foreign key external ID: ${value} not found for field ${ext.name} in entity ${parent.name}`,
          [f.name],
        )
      : dmlError(
          'INVALID_FIELD',
          `More than 1 record found for external id field ${ext.name} in entity ${parent.name}: ${value}`,
          [f.name],
        ),
  );
}
