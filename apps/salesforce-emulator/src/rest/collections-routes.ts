// sObject Collections: create (POST), update (PATCH), delete (DELETE ?ids=) up to 200 records of any
// types, retrieve (GET/POST /{type}) and upsert (PATCH /{type}/{externalIdField}). Always 200 with one
// result per record in order ({id?, success, errors:[{statusCode, message, fields}]}); allOrNone rolls
// everything back and marks the others ALL_OR_NONE_OPERATION_ROLLED_BACK.
import { insert, remove, update, upsert } from '../model/dml.ts';
import { ApiError, dmlError, type SaveResult } from '../model/errors.ts';
import type { ObjectDef } from '../schema/types.ts';
import { readableFields, renderRecord, resolveFieldList } from './record-view.ts';
import {
  jsonBody,
  objectBody,
  ok,
  writeContext,
  type RestContext,
  type RestRequest,
  type RestResponse,
} from './rest-types.ts';
import { canonicalId } from '../ids/salesforce-id.ts';

const MAX_RECORDS = 200;
const MAX_RETRIEVE = 2000;
const ROLLED_BACK = 'Record rolled back because not all records were valid and the request was using AllOrNone header';

const tooMany = () =>
  new ApiError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');

function invalidType(name: string): ApiError {
  return new ApiError(
    400,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the ` +
      `'__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

function serialize(r: SaveResult, withCreated = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.id) out.id = r.id;
  out.success = r.success;
  out.errors = r.errors;
  if (withCreated) out.created = r.success && r.created === true;
  return out;
}

type Kind = 'create' | 'update' | 'delete' | 'upsert';

/** Runs one operation per record inside a savepoint; allOrNone turns any failure into a rollback. */
function runAll(
  ctx: RestContext,
  allOrNone: boolean,
  count: number,
  op: (i: number) => SaveResult,
  kind: Kind,
): RestResponse {
  const records = ctx.org.records;
  const atomic = allOrNone || ctx.forceAllOrNone === true;
  const savepoint = records.begin();
  const results: SaveResult[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const sp = records.begin();
      let r: SaveResult;
      try {
        r = op(i);
      } catch (err) {
        records.rollback(sp);
        throw err;
      }
      if (r.success) records.commit();
      else records.rollback(sp);
      results.push(r);
    }
  } catch (err) {
    // A request-level error (an unknown field, an undeserialisable value) fails the whole request.
    records.rollback(savepoint);
    throw err;
  }
  const failed = results.some((r) => !r.success);
  const withCreated = kind === 'upsert';
  if (atomic && failed) {
    records.rollback(savepoint);
    const rolledBack = (r: SaveResult): SaveResult => ({
      // A rolled-back create has no id any more; updates and deletes keep theirs.
      id: kind === 'create' || (kind === 'upsert' && r.created) ? null : r.id,
      success: false,
      errors: [dmlError('ALL_OR_NONE_OPERATION_ROLLED_BACK', ROLLED_BACK)],
    });
    return { ...ok(results.map((r) => serialize(r.success ? rolledBack(r) : r))), partialFailure: true };
  }
  records.commit();
  return { ...ok(results.map((r) => serialize(r, withCreated))), partialFailure: failed };
}

function recordList(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const list = body.records;
  if (!Array.isArray(list)) throw new ApiError(400, 'JSON_PARSER_ERROR', 'The records list is required.');
  if (list.length > MAX_RECORDS) throw tooMany();
  return list as Array<Record<string, unknown>>;
}

function typeOf(ctx: RestContext, record: Record<string, unknown>): ObjectDef {
  const type = (record?.attributes as Record<string, unknown> | undefined)?.type;
  if (typeof type !== 'string')
    throw new ApiError(400, 'INVALID_TYPE', 'No SObject Type defined in the attributes of a record');
  const def = ctx.org.schema.getObject(type);
  if (!def) throw invalidType(type);
  return def;
}

export function collections(ctx: RestContext, req: RestRequest): RestResponse {
  if (req.method === 'DELETE') {
    const ids = (req.query.get('ids') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
    if (ids.length > MAX_RECORDS) throw tooMany();
    const wctx = writeContext(ctx, req);
    return runAll(
      ctx,
      req.query.get('allOrNone') === 'true',
      ids.length,
      (i) => {
        const id = ids[i]!;
        if (!canonicalId(id))
          return { id: null, success: false, errors: [dmlError('MALFORMED_ID', `malformed id ${id}`)] };
        return remove(wctx, undefined, id);
      },
      'delete',
    );
  }
  if (req.method !== 'POST' && req.method !== 'PATCH') {
    throw new ApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${req.method}' not allowed. Allowed are DELETE,PATCH,POST`,
    );
  }
  const body = objectBody(req, 'SObjectCollection');
  const list = recordList(body);
  const defs = list.map((r) => typeOf(ctx, r));
  const creating = req.method === 'POST';
  return runAll(
    ctx,
    body.allOrNone === true,
    list.length,
    (i) => {
      const record = list[i]!;
      const wctx = writeContext(ctx, req, ['records', i]);
      if (creating) return insert(wctx, defs[i]!, record);
      const idKey = Object.keys(record).find((k) => k.toLowerCase() === 'id');
      if (!idKey || record[idKey] === null || record[idKey] === undefined) {
        return {
          id: null,
          success: false,
          errors: [dmlError('MISSING_ARGUMENT', 'Id not specified in an update call')],
        };
      }
      const { [idKey]: id, ...rest } = record;
      const r = update(wctx, defs[i]!, String(id), rest);
      return r.success || r.errors[0]?.statusCode !== 'MALFORMED_ID' ? r : { ...r, id: null };
    },
    creating ? 'create' : 'update',
  );
}

/** GET /composite/sobjects/{type}?ids=&fields= and POST with {ids, fields}: records in order, null when not found. */
export function collectionsForType(ctx: RestContext, req: RestRequest, typeName: string): RestResponse {
  if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD') {
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD,POST`);
  }
  const def = ctx.org.schema.getObject(typeName);
  if (!def) throw invalidType(typeName);
  let ids: string[];
  let fieldList: string | null;
  if (req.method === 'POST') {
    const body = jsonBody(req) as Record<string, unknown>;
    ids = Array.isArray(body?.ids) ? body.ids.map(String) : [];
    fieldList = Array.isArray(body?.fields) ? body.fields.map(String).join(',') : null;
  } else {
    ids = (req.query.get('ids') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    fieldList = req.query.get('fields');
  }
  if (ids.length === 0 || fieldList === null)
    throw new ApiError(400, 'MISSING_ARGUMENT', 'ids and fields are required');
  if (ids.length > MAX_RETRIEVE)
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RETRIEVE} records into this call`,
    );
  const fields = resolveFieldList(def, ctx.access, fieldList) ?? readableFields(def, ctx.access);
  return ok(
    ids.map((raw) => {
      const id = canonicalId(raw);
      const found = id ? ctx.org.records.get(id) : undefined;
      if (!found || found.objectName !== def.name || found.row.IsDeleted === true) return null;
      return renderRecord(def, found.row, ctx.apiVersion, fields);
    }),
  );
}

/** PATCH /composite/sobjects/{type}/{externalIdField}: upsert up to 200 records of one type. */
export function collectionsUpsert(
  ctx: RestContext,
  req: RestRequest,
  typeName: string,
  fieldName: string,
): RestResponse {
  if (req.method !== 'PATCH')
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are PATCH`);
  const def = ctx.org.schema.getObject(typeName);
  if (!def) throw invalidType(typeName);
  const field = def.fieldMap.get(fieldName.toLowerCase());
  if (!field || !(field.idLookup || field.externalId))
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const body = objectBody(req, 'SObjectCollection');
  const list = recordList(body);
  return runAll(
    ctx,
    body.allOrNone === true,
    list.length,
    (i) => {
      const record = list[i]!;
      if (typeOf(ctx, record).name !== def.name) {
        return {
          id: null,
          success: false,
          errors: [dmlError('INVALID_FIELD', `The sObject type in attributes doesn't match ${def.name}`)],
        };
      }
      const key = Object.keys(record).find((k) => k.toLowerCase() === field.name.toLowerCase());
      const value = key ? record[key] : undefined;
      const outcome = upsert(writeContext(ctx, req, ['records', i]), def, field, value ?? null, record);
      return outcome.result;
    },
    'upsert',
  );
}
