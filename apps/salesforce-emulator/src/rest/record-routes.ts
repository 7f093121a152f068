// sObject rows: create, retrieve (fields=), update, delete, and rows by external id (get, upsert,
// delete) with Salesforce's statuses: 201/200/204, 300 for several matches, 400 validation errors,
// 404 for ids or external-id fields it cannot resolve.
import { canonicalId } from '../ids/salesforce-id.ts';
import { insert, remove, update, upsert } from '../model/dml.ts';
import { ApiError, NOT_FOUND, notFound, toRestError, type SaveResult } from '../model/errors.ts';
import type { FieldDef, ObjectDef } from '../schema/types.ts';
import { requireObject } from './describe-routes.ts';
import { readableFields, recordUrl, renderRecord, resolveFieldList } from './record-view.ts';
import { objectBody, ok, writeContext, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

/** 201/204/200 for a successful save; the REST error body for a failed one. */
export function saveFailure(result: SaveResult): RestResponse {
  const first = result.errors[0];
  const status = first && (first.statusCode === 'ENTITY_IS_DELETED' || first.statusCode === 'NOT_FOUND') ? 404 : 400;
  return { status, body: result.errors.map(toRestError) };
}

export function createRecord(ctx: RestContext, req: RestRequest, def: ObjectDef): RestResponse {
  const body = objectBody(req, def.name);
  const result = insert(writeContext(ctx, req), def, body);
  if (!result.success) return saveFailure(result);
  return ok({ id: result.id, success: true, errors: [] }, 201, {
    Location: recordUrl(ctx.apiVersion, def.name, result.id!),
  });
}

function liveRow(ctx: RestContext, def: ObjectDef, text: string, invalid: () => ApiError) {
  const id = canonicalId(text);
  if (!id) throw invalid();
  const found = ctx.org.records.get(id);
  if (!found || found.objectName !== def.name) throw notFound();
  if (found.row.IsDeleted === true) throw new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  return found.row;
}

const noSuchExternalIdField = (name: string) =>
  notFound(`Provided external ID field does not exist or is not accessible: ${name}`);

export function recordById(ctx: RestContext, req: RestRequest, objectName: string, idText: string): RestResponse {
  const def = requireObject(ctx, objectName);
  switch (req.method) {
    case 'GET':
    case 'HEAD': {
      const fields = resolveFieldList(def, ctx.access, req.query.get('fields'));
      const row = liveRow(ctx, def, idText, () => noSuchExternalIdField(idText));
      return ok(renderRecord(def, row, ctx.apiVersion, fields ?? readableFields(def, ctx.access)));
    }
    case 'PATCH': {
      const body = objectBody(req, def.name);
      const label = def.fieldMap.get('id')?.label ?? 'Record ID';
      liveRow(
        ctx,
        def,
        idText,
        () => new ApiError(400, 'MALFORMED_ID', `${label}: id value of incorrect type: ${idText}`, ['Id']),
      );
      const result = update(writeContext(ctx, req), def, idText, body);
      return result.success ? { status: 204 } : saveFailure(result);
    }
    case 'DELETE': {
      liveRow(ctx, def, idText, () => noSuchExternalIdField(idText));
      const result = remove(writeContext(ctx, req), def, idText);
      return result.success ? { status: 204 } : saveFailure(result);
    }
    case 'POST':
      if (idText.toLowerCase() === 'id') return upsertBy(ctx, req, def, def.fieldMap.get('id')!, null);
      throw new ApiError(
        405,
        'METHOD_NOT_ALLOWED',
        `HTTP Method 'POST' not allowed. Allowed are GET,HEAD,PATCH,DELETE`,
      );
    default:
      throw new ApiError(
        405,
        'METHOD_NOT_ALLOWED',
        `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD,PATCH,DELETE`,
      );
  }
}

function externalIdField(def: ObjectDef, name: string): FieldDef | undefined {
  const f = def.fieldMap.get(name.toLowerCase());
  return f && (f.idLookup || f.externalId) ? f : undefined;
}

function upsertBy(
  ctx: RestContext,
  req: RestRequest,
  def: ObjectDef,
  field: FieldDef,
  value: string | null,
): RestResponse {
  const body = objectBody(req, def.name);
  const outcome = upsert(writeContext(ctx, req), def, field, value, body, req.query.get('updateOnly') === 'true');
  if (outcome.matches)
    return { status: 300, body: outcome.matches.map((id) => recordUrl(ctx.apiVersion, def.name, id)) };
  const r = outcome.result;
  if (!r.success) return saveFailure(r);
  const legacy = Number(ctx.apiVersion) < 46;
  if (!r.created && legacy) return { status: 204 };
  const out: Record<string, unknown> = { id: r.id, success: true, errors: [] };
  if (!legacy) out.created = r.created === true;
  return ok(
    out,
    r.created ? 201 : 200,
    r.created ? { Location: recordUrl(ctx.apiVersion, def.name, r.id!) } : undefined,
  );
}

export function recordByExternalId(
  ctx: RestContext,
  req: RestRequest,
  objectName: string,
  fieldName: string,
  value: string,
): RestResponse {
  const def = requireObject(ctx, objectName);
  const field = externalIdField(def, fieldName);
  if (req.method === 'PATCH') {
    if (!field) throw notFound(NOT_FOUND);
    return upsertBy(ctx, req, def, field, value);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'DELETE') {
    throw new ApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD,PATCH,DELETE`,
    );
  }
  if (!field) throw noSuchExternalIdField(fieldName);
  let ids: string[];
  if (field.name === 'Id') {
    const id = canonicalId(value);
    ids = id && ctx.org.records.get(id)?.objectName === def.name ? [id] : [];
  } else {
    ids = ctx.org.records.findByValue(def.name, field.name, value, field.caseSensitive);
  }
  ids = ids.filter((id) => ctx.org.records.get(id)?.row.IsDeleted !== true);
  if (ids.length === 0) throw notFound();
  if (ids.length > 1) return { status: 300, body: ids.map((id) => recordUrl(ctx.apiVersion, def.name, id)) };
  if (req.method === 'DELETE') {
    const result = remove(writeContext(ctx, req), def, ids[0]!);
    return result.success ? { status: 204 } : saveFailure(result);
  }
  const fields = resolveFieldList(def, ctx.access, req.query.get('fields')) ?? readableFields(def, ctx.access);
  return ok(renderRecord(def, ctx.org.records.get(ids[0]!)!.row, ctx.apiVersion, fields));
}
