import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

export type DescribeErrors = Record<string, { status: number; error_code: string; message: string }>;

export async function insertBlobs(
  trx: Tx,
  orgId: string,
  blobs: Array<{ hash: string; content: Buffer; rawBytes: number }>,
): Promise<void> {
  if (blobs.length === 0) return;
  await trx
    .insertInto('topology_blobs')
    .values(blobs.map((b) => ({ org_id: orgId, hash: b.hash, content: b.content, raw_bytes: b.rawBytes })))
    .onConflict((oc) => oc.columns(['org_id', 'hash']).doNothing())
    .execute();
}

export async function readBlobs(trx: Tx, orgId: string, hashes: string[]): Promise<Map<string, Buffer>> {
  if (hashes.length === 0) return new Map();
  const rows = await trx
    .selectFrom('topology_blobs')
    .select(['hash', 'content'])
    .where('org_id', '=', orgId)
    .where('hash', 'in', hashes)
    .execute();
  return new Map(rows.map((r) => [r.hash, r.content]));
}

export async function upsertManifest(
  trx: Tx,
  orgId: string,
  hash: string,
  objects: Record<string, string>,
  errors: DescribeErrors,
): Promise<void> {
  await trx
    .insertInto('topology_manifests')
    .values({ org_id: orgId, hash, objects: JSON.stringify(objects), describe_errors: JSON.stringify(errors) })
    .onConflict((oc) => oc.columns(['org_id', 'hash']).doNothing())
    .execute();
}

export async function readManifest(trx: Tx, orgId: string, hash: string) {
  return trx
    .selectFrom('topology_manifests')
    .select(['objects', 'describe_errors'])
    .where('org_id', '=', orgId)
    .where('hash', '=', hash)
    .executeTakeFirstOrThrow();
}

const SNAPSHOT_COLUMNS = [
  'id',
  'client_id',
  'connection_id',
  'pull_id',
  'version',
  'manifest_hash',
  'api_version',
  'objects_count',
  'custom_objects_count',
  'describe_errors_count',
  'api_calls_used',
  'source_checked_at',
  'pulled_at',
] as const;

export async function latestSnapshot(trx: Tx, orgId: string, clientId: string) {
  return trx
    .selectFrom('topology_snapshots')
    .select(SNAPSHOT_COLUMNS)
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function snapshotByVersion(trx: Tx, orgId: string, clientId: string, version: number | undefined) {
  if (version === undefined) return latestSnapshot(trx, orgId, clientId);
  return trx
    .selectFrom('topology_snapshots')
    .select(SNAPSHOT_COLUMNS)
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function snapshotById(trx: Tx, orgId: string, id: string) {
  return trx
    .selectFrom('topology_snapshots')
    .select(SNAPSHOT_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listSnapshots(trx: Tx, orgId: string, clientId: string) {
  return trx
    .selectFrom('topology_snapshots')
    .select(SNAPSHOT_COLUMNS)
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .orderBy('version', 'desc')
    .execute();
}

/**
 * Versions are allocated under a per-client transaction lock, so concurrent pulls of one client
 * get consecutive versions instead of colliding on the unique constraint.
 */
export async function insertSnapshot(
  trx: Tx,
  s: {
    id: string;
    orgId: string;
    clientId: string;
    connectionId: string;
    pullId: string;
    manifestHash: string;
    apiVersion: string;
    objectsCount: number;
    customCount: number;
    errorsCount: number;
    apiCalls: number;
    checkedAt: Date;
    pulledAt: Date;
  },
): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`sfx:topology:${s.clientId}`}))`.execute(trx);
  const { next } = await trx
    .selectFrom('topology_snapshots')
    .select(sql<number>`coalesce(max(version), 0)::int + 1`.as('next'))
    .where('org_id', '=', s.orgId)
    .where('client_id', '=', s.clientId)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('topology_snapshots')
    .values({
      id: s.id,
      org_id: s.orgId,
      client_id: s.clientId,
      connection_id: s.connectionId,
      pull_id: s.pullId,
      version: next,
      manifest_hash: s.manifestHash,
      api_version: s.apiVersion,
      objects_count: s.objectsCount,
      custom_objects_count: s.customCount,
      describe_errors_count: s.errorsCount,
      api_calls_used: s.apiCalls,
      source_checked_at: s.checkedAt,
      pulled_at: s.pulledAt,
    })
    .execute();
  return next;
}

const PULL_COLUMNS = [
  'id',
  'client_id',
  'connection_id',
  'status',
  'snapshot_id',
  'objects_total',
  'objects_done',
  'api_calls_used',
  'error_kind',
  'error_code',
  'error_message',
  'created_at',
  'started_at',
  'completed_at',
] as const;

export async function insertPull(
  trx: Tx,
  p: { id: string; orgId: string; clientId: string; connectionId: string; requestedBy: string | null },
) {
  return trx
    .insertInto('topology_pulls')
    .values({
      id: p.id,
      org_id: p.orgId,
      client_id: p.clientId,
      connection_id: p.connectionId,
      requested_by: p.requestedBy,
    })
    .returning(PULL_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function findPull(trx: Tx, orgId: string, id: string) {
  return trx
    .selectFrom('topology_pulls')
    .select(PULL_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function activePull(trx: Tx, orgId: string, clientId: string) {
  return trx
    .selectFrom('topology_pulls')
    .select(PULL_COLUMNS)
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updatePull(
  trx: Tx,
  orgId: string,
  id: string,
  patch: {
    status?: string;
    snapshot_id?: string;
    objects_total?: number;
    objects_done?: number;
    api_calls_used?: number;
    error_kind?: string | null;
    error_code?: string | null;
    error_message?: string | null;
    started_at?: Date;
    completed_at?: Date | null;
  },
): Promise<void> {
  await trx.updateTable('topology_pulls').set(patch).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Bytes the topology of an org occupies (blobs + manifests), for benchmarks and ops. */
export async function storedBytes(trx: Tx, orgId: string): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select (coalesce((select sum(octet_length(content)) from topology_blobs where org_id = ${orgId}), 0)
    + coalesce((select sum(octet_length(objects::text) + octet_length(describe_errors::text)) from topology_manifests where org_id = ${orgId}), 0)
    + coalesce((select count(*) * 200 from topology_snapshots where org_id = ${orgId}), 0))::text as n`.execute(trx);
  return Number(r.rows[0]?.n ?? 0);
}
