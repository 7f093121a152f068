import { parse } from 'csv-parse/sync';
import type { SalesforceClient } from './sf-client.ts';
import { SalesforceError } from './sf-errors.ts';

export interface BulkJobInfo {
  id: string;
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RFC 4180 quoting, as Bulk API 2.0 reads CSV: every value quoted, quotes doubled; null is #N/A. */
function cell(v: unknown): string {
  if (v === null) return '#N/A';
  if (v === undefined) return '';
  return `"${String(v).replaceAll('"', '""')}"`;
}

/** The CSV of a set of records: one header with every column any record has, LF line endings. */
export function toCsv(records: Array<Record<string, unknown>>): { columns: string[]; text: string } {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map((c) => `"${c}"`).join(',')];
  for (const r of records) lines.push(columns.map((c) => cell(r[c])).join(','));
  return { columns, text: `${lines.join('\n')}\n` };
}

/**
 * Bulk API 2.0 ingest, one job per object and operation: create, upload the CSV, close, poll with
 * backoff, read the three result sets. Each step is a separate call so the caller can store the job
 * id before uploading and resume a job that was already closed instead of starting another.
 */
export class BulkIngest {
  readonly #c: SalesforceClient;
  constructor(client: SalesforceClient) {
    this.#c = client;
  }

  async create(object: string, externalIdField: string): Promise<BulkJobInfo> {
    const res = await this.#c.request({
      method: 'POST',
      path: this.#c.dataPath('/jobs/ingest'),
      body: { object, externalIdFieldName: externalIdField, contentType: 'CSV', operation: 'upsert', lineEnding: 'LF' },
    });
    return res.body as BulkJobInfo;
  }

  async upload(jobId: string, csv: string): Promise<void> {
    await this.#c.request({
      method: 'PUT',
      path: this.#c.dataPath(`/jobs/ingest/${jobId}/batches`),
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
  }

  async close(jobId: string): Promise<void> {
    await this.#c.request({
      method: 'PATCH',
      path: this.#c.dataPath(`/jobs/ingest/${jobId}`),
      body: { state: 'UploadComplete' },
      idempotent: true,
    });
  }

  async abort(jobId: string): Promise<void> {
    await this.#c.request({
      method: 'PATCH',
      path: this.#c.dataPath(`/jobs/ingest/${jobId}`),
      body: { state: 'Aborted' },
      idempotent: true,
    });
  }

  async info(jobId: string): Promise<BulkJobInfo> {
    return (await this.#c.getJson<BulkJobInfo>(this.#c.dataPath(`/jobs/ingest/${jobId}`))).body;
  }

  /** Polls until the job is done, waiting longer each time (0.5 s up to maxDelayMs). */
  async waitDone(jobId: string, opts: { firstDelayMs?: number; maxDelayMs?: number } = {}): Promise<BulkJobInfo> {
    let delay = opts.firstDelayMs ?? 500;
    for (;;) {
      await sleep(delay);
      const info = await this.info(jobId);
      if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') return info;
      delay = Math.min(opts.maxDelayMs ?? 10_000, Math.round(delay * 1.6));
    }
  }

  /** successfulResults / failedResults / unprocessedrecords as rows keyed by header. */
  async results(
    jobId: string,
    kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords',
  ): Promise<Array<Record<string, string>>> {
    const res = await this.#c.request({
      method: 'GET',
      path: this.#c.dataPath(`/jobs/ingest/${jobId}/${kind}/`),
      headers: { accept: 'text/csv' },
      idempotent: true,
    });
    if (typeof res.body !== 'string')
      throw new SalesforceError('terminal', 'INVALID_RESPONSE', `${kind} did not answer CSV`);
    if (res.body.trim() === '') return [];
    return parse(res.body, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<
      Record<string, string>
    >;
  }
}
