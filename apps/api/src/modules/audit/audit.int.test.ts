import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appWithTwoTenants, type Tenant } from '../../../test/helpers/factories.ts';
import { post } from '../../../test/helpers/http.ts';
import type { TestApp } from '../../../test/helpers/test-app.ts';

describe('audit', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  before(async () => ({ t, a, b } = await appWithTwoTenants()));
  after(() => t.close());

  test('a mutating call records actor, action, target, request id and outcome', async () => {
    const res = await post(t, '/api/clients/create', { name: 'Audited' }, a.adminToken, {
      'x-request-id': 'req-audit-1',
    });
    assert.equal(res.headers['x-request-id'], 'req-audit-1');
    const list = await post(t, '/api/audit/list', { action: 'clients.create' }, a.adminToken);
    const ev = list.body.data.find((e: { request_id: string }) => e.request_id === 'req-audit-1');
    assert.ok(ev, 'event not found');
    assert.equal(ev.actor.type, 'api_token');
    assert.equal(ev.actor.user_id, a.adminId);
    assert.deepEqual(ev.target, { type: 'client', id: res.body.id });
    assert.equal(ev.client_id, res.body.id);
    assert.equal(ev.outcome, 'success');
    assert.equal(ev.status_code, 200);
  });

  test('failures and denials are recorded too', async () => {
    await post(t, '/api/clients/get', { id: b.clientId }, a.adminToken);
    await post(t, '/api/clients/update', { id: b.clientId, name: 'x' }, a.adminToken, {
      'x-request-id': 'req-audit-404',
    });
    await post(t, '/api/clients/create', { name: 'nope' }, a.companyAdmin.token, { 'x-request-id': 'req-audit-403' });
    const list = await post(t, '/api/audit/list', {}, a.adminToken);
    const failed = list.body.data.find((e: { request_id: string }) => e.request_id === 'req-audit-404');
    assert.equal(failed.outcome, 'failure');
    assert.equal(failed.details.error_code, 'not_found');
    const denied = list.body.data.find((e: { request_id: string }) => e.request_id === 'req-audit-403');
    assert.equal(denied.outcome, 'denied');
    assert.equal(denied.actor.user_id, a.companyAdmin.id);
  });

  test("super-admin actions land in the org's log; another org never sees them", async () => {
    const aLog = await post(t, '/api/audit/list', { action: 'users.*' }, a.adminToken);
    assert.ok(aLog.body.data.some((e: { actor: { type: string } }) => e.actor.type === 'super_admin'));
    const bLog = await post(t, '/api/audit/list', { limit: 1000 }, b.adminToken);
    const aTargets = new Set([a.adminId, a.clientId, a.companyAdmin.id]);
    assert.ok(bLog.body.data.every((e: { target: { id: string } }) => !aTargets.has(e.target.id)));
  });

  test('filters by client, actor and since; pages with next_cursor', async () => {
    for (let i = 0; i < 3; i++)
      await post(t, '/api/clients/update', { id: a.otherClientId, name: `Renamed ${i}` }, a.adminToken);
    const byClient = await post(t, '/api/audit/list', { client_id: a.otherClientId }, a.adminToken);
    assert.ok(byClient.body.data.length >= 3);
    assert.ok(byClient.body.data.every((e: { client_id: string }) => e.client_id === a.otherClientId));
    const byActor = await post(t, '/api/audit/list', { actor: a.adminId, action: 'clients.update' }, a.adminToken);
    assert.ok(byActor.body.data.length >= 3);
    const p1 = await post(t, '/api/audit/list', { limit: 2 }, a.adminToken);
    assert.equal(p1.body.data.length, 2);
    assert.ok(p1.body.next_cursor);
    const p2 = await post(t, '/api/audit/list', { limit: 2, before: p1.body.next_cursor }, a.adminToken);
    assert.ok(p2.body.data.every((e: { id: string }) => e.id < p1.body.next_cursor));
    const future = await post(
      t,
      '/api/audit/list',
      { since: new Date(Date.now() + 60_000).toISOString() },
      a.adminToken,
    );
    assert.deepEqual(future.body.data, []);
  });

  test('logins are audited, with failures', async () => {
    await post(t, '/api/auth/login', { email: a.adminEmail, password: 'wrong-password', org_slug: a.slug }, null, {
      'x-request-id': 'req-login-bad',
    });
    const list = await post(t, '/api/audit/list', { action: 'auth.login' }, a.adminToken);
    const ev = list.body.data.find((e: { request_id: string }) => e.request_id === 'req-login-bad');
    assert.equal(ev.outcome, 'denied');
    assert.ok(!JSON.stringify(ev).includes('wrong-password'));
  });
});
