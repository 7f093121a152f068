import type { Selectable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ClientsTable } from '../../platform/db/schema.ts';

const COLUMNS = ['id', 'org_id', 'name', 'domain', 'is_active', 'created_at', 'updated_at'] as const;
export type ClientRow = Pick<Selectable<ClientsTable>, (typeof COLUMNS)[number]>;

export async function insertClient(
  trx: Tx,
  row: { id: string; org_id: string; name: string; domain: string | null },
): Promise<ClientRow> {
  return trx.insertInto('clients').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function findClient(trx: Tx, orgId: string, id: string): Promise<ClientRow | undefined> {
  return trx.selectFrom('clients').select(COLUMNS).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function listClients(
  trx: Tx,
  orgId: string,
  opts: { includeInactive: boolean; onlyId: string | null },
): Promise<ClientRow[]> {
  let q = trx.selectFrom('clients').select(COLUMNS).where('org_id', '=', orgId);
  if (!opts.includeInactive) q = q.where('is_active', '=', true);
  if (opts.onlyId) q = q.where('id', '=', opts.onlyId);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function updateClient(
  trx: Tx,
  orgId: string,
  id: string,
  patch: { name?: string; domain?: string | null; is_active?: boolean },
): Promise<ClientRow | undefined> {
  return trx
    .updateTable('clients')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
}
