import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Tenant } from '../../../test/helpers/factories.ts';
import { post } from '../../../test/helpers/http.ts';
import {
  connectClient,
  newSalesforceOrg,
  startSalesforce,
  TEST_PUBLIC_URL,
  type TestSalesforce,
} from '../../../test/helpers/salesforce.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

describe('connections: the OAuth web-server flow against the emulator', () => {
  let sf: TestSalesforce;
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let sfA: Awaited<ReturnType<typeof newSalesforceOrg>>;
  before(async () => {
    sf = await startSalesforce();
    t = await startTestApp({ env: sf.env });
    a = await createTenant(t);
    b = await createTenant(t);
    sfA = await newSalesforceOrg(sf);
  });
  after(async () => {
    await t.close();
    await sf.close();
  });

  test('create returns an authorize_url with state and a PKCE S256 challenge, never the verifier', async () => {
    const res = await post(t, '/api/connections/create', { client_id: a.otherClientId }, a.adminToken);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['authorize_url', 'client_id', 'expires_at', 'id', 'status']);
    assert.equal(res.body.status, 'pending');
    const url = new URL(res.body.authorize_url);
    assert.equal(url.origin + url.pathname, `${sf.emu.url}/services/oauth2/authorize`);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), sf.app.clientId);
    assert.equal(url.searchParams.get('redirect_uri'), `${TEST_PUBLIC_URL}/api/connections/oauth/callback`);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
    const state = url.searchParams.get('state')!;
    const stored = await t.runtime.db.system
      .selectFrom('oauth_states')
      .selectAll()
      .where('connection_id', '=', res.body.id)
      .execute();
    assert.ok(stored.length >= 1);
    assert.ok(stored.every((s) => s.state_hash !== state && s.code_verifier_enc.startsWith('v1.')));
  });

  test('the full flow connects: tokens stored encrypted, identity recorded, event audited', async () => {
    const r = await connectClient(t, sf, a.adminToken, a.clientId, sfA.username);
    assert.equal(r.outcome, 'connected');
    const page = await t.app.inject({ url: r.resultLocation.replace(TEST_PUBLIC_URL, '') });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Your Salesforce org is now connected/);
    const got = await post(t, '/api/connections/get', { id: r.connectionId }, a.adminToken);
    assert.equal(got.body.status, 'connected');
    assert.equal(got.body.instance_url, sf.emu.url);
    assert.equal(got.body.sfdc_org_id.slice(0, 15), sfA.orgId.slice(0, 15));
    assert.match(got.body.sfdc_user_id, /^005/);
    assert.equal(got.body.custody, 'builtin');
    const row = await t.runtime.db.system
      .selectFrom('crm_connections')
      .selectAll()
      .where('id', '=', r.connectionId)
      .executeTakeFirstOrThrow();
    assert.match(row.access_token_enc!, /^v1\./);
    assert.match(row.refresh_token_enc!, /^v1\./);
    assert.ok(!row.access_token_enc!.includes('!'), 'an access token in clear');
    const audit = await post(t, '/api/audit/list', { action: 'connection.connected' }, a.adminToken);
    assert.ok(audit.body.data.some((e: { target: { id: string } }) => e.target.id === r.connectionId));
  });

  test('list and get follow the contract and client scoping', async () => {
    const list = await post(t, '/api/connections/list', {}, a.adminToken);
    assert.ok(list.body.data.length >= 2);
    assert.deepEqual(Object.keys(list.body.data[0]).sort(), [
      'client_id',
      'created_at',
      'environment',
      'id',
      'instance_url',
      'last_refreshed_at',
      'last_used_at',
      'sfdc_org_id',
      'status',
    ]);
    const mine = await post(t, '/api/connections/list', {}, a.companyMember.token);
    assert.ok(mine.body.data.length >= 1);
    assert.ok(
      mine.body.data.every((c: { client_id: string }) => c.client_id === a.clientId),
      "a company user saw another client's connection",
    );
    assert.equal(
      (await post(t, '/api/connections/list', { client_id: a.otherClientId }, a.companyMember.token)).status,
      404,
    );
    const other = list.body.data.find((c: { client_id: string }) => c.client_id === a.otherClientId);
    assert.equal((await post(t, '/api/connections/get', { id: other.id }, a.companyMember.token)).status, 404);
    assert.equal((await post(t, '/api/connections/get', { id: other.id }, b.adminToken)).status, 404);
  });

  test('a state works once, and a denied consent connects nothing', async () => {
    const created = await post(t, '/api/connections/create', { client_id: a.otherClientId }, a.adminToken);
    const state = new URL(created.body.authorize_url).searchParams.get('state')!;
    const denied = await t.app.inject({
      url: `/api/connections/oauth/callback?error=access_denied&error_description=end-user+denied+authorization&state=${state}`,
    });
    assert.match(String(denied.headers.location), /outcome=denied/);
    const reused = await t.app.inject({ url: `/api/connections/oauth/callback?code=x&state=${state}` });
    assert.match(String(reused.headers.location), /outcome=used/);
    const bogus = await t.app.inject({ url: '/api/connections/oauth/callback?code=x&state=made-up' });
    assert.match(String(bogus.headers.location), /outcome=invalid/);
    const page = await t.app.inject({ url: '/api/connections/oauth/result?outcome=denied' });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Access was not granted/);
    assert.equal(
      (await post(t, '/api/connections/list', { client_id: a.otherClientId }, a.adminToken)).body.data[0].status,
      'pending',
    );
  });

  test('a reconnect that lands in a different Salesforce org is refused and changes nothing', async () => {
    const other = await newSalesforceOrg(sf);
    const r = await connectClient(t, sf, a.adminToken, a.clientId, other.username);
    assert.equal(r.outcome, 'wrong_org');
    const got = await post(t, '/api/connections/get', { id: r.connectionId }, a.adminToken);
    assert.equal(got.body.status, 'connected');
    assert.equal(got.body.sfdc_org_id.slice(0, 15), sfA.orgId.slice(0, 15));
    const page = await t.app.inject({ url: r.resultLocation.replace(TEST_PUBLIC_URL, '') });
    assert.match(page.body, /different Salesforce org/);
    assert.equal(
      (await t.app.inject({ url: '/api/connections/oauth/result?outcome=<script>' })).body.includes('<script>'),
      false,
    );
  });

  test('login_url must be an https Salesforce host (SSRF guard)', async () => {
    for (const login_url of [
      'https://evil.example.com',
      'http://169.254.169.254',
      'https://10.0.0.1',
      'http://acme.my.salesforce.com',
    ]) {
      const res = await post(t, '/api/connections/create', { client_id: a.otherClientId, login_url }, a.adminToken);
      assert.equal(res.status, 400, login_url);
      assert.equal(res.body.error.code, 'invalid_request');
    }
    const ok = await post(
      t,
      '/api/connections/create',
      { client_id: a.otherClientId, login_url: 'https://acme.my.salesforce.com', environment: 'sandbox' },
      a.adminToken,
    );
    assert.equal(ok.status, 200);
    assert.ok(ok.body.authorize_url.startsWith('https://acme.my.salesforce.com/services/oauth2/authorize?'));
  });

  test('refresh gets a new access token; revoke kills it at Salesforce and wipes it here', async () => {
    const before = (await post(t, '/api/connections/list', { client_id: a.clientId }, a.adminToken)).body.data[0];
    const refreshed = await post(t, '/api/connections/refresh', { client_id: a.clientId }, a.adminToken);
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.body.status, 'connected');
    assert.ok(refreshed.body.last_refreshed_at > before.last_refreshed_at);
    const token = await t.runtime.services.tokens.current(a.orgId, before.id);
    const ok = await fetch(`${sf.emu.url}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${token.accessToken}` },
    });
    assert.equal(ok.status, 200);
    const revoked = await post(t, '/api/connections/revoke', { client_id: a.clientId }, a.adminToken);
    assert.deepEqual(revoked.body, {
      id: before.id,
      client_id: a.clientId,
      status: 'revoked',
      salesforce_revoked: true,
    });
    const dead = await fetch(`${sf.emu.url}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${token.accessToken}` },
    });
    assert.equal(dead.status, 401);
    const row = await t.runtime.db.system
      .selectFrom('crm_connections')
      .selectAll()
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.access_token_enc, null);
    assert.equal(row.refresh_token_enc, null);
    assert.equal((await post(t, '/api/connections/refresh', { client_id: a.clientId }, a.adminToken)).status, 400);
    const again = await connectClient(t, sf, a.adminToken, a.clientId, sfA.username);
    assert.equal(again.outcome, 'connected', 'a revoked connection can be connected again');
  });
});
