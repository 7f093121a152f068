import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { PushRecordError } from '../../platform/db/schema.ts';

const COLUMNS = [
  'id',
  'client_id',
  'connection_id',
  'operation',
  'object_type',
  'external_id_field',
  'canonical_object',
  'mapping_id',
  'mapping_version',
  'transport',
  'status',
  'idempotency_key',
  'body_hash',
  'records_total',
  'records_succeeded',
  'records_failed',
  'api_calls_used',
  'error_kind',
  'error_code',
  'error_message',
  'bulk_job_id',
  'bulk_stage',
  'created_at',
  'completed_at',
] as const;

export async function findPush(trx: Tx, orgId: string, id: string) {
  return trx
    .selectFrom('push_jobs')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export type PushRow = NonNullable<Awaited<ReturnType<typeof findPush>>>;

export async function findByIdempotencyKey(trx: Tx, orgId: string, clientId: string, key: string) {
  return trx
    .selectFrom('push_jobs')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function insertPush(
  trx: Tx,
  p: {
    id: string;
    orgId: string;
    clientId: string;
    connectionId: string;
    operation: 'upsert' | 'update' | 'link';
    transport: 'collections' | 'bulk';
    objectType: string;
    externalIdField: string;
    canonical: string | null;
    mappingId: string | null;
    mappingVersion: number | null;
    idempotencyKey: string | null;
    bodyHash: string;
    total: number;
    requestedBy: string | null;
  },
) {
  await trx
    .insertInto('push_jobs')
    .values({
      id: p.id,
      org_id: p.orgId,
      client_id: p.clientId,
      connection_id: p.connectionId,
      operation: p.operation,
      object_type: p.objectType,
      external_id_field: p.externalIdField,
      canonical_object: p.canonical,
      mapping_id: p.mappingId,
      mapping_version: p.mappingVersion,
      transport: p.transport,
      idempotency_key: p.idempotencyKey,
      body_hash: p.bodyHash,
      records_total: p.total,
      requested_by: p.requestedBy,
    })
    .execute();
}

export interface InputRow {
  seq: number;
  externalId: string | null;
  payload: Record<string, unknown>;
  errors: PushRecordError[] | null;
}

export async function insertRecords(trx: Tx, orgId: string, pushId: string, rows: InputRow[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('push_records')
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          org_id: orgId,
          push_id: pushId,
          seq: r.seq,
          external_id: r.externalId,
          payload: JSON.stringify(r.payload),
          status: r.errors ? 'failed' : 'pending',
          errors: r.errors ? JSON.stringify(r.errors) : null,
        })),
      )
      .execute();
  }
}

export async function pendingRecords(trx: Tx, pushId: string, afterSeq: number, limit: number) {
  return trx
    .selectFrom('push_records')
    .select(['seq', 'payload'])
    .where('push_id', '=', pushId)
    .where('status', '=', 'pending')
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export interface RecordOutcome {
  seq: number;
  status: 'succeeded' | 'failed';
  sf_id: string | null;
  created: boolean | null;
  errors: PushRecordError[] | null;
}

/** One chunk's outcomes and the call it cost, together: a chunk is either recorded done or not at all. */
export async function recordOutcomes(trx: Tx, orgId: string, pushId: string, outcomes: RecordOutcome[], calls: number) {
  if (outcomes.length) {
    await sql`update push_records r set status = x.status, sf_id = x.sf_id, created = x.created, errors = x.errors
      from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb)
        as x(seq int, status text, sf_id text, created boolean, errors jsonb)
      where r.push_id = ${pushId} and r.org_id = ${orgId} and r.seq = x.seq and r.status = 'pending'`.execute(trx);
  }
  if (calls)
    await trx
      .updateTable('push_jobs')
      .set((eb) => ({ api_calls_used: eb('api_calls_used', '+', calls) }))
      .where('org_id', '=', orgId)
      .where('id', '=', pushId)
      .execute();
}

export async function failPending(trx: Tx, orgId: string, pushId: string, error: PushRecordError) {
  await trx
    .updateTable('push_records')
    .set({ status: 'failed', errors: JSON.stringify([error]) })
    .where('org_id', '=', orgId)
    .where('push_id', '=', pushId)
    .where('status', '=', 'pending')
    .execute();
}

export async function countOutcomes(trx: Tx, pushId: string) {
  const rows = await trx
    .selectFrom('push_records')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('push_id', '=', pushId)
    .groupBy('status')
    .execute();
  const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { succeeded: n('succeeded'), failed: n('failed'), pending: n('pending') };
}

export async function updatePush(
  trx: Tx,
  orgId: string,
  id: string,
  patch: {
    status?: string;
    records_succeeded?: number;
    records_failed?: number;
    error_kind?: string | null;
    error_code?: string | null;
    error_message?: string | null;
    started_at?: Date;
    completed_at?: Date | null;
  },
) {
  await trx.updateTable('push_jobs').set(patch).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function pageResults(trx: Tx, pushId: string, cursor: number, limit: number, onlyFailed: boolean) {
  let q = trx
    .selectFrom('push_records')
    .select(['seq', 'external_id', 'status', 'sf_id', 'created', 'errors'])
    .where('push_id', '=', pushId)
    .where('seq', '>=', cursor);
  if (onlyFailed) q = q.where('status', '=', 'failed');
  return q
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
}

export async function listPushes(trx: Tx, orgId: string, clientId: string, limit: number) {
  return trx
    .selectFrom('push_jobs')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function setBulkStage(trx: Tx, orgId: string, id: string, jobId: string, stage: string, calls: number) {
  await trx
    .updateTable('push_jobs')
    .set((eb) => ({ bulk_job_id: jobId, bulk_stage: stage, api_calls_used: eb('api_calls_used', '+', calls) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
