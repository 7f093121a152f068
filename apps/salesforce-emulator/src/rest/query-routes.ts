// /query and /queryAll with cursor paging: the first batch comes back with nextRecordsUrl
// "/services/data/vXX.X/query/<cursorId>-<offset>" when more rows remain. Batch size is 2,000 unless
// Sforce-Query-Options asks for another within Salesforce's bounds (200 to 2,000).
import { ApiError } from '../model/errors.ts';
import { soqlData, soqlSchema } from '../query/soql-adapter.ts';
import { executeSoql, SoqlError } from '../soql/index.ts';
import { queryColumns } from './query-columns.ts';
import { ok, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;

export function batchSize(req: RestRequest): number {
  const header = req.headers['sforce-query-options'];
  const m = header ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  if (!m) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

function nextUrl(ctx: RestContext, cursorId: string, offset: number): string {
  return `/services/data/v${ctx.apiVersion}/query/${cursorId}-${offset}`;
}

export function runQuery(ctx: RestContext, req: RestRequest, includeDeleted: boolean): RestResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`);
  }
  const explain = req.query.get('explain');
  const q = explain ?? req.query.get('q');
  if (q === null || q.trim() === '') throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const schema = soqlSchema(ctx.org, ctx.access);
  let result;
  try {
    result = executeSoql(q, schema, soqlData(ctx.org), {
      apiVersion: ctx.apiVersion,
      includeDeleted,
      now: new Date(ctx.nowMs),
    });
  } catch (err) {
    if (err instanceof SoqlError) throw new ApiError(err.status, err.errorCode, err.message);
    throw err;
  }
  if (explain !== null) return ok(explainPlan(ctx, q, result.totalSize));
  if (req.query.get('columns') === 'true') return ok(queryColumns(q, schema));
  const size = batchSize(req);
  if (result.records.length <= size) return ok({ totalSize: result.totalSize, done: true, records: result.records });
  const cursorId = ctx.org.ids.next('01g');
  ctx.org.cursors.open({
    id: cursorId,
    records: result.records,
    totalSize: result.totalSize,
    batchSize: size,
    userId: ctx.userId,
    expiresMs: ctx.nowMs + ctx.org.settings.queryCursorTtlSeconds * 1000,
  });
  return ok({
    totalSize: result.totalSize,
    done: false,
    nextRecordsUrl: nextUrl(ctx, cursorId, size),
    records: result.records.slice(0, size),
  });
}

export function queryMore(ctx: RestContext, req: RestRequest, locator: string): RestResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`);
  }
  const m = /^([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)-(\d+)$/.exec(locator);
  const cursor = m ? ctx.org.cursors.get(m[1]!, ctx.nowMs) : undefined;
  const offset = m ? Number(m[2]) : NaN;
  if (!cursor || !(offset >= 0) || offset > cursor.records.length) {
    throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  const end = offset + cursor.batchSize;
  const done = end >= cursor.records.length;
  const body: Record<string, unknown> = { totalSize: cursor.totalSize, done };
  if (!done) body.nextRecordsUrl = nextUrl(ctx, cursor.id, end);
  body.records = cursor.records.slice(offset, end);
  return ok(body);
}

/** `query?explain=`: the Query Plan tool's answer. One plan, the one the emulator actually uses: a
 * scan of the object's rows (it keeps no indexes), with its real row counts. The relative cost is
 * the scanned share of the object (chosen: Salesforce's optimizer formula is not published). */
function explainPlan(ctx: RestContext, soql: string, cardinality: number): Record<string, unknown> {
  const object = /\bfrom\s+([A-Za-z0-9_]+)/i.exec(soql)?.[1] ?? '';
  const def = ctx.org.schema.getObject(object);
  let total = 0;
  for (const _ of ctx.org.records.scan(def?.name ?? object, false)) total++;
  return {
    plans: [
      {
        cardinality,
        fields: [],
        leadingOperationType: 'TableScan',
        notes: [],
        relativeCost: total === 0 ? 0 : Math.round((Math.max(cardinality, 1) / total) * 1000) / 1000,
        sobjectCardinality: total,
        sobjectType: def?.name ?? object,
      },
    ],
    sourceQuery: soql,
  };
}
