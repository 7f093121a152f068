// POST /composite: up to 25 subrequests (at most 5 of them queries or sObject Collections), run in
// order in one API call, with @{ref} substitution, per-subrequest httpHeaders (If-Modified-Since
// answered by a 304 subresponse), and allOrNone rollback. Supported resources, per Salesforce's docs:
// every sObject resource (describe included), query, queryAll and sObject Collections.
import { ApiError } from '../model/errors.ts';
import { REFERENCE_ID, substituteText, substituteValue, type ResultLookup } from './composite-references.ts';
import { bodyJson, bodyValue, runSubrequest } from './subrequest.ts';
import { objectBody, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

const MAX_SUBREQUESTS = 25;
const MAX_QUERIES_AND_COLLECTIONS = 5;
const FORBIDDEN_HEADERS = new Set(['accept', 'authorization', 'content-type']);
const HALTED = 'The transaction was rolled back since another operation in the same transaction failed.';

interface Sub {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

function allowedResource(segments: string[]): boolean {
  const [first, second] = segments;
  return (
    first === 'sobjects' ||
    first === 'query' ||
    first === 'queryAll' ||
    (first === 'composite' && second === 'sobjects')
  );
}

function isQueryOrCollection(url: string): boolean {
  return /^\/services\/data\/v[^/]+\/(query|queryAll|composite\/sobjects)(\/|\?|$)/.test(url);
}

function validate(body: Record<string, unknown>): Sub[] {
  const list = body.compositeRequest;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      'The compositeRequest list is required and must contain at least one subrequest.',
    );
  }
  if (list.length > MAX_SUBREQUESTS) {
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      `Too many subrequests: ${list.length}. A composite request can contain up to ${MAX_SUBREQUESTS} subrequests.`,
    );
  }
  const seen = new Set<string>();
  let heavy = 0;
  const subs = list.map((raw, i): Sub => {
    if (!raw || typeof raw !== 'object')
      throw new ApiError(400, 'JSON_PARSER_ERROR', `Subrequest ${i} is not an object.`);
    const s = raw as Record<string, unknown>;
    // referenceID (any case) is accepted as the docs' own example spells it that way.
    const referenceId = s.referenceId ?? Object.entries(s).find(([k]) => k.toLowerCase() === 'referenceid')?.[1];
    if (typeof s.method !== 'string' || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(s.method)) {
      throw new ApiError(
        400,
        'JSON_PARSER_ERROR',
        `Subrequest ${i}: method must be one of POST, PUT, PATCH, GET, DELETE.`,
      );
    }
    if (typeof s.url !== 'string' || !s.url.startsWith('/services/data/v')) {
      throw new ApiError(400, 'JSON_PARSER_ERROR', `Subrequest ${i}: the url must start with /services/data/vXX.X/.`);
    }
    if (typeof referenceId !== 'string' || !REFERENCE_ID.test(referenceId)) {
      throw new ApiError(
        400,
        'JSON_PARSER_ERROR',
        `Subrequest ${i}: referenceId must start with a letter or a number and contain only letters, numbers and underscores.`,
      );
    }
    if (seen.has(referenceId)) throw new ApiError(400, 'JSON_PARSER_ERROR', `Duplicate referenceId: ${referenceId}`);
    seen.add(referenceId);
    const headers = (s.httpHeaders ?? {}) as Record<string, string>;
    for (const h of Object.keys(headers)) {
      if (FORBIDDEN_HEADERS.has(h.toLowerCase()))
        throw new ApiError(
          400,
          'INVALID_HEADER_TYPE',
          `Subrequests can't set the ${h} header; it is inherited from the composite request.`,
        );
    }
    if (isQueryOrCollection(s.url)) heavy++;
    return { method: s.method, url: s.url, referenceId, body: s.body, httpHeaders: headers };
  });
  if (heavy > MAX_QUERIES_AND_COLLECTIONS) {
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      `Too many query or sObject Collections subrequests: ${heavy}. A composite request can contain up to ${MAX_QUERIES_AND_COLLECTIONS}.`,
    );
  }
  return subs;
}

interface Outcome {
  referenceId: string;
  res: RestResponse;
}

export function runComposite(ctx: RestContext, req: RestRequest): RestResponse {
  if (ctx.nested) throw new ApiError(400, 'INVALID_API_INPUT', 'Composite requests cannot be nested.');
  const body = objectBody(req, 'CompositeRequest');
  const subs = validate(body);
  const allOrNone = body.allOrNone === true;
  const done: Outcome[] = [];
  const byRef = new Map<string, Outcome>();
  const parsed = new Map<string, unknown>();
  const lookup: ResultLookup = (refId) => {
    const o = byRef.get(refId);
    if (!o) return undefined;
    return {
      ok: o.res.status < 400,
      body: () => {
        if (!parsed.has(refId)) parsed.set(refId, bodyValue(o.res));
        return parsed.get(refId);
      },
    };
  };
  const records = ctx.org.records;
  const savepoint = records.begin();
  let failedAt = -1;
  try {
    failedAt = runAll(ctx, subs, allOrNone, lookup, done, byRef);
  } catch (err) {
    records.rollback(savepoint);
    throw err;
  }
  if (failedAt >= 0) records.rollback(savepoint);
  else records.commit();
  const items = subs.map((sub, i) => {
    const o = done[i];
    if (failedAt >= 0 && i !== failedAt) {
      return item(sub.referenceId, { status: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: HALTED }] });
    }
    return item(sub.referenceId, o!.res);
  });
  return { status: 200, json: `{"compositeResponse":[${items.join(',')}]}` };
}

function runAll(
  ctx: RestContext,
  subs: Sub[],
  allOrNone: boolean,
  lookup: ResultLookup,
  done: Outcome[],
  byRef: Map<string, Outcome>,
): number {
  for (const sub of subs) {
    let res: RestResponse;
    try {
      const url = substituteText(sub.url, lookup);
      const subBody = sub.body === undefined ? undefined : substituteValue(sub.body, lookup);
      res = runSubrequest(
        ctx,
        { method: sub.method, url: url.replace(/^\/services\/data\//, ''), headers: sub.httpHeaders, body: subBody },
        (segs) => allowedResource(segs),
        'composite',
        { forceAllOrNone: allOrNone || undefined },
      );
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      res = { status: err.status, body: err.body() };
    }
    const outcome = { referenceId: sub.referenceId, res };
    done.push(outcome);
    byRef.set(sub.referenceId, outcome);
    if (allOrNone && (res.status >= 400 || res.partialFailure)) return done.length - 1;
  }
  return -1;
}

function item(referenceId: string, res: RestResponse): string {
  const headers: Record<string, string> = {};
  if (res.headers?.Location) headers.Location = res.headers.Location;
  const body = res.status === 204 || res.status === 304 ? 'null' : bodyJson(res);
  return `{"body":${body},"httpHeaders":${JSON.stringify(headers)},"httpStatusCode":${res.status},"referenceId":${JSON.stringify(referenceId)}}`;
}
