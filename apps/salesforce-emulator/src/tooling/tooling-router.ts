// /services/data/vXX.X/tooling: query (the shared SOQL engine over Tooling rows, attributes under
// /tooling/sobjects/), sobjects (describeGlobal), sobjects/{type}[/describe], and CRUD of CustomField
// and CustomObject records ({"FullName", "Metadata"}) through the same component operations as the
// Metadata API. Errors have the REST shape.
import { ApiError, notFound } from '../model/errors.ts';
import { deleteComponent, readComponent, saveComponent } from '../metadata/component-ops.ts';
import { commitWorkspace, openWorkspace, splitName, type Workspace } from '../metadata/workspace.ts';
import type { MdRecord } from '../metadata/xml-codec.ts';
import { soqlData } from '../query/soql-adapter.ts';
import { globalEntry, describeJson } from '../schema/describe-render.ts';
import type { ObjectDef } from '../schema/types.ts';
import { executeSoql, SoqlError } from '../soql/index.ts';
import type { SoqlData, SoqlObject, SoqlRow, SoqlSchema } from '../soql/types.ts';
import {
  jsonBody,
  methodNotAllowed,
  ok,
  type RestContext,
  type RestRequest,
  type RestResponse,
} from '../rest/rest-types.ts';
import { fieldRow, jsonToMd, objectRow, toolingRows } from './tooling-data.ts';
import { ORG_BACKED, toolingNames, toolingObject, WRITABLE } from './tooling-schema.ts';

const FULL = { key: 'all', canRead: () => true, canEdit: () => true };

function view(def: ObjectDef): SoqlObject {
  return {
    name: def.name,
    keyPrefix: def.keyPrefix,
    queryable: true,
    getField: (n) => def.fieldMap.get(n.toLowerCase()),
    fields: () => def.fields,
    getChildRelationship: (r) => def.childMap.get(r.toLowerCase()),
  };
}

function resolve(ctx: RestContext, name: string): ObjectDef | undefined {
  if (ORG_BACKED.some((n) => n.toLowerCase() === name.toLowerCase())) return ctx.org.schema.getObject(name);
  return toolingObject(name);
}

function runQuery(ctx: RestContext, req: RestRequest): RestResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
  const q = req.query.get('q');
  if (q === null || q.trim() === '') throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const ws = openWorkspace(ctx.org, ctx.userId, ctx.nowMs);
  const schema: SoqlSchema = {
    getObject: (n) => {
      const d = resolve(ctx, n);
      return d ? view(d) : undefined;
    },
  };
  const orgData = soqlData(ctx.org);
  const cache = new Map<string, SoqlRow[]>();
  const rowsOf = (object: string): SoqlRow[] => {
    const def = resolve(ctx, object);
    if (!def) return [];
    if (ORG_BACKED.includes(def.name)) return [...orgData.scan(def.name, false)];
    let rows = cache.get(def.name);
    if (!rows) {
      rows = [...toolingRows(ws, def.name, q)];
      cache.set(def.name, rows);
    }
    return rows;
  };
  let index: Map<string, { objectName: string; row: SoqlRow }> | undefined;
  const data: SoqlData = {
    scan: (object) => rowsOf(object),
    get(id, includeDeleted) {
      if (!index) {
        index = new Map();
        for (const o of [
          'EntityDefinition',
          'Flow',
          'FlowDefinition',
          'CustomObject',
          'CustomField',
          'ValidationRule',
          'RecordType',
          'Layout',
        ]) {
          for (const row of rowsOf(o)) {
            for (const k of [row.DurableId, row.Id, row.QualifiedApiName])
              if (typeof k === 'string' && k !== '000000000000000AAA' && !index.has(k.toLowerCase()))
                index.set(k.toLowerCase(), { objectName: o, row });
          }
        }
      }
      return index.get(id.toLowerCase()) ?? index.get(id.slice(0, 15).toLowerCase()) ?? orgData.get(id, includeDeleted);
    },
  };
  let result;
  try {
    result = executeSoql(q, schema, data, {
      apiVersion: ctx.apiVersion,
      includeDeleted: false,
      now: new Date(ctx.nowMs),
      urlBase: 'tooling',
    });
  } catch (err) {
    if (err instanceof SoqlError) throw new ApiError(err.status, err.errorCode, err.message);
    throw err;
  }
  const selectList = q.slice(0, q.search(/\bfrom\b/i) < 0 ? q.length : q.search(/\bfrom\b/i));
  if (/\b(Metadata|FullName)\b/i.test(selectList) && result.records.length > 1) {
    throw new ApiError(
      400,
      'MALFORMED_QUERY',
      `When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than ` +
        `one row for retrieval. Result size: ${result.records.length}`,
    );
  }
  return ok({
    size: result.totalSize,
    totalSize: result.totalSize,
    done: true,
    queryLocator: null,
    entityTypeName: result.records[0] ? (result.records[0].attributes as { type: string }).type : null,
    records: result.records,
  });
}

function describeGlobal(ctx: RestContext): RestResponse {
  const sobjects = toolingNames()
    .map((n) => resolve(ctx, n))
    .filter((d): d is ObjectDef => !!d)
    .map((d) => {
      const e = globalEntry(d, ctx.apiVersion);
      const urls = e.urls as Record<string, string>;
      for (const k of Object.keys(urls)) urls[k] = urls[k]!.replace('/sobjects/', '/tooling/sobjects/');
      return e;
    });
  return ok({ encoding: 'UTF-8', maxBatchSize: 200, sobjects });
}

const restError = (
  problems: Array<{ statusCode: string; message: string; fields?: string[] }>,
  status = 400,
): ApiError => {
  const p = problems[0]!;
  const code = p.statusCode === 'DUPLICATE_DEVELOPER_NAME' ? 'DUPLICATE_VALUE' : p.statusCode;
  const message =
    p.statusCode === 'DUPLICATE_DEVELOPER_NAME'
      ? 'duplicate value found: <unknown> duplicates value on record with id: <unknown>'
      : p.message;
  return new ApiError(status, code, message, p.fields ?? []);
};

function findById(ws: Workspace, type: string, id: string): string | undefined {
  const rows = [...toolingRows(ws, type, '')];
  const hit = rows.find((r) => typeof r.Id === 'string' && r.Id.slice(0, 15) === id.slice(0, 15));
  return hit ? String(hit.FullName) : undefined;
}

function record(ctx: RestContext, req: RestRequest, type: string, id: string): RestResponse {
  const ws = openWorkspace(ctx.org, ctx.userId, ctx.nowMs);
  const fullName = findById(ws, type, id);
  if (!fullName) throw notFound();
  if (req.method === 'GET' || req.method === 'HEAD') {
    const [o, f] = splitName(fullName);
    const def = ws.schema.getObject(o)!;
    const row = type === 'CustomField' ? fieldRow(ws, def, def.fieldMap.get(f.toLowerCase())!) : objectRow(ws, def);
    return ok({
      attributes: { type, url: `/services/data/v${ctx.apiVersion}/tooling/sobjects/${type}/${row.Id}` },
      ...row,
    });
  }
  if (req.method === 'PATCH') {
    const body = jsonBody(req) as { Metadata?: unknown } | null;
    const current = readComponent(ws, type, fullName) ?? {};
    const md = (jsonToMd(body?.Metadata) ?? {}) as MdRecord;
    const merged: MdRecord = type === 'CustomObject' ? { ...current, ...md } : { ...md };
    for (const k of ['fields', 'validationRules', 'recordTypes', 'listViews', 'compactLayouts'])
      if (type === 'CustomObject' && !(k in md)) delete merged[k];
    const r = saveComponent(ws, type, { ...merged, fullName }, 'update');
    if (!r.success) throw restError(r.problems);
    commitWorkspace(ws);
    return { status: 204 };
  }
  if (req.method === 'DELETE') {
    const r = deleteComponent(ws, type, fullName);
    if (!r.success) throw restError(r.problems);
    commitWorkspace(ws);
    return { status: 204 };
  }
  throw methodNotAllowed(req.method, ['GET', 'HEAD', 'PATCH', 'DELETE']);
}

function create(ctx: RestContext, req: RestRequest, type: string): RestResponse {
  const body = jsonBody(req) as { FullName?: unknown; Metadata?: unknown } | null;
  if (!body || typeof body.FullName !== 'string')
    throw new ApiError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [FullName]', ['FullName']);
  const ws = openWorkspace(ctx.org, ctx.userId, ctx.nowMs);
  const md = (jsonToMd(body.Metadata ?? {}) ?? {}) as MdRecord;
  const r = saveComponent(ws, type, { ...md, fullName: body.FullName }, 'create');
  if (!r.success) throw restError(r.problems);
  commitWorkspace(ws);
  return ok({ id: r.id, success: true, errors: [], warnings: [], infos: [] }, 201);
}

export function routeTooling(ctx: RestContext, req: RestRequest, rest: readonly string[]): RestResponse {
  const [first, name, second, ...more] = rest;
  if (first === undefined) {
    // The Tooling root lists its resources (only those the emulator serves; chosen, see README).
    const base = `/services/data/v${ctx.apiVersion}/tooling`;
    return ok({ query: `${base}/query`, sobjects: `${base}/sobjects` });
  }
  if (first === 'query' && name === undefined) return runQuery(ctx, req);
  if (first !== 'sobjects' || more.length) throw notFound();
  if (name === undefined) return describeGlobal(ctx);
  const def = resolve(ctx, name);
  if (!def) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (second === 'describe')
    return {
      status: 200,
      json: describeJson(def, ctx.apiVersion, ctx.instanceUrl, FULL).replaceAll('/sobjects/', '/tooling/sobjects/'),
    };
  if (second === undefined) {
    if (req.method === 'POST') {
      if (!WRITABLE.has(def.name))
        throw new ApiError(400, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be inserted: ${def.label}`);
      return create(ctx, req, def.name);
    }
    return ok({ objectDescribe: globalEntry(def, ctx.apiVersion), recentItems: [] });
  }
  if (!WRITABLE.has(def.name)) throw notFound();
  return record(ctx, req, def.name, second);
}
