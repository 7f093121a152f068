// POST /composite/batch: up to 25 independent subrequests ("v62.0/sobjects/…" urls, richInput bodies),
// each committed on its own and each counted against the API limit. haltOnError stops at the first
// 4xx/5xx and answers 412 BATCH_PROCESSING_HALTED for the rest.
import { ApiError } from '../model/errors.ts';
import { bodyJson, runSubrequest } from './subrequest.ts';
import { objectBody, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

const MAX_SUBREQUESTS = 25;
const BATCHABLE = new Set(['limits', 'sobjects', 'query', 'queryAll']);

export function runBatch(ctx: RestContext, req: RestRequest): RestResponse {
  if (req.method !== 'POST')
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are POST`);
  if (ctx.nested) throw new ApiError(400, 'INVALID_API_INPUT', 'Batch requests cannot be nested.');
  const body = objectBody(req, 'BatchRequest');
  const list = body.batchRequests;
  if (!Array.isArray(list) || list.length === 0)
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      'The batchRequests list is required and must contain at least one subrequest.',
    );
  if (list.length > MAX_SUBREQUESTS) {
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      `Too many subrequests: ${list.length}. A batch request can contain up to ${MAX_SUBREQUESTS} subrequests.`,
    );
  }
  // The whole request is checked before anything runs: a bad method or url fails it with 400.
  const subs = list.map((raw, i) => {
    const s = (raw ?? {}) as Record<string, unknown>;
    if (typeof s.method !== 'string' || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(s.method.toUpperCase())) {
      throw new ApiError(400, 'JSON_PARSER_ERROR', `Subrequest ${i}: invalid method.`);
    }
    if (typeof s.url !== 'string' || !/^\/?(services\/data\/)?v\d+\.\d\//.test(s.url)) {
      throw new ApiError(400, 'JSON_PARSER_ERROR', `Subrequest ${i}: invalid url ${String(s.url)}.`);
    }
    return { method: s.method.toUpperCase(), url: s.url.replace(/^\/?(services\/data\/)?/, ''), body: s.richInput };
  });
  const batchVersion = Number(ctx.apiVersion);
  const results: string[] = [];
  let hasErrors = false;
  let halted = false;
  for (const sub of subs) {
    if (halted) {
      results.push(
        `{"result":[{"errorCode":"BATCH_PROCESSING_HALTED","message":"Batch processing halted per request"}],"statusCode":412}`,
      );
      continue;
    }
    const version = Number(/^v(\d+\.\d)/.exec(sub.url)?.[1]);
    const res =
      version < 34 || version > batchVersion
        ? { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] }
        : runSubrequest(ctx, sub, (segs) => BATCHABLE.has(segs[0] ?? ''), 'batch');
    if (res.status >= 400) {
      hasErrors = true;
      if (body.haltOnError === true) halted = true;
    }
    const result = res.status === 204 || res.status === 304 ? 'null' : bodyJson(res);
    results.push(`{"result":${result},"statusCode":${res.status}}`);
  }
  return { status: 200, json: `{"hasErrors":${hasErrors},"results":[${results.join(',')}]}`, apiCalls: subs.length };
}
