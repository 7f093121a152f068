import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, cleanup, startApiProcess, type RunningApi } from './helpers/api-process.ts';

// The README's "First start" and "First calls", black-box over HTTP against a real `npm start` process.
let run: RunningApi;
before(async () => {
  run = await startApiProcess();
});
after(async () => {
  await run.stop();
  cleanup(run.dataDir);
});

test('first start prints where it listens and the super-admin secret, once', async () => {
  assert.match(run.stdout, /listening on http:\/\/127\.0\.0\.1:\d+/);
  assert.match(run.stdout, /API reference: http:\/\/127\.0\.0\.1:\d+\/reference/);
  assert.match(run.stdout, /Super-admin secret \(shown once\): sfsa_[A-Za-z0-9_-]{43}/);
});

test('a newcomer creates an org, its admin and token, a client and a company user, and sees it all audited', async () => {
  const sa = /Super-admin secret \(shown once\): (\S+)/.exec(run.stdout)![1]!;
  const u = run.url;
  const org = await api(u, 'POST', '/api/super-admin/orgs', sa, { name: 'Acme RevOps', slug: 'acme' });
  assert.equal(org.status, 200);
  const admin = await api(u, 'POST', '/api/super-admin/users', sa, {
    org_id: org.body.id,
    email: 'ada@acme.test',
    password: 'a long passphrase',
    role: 'org_admin',
  });
  assert.equal(admin.status, 200);
  const tok = await api(u, 'POST', '/api/super-admin/tokens', sa, {
    org_id: org.body.id,
    user_id: admin.body.id,
    label: 'laptop',
  });
  const token = tok.body.token as string;
  const me = await api(u, 'GET', '/api/auth/me', token);
  assert.equal(me.body.role, 'org_admin');
  assert.ok(me.headers.get('x-request-id'));
  const client = await api(u, 'POST', '/api/clients/create', token, { name: 'Globex', domain: 'globex.com' });
  assert.equal(client.status, 200);
  const hank = await api(u, 'POST', '/api/users/create', token, {
    email: 'hank@globex.com',
    password: 'another passphrase',
    role: 'company_admin',
    client_id: client.body.id,
  });
  assert.equal(hank.status, 200);
  const session = await api(u, 'POST', '/api/auth/login', undefined, {
    email: 'ada@acme.test',
    password: 'a long passphrase',
    org_slug: 'acme',
  });
  assert.equal(session.status, 200);
  const narrowed = await api(u, 'POST', '/api/tokens/create', session.body.access_token, {
    label: 'read-only for Globex',
    scopes: ['topology.read', 'crm.read'],
    client_id: client.body.id,
  });
  assert.equal(narrowed.status, 200);
  const hankLogin = await api(u, 'POST', '/api/auth/login', undefined, {
    email: 'hank@globex.com',
    password: 'another passphrase',
    org_slug: 'acme',
  });
  assert.equal((await api(u, 'POST', '/api/clients/list', hankLogin.body.access_token, {})).status, 403);
  const audit = await api(u, 'POST', '/api/audit/list', token, {});
  const actions = audit.body.data.map((e: { action: string }) => e.action);
  for (const a of ['orgs.create', 'users.create', 'tokens.create', 'clients.create', 'auth.login'])
    assert.ok(actions.includes(a), `${a} not audited`);
  const health = await api(u, 'GET', '/health');
  assert.equal(health.body.status, 'ok');
  const openapi = await fetch(`${u}/openapi.json`);
  assert.equal(openapi.status, 200);
});

test('a restart keeps the data and does not print the secret again', async () => {
  const sa = /Super-admin secret \(shown once\): (\S+)/.exec(run.stdout)![1]!;
  await run.stop();
  run = await startApiProcess({}, run.dataDir);
  assert.doesNotMatch(run.stdout, /Super-admin secret/);
  const orgs = await api(run.url, 'POST', '/api/super-admin/orgs/list', sa, {});
  assert.deepEqual(
    orgs.body.data.map((o: { slug: string }) => o.slug),
    ['acme'],
  );
});
