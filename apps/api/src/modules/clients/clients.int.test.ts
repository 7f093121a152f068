import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appWithTwoTenants, type Tenant } from '../../../test/helpers/factories.ts';
import { post } from '../../../test/helpers/http.ts';
import type { TestApp } from '../../../test/helpers/test-app.ts';

describe('clients', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  before(async () => ({ t, a, b } = await appWithTwoTenants()));
  after(() => t.close());

  test('create answers 200 with exactly the contract fields', async () => {
    const res = await post(t, '/api/clients/create', { name: '  Globex  ', domain: 'Globex.COM' }, a.adminToken);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['created_at', 'domain', 'id', 'is_active', 'name']);
    assert.equal(res.body.name, 'Globex');
    assert.equal(res.body.domain, 'globex.com');
    assert.equal(res.body.is_active, true);
    assert.match(res.body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('a duplicate active domain in the same org is a 409, in another org it is fine', async () => {
    const domain = `dup-${Date.now()}.com`;
    assert.equal((await post(t, '/api/clients/create', { name: 'One', domain }, a.adminToken)).status, 200);
    const dup = await post(t, '/api/clients/create', { name: 'Two', domain }, a.adminToken);
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'conflict');
    assert.equal((await post(t, '/api/clients/create', { name: 'Three', domain }, b.adminToken)).status, 200);
  });

  test('a deactivated client frees its domain', async () => {
    const domain = `free-${Date.now()}.com`;
    const c = await post(t, '/api/clients/create', { name: 'Old', domain }, a.adminToken);
    await post(t, '/api/clients/deactivate', { id: c.body.id }, a.adminToken);
    assert.equal((await post(t, '/api/clients/create', { name: 'New', domain }, a.adminToken)).status, 200);
  });

  test("list shows only the org's active clients, newest first", async () => {
    const res = await post(t, '/api/clients/list', {}, a.adminToken);
    assert.equal(res.status, 200);
    const ids = res.body.data.map((c: { id: string }) => c.id);
    assert.ok(ids.includes(a.clientId) && ids.includes(a.otherClientId));
    assert.ok(!ids.includes(b.clientId), "another org's client leaked");
    assert.ok(res.body.data.every((c: { is_active: boolean }) => c.is_active));
    const times = res.body.data.map((c: { created_at: string }) => c.created_at);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  test('list accepts an empty body and include_inactive', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/clients/list',
      headers: { authorization: `Bearer ${a.adminToken}` },
    });
    assert.equal(res.statusCode, 200);
    const c = await post(t, '/api/clients/create', { name: 'Gone' }, a.adminToken);
    await post(t, '/api/clients/deactivate', { id: c.body.id }, a.adminToken);
    const all = await post(t, '/api/clients/list', { include_inactive: true }, a.adminToken);
    assert.ok(all.body.data.some((x: { id: string; is_active: boolean }) => x.id === c.body.id && !x.is_active));
  });

  test("get returns updated_at; another org's client is a 404", async () => {
    const res = await post(t, '/api/clients/get', { id: a.clientId }, a.adminToken);
    assert.equal(res.status, 200);
    assert.ok(res.body.updated_at);
    const foreign = await post(t, '/api/clients/get', { id: b.clientId }, a.adminToken);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, 'not_found');
  });

  test('update changes name and domain; clearing the domain with null', async () => {
    const c = await post(t, '/api/clients/create', { name: 'Before', domain: `upd-${Date.now()}.io` }, a.adminToken);
    const res = await post(t, '/api/clients/update', { id: c.body.id, name: 'After', domain: null }, a.adminToken);
    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'After');
    assert.equal(res.body.domain, null);
    assert.equal((await post(t, '/api/clients/update', { id: b.clientId, name: 'x' }, a.adminToken)).status, 404);
  });

  test("deactivate is idempotent and cuts off the client's company users", async () => {
    const c = await post(t, '/api/clients/create', { name: 'Churned' }, a.adminToken);
    const u = await post(
      t,
      '/api/users/create',
      { email: `cu-${Date.now()}@x.io`, password: 'longenough1', role: 'company_member', client_id: c.body.id },
      a.adminToken,
    );
    const tok = await post(t, '/api/super-admin/tokens', { org_id: a.orgId, user_id: u.body.id }, t.superAdminSecret);
    assert.equal(
      (await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${tok.body.token}` } })).statusCode,
      200,
    );
    const d1 = await post(t, '/api/clients/deactivate', { id: c.body.id }, a.adminToken);
    assert.equal(d1.status, 200);
    assert.equal(d1.body.is_active, false);
    assert.equal((await post(t, '/api/clients/deactivate', { id: c.body.id }, a.adminToken)).status, 200);
    await new Promise((r) => setTimeout(r, 1100)); // the credential cache lives at most a second
    assert.equal(
      (await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${tok.body.token}` } })).statusCode,
      401,
    );
  });
});
