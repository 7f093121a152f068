// describeGlobal, sObject basic information and sObject describe, with If-Modified-Since → 304.
// Describe JSON is served from a per-object cache, describeGlobal from a per-org cache keyed on the
// schema version, so repeated describes cost a map lookup.
import { notFound } from '../model/errors.ts';
import type { Org } from '../model/org.ts';
import { describeJson, globalEntry } from '../schema/describe-render.ts';
import type { ObjectDef } from '../schema/types.ts';
import { renderRecord } from './record-view.ts';
import { ok, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

const globalCache = new WeakMap<Org, { key: string; json: string }>();
/** describeGlobal of an uncustomised org, shared by every such org (tests create many). */
const baseGlobalCache = new Map<string, string>();

/** True when the client's copy (If-Modified-Since) is still current. */
export function notModifiedSince(req: RestRequest, lastModifiedMs: number): boolean {
  const header = req.headers['if-modified-since'];
  if (!header) return false;
  const since = Date.parse(header);
  // HTTP dates have whole seconds: anything changed during or after that second counts as newer.
  return Number.isFinite(since) && lastModifiedMs < since;
}

export function requireObject(ctx: RestContext, name: string): ObjectDef {
  const def = ctx.org.schema.getObject(name);
  if (!def) throw notFound();
  return def;
}

export function describeGlobal(ctx: RestContext, req: RestRequest): RestResponse {
  const schema = ctx.org.schema;
  if (notModifiedSince(req, schema.lastModified())) return { status: 304 };
  const render = () =>
    JSON.stringify({
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: schema.names().map((n) => globalEntry(schema.header(n)!, ctx.apiVersion)),
    });
  if (schema.pristine) {
    let json = baseGlobalCache.get(ctx.apiVersion);
    if (json === undefined) {
      json = render();
      baseGlobalCache.set(ctx.apiVersion, json);
    }
    return { status: 200, json };
  }
  const key = `${schema.version}|${ctx.apiVersion}`;
  let cached = globalCache.get(ctx.org);
  if (!cached || cached.key !== key) {
    cached = { key, json: render() };
    globalCache.set(ctx.org, cached);
  }
  return { status: 200, json: cached.json };
}

export function describeObject(ctx: RestContext, req: RestRequest, name: string): RestResponse {
  const def = requireObject(ctx, name);
  if (notModifiedSince(req, ctx.org.schema.lastModified(def.name))) return { status: 304 };
  return { status: 200, json: describeJson(def, ctx.apiVersion, ctx.instanceUrl, ctx.access) };
}

/** GET /sobjects/{name}: the global entry and the most recently changed records. */
export function basicInfo(ctx: RestContext, name: string): RestResponse {
  const def = requireObject(ctx, name);
  const header = ctx.org.schema.header(def.name)!;
  const nameField = def.fields.find((f) => f.nameField);
  // The ten most recently modified, without sorting a table that may hold 100k rows.
  const rows: Array<Record<string, unknown>> = [];
  const stamp = (r: Record<string, unknown>) => String(r.LastModifiedDate ?? '');
  for (const row of ctx.org.records.scan(def.name, false)) {
    if (rows.length === 10 && stamp(row) <= stamp(rows[9]!)) continue;
    rows.push(row);
    rows.sort((a, b) => stamp(b).localeCompare(stamp(a)));
    if (rows.length > 10) rows.pop();
  }
  const recentItems = rows.map((row) =>
    renderRecord(def, row, ctx.apiVersion, ['Id', ...(nameField ? [nameField.name] : [])]),
  );
  return ok({ objectDescribe: globalEntry(header, ctx.apiVersion), recentItems });
}
