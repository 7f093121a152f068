import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

// Organizations are managed by the super-admin, above any tenant: system scope.
export interface OrgRow {
  id: string;
  name: string;
  slug: string;
  is_active: boolean;
  created_at: Date;
}
const COLUMNS = ['id', 'name', 'slug', 'is_active', 'created_at'] as const;

export async function insertOrg(db: Kysely<DB>, row: { id: string; name: string; slug: string }): Promise<OrgRow> {
  return db.insertInto('organizations').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function listOrgs(db: Kysely<DB>): Promise<OrgRow[]> {
  return db.selectFrom('organizations').select(COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function findOrg(db: Kysely<DB>, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('organizations').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function deactivateOrg(db: Kysely<DB>, id: string, at: Date): Promise<OrgRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('organizations')
      .set({ is_active: false })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (row) {
      await trx
        .updateTable('sessions')
        .set({ revoked_at: at, revoked_reason: 'org_deactivated' })
        .where('org_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    return row;
  });
}

export async function findOrgUser(db: Kysely<DB>, orgId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'is_active', 'client_id'])
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
}
