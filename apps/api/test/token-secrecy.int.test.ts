import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { rotateKeys } from '../src/cli/rotate-keys.ts';
import { aad } from '../src/modules/connections/token-vault.ts';
import { createTenant } from './helpers/factories.ts';
import { post } from './helpers/http.ts';
import { newSalesforceOrg, startSalesforce, TEST_PUBLIC_URL } from './helpers/salesforce.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

async function storedTokens(t: TestApp, orgId: string, connectionId: string): Promise<string[]> {
  const row = await t.runtime.db.system
    .selectFrom('crm_connections')
    .selectAll()
    .where('id', '=', connectionId)
    .executeTakeFirstOrThrow();
  return t.runtime.db.tenant({ orgId }, async (trx) => [
    await t.runtime.services.vault.open(trx, orgId, aad.accessToken(connectionId), row.access_token_enc!),
    await t.runtime.services.vault.open(trx, orgId, aad.refreshToken(connectionId), row.refresh_token_enc!),
  ]);
}

test('Salesforce tokens never appear in a response, a log line, an error or the audit log', async () => {
  const sf = await startSalesforce();
  const t = await startTestApp({ env: { ...sf.env, LOG_LEVEL: 'debug' } });
  const responses: string[] = [];
  const secrets = new Set<string>();
  const record = <T extends { raw: string }>(r: T) => {
    responses.push(r.raw);
    return r;
  };
  try {
    const a = await createTenant(t);
    const org = await newSalesforceOrg(sf);
    // Drive the browser leg by hand to capture the code too.
    const created = record(await post(t, '/api/connections/create', { client_id: a.clientId }, a.adminToken));
    await sf.emu.control.setAutoApprove(org.username);
    const auth = await fetch(created.body.authorize_url, { redirect: 'manual' });
    const back = new URL(auth.headers.get('location')!);
    secrets.add(back.searchParams.get('code')!);
    const cb = await t.app.inject({ url: `${back.pathname}${back.search}` });
    responses.push(cb.body, JSON.stringify(cb.headers));
    const page = await t.app.inject({ url: String(cb.headers.location).replace(TEST_PUBLIC_URL, '') });
    responses.push(page.body);
    for (const s of await storedTokens(t, a.orgId, created.body.id)) secrets.add(s);

    record(await post(t, '/api/topology/pull', { client_id: a.clientId, wait_seconds: 120 }, a.adminToken));
    await sf.emu.control.expireSessions({ orgId: org.orgId });
    record(await post(t, '/api/topology/pull', { client_id: a.clientId, wait_seconds: 120 }, a.adminToken)); // refreshes on the 401
    record(await post(t, '/api/connections/refresh', { client_id: a.clientId }, a.adminToken));
    for (const s of await storedTokens(t, a.orgId, created.body.id)) secrets.add(s);
    await sf.emu.control.injectFault({
      path: '/services/oauth2/token',
      times: 1,
      action: {
        type: 'status',
        status: 400,
        body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
      },
    });
    record(await post(t, '/api/connections/refresh', { client_id: a.clientId }, a.adminToken)); // a failure, with Salesforce's error
    record(await post(t, '/api/connections/list', {}, a.adminToken));
    record(await post(t, '/api/connections/get', { id: created.body.id }, a.adminToken));
    record(await post(t, '/api/audit/list', { limit: 1000 }, a.adminToken));
    const revoked = record(await post(t, '/api/connections/revoke', { client_id: a.clientId }, a.adminToken));
    assert.equal(revoked.status, 200);

    assert.ok(secrets.size >= 4, 'expected the code, two access tokens and a refresh token');
    for (const secret of secrets) {
      for (const r of responses) assert.ok(!r.includes(secret), `a response carries a token (${secret.slice(0, 8)}…)`);
      for (const line of t.logs)
        assert.ok(!line.includes(secret), `a log line carries a token (${secret.slice(0, 8)}…): ${line.slice(0, 160)}`);
    }
    const audit = await t.runtime.db.system.selectFrom('audit_events').selectAll().execute();
    const auditText = JSON.stringify(audit);
    for (const secret of secrets) assert.ok(!auditText.includes(secret), 'the audit log carries a token');
  } finally {
    await t.close();
    await sf.close();
  }
});

test('rotate-keys re-wraps data keys under the new root key; stored tokens keep working with only the new key', async () => {
  const sf = await startSalesforce();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-rotate-'));
  const oldKey = `old:${randomBytes(32).toString('base64')}`;
  const newKey = `new:${randomBytes(32).toString('base64')}`;
  const env = (keys: string) => ({ ...sf.env, ENCRYPTION_KEYS: keys });
  try {
    let t = await startTestApp({ env: env(oldKey), dataDir });
    const a = await createTenant(t);
    const org = await newSalesforceOrg(sf);
    const { connectClient } = await import('./helpers/salesforce.ts');
    assert.equal((await connectClient(t, sf, a.adminToken, a.clientId, org.username)).outcome, 'connected');
    await t.close();

    // Step 1 of the procedure: new key first, old kept; the app still reads what the old key wrapped.
    t = await startTestApp({ env: env(`${newKey},${oldKey}`), dataDir });
    assert.equal((await post(t, '/api/connections/refresh', { client_id: a.clientId }, a.adminToken)).status, 200);
    await t.close();

    const result = await rotateKeys({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.DATABASE_URL,
      ENCRYPTION_KEYS: `${newKey},${oldKey}`,
    });
    assert.ok(result.rewrapped >= 1);
    assert.equal(result.activeKid, 'new');
    if (!process.env.DATABASE_URL) assert.deepEqual(result.unknownKids, []); // on a shared PostgreSQL, other tests' orgs have other root keys

    t = await startTestApp({ env: env(newKey), dataDir });
    try {
      const keys = await t.runtime.db.system
        .selectFrom('org_data_keys')
        .select('root_kid')
        .where('org_id', '=', a.orgId)
        .execute();
      assert.deepEqual([...new Set(keys.map((k) => k.root_kid))], ['new']);
      const refreshed = await post(t, '/api/connections/refresh', { client_id: a.clientId }, a.adminToken);
      assert.equal(refreshed.status, 200, 'tokens still decrypt with only the new root key');
      if (!process.env.DATABASE_URL) {
        const busy = await rotateKeys({ NODE_ENV: 'test', DATA_DIR: dataDir, ENCRYPTION_KEYS: newKey }).catch(
          (e: Error) => e,
        );
        assert.match(String(busy), /in use by process/, 'a second process must not open the embedded database');
      }
    } finally {
      await t.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await sf.close();
  }
});
