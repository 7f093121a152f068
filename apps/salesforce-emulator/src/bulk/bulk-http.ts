// The HTTP entry of Bulk API 2.0 (/services/data/vXX.X/jobs/…). It runs the same preamble as the
// REST data API (version, session, daily and long-running limits, one API call per request, as
// Salesforce counts every Bulk 2.0 HTTP request) but answers in Bulk's own shapes: errors as
// [{"errorCode","message"}], JobInfo with "apiVersion": 62.0, and CSV bodies for results.
import { JSON_TYPE, jsonResult, type HttpResult, type Incoming, type Runtime } from '../http/http-types.ts';
import { ApiError } from '../model/errors.ts';
import { admit, limitInfo } from '../rest/data-api.ts';
import { parseVersion } from '../rest/versions.ts';
import { routeBulk, type BulkResponse } from './bulk-router.ts';

const BULK_PATH = /^\/services\/data\/[^/]+\/jobs(?:\/|$)/;
const UPLOAD_PATH = /^\/services\/data\/[^/]+\/jobs\/ingest\/[^/]+\/batches\/?$/;
/** Bodies of job-data uploads are read up to here, so an upload over Salesforce's limit (150 MB once
 * base64-encoded) gets Bulk's own error rather than the server's generic 413. */
const UPLOAD_READ_LIMIT = 160 * 1024 * 1024;

export const isBulkPath = (path: string): boolean => BULK_PATH.test(path);

export function bulkBodyLimit(method: string, path: string, defaultLimit: number): number {
  return method === 'PUT' && UPLOAD_PATH.test(path) ? Math.max(defaultLimit, UPLOAD_READ_LIMIT) : defaultLimit;
}

const notFoundResult = (): HttpResult =>
  jsonResult(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);

export function bulkApi(rt: Runtime, req: Incoming, inFlight?: { startMs: number }): HttpResult {
  let segments: string[];
  try {
    segments = req.path
      .slice('/services/data/'.length)
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
  } catch {
    return notFoundResult();
  }
  const version = parseVersion(segments[0] ?? '', rt.latestApiVersion);
  if (!version) return notFoundResult();
  const admitted = admit(rt, req, inFlight);
  if ('status' in admitted) return admitted;
  const { org, userId, now } = admitted;
  let res: BulkResponse;
  try {
    res = routeBulk({ rt, org, userId, apiVersion: version, nowMs: now }, req, segments.slice(2));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // Bulk 2.0 writes errorCode before message, unlike the REST data API.
    res = { status: err.status, body: [{ errorCode: err.errorCode, message: err.message }] };
  }
  if (org.records.abortAll()) throw new Error('a Bulk request left a transaction open');
  const headers: Record<string, string> = { 'Sforce-Limit-Info': limitInfo(org, now), ...(res.headers ?? {}) };
  const out: HttpResult = { status: res.status, headers, orgId: org.id, userId, apiCalls: 1 };
  if (res.status === 204) return out;
  headers['Content-Type'] ??= JSON_TYPE;
  out.body = res.text ?? JSON.stringify(res.body ?? null);
  return out;
}
