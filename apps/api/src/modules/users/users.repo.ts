import { sql, type Selectable } from 'kysely';
import type { UsersTable } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/database.ts';

const COLUMNS = [
  'id',
  'org_id',
  'client_id',
  'email',
  'name',
  'role',
  'is_active',
  'created_at',
  'updated_at',
] as const;
export type UserRow = Pick<Selectable<UsersTable>, (typeof COLUMNS)[number]>;

export async function insertUser(
  trx: Tx,
  row: {
    id: string;
    org_id: string;
    client_id: string | null;
    email: string;
    name: string | null;
    role: string;
    password_hash: string;
  },
): Promise<UserRow> {
  return trx.insertInto('users').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function findUser(trx: Tx, orgId: string, id: string): Promise<UserRow | undefined> {
  return trx.selectFrom('users').select(COLUMNS).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function listUsers(trx: Tx, orgId: string, includeInactive: boolean): Promise<UserRow[]> {
  let q = trx.selectFrom('users').select(COLUMNS).where('org_id', '=', orgId);
  if (!includeInactive) q = q.where('is_active', '=', true);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function updateUser(
  trx: Tx,
  orgId: string,
  id: string,
  patch: { name?: string | null; role?: string; client_id?: string | null; is_active?: boolean },
): Promise<UserRow | undefined> {
  return trx
    .updateTable('users')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function countActiveAdmins(trx: Tx, orgId: string): Promise<number> {
  const r = await trx
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'org_admin')
    .where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Cuts a user off at once: every session revoked, every API token deactivated. */
export async function revokeUserCredentials(
  trx: Tx,
  orgId: string,
  userId: string,
  at: Date,
  reason: string,
): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await trx
    .updateTable('api_tokens')
    .set({ is_active: false, revoked_at: at })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('is_active', '=', true)
    .execute();
}
