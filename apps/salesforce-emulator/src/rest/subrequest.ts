// Runs one composite or batch subrequest in-process through the same router as top-level requests.
import { ApiError, notFound } from '../model/errors.ts';
import { routeRest } from './rest-router.ts';
import { errorResponse, type RestContext, type RestResponse } from './rest-types.ts';
import { parseVersion } from './versions.ts';

export interface SubrequestSpec {
  method: string;
  /** Path after /services/data/ including the version ("v62.0/sobjects/Account"), with its query string. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const q = url.indexOf('?');
  return q < 0
    ? { path: url, query: new URLSearchParams() }
    : { path: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}

export function runSubrequest(
  ctx: RestContext,
  spec: SubrequestSpec,
  allowed: (segments: string[], method: string) => boolean,
  nested: 'composite' | 'batch',
  extra: Partial<RestContext> = {},
): RestResponse {
  try {
    const { path, query } = splitUrl(spec.url);
    const [versionSegment, ...segments] = path
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const version = versionSegment ? parseVersion(versionSegment, ctx.latestApiVersion) : undefined;
    if (!version) throw notFound();
    if (!allowed(segments, spec.method)) throw notFound();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k.toLowerCase()] = String(v);
    return routeRest(
      { ...ctx, ...extra, apiVersion: version, nested },
      {
        method: spec.method,
        segments,
        query,
        headers,
        bodyText: undefined,
        bodyValue: spec.body === undefined ? undefined : spec.body,
      },
    );
  } catch (err) {
    if (err instanceof ApiError) return errorResponse(err);
    if (err instanceof URIError) return errorResponse(notFound());
    throw err;
  }
}

/** The JSON text of a subresponse's body ("null" when it has none). */
export function bodyJson(res: RestResponse): string {
  if (res.json !== undefined) return res.json;
  return JSON.stringify(res.body ?? null);
}

/** The parsed body of a subresponse, for references. */
export function bodyValue(res: RestResponse): unknown {
  if (res.json !== undefined) return JSON.parse(res.json);
  return res.body ?? null;
}
