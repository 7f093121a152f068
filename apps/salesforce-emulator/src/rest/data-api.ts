// /services/data: the versions list (no auth, not counted) and every versioned resource: version
// check, session check (401 INVALID_SESSION_ID), the org's daily and concurrent limits (403
// REQUEST_LIMIT_EXCEEDED), API usage counting, and Sforce-Limit-Info on every response.
import { authenticate } from '../auth/sessions.ts';
import {
  bearerToken,
  header,
  INVALID_SESSION,
  JSON_TYPE,
  jsonResult,
  type HttpResult,
  type Incoming,
  type Runtime,
} from '../http/http-types.ts';
import { ApiError, notFound } from '../model/errors.ts';
import type { Org } from '../model/org.ts';
import { routeRest } from './rest-router.ts';
import type { RestResponse } from './rest-types.ts';
import { parseVersion, versionList } from './versions.ts';

const BODY_METHODS = new Set(['POST', 'PATCH', 'PUT']);

export function limitInfo(org: Org, nowMs: number): string {
  return `api-usage=${org.usage.used(nowMs)}/${org.settings.apiDailyLimit}`;
}

function limitExceeded(org: Org, nowMs: number, message: string): HttpResult {
  return jsonResult(403, [{ message, errorCode: 'REQUEST_LIMIT_EXCEEDED' }], {
    'Sforce-Limit-Info': limitInfo(org, nowMs),
  });
}

/** True when the org already has its allowance of requests running longer than the threshold. */
function tooManyLongRunning(org: Org, nowMs: number, self: { startMs: number } | undefined): boolean {
  const limit = org.settings.concurrentLongRunningLimit;
  if (limit === null) return false;
  let long = 0;
  for (const r of org.inFlight) if (r !== self && nowMs - r.startMs >= org.settings.longRunningThresholdMs) long++;
  return long >= limit;
}

function unsupportedMediaType(req: Incoming, resource: string | undefined): ApiError | undefined {
  if (!BODY_METHODS.has(req.method) || !req.body) return undefined;
  const type = header(req.headers, 'content-type');
  if (!type || /^application\/json\s*(;|$)/i.test(type)) return undefined;
  // Metadata deployRequest takes a multipart body (the JSON options and the zip).
  if (resource === 'metadata' && /^multipart\/form-data\s*;/i.test(type)) return undefined;
  return new ApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `MediaType of '${type.split(';')[0]!.trim()}' is not supported by this resource`,
  );
}

/**
 * What every versioned API call goes through before it runs: the session, the daily allocation and
 * the long-running limit. The call counts before it runs, so /limits reports itself as Salesforce does.
 */
export function admit(
  rt: Runtime,
  req: Incoming,
  inFlight?: { startMs: number },
): { org: Org; userId: string; now: number } | HttpResult {
  const auth = authenticate(rt.state, bearerToken(req.headers));
  if (!auth || auth.org.settings.sessionsAlwaysInvalid) return INVALID_SESSION;
  const { org, userId } = auth;
  const now = rt.state.clock.now();
  if (org.usage.used(now) >= org.settings.apiDailyLimit)
    return limitExceeded(org, now, 'TotalRequests Limit exceeded.');
  if (tooManyLongRunning(org, now, inFlight)) return limitExceeded(org, now, 'ConcurrentPerOrgLongTxn Limit exceeded.');
  org.usage.add(now, 1);
  return { org, userId, now };
}

export function dataApi(rt: Runtime, req: Incoming, segments: string[], inFlight?: { startMs: number }): HttpResult {
  const [versionSegment, ...rest] = segments;
  if (versionSegment === undefined) {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return jsonResult(
        405,
        new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`).body(),
      );
    return jsonResult(200, versionList(rt.latestApiVersion));
  }
  const version = parseVersion(versionSegment, rt.latestApiVersion);
  if (!version) return jsonResult(404, notFound().body());
  const admitted = admit(rt, req, inFlight);
  if ('status' in admitted) return admitted;
  const { org, userId, now } = admitted;
  const state = rt.state;
  let res: RestResponse;
  const media = unsupportedMediaType(req, rest[0]);
  if (media) res = { status: media.status, body: media.body() };
  else {
    res = routeRest(
      {
        state,
        org,
        userId,
        apiVersion: version,
        nowMs: now,
        instanceUrl: rt.instanceUrl,
        access: org.fieldAccess(userId),
        latestApiVersion: rt.latestApiVersion,
      },
      {
        method: req.method,
        segments: rest,
        query: req.query,
        headers: req.headers as Record<string, string | undefined>,
        bodyText: req.body,
        bodyBytes: req.bodyBytes,
      },
    );
  }
  const calls = res.apiCalls ?? 1;
  org.usage.add(now, calls - 1);
  if (org.records.abortAll()) throw new Error('a request left a transaction open');
  const headers: Record<string, string> = { 'Sforce-Limit-Info': limitInfo(org, now), ...(res.headers ?? {}) };
  const out: HttpResult = { status: res.status, headers, orgId: org.id, userId, apiCalls: calls };
  if (res.status === 204 || res.status === 304) return out;
  headers['Content-Type'] = JSON_TYPE;
  out.body = res.json ?? JSON.stringify(res.body ?? null);
  return out;
}
