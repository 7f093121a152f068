import type { Kysely, Selectable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { CrmConnectionsTable, DB } from '../../platform/db/schema.ts';

export type ConnectionRow = Selectable<CrmConnectionsTable>;
type ConnectionPatch = Partial<Omit<ConnectionRow, 'id' | 'org_id' | 'client_id' | 'created_at' | 'updated_at'>>;

export async function findConnectionByClient(
  trx: Tx,
  orgId: string,
  clientId: string,
): Promise<ConnectionRow | undefined> {
  return trx
    .selectFrom('crm_connections')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

export async function findConnection(trx: Tx, orgId: string, id: string): Promise<ConnectionRow | undefined> {
  return trx
    .selectFrom('crm_connections')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listConnections(trx: Tx, orgId: string, clientId: string | null): Promise<ConnectionRow[]> {
  let q = trx.selectFrom('crm_connections').selectAll().where('org_id', '=', orgId);
  if (clientId) q = q.where('client_id', '=', clientId);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function insertConnection(
  trx: Tx,
  row: {
    id: string;
    org_id: string;
    client_id: string;
    custody: string;
    environment: string;
    login_url: string;
    api_version: string;
  },
): Promise<ConnectionRow> {
  return trx.insertInto('crm_connections').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateConnection(
  trx: Tx,
  orgId: string,
  id: string,
  patch: ConnectionPatch,
): Promise<ConnectionRow> {
  return trx
    .updateTable('crm_connections')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertOauthState(
  trx: Tx,
  row: {
    id: string;
    org_id: string;
    connection_id: string;
    state_hash: string;
    code_verifier_enc: string;
    dek_id: string;
    redirect_uri: string;
    created_by: string | null;
    expires_at: Date;
  },
): Promise<void> {
  await trx.insertInto('oauth_states').values(row).execute();
}

/**
 * The OAuth callback arrives with only a state: the org is learnt from it, so the lookup runs in the
 * system scope, by the state's hash. Consuming is atomic, so a state works exactly once.
 */
export async function consumeOauthState(db: Kysely<DB>, stateHash: string, now: Date) {
  const row = await db.selectFrom('oauth_states').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
  if (!row) return { outcome: 'unknown' as const };
  if (row.consumed_at) return { outcome: 'used' as const, row };
  if (row.expires_at <= now) return { outcome: 'expired' as const, row };
  const taken = await db
    .updateTable('oauth_states')
    .set({ consumed_at: now })
    .where('id', '=', row.id)
    .where('consumed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return taken ? { outcome: 'ok' as const, row } : { outcome: 'used' as const, row };
}

export async function recordApiUsage(
  db: Kysely<DB>,
  connectionId: string,
  used: number,
  limit: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('crm_connections')
    .set({ api_usage_used: used, api_usage_limit: limit, api_usage_at: at, last_used_at: at })
    .where('id', '=', connectionId)
    .where((eb) => eb.or([eb('api_usage_at', 'is', null), eb('api_usage_at', '<=', at)]))
    .execute();
}
