// Routes /services/data/vXX.X/jobs/<segments> to the ingest and query handlers. Ingest jobs exist
// from API v41.0, query jobs from v47.0 (earlier versions answer 404 NOT_FOUND); resultPages from v58.0.
import type { Incoming, Runtime } from '../http/http-types.ts';
import type { Org } from '../model/org.ts';
import { methodNotAllowed } from '../rest/rest-types.ts';
import { jobNotFound } from './bulk-errors.ts';
import { createIngestJob, deleteIngestJob, ingestResults, patchIngestJob, uploadJobData } from './ingest-routes.ts';
import { listJobs } from './job-list.ts';
import { infoResponse } from './job-options.ts';
import type { IngestJob, QueryJob } from './job-model.ts';
import { bulkStore } from './job-store.ts';
import { createQueryJob, deleteQueryJob, patchQueryJob, queryResultPages, queryResults } from './query-routes.ts';

export interface BulkContext {
  readonly rt: Runtime;
  readonly org: Org;
  readonly userId: string;
  readonly apiVersion: string;
  readonly nowMs: number;
}

export interface BulkResponse {
  status: number;
  /** A JSON-serialisable body. */
  body?: unknown;
  /** A pre-serialised body (JobInfo JSON, CSV); its Content-Type goes in headers when not JSON. */
  text?: string;
  headers?: Record<string, string>;
}

const RESULTS: Record<string, 'successful' | 'failed' | 'unprocessed'> = {
  successfulresults: 'successful',
  failedresults: 'failed',
  unprocessedrecords: 'unprocessed',
};

function allow(req: Incoming, methods: string[]): string {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (!methods.includes(method)) throw methodNotAllowed(req.method, methods);
  return method;
}

function findJob<K extends 'ingest' | 'query'>(
  ctx: BulkContext,
  id: string,
  kind: K,
): K extends 'ingest' ? IngestJob : QueryJob {
  const job = bulkStore(ctx.org).get(id, ctx.nowMs);
  if (!job || job.kind !== kind) throw jobNotFound();
  return job as K extends 'ingest' ? IngestJob : QueryJob;
}

function ingest(ctx: BulkContext, req: Incoming, id: string | undefined, sub: string | undefined): BulkResponse {
  if (id === undefined)
    return allow(req, ['GET', 'POST']) === 'POST' ? createIngestJob(ctx, req) : listJobs(ctx, req, 'ingest');
  const job = findJob(ctx, id, 'ingest');
  if (sub === undefined) {
    const method = allow(req, ['GET', 'PATCH', 'DELETE']);
    if (method === 'PATCH') return patchIngestJob(ctx, req, job);
    if (method === 'DELETE') return deleteIngestJob(ctx, job);
    return infoResponse(job, 'info');
  }
  if (sub === 'batches') {
    allow(req, ['PUT']);
    return uploadJobData(ctx, req, job);
  }
  const kind = RESULTS[sub.toLowerCase()];
  if (!kind) throw jobNotFound();
  allow(req, ['GET']);
  return ingestResults(job, kind);
}

function query(ctx: BulkContext, req: Incoming, id: string | undefined, sub: string | undefined): BulkResponse {
  if (id === undefined)
    return allow(req, ['GET', 'POST']) === 'POST' ? createQueryJob(ctx, req) : listJobs(ctx, req, 'query');
  const job = findJob(ctx, id, 'query');
  if (sub === undefined) {
    const method = allow(req, ['GET', 'PATCH', 'DELETE']);
    if (method === 'PATCH') return patchQueryJob(ctx, req, job);
    if (method === 'DELETE') return deleteQueryJob(ctx, job);
    return infoResponse(job, 'info');
  }
  if (sub === 'results') {
    allow(req, ['GET']);
    return queryResults(ctx, req, job);
  }
  if (sub.toLowerCase() === 'resultpages' && Number(ctx.apiVersion) >= 58) {
    allow(req, ['GET']);
    return queryResultPages(ctx, req, job);
  }
  throw jobNotFound();
}

/** `segments` are the path segments after /jobs. */
export function routeBulk(ctx: BulkContext, req: Incoming, segments: string[]): BulkResponse {
  const [resource, id, sub, ...more] = segments;
  const version = Number(ctx.apiVersion);
  if (more.length > 0) throw jobNotFound();
  if (resource === 'ingest' && version >= 41) return ingest(ctx, req, id, sub);
  if (resource === 'query' && version >= 47) return query(ctx, req, id, sub);
  throw jobNotFound();
}
