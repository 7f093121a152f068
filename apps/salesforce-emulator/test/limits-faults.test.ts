// API limits and every control-plane fault: each test proves the control changes what a client sees.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { call, D, emulator, newOrg, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
});
after(() => emu.close());

const get = (path: string, o: TestOrg = org) =>
  call(emu, 'GET', path.startsWith('/') ? path : `${D}/${path}`, { token: o.token });

describe('API limits', () => {
  it('counts every call in Sforce-Limit-Info and /limits, but not the versions list', async () => {
    const o = await newOrg(emu, { apiDailyLimit: 100 });
    const first = await get('limits', o);
    assert.equal(first.headers.get('sforce-limit-info'), 'api-usage=1/100');
    const { Max, Remaining, ...apps } = first.body.DailyApiRequests;
    assert.deepEqual([Max, Remaining], [100, 99]);
    assert.deepEqual(
      Object.values(apps),
      [{ Max: 0, Remaining: 0 }],
      'per-app entries, as a real org lists its connected apps',
    );
    assert.deepEqual(first.body.DailyBulkV2QueryJobs, { Max: 10000, Remaining: 10000 });
    const versions = await call(emu, 'GET', '/services/data');
    assert.equal(versions.headers.get('sforce-limit-info'), null);
    assert.equal((await get('sobjects/Account/describe', o)).headers.get('sforce-limit-info'), 'api-usage=2/100');
  });

  it('refuses calls over the daily allocation with 403 TotalRequests Limit exceeded.', async () => {
    const o = await newOrg(emu, { apiDailyLimit: 50 });
    await emu.control.setApiUsage(o.orgId, 50);
    const res = await get('limits', o);
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    assert.equal(res.headers.get('sforce-limit-info'), 'api-usage=50/50');
    await emu.control.advanceClock(24 * 3600 * 1000 + 60_000);
    // A day later every session has timed out too: log in again.
    const again = await call(emu, 'POST', '/services/oauth2/token', {
      raw: new URLSearchParams({
        grant_type: 'password',
        client_id: o.clientId,
        client_secret: o.clientSecret,
        username: o.username,
        password: o.password,
      }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(
      (await get('limits', { ...o, token: again.body.access_token })).status,
      200,
      'usage rolls off after 24 hours',
    );
    org = await newOrg(emu);
  });

  it('refuses long-running calls over the concurrent limit with ConcurrentPerOrgLongTxn', async () => {
    const o = await newOrg(emu, { concurrentLongRunningLimit: 1, longRunningThresholdMs: 50 });
    await emu.control.setLatency({ path: `${D}/limits`, fixedMs: 400 });
    try {
      const slow = get('limits', o);
      await new Promise((r) => setTimeout(r, 150));
      const refused = await get('sobjects', o);
      assert.equal(refused.status, 403);
      assert.deepEqual(refused.body, [
        { message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
      ]);
      assert.equal((await slow).status, 200);
    } finally {
      await emu.control.clearLatency();
    }
  });
});

describe('fault injection', () => {
  it('answers the next N matching calls with a given status and body, then recovers', async () => {
    await emu.control.injectFault({
      method: 'GET',
      path: '/services/data/*/limits',
      times: 2,
      action: { type: 'status', status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }] },
    });
    assert.equal((await get('limits')).status, 503);
    const second = await get('limits');
    assert.deepEqual(second.body, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }]);
    assert.equal((await get('limits')).status, 200);
  });

  it('scopes faults to one org', async () => {
    const other = await newOrg(emu);
    await emu.control.injectFault({ path: '/services/data/*', orgId: other.orgId, action: { type: 'invalidSession' } });
    assert.equal((await get('limits')).status, 200);
    const res = await get('limits', other);
    assert.equal(res.status, 401);
    assert.equal(res.body[0].errorCode, 'INVALID_SESSION_ID');
  });

  it('drops the connection', async () => {
    await emu.control.injectFault({ path: '/services/data/*/sobjects', action: { type: 'drop' } });
    await assert.rejects(get('sobjects'));
    assert.equal((await get('sobjects')).status, 200);
  });

  it('hangs then closes the connection (a timeout)', async () => {
    await emu.control.injectFault({ path: '/services/data/*/limits', action: { type: 'timeout', ms: 300 } });
    const started = Date.now();
    await assert.rejects(get('limits'));
    assert.ok(Date.now() - started >= 280);
  });

  it('answers REQUEST_LIMIT_EXCEEDED in both forms', async () => {
    await emu.control.injectFault({ path: '*', action: { type: 'requestLimit', kind: 'concurrent' } });
    assert.equal((await get('limits')).body[0].message, 'ConcurrentPerOrgLongTxn Limit exceeded.');
    await emu.control.injectFault({ path: '*', action: { type: 'requestLimit' } });
    assert.equal((await get('limits')).body[0].message, 'TotalRequests Limit exceeded.');
  });

  it('adds latency globally and per path', async () => {
    await emu.control.setLatency({ fixedMs: 150 });
    let t = Date.now();
    await get('limits');
    assert.ok(Date.now() - t >= 140);
    await emu.control.setLatency({ fixedMs: 0 });
    await emu.control.setLatency({ path: '/services/data/*/sobjects', fixedMs: 200, jitterMs: 50 });
    t = Date.now();
    await get('limits');
    assert.ok(Date.now() - t < 150);
    t = Date.now();
    await get('sobjects');
    assert.ok(Date.now() - t >= 190);
    await emu.control.clearLatency();
  });

  it('expires sessions and revokes refresh tokens for an org', async () => {
    const o = await newOrg(emu);
    assert.equal((await get('limits', o)).status, 200);
    const { expired } = await emu.control.expireSessions({ orgId: o.orgId });
    assert.ok(expired >= 1);
    assert.equal((await get('limits', o)).status, 401);
    assert.equal((await get('limits')).status, 200, 'other orgs keep their sessions');
  });

  it('keeps answering 401 after successful refreshes in sessions-always-invalid mode', async () => {
    const o = await newOrg(emu);
    await emu.control.setSessionsAlwaysInvalid(o.orgId, true);
    assert.equal((await get('limits', o)).status, 401);
    await emu.control.setSessionsAlwaysInvalid(o.orgId, false);
    assert.equal((await get('limits', o)).status, 200);
  });

  it('logs requests with redacted secrets and per-org call counts', async () => {
    await emu.control.clearRequestLog();
    await call(emu, 'POST', '/services/oauth2/revoke?token=supersecret', {});
    await get('limits');
    const log = await emu.control.requestLog();
    assert.equal(
      log.some((e) => e.path.includes('supersecret')),
      false,
    );
    assert.ok(log.some((e) => e.path === '/services/oauth2/revoke?token=%5Bredacted%5D'));
    const entry = log.find((e) => e.path === `${D}/limits`)!;
    assert.equal(entry.orgId, org.orgId);
    assert.equal(entry.apiCalls, 1);
    assert.ok((await emu.control.getApiUsage(org.orgId)).total >= 1);
  });
});
