import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTenant, login, PASSWORD, type Tenant } from './helpers/factories.ts';
import { get, post } from './helpers/http.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let a: Tenant;
const responses: string[] = [];
const secrets: string[] = [];

before(async () => {
  t = await startTestApp({ env: { LOG_LEVEL: 'debug' } });
  a = await createTenant(t);
});
after(() => t.close());

test('no secret reaches a log line or a response body', async () => {
  secrets.push(t.superAdminSecret, PASSWORD, a.adminToken, a.companyMember.token);
  const s = await login(t, a.adminEmail, a.slug);
  secrets.push(s.body.access_token, s.body.refresh_token);
  const r = await post(t, '/api/auth/refresh', { refresh_token: s.body.refresh_token }, null);
  secrets.push(r.body.refresh_token, r.body.access_token);
  const tok = await post(t, '/api/tokens/create', { label: 'scan' }, a.adminToken);
  secrets.push(tok.body.token);
  // Exercise failures too: errors are where secrets usually leak.
  const calls = [
    await get(t, '/api/auth/me', tok.body.token),
    await post(t, '/api/clients/list', {}, r.body.access_token),
    await post(t, '/api/tokens/list', {}, a.adminToken),
    await post(t, '/api/users/list', {}, a.adminToken),
    await post(t, '/api/auth/refresh', { refresh_token: s.body.refresh_token }, null),
    await post(t, '/api/auth/login', { email: a.adminEmail, password: `${PASSWORD}!`, org_slug: a.slug }, null),
    await post(
      t,
      '/api/users/create',
      { email: 'leak@x.io', password: PASSWORD, role: 'org_admin', client_id: a.clientId },
      a.adminToken,
    ),
    await post(t, '/api/clients/list', {}, `${tok.body.token}x`),
    await post(t, '/api/super-admin/orgs/list', {}, t.superAdminSecret),
    await post(t, '/api/audit/list', { limit: 1000 }, a.adminToken),
  ];
  responses.push(...calls.map((c) => c.raw), r.raw, tok.raw);
  // Responses legitimately carry the token they mint; everything else must not.
  const minted = new Set([
    s.body.access_token,
    s.body.refresh_token,
    r.body.access_token,
    r.body.refresh_token,
    tok.body.token,
  ]);
  for (const text of responses) {
    for (const secret of secrets) {
      if (minted.has(secret) && (text === r.raw || text === tok.raw)) continue;
      assert.ok(!text.includes(secret), `a response contains a secret (${secret.slice(0, 6)}…)`);
    }
  }
  assert.ok(t.logs.length > 10, 'expected request logs');
  for (const line of t.logs) {
    for (const secret of secrets)
      assert.ok(!line.includes(secret), `a log line contains a secret (${secret.slice(0, 6)}…): ${line.slice(0, 200)}`);
  }
  for (const text of responses) assert.doesNotMatch(text, /\$argon2id\$|password_hash|token_hash/);
});

test('the logger redacts credentials wherever they are logged', () => {
  t.runtime.logger.info(
    {
      req: { headers: { authorization: 'Bearer abc-secret-1' } },
      password: 'pw-secret-2',
      nested: { refresh_token: 'rt-secret-3', client_secret: 'cs-4' },
    },
    'probe',
  );
  const line = t.logs.find((l) => l.includes('"probe"'))!;
  for (const s of ['abc-secret-1', 'pw-secret-2', 'rt-secret-3', 'cs-4']) assert.ok(!line.includes(s), line);
  assert.ok(line.includes('[redacted]'));
});

test('request logs carry the path without the query string', async () => {
  await t.app.inject({ method: 'GET', url: '/health?code=oauth-code-secret&state=xyz' });
  assert.ok(t.logs.some((l) => l.includes('"url":"/health"')));
  assert.ok(!t.logs.some((l) => l.includes('oauth-code-secret')));
});
