// JobInfo as Salesforce renders it: the key set and order differ between the create, PATCH, GET and
// list responses (taken from the guide's examples and recorded responses), dates are
// "2022-01-02T21:33:43.000+0000" to the second, and apiVersion is a JSON number written "62.0".
import { formatDateTime } from '../model/value-coercion.ts';
import type { IngestJob, Job, QueryJob } from './job-model.ts';

export type InfoView = 'create' | 'patch' | 'info' | 'list';

const stamp = (ms: number) => formatDateTime(Math.floor(ms / 1000) * 1000);

/** `services/data/v62.0/jobs/ingest/750…/batches` (no leading slash, as Salesforce sends it). */
export const contentUrl = (job: IngestJob) => `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;

function head(job: Job): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: stamp(job.createdMs),
    systemModstamp: stamp(job.modstampMs),
    state: job.state,
  };
  if (job.kind === 'ingest') {
    if (job.externalIdFieldName) out.externalIdFieldName = job.externalIdFieldName;
    if (job.assignmentRuleId) out.assignmentRuleId = job.assignmentRuleId;
  }
  out.concurrencyMode = 'Parallel';
  out.contentType = 'CSV';
  out.apiVersion = Number(job.apiVersion);
  return out;
}

function ingestInfo(job: IngestJob, view: InfoView): Record<string, unknown> {
  const out = head(job);
  if (view === 'patch') return out;
  if (view !== 'create') out.jobType = 'V2Ingest';
  if (job.state === 'Open') out.contentUrl = contentUrl(job);
  out.lineEnding = job.lineEnding;
  out.columnDelimiter = job.columnDelimiter;
  if (view !== 'info') return out;
  if (job.state !== 'Open') {
    out.numberRecordsProcessed = job.numberRecordsProcessed;
    out.numberRecordsFailed = job.numberRecordsFailed;
  }
  out.retries = 0;
  out.totalProcessingTime = job.processingMs;
  out.apiActiveProcessingTime = job.processingMs;
  out.apexProcessingTime = 0;
  if (job.errorMessage) out.errorMessage = job.errorMessage;
  return out;
}

/** isPkChunkingSupported appears in recent versions only (a v53.0 recording lacks it). */
const PK_CHUNKING_FROM = 60;

function queryInfo(job: QueryJob, view: InfoView): Record<string, unknown> {
  const out = head(job);
  if (view === 'patch') return out;
  if (view !== 'create') out.jobType = 'V2Query';
  out.lineEnding = job.lineEnding;
  out.columnDelimiter = job.columnDelimiter;
  if (view !== 'info') return out;
  out.numberRecordsProcessed = job.numberRecordsProcessed;
  out.retries = 0;
  out.totalProcessingTime = job.processingMs;
  if (Number(job.apiVersion) >= PK_CHUNKING_FROM) out.isPkChunkingSupported = true;
  return out;
}

export function jobInfo(job: Job, view: InfoView): Record<string, unknown> {
  return job.kind === 'ingest' ? ingestInfo(job, view) : queryInfo(job, view);
}

/** JSON with every "apiVersion" written as Salesforce's double (62.0, not 62). */
export function infoJson(value: unknown): string {
  return JSON.stringify(value).replace(/"apiVersion":(\d+)(?=[,}])/g, '"apiVersion":$1.0');
}
