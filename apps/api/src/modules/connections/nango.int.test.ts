import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Tenant } from '../../../test/helpers/factories.ts';
import { FakeNango } from '../../../test/helpers/fake-nango.ts';
import { post } from '../../../test/helpers/http.ts';
import {
  CALLBACK_URL,
  newSalesforceOrg,
  startSalesforce,
  type TestSalesforce,
} from '../../../test/helpers/salesforce.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

describe('Nango custody', () => {
  let sf: TestSalesforce;
  let nango: FakeNango;
  let t: TestApp;
  let a: Tenant;
  let org: Awaited<ReturnType<typeof newSalesforceOrg>>;
  const nangoGets = () => nango.calls.filter((c) => c.method === 'GET').length;

  before(async () => {
    sf = await startSalesforce();
    nango = await new FakeNango({
      loginUrl: sf.emu.url,
      clientId: sf.app.clientId,
      clientSecret: sf.app.clientSecret,
    }).start();
    t = await startTestApp({
      env: {
        ...sf.env,
        SALESFORCE_ALLOWED_HOSTS: `${sf.env.SALESFORCE_ALLOWED_HOSTS},${new URL(nango.url).host}`,
        NANGO_BASE_URL: nango.url,
        NANGO_SECRET_KEY: nango.secret,
      },
    });
    a = await createTenant(t);
    org = await newSalesforceOrg(sf);
  });
  after(async () => {
    await t.close();
    await nango.stop();
    await sf.close();
  });

  test('create returns a Nango connect link; callback verifies the identity and connects', async () => {
    const created = await post(t, '/api/connections/create', { client_id: a.clientId, custody: 'nango' }, a.adminToken);
    assert.equal(created.status, 200, created.raw);
    assert.match(created.body.authorize_url, /^https:\/\/connect\.nango\.dev\?session_token=nango_connect_session_/);
    assert.deepEqual(nango.sessions[0]!.allowed, ['salesforce']);
    assert.equal(nango.sessions[0]!.tags.organization_id, a.orgId);
    await sf.emu.control.setAutoApprove(org.username);
    await nango.authorize('nango-conn-1', CALLBACK_URL);
    await sf.emu.control.setAutoApprove(null);
    const confirmed = await post(
      t,
      '/api/connections/callback',
      { client_id: a.clientId, nango_connection_id: 'nango-conn-1' },
      a.adminToken,
    );
    assert.equal(confirmed.status, 200, confirmed.raw);
    assert.equal(confirmed.body.status, 'connected');
    assert.equal(confirmed.body.custody, 'nango');
    assert.equal(confirmed.body.sfdc_org_id.slice(0, 15), org.orgId.slice(0, 15));
    const row = await t.runtime.db.system
      .selectFrom('crm_connections')
      .selectAll()
      .where('id', '=', confirmed.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.access_token_enc, null, 'Nango holds the tokens, not us');
  });

  test('a pull asks Nango once, not before every call; an expired session is refreshed through Nango', async () => {
    const before = nangoGets();
    const first = await post(t, '/api/topology/pull', { client_id: a.clientId, wait_seconds: 120 }, a.adminToken);
    assert.equal(first.status, 200, first.raw);
    assert.ok(first.body.api_calls_used > 40);
    assert.ok(
      nangoGets() - before <= 1,
      `${nangoGets() - before} Nango calls for ${first.body.api_calls_used} Salesforce calls`,
    );
    await sf.emu.control.expireSessions({ orgId: org.orgId });
    const refreshCalls = nango.calls.length;
    const refreshed = await post(t, '/api/connections/refresh', { client_id: a.clientId }, a.adminToken);
    assert.equal(refreshed.status, 200);
    assert.ok(nango.calls.slice(refreshCalls).some((c) => c.method === 'GET'));
  });

  test('a refresh Nango cannot perform marks the connection reauth_required (502 custody error)', async () => {
    await sf.emu.control.revokeRefreshTokens({ orgId: org.orgId });
    const res = await post(t, '/api/connections/refresh', { client_id: a.clientId }, a.adminToken);
    assert.equal(res.status, 502);
    assert.equal(res.body.error.code, 'custody_error');
    assert.equal(res.body.error.details.error_code, 'nango_refresh_exhausted');
    const list = await post(t, '/api/connections/list', { client_id: a.clientId }, a.adminToken);
    assert.equal(list.body.data[0].status, 'reauth_required');
  });

  test('revoke deletes the connection at Nango', async () => {
    const res = await post(t, '/api/connections/revoke', { client_id: a.clientId }, a.adminToken);
    assert.equal(res.status, 200);
    assert.equal(res.body.salesforce_revoked, true);
    assert.equal(nango.connections.has('nango-conn-1'), false);
  });

  test('an unknown Nango connection is reported, not crashed on', async () => {
    const res = await post(
      t,
      '/api/connections/create',
      { client_id: a.otherClientId, custody: 'nango' },
      a.adminToken,
    );
    assert.equal(res.status, 200);
    const cb = await post(
      t,
      '/api/connections/callback',
      { client_id: a.otherClientId, nango_connection_id: 'does-not-exist' },
      a.adminToken,
    );
    assert.equal(cb.status, 502);
    assert.equal(cb.body.error.details.error_code, 'nango_connection_not_found');
  });
});
