import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ApiTokensTable } from '../../platform/db/schema.ts';

const COLUMNS = [
  'id',
  'user_id',
  'label',
  'prefix',
  'scopes',
  'client_id',
  'last_used_at',
  'expires_at',
  'is_active',
  'created_at',
] as const;
export type TokenRow = Pick<Selectable<ApiTokensTable>, (typeof COLUMNS)[number]>;

export async function insertToken(trx: Tx, row: Insertable<ApiTokensTable>): Promise<TokenRow> {
  return trx.insertInto('api_tokens').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function listTokens(trx: Tx, orgId: string, includeInactive: boolean): Promise<TokenRow[]> {
  let q = trx.selectFrom('api_tokens').select(COLUMNS).where('org_id', '=', orgId);
  if (!includeInactive) q = q.where('is_active', '=', true);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function revokeToken(trx: Tx, orgId: string, id: string, at: Date): Promise<boolean> {
  const found = await trx
    .selectFrom('api_tokens')
    .select(['id', 'is_active'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) return false;
  if (found.is_active) {
    await trx
      .updateTable('api_tokens')
      .set({ is_active: false, revoked_at: at })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .execute();
  }
  return true;
}
