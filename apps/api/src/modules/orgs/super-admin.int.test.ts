import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, uniq } from '../../../test/helpers/factories.ts';
import { get, post } from '../../../test/helpers/http.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

describe('super-admin bootstrap', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('org → first admin → first token → a working API token', async () => {
    const slug = uniq('boot');
    const org = await post(t, '/api/super-admin/orgs', { name: 'Boot Co', slug }, t.superAdminSecret);
    assert.equal(org.status, 200);
    assert.deepEqual(Object.keys(org.body).sort(), ['created_at', 'id', 'is_active', 'name', 'slug']);
    const user = await post(
      t,
      '/api/super-admin/users',
      { org_id: org.body.id, email: 'Boss@Boot.co', password: PASSWORD, role: 'org_admin' },
      t.superAdminSecret,
    );
    assert.equal(user.status, 200);
    assert.equal(user.body.email, 'boss@boot.co');
    assert.equal(user.body.client_id, null);
    const tok = await post(
      t,
      '/api/super-admin/tokens',
      { org_id: org.body.id, user_id: user.body.id, label: 'first', expires_in_days: 7 },
      t.superAdminSecret,
    );
    assert.equal(tok.status, 200);
    const me = await get(t, '/api/auth/me', tok.body.token);
    assert.equal(me.status, 200);
    assert.equal(me.body.auth_method, 'api_token');
    assert.equal(me.body.org_id, org.body.id);
  });

  test('slug rules and duplicates', async () => {
    const slug = uniq('dup');
    assert.equal((await post(t, '/api/super-admin/orgs', { name: 'A', slug }, t.superAdminSecret)).status, 200);
    assert.equal((await post(t, '/api/super-admin/orgs', { name: 'B', slug }, t.superAdminSecret)).status, 409);
    for (const bad of ['A-upper', '-lead', 'trail-', 'x', 'sp ace', 'a'.repeat(51)]) {
      assert.equal(
        (await post(t, '/api/super-admin/orgs', { name: 'C', slug: bad }, t.superAdminSecret)).status,
        422,
        bad,
      );
    }
  });

  test('unknown org → 404; duplicate email → 409; company role needs a client of that org', async () => {
    const missing = await post(
      t,
      '/api/super-admin/users',
      { org_id: '00000000-0000-4000-8000-000000000001', email: 'a@b.co', password: PASSWORD, role: 'org_admin' },
      t.superAdminSecret,
    );
    assert.equal(missing.status, 404);
    const org = await post(t, '/api/super-admin/orgs', { name: 'E', slug: uniq('e') }, t.superAdminSecret);
    const body = { org_id: org.body.id, email: 'same@e.co', password: PASSWORD, role: 'org_admin' };
    assert.equal((await post(t, '/api/super-admin/users', body, t.superAdminSecret)).status, 200);
    assert.equal((await post(t, '/api/super-admin/users', body, t.superAdminSecret)).status, 409);
    assert.equal(
      (
        await post(
          t,
          '/api/super-admin/users',
          { ...body, email: 'c@e.co', role: 'company_member' },
          t.superAdminSecret,
        )
      ).status,
      400,
    );
    const tokForeignUser = await post(
      t,
      '/api/super-admin/tokens',
      { org_id: org.body.id, user_id: '00000000-0000-4000-8000-000000000002' },
      t.superAdminSecret,
    );
    assert.equal(tokForeignUser.status, 404);
  });

  test('orgs/list lists every org, newest first', async () => {
    const res = await post(t, '/api/super-admin/orgs/list', {}, t.superAdminSecret);
    assert.equal(res.status, 200);
    assert.ok(res.body.data.length >= 2);
    const times = res.body.data.map((o: { created_at: string }) => o.created_at);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  test('a wrong or missing secret is a 401 with the error envelope', async () => {
    for (const bearer of [null, 'nope', `${t.superAdminSecret}x`]) {
      const res = await post(t, '/api/super-admin/orgs/list', {}, bearer);
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'unauthorized');
      assert.ok(res.body.request_id);
    }
  });
});
