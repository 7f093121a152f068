import type { Database } from '../../platform/db/database.ts';
import type { PushRecordError } from '../../platform/db/schema.ts';
import { BulkIngest, toCsv } from '../../salesforce/bulk-ingest.ts';
import type { SalesforceClient } from '../../salesforce/sf-client.ts';
import { pendingRecords, type PushRow, type RecordOutcome, recordOutcomes } from './push.repo.ts';

/** "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --" → code, message, fields. */
export function parseBulkError(text: string): PushRecordError {
  const body = text.replace(/\s*--\s*$/, '');
  const first = body.indexOf(':');
  if (first < 0) return { code: 'UNKNOWN_ERROR', message: body, fields: [] };
  const code = body.slice(0, first);
  const rest = body.slice(first + 1);
  const last = rest.lastIndexOf(':');
  const tail = last >= 0 ? rest.slice(last + 1) : '';
  const fields = last >= 0 && /^[A-Za-z0-9_,]*$/.test(tail) ? tail.split(',').filter(Boolean) : [];
  return { code, message: fields.length ? rest.slice(0, last) : rest, fields };
}

export interface BulkDeps {
  db: Database;
  orgId: string;
  push: PushRow & { bulk_job_id: string | null; bulk_stage: string | null };
  client: SalesforceClient;
  /** Stores the job id and stage, with the calls spent since the last record (crash-safe accounting). */
  setStage(jobId: string, stage: 'created' | 'closed' | 'done', calls: number): Promise<void>;
}

/**
 * One Bulk API 2.0 upsert job for the push's pending rows. The job id is stored before the upload
 * and the stage after the close, so a resumed push finishes the job it started: a job killed before
 * its close is aborted (Salesforce processed nothing of it) and replaced; a closed one is polled.
 */
export async function runBulkPush(d: BulkDeps): Promise<void> {
  const { db, orgId, push, client } = d;
  const bulk = new BulkIngest(client);
  let accounted = 0;
  const spent = () => {
    const n = client.calls - accounted;
    accounted = client.calls;
    return n;
  };
  let jobId = push.bulk_job_id;
  if (jobId && push.bulk_stage === 'created') {
    await bulk.abort(jobId).catch(() => undefined);
    jobId = null;
  }
  // Input rows, read in chunks (seq order); the external id value joins results back to rows.
  const bySeq = new Map<string, number>();
  const records: Array<Record<string, unknown>> = [];
  for (let after = -1; ; ) {
    const rows = await db.tenant({ orgId }, (trx) => pendingRecords(trx, push.id, after, 10_000));
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.seq;
    for (const r of rows) {
      const ext = r.payload[push.external_id_field];
      bySeq.set(String(ext), r.seq);
      if (!jobId) records.push(r.payload);
    }
  }
  if (bySeq.size === 0) return;
  if (!jobId) {
    const job = await bulk.create(push.object_type, push.external_id_field);
    jobId = job.id;
    await d.setStage(jobId, 'created', spent());
    await bulk.upload(jobId, toCsv(records).text);
    records.length = 0;
    await bulk.close(jobId);
    await d.setStage(jobId, 'closed', spent());
  }
  const info = await bulk.waitDone(jobId, { firstDelayMs: Math.min(10_000, Math.max(500, bySeq.size / 40)) });
  const outcomes: RecordOutcome[] = [];
  const seqOf = (row: Record<string, string>) => bySeq.get(row[push.external_id_field] ?? '');
  for (const r of await bulk.results(jobId, 'successfulResults')) {
    const seq = seqOf(r);
    if (seq === undefined) continue;
    outcomes.push({
      seq,
      status: 'succeeded',
      sf_id: r.sf__Id || null,
      created: r.sf__Created === 'true',
      errors: null,
    });
    bySeq.delete(r[push.external_id_field]!);
  }
  for (const r of await bulk.results(jobId, 'failedResults')) {
    const seq = seqOf(r);
    if (seq === undefined) continue;
    const error = parseBulkError(r.sf__Error ?? '');
    outcomes.push({ seq, status: 'failed', sf_id: r.sf__Id || null, created: null, errors: [error] });
    bySeq.delete(r[push.external_id_field]!);
  }
  // Unprocessed rows, and any the results did not mention, fail with the job's reason.
  const why = info.errorMessage ? `: ${info.errorMessage}` : '';
  for (const seq of bySeq.values())
    outcomes.push({
      seq,
      status: 'failed',
      sf_id: null,
      created: null,
      errors: [
        {
          code: 'UNPROCESSED',
          message: `Salesforce did not process this record (job ${info.state}${why})`,
          fields: [],
        },
      ],
    });
  for (let i = 0; i < outcomes.length; i += 2000) {
    const calls = i === 0 ? spent() : 0;
    await db.tenant({ orgId }, (trx) => recordOutcomes(trx, orgId, push.id, outcomes.slice(i, i + 2000), calls));
  }
  await d.setStage(jobId, 'done', spent());
}
