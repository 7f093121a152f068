// The options every job definition shares (contentType, columnDelimiter, lineEnding), validated the
// same way for ingest and query jobs, and the helpers that render a JobInfo response.
import { invalidJob } from './bulk-errors.ts';
import type { BulkResponse } from './bulk-router.ts';
import { infoJson, jobInfo, type InfoView } from './job-info.ts';
import { DELIMITERS, type ColumnDelimiter, type Job, type LineEnding } from './job-model.ts';

export interface CsvOptions {
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidJob(`Invalid value for ${key}: ${JSON.stringify(v)}`);
  return v;
};

export function csvOptions(body: Record<string, unknown>): CsvOptions {
  const contentType = optionalString(body, 'contentType');
  if (contentType !== undefined && contentType !== 'CSV')
    throw invalidJob(`Invalid content type: ${contentType}. The only content type supported is CSV`);
  const columnDelimiter = optionalString(body, 'columnDelimiter') ?? 'COMMA';
  if (!(columnDelimiter in DELIMITERS)) throw invalidJob(`Invalid column delimiter: ${columnDelimiter}`);
  const lineEnding = optionalString(body, 'lineEnding') ?? 'LF';
  if (lineEnding !== 'LF' && lineEnding !== 'CRLF') throw invalidJob(`Invalid line ending: ${lineEnding}`);
  return { columnDelimiter: columnDelimiter as ColumnDelimiter, lineEnding };
}

export function stringField(body: Record<string, unknown>, key: string): string | undefined {
  return optionalString(body, key);
}

export function infoResponse(job: Job, view: InfoView, status = 200): BulkResponse {
  return { status, text: infoJson(jobInfo(job, view)) };
}

/** "Completed" for JobComplete, as in Salesforce's "Aborting already Completed Job not allowed". */
export function stateLabel(state: Job['state']): string {
  return state === 'JobComplete' ? 'Completed' : state;
}
