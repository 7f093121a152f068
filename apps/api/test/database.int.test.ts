import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { MIGRATIONS_DIR, migrate } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';
import { appWithTwoTenants, type Tenant } from './helpers/factories.ts';
import type { TestApp } from './helpers/test-app.ts';

describe('database: row-level security and integrity', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  before(async () => ({ t, a, b } = await appWithTwoTenants()));
  after(() => t.close());

  test('tenant transactions run as a role that neither owns the tables nor bypasses RLS', async () => {
    const row = await t.runtime.db.tenant(
      { orgId: a.orgId },
      async (trx) =>
        (
          await sql<{ u: string; bypass: boolean; superuser: boolean }>`select current_user as u,
            r.rolbypassrls as bypass, r.rolsuper as superuser from pg_roles r where r.rolname = current_user`.execute(
            trx,
          )
        ).rows[0],
    );
    assert.deepEqual(row, { u: 'sfx_app', bypass: false, superuser: false });
    const owners = await sql<{
      tableowner: string;
    }>`select distinct tableowner from pg_tables where tablename in ('clients','users','api_tokens','sessions','audit_events')`.execute(
      t.runtime.db.system,
    );
    assert.ok(owners.rows.every((o) => o.tableowner !== 'sfx_app'));
  });

  test('every tenant table has RLS enabled with a policy', async () => {
    const rows = await sql<{ relname: string; relrowsecurity: boolean; policies: number }>`
      select c.relname, c.relrowsecurity, (select count(*)::int from pg_policies p where p.tablename = c.relname) as policies
      from pg_class c join information_schema.columns col on col.table_name = c.relname and col.column_name = 'org_id'
      where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace`.execute(t.runtime.db.system);
    assert.ok(rows.rows.length >= 6);
    for (const r of rows.rows) assert.ok(r.relrowsecurity && r.policies > 0, `${r.relname} has no RLS policy`);
  });

  test('a query without the tenant filter still sees only its org (RLS is the second wall)', async () => {
    const visible = await t.runtime.db.tenant({ orgId: a.orgId }, (trx) =>
      trx.selectFrom('clients').select(['id', 'org_id']).execute(),
    );
    assert.ok(visible.length >= 2);
    assert.ok(visible.every((c) => c.org_id === a.orgId));
    const clientScoped = await t.runtime.db.tenant({ orgId: a.orgId, clientId: a.clientId }, (trx) =>
      trx.selectFrom('clients').select('id').execute(),
    );
    assert.deepEqual(
      clientScoped.map((c) => c.id),
      [a.clientId],
    );
  });

  test('writing into another org is refused by the policy', async () => {
    await assert.rejects(
      t.runtime.db.tenant({ orgId: a.orgId }, (trx) =>
        trx.insertInto('clients').values({ id: newId(), org_id: b.orgId, name: 'smuggled', domain: null }).execute(),
      ),
      /row-level security/,
    );
  });

  test("a user cannot belong to another org's client, even bypassing the app (composite foreign key)", async () => {
    await assert.rejects(
      t.runtime.db.system
        .insertInto('users')
        .values({
          id: newId(),
          org_id: a.orgId,
          client_id: b.clientId,
          email: 'x@y.z',
          name: null,
          role: 'company_member',
          password_hash: 'x',
        })
        .execute(),
      /foreign key/,
    );
    await assert.rejects(
      t.runtime.db.system
        .insertInto('api_tokens')
        .values({
          id: newId(),
          org_id: a.orgId,
          user_id: b.adminId,
          client_id: null,
          token_hash: newId(),
          prefix: 'sfx_',
          label: null,
          scopes: null,
          expires_at: null,
          created_by: null,
        })
        .execute(),
      /foreign key/,
    );
  });

  test('migrations are idempotent and refuse an edited migration', async () => {
    assert.deepEqual(await migrate(t.runtime.db), []);
    const dir = mkdtempSync(path.join(tmpdir(), 'sfx-mig-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    writeFileSync(path.join(dir, '0001_tenancy.sql'), '-- edited\nselect 1;');
    await assert.rejects(migrate(t.runtime.db, { dir }), /changed after it was applied/);
  });
});
