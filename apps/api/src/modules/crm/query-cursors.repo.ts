import type { Tx } from '../../platform/db/database.ts';

/** Salesforce keeps an idle query cursor for about two days; so do we, then it is gone. */
const TTL_MS = 2 * 24 * 3600_000;

export async function saveCursor(
  trx: Tx,
  c: { orgId: string; clientId: string; path: string; pending: string[]; totalSize: number; now: Date },
): Promise<void> {
  await trx
    .insertInto('crm_query_cursors')
    .values({
      org_id: c.orgId,
      client_id: c.clientId,
      path: c.path,
      pending: JSON.stringify(c.pending),
      total_size: c.totalSize,
      expires_at: new Date(c.now.getTime() + TTL_MS),
    })
    .onConflict((oc) => oc.columns(['org_id', 'client_id', 'path']).doNothing())
    .execute();
}

export async function findCursor(trx: Tx, orgId: string, clientId: string, path: string, now: Date) {
  return trx
    .selectFrom('crm_query_cursors')
    .select(['path', 'pending', 'total_size'])
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .where('path', '=', path)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteExpired(trx: Tx, orgId: string, now: Date): Promise<void> {
  await trx.deleteFrom('crm_query_cursors').where('org_id', '=', orgId).where('expires_at', '<=', now).execute();
}
