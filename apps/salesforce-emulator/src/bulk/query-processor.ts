// Runs a query job asynchronously: executes the SOQL with the job owner's field access (queryAll
// includes deleted rows), then renders one CSV line per record in chunks, yielding between them.
// Values: null → "" (quoted empty), booleans "true"/"false", datetimes in Bulk's "…T10:00:00.000Z"
// form, parent fields flattened under their dotted path; every value quoted.
import type { Runtime } from '../http/http-types.ts';
import type { Org } from '../model/org.ts';
import { soqlData, soqlSchema } from '../query/soql-adapter.ts';
import { executeSoql } from '../soql/index.ts';
import { DELIMITERS, type QueryJob } from './job-model.ts';
import { finish, processingFault, setState, sleep, turn } from './job-runner.ts';
import { bulkStore } from './job-store.ts';
import type { QueryColumn } from './query-plan.ts';

const RECORDS_PER_CHUNK = 2000;

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

function cell(record: Record<string, unknown>, column: QueryColumn): string {
  let value: unknown = record;
  for (const key of column.keys) {
    if (value === null || typeof value !== 'object') return '""';
    value = (value as Record<string, unknown>)[key];
  }
  if (value === null || value === undefined) return '""';
  if (column.type === 'datetime' && typeof value === 'string') return quote(value.replace(/\+0000$/, 'Z'));
  return quote(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

export function startQuery(rt: Runtime, org: Org, job: QueryJob, columns: QueryColumn[]): void {
  // A query that fails while running (SOQL errors surface at creation, so this is rare) fails the job.
  void runQuery(rt, org, job, columns).catch(() => {
    if (job.state === 'InProgress' || job.state === 'UploadComplete') finish(rt, job, 'Failed', job.modstampMs);
  });
}

const stopped = (job: QueryJob) => job.state !== 'InProgress' || job.deleted === true;

async function runQuery(rt: Runtime, org: Org, job: QueryJob, columns: QueryColumn[]): Promise<void> {
  await turn();
  if (job.state !== 'UploadComplete' || job.deleted) return;
  const fault = processingFault(rt, org, job);
  if (fault && 'delayMs' in fault) await sleep(fault.delayMs);
  if (job.state !== 'UploadComplete' || job.deleted) return;
  const startedMs = rt.state.clock.now();
  setState(rt, job, 'InProgress');
  // Failed query jobs carry no errorMessage (jsforce notes the API returns none).
  if (fault && 'fail' in fault) return finish(rt, job, 'Failed', startedMs);
  const result = executeSoql(job.soql, soqlSchema(org, org.fieldAccess(job.createdById)), soqlData(org), {
    apiVersion: job.apiVersion,
    includeDeleted: job.operation === 'queryAll',
    now: new Date(startedMs),
  });
  const delimiter = DELIMITERS[job.columnDelimiter];
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; i < result.records.length; i += RECORDS_PER_CHUNK) {
    for (const record of result.records.slice(i, i + RECORDS_PER_CHUNK)) {
      const line = columns.map((c) => cell(record, c)).join(delimiter);
      bytes += Buffer.byteLength(line) + 1;
      lines.push(line);
    }
    job.numberRecordsProcessed = lines.length;
    await (fault && 'delayMs' in fault ? sleep(fault.delayMs) : turn());
    if (stopped(job)) return;
  }
  job.header = columns.map((c) => quote(c.path)).join(delimiter);
  job.lines = lines;
  job.resultBytes = bytes;
  bulkStore(org).usage.queryKb.add(rt.state.clock.now(), Math.ceil(bytes / 1024));
  finish(rt, job, 'JobComplete', startedMs);
}
