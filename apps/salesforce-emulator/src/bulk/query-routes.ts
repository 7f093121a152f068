// Query jobs: create (validated at once), info, abort, delete, and results paged by maxRecords with
// an opaque Sforce-Locator ("null" after the last page) and Sforce-NumberOfRecords.
import type { Incoming } from '../http/http-types.ts';
import {
  abortNotAllowed,
  deleteNotAllowed,
  invalidJob,
  invalidLocator,
  invalidMaxRecords,
  invalidTargetState,
  queryJobLimit,
  queryNotComplete,
  queryStorageLimit,
  versionMismatch,
} from './bulk-errors.ts';
import { DAILY_QUERY_JOBS, DAILY_QUERY_KB } from './bulk-limits.ts';
import type { BulkContext, BulkResponse } from './bulk-router.ts';
import { csvOptions, infoResponse, stateLabel, stringField } from './job-options.ts';
import { LINE_ENDINGS, TERMINAL, type QueryJob } from './job-model.ts';
import { setState } from './job-runner.ts';
import { bulkStore } from './job-store.ts';
import { planBulkQuery } from './query-plan.ts';
import { startQuery } from './query-processor.ts';
import { jsonObject } from './request-body.ts';

export function createQueryJob(ctx: BulkContext, req: Incoming): BulkResponse {
  const body = jsonObject(req);
  const operation = stringField(body, 'operation');
  if (!operation) throw invalidJob('Invalid job: the operation is required');
  if (operation !== 'query' && operation !== 'queryAll') throw invalidJob(`Invalid operation: ${operation}`);
  const soql = stringField(body, 'query');
  if (!soql) throw invalidJob('Invalid job: the query is required');
  const options = csvOptions(body);
  const usage = bulkStore(ctx.org).usage;
  const jobsToday = usage.queryJobs.used(ctx.nowMs);
  if (jobsToday >= DAILY_QUERY_JOBS) throw queryJobLimit(DAILY_QUERY_JOBS, jobsToday + 1);
  if (usage.queryKb.used(ctx.nowMs) >= DAILY_QUERY_KB) throw queryStorageLimit(DAILY_QUERY_KB);
  const plan = planBulkQuery(ctx.org, ctx.userId, soql, ctx.apiVersion);
  const job: QueryJob = {
    kind: 'query',
    id: ctx.org.ids.next('750'),
    operation,
    object: plan.object,
    soql,
    createdById: ctx.userId,
    createdMs: ctx.nowMs,
    modstampMs: ctx.nowMs,
    state: 'UploadComplete',
    apiVersion: ctx.apiVersion,
    ...options,
    numberRecordsProcessed: 0,
    processingMs: 0,
    resultBytes: 0,
  };
  usage.queryJobs.add(ctx.nowMs, 1);
  bulkStore(ctx.org).add(job);
  startQuery(ctx.rt, ctx.org, job, plan.columns);
  return infoResponse(job, 'create');
}

export function patchQueryJob(ctx: BulkContext, req: Incoming, job: QueryJob): BulkResponse {
  const state = jsonObject(req).state;
  if (state !== 'Aborted') throw invalidTargetState(String(state));
  // Documented: only UploadComplete and InProgress jobs can be aborted.
  if (TERMINAL.has(job.state)) throw abortNotAllowed(stateLabel(job.state));
  setState(ctx.rt, job, 'Aborted');
  return infoResponse(job, 'patch');
}

export function deleteQueryJob(ctx: BulkContext, job: QueryJob): BulkResponse {
  if (!TERMINAL.has(job.state)) throw deleteNotAllowed();
  job.deleted = true;
  bulkStore(ctx.org).delete(job.id);
  return { status: 204 };
}

/** Locators are opaque to clients; here the base64 of the next row offset ("MTAwMDA" = 10000). */
const encodeLocator = (offset: number) => Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');

function decodeLocator(locator: string, size: number): number {
  const text = /^[A-Za-z0-9+/]+$/.test(locator) ? Buffer.from(locator, 'base64').toString('utf8') : '';
  const offset = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(offset >= 0 && offset <= size)) throw invalidLocator();
  return offset;
}

function pageSize(ctx: BulkContext, req: Incoming): number {
  const raw = req.query.get('maxRecords');
  if (raw === null || raw === '') return bulkStore(ctx.org).queryPageSize;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw invalidMaxRecords(raw);
  return Number(raw);
}

function ready(ctx: BulkContext, job: QueryJob): string[] {
  if (ctx.apiVersion !== job.apiVersion) throw versionMismatch(job.apiVersion, ctx.apiVersion);
  if (job.state !== 'JobComplete') throw queryNotComplete(job.state);
  return job.lines ?? [];
}

export function queryResults(ctx: BulkContext, req: Incoming, job: QueryJob): BulkResponse {
  const lines = ready(ctx, job);
  const locator = req.query.get('locator');
  const offset = locator === null || locator === '' ? 0 : decodeLocator(locator, lines.length);
  const end = Math.min(lines.length, offset + pageSize(ctx, req));
  const eol = LINE_ENDINGS[job.lineEnding];
  const page = lines.slice(offset, end);
  const text = `${job.header}${eol}${page.length ? page.join(eol) + eol : ''}`;
  return {
    status: 200,
    text,
    headers: {
      'Content-Type': 'text/csv',
      'Sforce-Locator': end < lines.length ? encodeLocator(end) : 'null',
      'Sforce-NumberOfRecords': String(page.length),
    },
  };
}

/** GET …/resultPages (v58.0+): up to five result URLs to fetch in parallel. */
export function queryResultPages(ctx: BulkContext, req: Incoming, job: QueryJob): BulkResponse {
  const lines = ready(ctx, job);
  const locator = req.query.get('locator');
  let offset = locator === null || locator === '' ? 0 : decodeLocator(locator, lines.length);
  const base = `/services/data/v${ctx.apiVersion}/jobs/query/${job.id}`;
  const resultPages: Array<{ resultUrl: string }> = [];
  while (resultPages.length < 5 && (offset < lines.length || (offset === 0 && resultPages.length === 0))) {
    resultPages.push({
      resultUrl: offset === 0 ? `${base}/results` : `${base}/results?locator=${encodeLocator(offset)}`,
    });
    offset += bulkStore(ctx.org).queryPageSize;
  }
  const done = offset >= lines.length;
  return {
    status: 200,
    body: { resultPages, nextRecordsUrl: done ? null : `${base}/resultpages?locator=${encodeLocator(offset)}`, done },
  };
}
