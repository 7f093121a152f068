// The single write path. Every resource that changes records (REST rows, upsert, composite,
// collections, tree, and later Bulk) calls these functions; they deserialize, check field access,
// apply defaults and derived values, validate, and store, returning Salesforce's SaveResult.
// Request-level problems (unknown fields, undeserialisable values) are thrown as ApiError.
import { canonicalId } from '../ids/salesforce-id.ts';
import type { FieldDef, ObjectDef } from '../schema/types.ts';
import { deriveCompounds, compact, insertDefaults, touchAudit } from './derived-fields.ts';
import { ApiError, dmlError, type DmlError, type SaveResult } from './errors.ts';
import { cascadeDelete } from './delete-cascade.ts';
import type { Row } from './record-store.ts';
import { duplicateError, missingRequired, requiredError, validateValue } from './record-validator.ts';
import { coerceValue } from './value-coercion.ts';
import { relationshipField, resolveParent, UnresolvedParent } from './foreign-key.ts';
import type { WriteContext } from './write-context.ts';

const failed = (...errors: DmlError[]): SaveResult => ({ id: null, success: false, errors });

/** Body keys → canonical fields with coerced values. Unknown keys are INVALID_FIELD for the request. */
export function deserialize(ctx: WriteContext, def: ObjectDef, input: Record<string, unknown>): Map<FieldDef, unknown> {
  const out = new Map<FieldDef, unknown>();
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const f = def.fieldMap.get(key.toLowerCase());
    const rel = f ? undefined : relationshipField(def, key);
    if (rel && ctx.access.canRead(def, rel)) {
      out.set(rel, resolveParent(ctx, rel, raw));
      continue;
    }
    if (!f || !ctx.access.canRead(def, f)) {
      throw new ApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
    }
    out.set(f, coerceValue(f, raw, key, ctx.locate));
  }
  return out;
}

function notWritable(
  ctx: WriteContext,
  def: ObjectDef,
  values: Map<FieldDef, unknown>,
  op: 'create' | 'update',
): DmlError | undefined {
  if (ctx.system) return undefined;
  const bad: string[] = [];
  for (const f of values.keys()) {
    if (f.name === 'Id') continue;
    const allowed = op === 'create' ? f.createable : f.updateable;
    if (!allowed || !ctx.access.canEdit(def, f)) bad.push(f.name);
  }
  if (bad.length === 0) return undefined;
  return dmlError(
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${bad.join(', ')}. Please check the security settings of this field and verify ` +
      `that it is read/write for your profile or permission set.`,
    bad,
  );
}

function applyValues(
  ctx: WriteContext,
  def: ObjectDef,
  row: Row,
  values: Map<FieldDef, unknown>,
): DmlError | undefined {
  for (const [f, raw] of values) {
    if (f.name === 'Id') continue;
    if (raw instanceof UnresolvedParent) return raw.error;
    const { value, error } = validateValue(ctx, def, f, raw);
    if (error) return error;
    row[f.name] = value;
  }
  return undefined;
}

export function insert(ctx: WriteContext, def: ObjectDef, input: Record<string, unknown>): SaveResult {
  const values = deserialize(ctx, def, input);
  if (!def.flags.createable && !ctx.system) {
    return failed(dmlError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be inserted: ${def.label}`));
  }
  const idField = [...values.keys()].find((f) => f.name === 'Id');
  if (idField && values.get(idField) !== null && !ctx.system) {
    return failed(dmlError('INVALID_FIELD', `${idField.label}: cannot specify Id in an insert call`, ['Id']));
  }
  const denied = notWritable(ctx, def, values, 'create');
  if (denied) return failed(denied);
  if (!def.keyPrefix)
    return failed(dmlError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be inserted: ${def.label}`));
  const systemId = ctx.system && idField ? canonicalId(String(values.get(idField))) : undefined;
  const id = systemId ?? ctx.host.ids.next(def.keyPrefix);
  const row = insertDefaults(ctx, def, id);
  const invalid = applyValues(ctx, def, row, values);
  if (invalid) return failed(invalid);
  const missing = missingRequired(def, row);
  if (missing.length && !ctx.system) return failed(requiredError(missing));
  deriveCompounds(def, row);
  const dup = duplicateError(ctx, def, row);
  if (dup) return failed(dup);
  ctx.host.records.insert(def.name, compact(row));
  return { id, success: true, errors: [] };
}

/** Resolves an id for update/delete: MALFORMED_ID, not found, or deleted are per-record errors. */
export function resolveExisting(
  ctx: WriteContext,
  def: ObjectDef | undefined,
  id: unknown,
): { def: ObjectDef; row: Row } | DmlError {
  const label = def ? (def.fieldMap.get('id')?.label ?? 'Record ID') : 'Record ID';
  const canonical = typeof id === 'string' ? canonicalId(id) : undefined;
  if (!canonical) return dmlError('MALFORMED_ID', `${label}: id value of incorrect type: ${String(id)}`, ['Id']);
  const found = ctx.host.records.get(canonical);
  const target = found ? ctx.host.schema.getObject(found.objectName) : undefined;
  if (!found || !target || (def && target.name !== def.name)) {
    if (def && def.keyPrefix !== canonical.slice(0, 3))
      return dmlError('MALFORMED_ID', `${label}: id value of incorrect type: ${String(id)}`, ['Id']);
    return dmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
  }
  if (found.row.IsDeleted === true) return dmlError('ENTITY_IS_DELETED', 'entity is deleted', []);
  return { def: target, row: found.row };
}

export function update(ctx: WriteContext, def: ObjectDef, id: string, input: Record<string, unknown>): SaveResult {
  const values = deserialize(ctx, def, input);
  const existing = resolveExisting(ctx, def, id);
  if ('statusCode' in existing) return failed(existing);
  const rowId = String(existing.row.Id);
  const idField = [...values.keys()].find((f) => f.name === 'Id');
  if (idField && values.get(idField) !== null && canonicalId(String(values.get(idField))) !== rowId) {
    return failed(
      dmlError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: Id. Please check the security settings of this field and verify that it is ` +
          `read/write for your profile or permission set.`,
        ['Id'],
      ),
    );
  }
  if (!def.flags.updateable && !ctx.system) {
    return failed(dmlError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be updated: ${def.label}`));
  }
  const denied = notWritable(ctx, def, values, 'update');
  if (denied) return failed(denied);
  const row: Row = { ...existing.row };
  const invalid = applyValues(ctx, def, row, values);
  if (invalid) return failed(invalid);
  const missing = missingRequired(def, row, new Set([...values.keys()].map((f) => f.name)));
  if (missing.length) return failed(requiredError(missing));
  deriveCompounds(def, row);
  touchAudit(ctx, def, row);
  const dup = duplicateError(ctx, def, row);
  if (dup) return { id: rowId, success: false, errors: [dup] };
  ctx.host.records.replace(rowId, compact(row));
  return { id: rowId, success: true, errors: [] };
}

export function remove(ctx: WriteContext, def: ObjectDef | undefined, id: string): SaveResult {
  const existing = resolveExisting(ctx, def, id);
  if ('statusCode' in existing) return failed(existing);
  const target = existing.def;
  const rowId = String(existing.row.Id);
  if (!target.flags.deletable && !ctx.system) {
    return {
      id: rowId,
      success: false,
      errors: [dmlError('INVALID_TYPE_FOR_OPERATION', `entity type ${target.label} does not support delete`)],
    };
  }
  // A restricted child found deep in the cascade must undo the part already deleted.
  const savepoint = ctx.host.records.begin();
  const blocked = cascadeDelete(ctx, target, existing.row);
  if (blocked) {
    ctx.host.records.rollback(savepoint);
    return { id: rowId, success: false, errors: [blocked] };
  }
  ctx.host.records.commit();
  return { id: rowId, success: true, errors: [] };
}

export interface UpsertOutcome {
  result: SaveResult;
  /** More than one record holds the external id: nothing was written (HTTP 300). */
  matches?: string[];
}

/** Upsert by an idLookup field (an external id, or Id itself). */
export function upsert(
  ctx: WriteContext,
  def: ObjectDef,
  field: FieldDef,
  value: unknown,
  input: Record<string, unknown>,
  updateOnly = false,
): UpsertOutcome {
  const body = { ...input };
  for (const k of Object.keys(body)) if (k.toLowerCase() === field.name.toLowerCase()) delete body[k];
  if (field.name === 'Id') {
    if (value === null || value === undefined || value === '')
      return { result: { ...insert(ctx, def, body), created: true } };
    const r = update(ctx, def, String(value), body);
    return { result: { ...r, created: false } };
  }
  const text = value === null || value === undefined ? '' : String(value);
  const ids =
    text === ''
      ? []
      : ctx.host.records
          .findByValue(def.name, field.name, text, field.caseSensitive)
          .filter((id) => ctx.host.records.get(id)?.row.IsDeleted !== true);
  if (ids.length > 1)
    return {
      result: failed(
        dmlError(
          'DUPLICATE_EXTERNAL_ID',
          `${field.label}: more than one record found for external id field: ${ids.map((i) => i.slice(0, 15)).join(', ')}`,
          [field.name],
        ),
      ),
      matches: ids,
    };
  if (ids.length === 1) return { result: { ...update(ctx, def, ids[0]!, body), created: false } };
  if (updateOnly) return { result: failed(dmlError('NOT_FOUND', 'The requested resource does not exist')) };
  const r = insert(ctx, def, text === '' ? body : { ...body, [field.name]: value });
  return { result: { ...r, created: true } };
}
