import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { JwtKeys } from '../../platform/crypto/jwt.ts';
import { createTenant, login, PASSWORD, type Tenant } from '../../../test/helpers/factories.ts';
import { get, post } from '../../../test/helpers/http.ts';
import { startTestApp, TestClock, type TestApp } from '../../../test/helpers/test-app.ts';

describe('auth: sessions', () => {
  let t: TestApp;
  let a: Tenant;
  const clock = new TestClock();
  before(async () => {
    t = await startTestApp({ clock, env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    a = await createTenant(t);
  });
  after(() => t.close());

  test('login issues a 15-minute EdDSA access token verifiable with the published JWKS', async () => {
    const res = await login(t, a.adminEmail, a.slug);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    assert.equal(res.body.token_type, 'bearer');
    assert.equal(res.body.expires_in, 900);
    const jwks = await get(t, '/.well-known/jwks.json');
    const { payload, protectedHeader } = await jwtVerify(res.body.access_token, createLocalJWKSet(jwks.body), {
      currentDate: clock.now(),
    });
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(payload.sub, a.adminId);
    assert.equal(payload.org_id, a.orgId);
    assert.equal(payload.role, 'org_admin');
    assert.equal(payload.client_id, null);
    assert.equal(payload.exp! - payload.iat!, 900);
    const me = await get(t, '/api/auth/me', res.body.access_token);
    assert.deepEqual(me.body, {
      org_id: a.orgId,
      user_id: a.adminId,
      role: 'org_admin',
      client_id: null,
      auth_method: 'session',
      permissions: [
        'connections.read',
        'connections.write',
        'topology.read',
        'deploy.write',
        'push.write',
        'workflows.read',
        'workflows.write',
        'crm.read',
        'org.manage',
      ],
    });
  });

  test('every wrong input gets the same 401', async () => {
    const wrongPw = await login(t, a.companyMember.email, a.slug, 'wrong password!!');
    const noUser = await login(t, 'nobody@example.com', a.slug);
    const noOrg = await login(t, a.adminEmail, 'no-such-org');
    for (const r of [wrongPw, noUser, noOrg]) {
      assert.equal(r.status, 401);
      assert.equal(r.body.error.message, 'Invalid email, password or organization');
    }
  });

  test('access tokens expire after 15 minutes', async () => {
    const res = await login(t, a.companyAdmin.email, a.slug);
    clock.advance(15 * 60_000 + 1000);
    assert.equal((await get(t, '/api/auth/me', res.body.access_token)).status, 401);
  });

  test('refresh rotates; reusing a rotated token revokes the whole family', async () => {
    const first = await login(t, a.adminEmail, a.slug);
    const second = await post(t, '/api/auth/refresh', { refresh_token: first.body.refresh_token }, null);
    assert.equal(second.status, 200);
    assert.notEqual(second.body.refresh_token, first.body.refresh_token);
    const third = await post(t, '/api/auth/refresh', { refresh_token: second.body.refresh_token }, null);
    assert.equal(third.status, 200);
    const replay = await post(t, '/api/auth/refresh', { refresh_token: first.body.refresh_token }, null);
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error.details.reason, 'refresh_token_reuse');
    // The family is gone: the newest refresh token and the access token die too.
    assert.equal((await post(t, '/api/auth/refresh', { refresh_token: third.body.refresh_token }, null)).status, 401);
    clock.advance(1100);
    assert.equal((await get(t, '/api/auth/me', third.body.access_token)).status, 401);
  });

  test('two racing refreshes of one token: one wins, the family is revoked', async () => {
    const s = await login(t, a.adminEmail, a.slug);
    const [x, y] = await Promise.all([
      post(t, '/api/auth/refresh', { refresh_token: s.body.refresh_token }, null),
      post(t, '/api/auth/refresh', { refresh_token: s.body.refresh_token }, null),
    ]);
    assert.deepEqual([x.status, y.status].sort(), [200, 401]);
  });

  test('logout revokes the session and its refresh family', async () => {
    const s = await login(t, a.adminEmail, a.slug);
    const out = await post(t, '/api/auth/logout', {}, s.body.access_token);
    assert.deepEqual(out.body, { ok: true });
    clock.advance(1100);
    assert.equal((await get(t, '/api/auth/me', s.body.access_token)).status, 401);
    assert.equal((await post(t, '/api/auth/refresh', { refresh_token: s.body.refresh_token }, null)).status, 401);
  });

  test("logout with an API token ends the session of a refresh token the user owns, not someone else's", async () => {
    const mine = await login(t, a.adminEmail, a.slug);
    const theirs = await login(t, a.companyAdmin.email, a.slug);
    assert.equal(
      (await post(t, '/api/auth/logout', { refresh_token: theirs.body.refresh_token }, a.adminToken)).status,
      200,
    );
    assert.equal((await post(t, '/api/auth/refresh', { refresh_token: theirs.body.refresh_token }, null)).status, 200);
    assert.equal(
      (await post(t, '/api/auth/logout', { refresh_token: mine.body.refresh_token }, a.adminToken)).status,
      200,
    );
    assert.equal((await post(t, '/api/auth/refresh', { refresh_token: mine.body.refresh_token }, null)).status, 401);
  });

  test('a token signed by another key, or with a forged role, is refused', async () => {
    const foreign = await new JwtKeys(generateKeyPairSync('ed25519').privateKey).init();
    const forged = await foreign.sign(
      { sub: a.adminId, org_id: a.orgId, role: 'org_admin', client_id: null, sid: a.adminId },
      900,
      clock.now(),
    );
    assert.equal((await get(t, '/api/auth/me', forged)).status, 401);
    const real = await login(t, a.adminEmail, a.slug);
    const [h, p, s] = real.body.access_token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'org_admin', org_id: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${s}`;
    assert.equal((await get(t, '/api/auth/me', tampered)).status, 401);
  });

  test('failed logins lock the account for the window with 429 and Retry-After, even with the right password', async () => {
    const target = await createTenant(t);
    for (let i = 0; i < 3; i++)
      assert.equal((await login(t, target.adminEmail, target.slug, 'wrong-wrong-wrong')).status, 401);
    const locked = await login(t, target.adminEmail, target.slug, PASSWORD);
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.equal(locked.body.error.code, 'rate_limited');
    clock.advance(15 * 60_000);
    assert.equal((await login(t, target.adminEmail, target.slug, PASSWORD)).status, 200);
  });

  test('login attempts are limited per client IP', async () => {
    const t2 = await startTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '3' } });
    try {
      const x = await createTenant(t2);
      // A unique address: counters live in the database, shared by every process (and test) using it.
      const ip = `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.7`;
      for (let i = 0; i < 3; i++) assert.equal((await login(t2, x.adminEmail, x.slug, PASSWORD, ip)).status, 200);
      const limited = await login(t2, x.adminEmail, x.slug, PASSWORD, ip);
      assert.equal(limited.status, 429);
      assert.ok(limited.headers['retry-after']);
    } finally {
      await t2.close();
    }
  });

  test('deactivating the org cuts off its sessions and tokens', async () => {
    const x = await createTenant(t);
    const s = await login(t, x.adminEmail, x.slug);
    assert.equal((await post(t, '/api/super-admin/orgs/deactivate', { id: x.orgId }, t.superAdminSecret)).status, 200);
    clock.advance(1100);
    assert.equal((await get(t, '/api/auth/me', s.body.access_token)).status, 401);
    assert.equal((await get(t, '/api/auth/me', x.adminToken)).status, 401);
    assert.equal((await login(t, x.adminEmail, x.slug)).status, 401);
  });

  test('the super-admin secret works only on super-admin routes', async () => {
    const res = await get(t, '/api/auth/me', t.superAdminSecret);
    assert.equal(res.status, 401);
    assert.match(res.body.error.message, /super-admin/);
    assert.equal((await post(t, '/api/super-admin/orgs/list', {}, a.adminToken)).status, 401);
  });
});
