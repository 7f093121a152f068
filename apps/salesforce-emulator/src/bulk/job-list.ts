// GET /jobs/ingest and /jobs/query: every job of the org in creation order, 1,000 per page, with
// {done, records, nextRecordsUrl} and a locator "<01g…>-<offset>" (documented shape and page size).
// Filters: jobType (V2Ingest, V2Query; Classic and BigObjectIngest match nothing here),
// concurrencyMode (only Parallel exists), isPkChunkingEnabled (Bulk API 1.0 jobs only: nothing).
import type { Incoming } from '../http/http-types.ts';
import { invalidLocator } from './bulk-errors.ts';
import type { BulkContext, BulkResponse } from './bulk-router.ts';
import { infoJson, jobInfo } from './job-info.ts';
import type { Job } from './job-model.ts';
import { bulkStore } from './job-store.ts';

const PAGE = 1000;
const cursors = new WeakMap<object, string>();

export function listJobs(ctx: BulkContext, req: Incoming, resource: 'ingest' | 'query'): BulkResponse {
  const store = bulkStore(ctx.org);
  let cursor = cursors.get(store);
  if (!cursor) {
    cursor = ctx.org.ids.next('01g');
    cursors.set(store, cursor);
  }
  const jobType = req.query.get('jobType');
  const kind: Job['kind'] | undefined =
    jobType === null ? resource : jobType === 'V2Ingest' ? 'ingest' : jobType === 'V2Query' ? 'query' : undefined;
  const parallel = (req.query.get('concurrencyMode') ?? 'Parallel').toLowerCase() === 'parallel';
  const pkChunking = req.query.get('isPkChunkingEnabled') === 'true';
  const jobs = kind && parallel && !pkChunking ? store.list(ctx.nowMs, kind) : [];
  let offset = 0;
  const locator = req.query.get('queryLocator');
  if (locator !== null) {
    const m = /^([A-Za-z0-9]{15,18})-(\d+)$/.exec(locator);
    if (!m || m[1]!.slice(0, 15) !== cursor.slice(0, 15) || Number(m[2]) > jobs.length) throw invalidLocator();
    offset = Number(m[2]);
  }
  const end = Math.min(jobs.length, offset + PAGE);
  const done = end >= jobs.length;
  const nextRecordsUrl = done
    ? null
    : `/services/data/v${ctx.apiVersion}/jobs/${resource}?queryLocator=${cursor}-${end}`;
  const records = jobs.slice(offset, end).map((j) => jobInfo(j, 'list'));
  return { status: 200, text: infoJson({ done, records, nextRecordsUrl }) };
}
