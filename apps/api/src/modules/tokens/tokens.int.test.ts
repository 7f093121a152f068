import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appWithTwoTenants, type Tenant } from '../../../test/helpers/factories.ts';
import { get, post } from '../../../test/helpers/http.ts';
import type { TestApp } from '../../../test/helpers/test-app.ts';

describe('API tokens', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  before(async () => ({ t, a, b } = await appWithTwoTenants()));
  after(() => t.close());

  test('create shows the raw token once; the database holds only its hash', async () => {
    const res = await post(t, '/api/tokens/create', { label: 'ci', expires_in_days: 30 }, a.adminToken);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['created_at', 'expires_at', 'id', 'label', 'token']);
    assert.match(res.body.token, /^sfx_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(res.body.expires_at) - Date.parse(res.body.created_at)) / 86_400_000;
    assert.ok(Math.abs(days - 30) < 0.01);
    const row = await t.runtime.db.system
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, res.body.token);
    assert.match(row.token_hash, /^[0-9a-f]{64}$/);
    const list = await post(t, '/api/tokens/list', {}, a.adminToken);
    assert.ok(!list.raw.includes(res.body.token));
    const item = list.body.data.find((x: { id: string }) => x.id === res.body.id);
    assert.deepEqual(Object.keys(item).sort(), [
      'client_id',
      'created_at',
      'expires_at',
      'id',
      'is_active',
      'label',
      'last_used_at',
      'prefix',
      'scopes',
    ]);
    assert.ok(res.body.token.startsWith(item.prefix) && item.prefix.length < 16);
  });

  test('last_used_at is recorded without a write per request', async () => {
    const { body } = await post(t, '/api/tokens/create', { label: 'usage' }, a.adminToken);
    for (let i = 0; i < 5; i++) assert.equal((await get(t, '/api/auth/me', body.token)).status, 200);
    const before = await t.runtime.db.system
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    assert.equal(before.last_used_at, null, 'written synchronously on a request');
    const list = await post(t, '/api/tokens/list', {}, a.adminToken);
    const item = list.body.data.find((x: { id: string }) => x.id === body.id);
    assert.ok(item.last_used_at, 'list flushes pending usage');
  });

  test('scopes narrow a token; scopes beyond the caller are refused', async () => {
    const { body } = await post(t, '/api/tokens/create', { scopes: ['topology.read'] }, a.adminToken);
    const me = await get(t, '/api/auth/me', body.token);
    assert.deepEqual(me.body.permissions, ['topology.read']);
    assert.equal((await post(t, '/api/clients/list', {}, body.token)).status, 403);
    const bad = await post(t, '/api/tokens/create', { scopes: ['nonsense'] }, a.adminToken);
    assert.equal(bad.status, 422);
  });

  test('a narrowed token cannot mint a broader one', async () => {
    const narrow = await post(t, '/api/tokens/create', { scopes: ['org.manage', 'topology.read'] }, a.adminToken);
    const escalate = await post(t, '/api/tokens/create', { scopes: ['deploy.write'] }, narrow.body.token);
    assert.equal(escalate.status, 400);
    const inherit = await post(t, '/api/tokens/create', {}, narrow.body.token);
    assert.equal(inherit.status, 200);
    assert.deepEqual((await get(t, '/api/auth/me', inherit.body.token)).body.permissions.sort(), [
      'org.manage',
      'topology.read',
    ]);
  });

  test('client_id narrows a token to one client and drops org.manage', async () => {
    const res = await post(t, '/api/tokens/create', { client_id: a.clientId }, a.adminToken);
    const me = await get(t, '/api/auth/me', res.body.token);
    assert.equal(me.body.client_id, a.clientId);
    assert.ok(!me.body.permissions.includes('org.manage'));
    assert.equal(
      (await post(t, '/api/tokens/create', { client_id: a.clientId, scopes: ['org.manage'] }, a.adminToken)).status,
      400,
    );
    assert.equal((await post(t, '/api/tokens/create', { client_id: b.clientId }, a.adminToken)).status, 404);
  });

  test("revoke refuses the token within a second; idempotent; other org's token is a 404", async () => {
    const { body } = await post(t, '/api/tokens/create', { label: 'doomed' }, a.adminToken);
    assert.equal((await get(t, '/api/auth/me', body.token)).status, 200);
    const r = await post(t, '/api/tokens/revoke', { id: body.id }, a.adminToken);
    assert.deepEqual(r.body, { id: body.id, is_active: false });
    await new Promise((res) => setTimeout(res, 1100));
    assert.equal((await get(t, '/api/auth/me', body.token)).status, 401);
    assert.equal((await post(t, '/api/tokens/revoke', { id: body.id }, a.adminToken)).status, 200);
    const foreign = await post(t, '/api/tokens/create', {}, b.adminToken);
    assert.equal((await post(t, '/api/tokens/revoke', { id: foreign.body.id }, a.adminToken)).status, 404);
    assert.equal((await get(t, '/api/auth/me', foreign.body.token)).status, 200);
  });

  test('an expired token is refused', async () => {
    const { body } = await post(t, '/api/tokens/create', { expires_in_days: 1 }, a.adminToken);
    await t.runtime.db.system
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', body.id)
      .execute();
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await get(t, '/api/auth/me', body.token)).status, 401);
  });
});
