import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Tenant } from '../../../test/helpers/factories.ts';
import { post } from '../../../test/helpers/http.ts';
import {
  connectClient,
  newSalesforceOrg,
  startSalesforce,
  type TestSalesforce,
} from '../../../test/helpers/salesforce.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Fast retries so the bounds are reached in seconds, not minutes.
const FAST = { JOB_RETRY_LIMIT: '2', JOB_RETRY_DELAY_SECONDS: '1', SALESFORCE_MAX_RETRIES: '2' };

async function waitForPull(t: TestApp, bearer: string, id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await post(t, '/api/topology/pull-status', { id }, bearer);
    if (s.body.status === 'succeeded' || s.body.status === 'failed' || Date.now() > deadline) return s.body;
    await sleep(200);
  }
}

describe('topology pulls when things go wrong', () => {
  let sf: TestSalesforce;
  let t: TestApp;
  let a: Tenant;
  let org: Awaited<ReturnType<typeof newSalesforceOrg>>;
  const tokenCalls = async () =>
    (await sf.emu.control.requestLog({ limit: 10_000 })).filter((e) => e.path === '/services/oauth2/token').length;

  before(async () => {
    sf = await startSalesforce();
    t = await startTestApp({ env: { ...sf.env, ...FAST } });
    a = await createTenant(t);
  });
  after(async () => {
    await t.close();
    await sf.close();
  });

  async function freshConnection() {
    org = await newSalesforceOrg(sf);
    const c = await post(t, '/api/clients/create', { name: 'Failing' }, a.adminToken);
    assert.equal((await connectClient(t, sf, a.adminToken, c.body.id, org.username)).outcome, 'connected');
    return c.body.id as string;
  }

  test('an access token that expires mid-pull is refreshed once and the pull completes', async () => {
    const clientId = await freshConnection();
    // The session dies after the first composite: the next call gets 401 INVALID_SESSION_ID.
    await sf.emu.control.injectFault({
      method: 'POST',
      path: '/services/data/*/composite',
      times: 1,
      action: { type: 'invalidSession' },
    });
    const before = await tokenCalls();
    const res = await post(t, '/api/topology/pull', { client_id: clientId, wait_seconds: 120 }, a.adminToken);
    assert.equal(res.status, 200, res.raw);
    assert.ok(res.body.objects_count > 1000);
    assert.equal((await tokenCalls()) - before, 1, 'exactly one refresh');
  });

  test('a revoked refresh token: reauth_required, a clear failure, an event, and no retry loop', async () => {
    const clientId = await freshConnection();
    await sf.emu.control.revokeRefreshTokens({ orgId: org.orgId });
    await sf.emu.control.expireSessions({ orgId: org.orgId });
    const before = await tokenCalls();
    const res = await post(t, '/api/topology/pull', { client_id: clientId, wait_seconds: 60 }, a.adminToken);
    assert.equal(res.status, 502, res.raw);
    assert.equal(res.body.error.code, 'salesforce_error');
    assert.equal(res.body.error.details.error_code, 'invalid_grant');
    const conn = await post(t, '/api/connections/list', { client_id: clientId }, a.adminToken);
    assert.equal(conn.body.data[0].status, 'reauth_required');
    await sleep(3000); // no job retry may follow
    assert.equal((await tokenCalls()) - before, 1, 'one refresh attempt, no loop');
    const events = await post(
      t,
      '/api/audit/list',
      { action: 'connection.reauth_required', client_id: clientId },
      a.adminToken,
    );
    assert.equal(events.body.data.length, 1);
    const again = await post(t, '/api/topology/pull', { client_id: clientId }, a.adminToken);
    assert.equal(again.status, 400, 'a reauth_required connection is refused up front');
  });

  test('refresh succeeds but the API keeps answering 401: one refresh, then a clear failure', async () => {
    const clientId = await freshConnection();
    await sf.emu.control.setSessionsAlwaysInvalid(org.orgId, true);
    const before = await tokenCalls();
    const res = await post(t, '/api/topology/pull', { client_id: clientId, wait_seconds: 60 }, a.adminToken);
    await sf.emu.control.setSessionsAlwaysInvalid(org.orgId, false);
    assert.equal(res.status, 502);
    assert.equal(res.body.error.details.error_code, 'INVALID_SESSION_ID');
    assert.equal((await tokenCalls()) - before, 1);
  });

  test('REQUEST_LIMIT_EXCEEDED: the job backs off and fails clearly after its retry bound, without a hot loop', async () => {
    const clientId = await freshConnection();
    await sf.emu.control.injectFault({
      method: 'GET',
      path: '/services/data/*/sobjects',
      times: 'always',
      orgId: org.orgId,
      action: { type: 'requestLimit', kind: 'total' },
    });
    const started = Date.now();
    const res = await post(t, '/api/topology/pull', { client_id: clientId, wait_seconds: 0 }, a.adminToken);
    assert.equal(res.status, 202);
    const final = await waitForPull(t, a.adminToken, res.body.id);
    await sf.emu.control.clearFaults();
    assert.equal(final.status, 'failed');
    assert.equal(final.error.code, 'REQUEST_LIMIT_EXCEEDED');
    const hits = (await sf.emu.control.requestLog({ limit: 10_000 })).filter(
      (e) => /\/sobjects\/?$/.test(e.path) && e.fault && Date.parse(e.time) >= started,
    );
    assert.equal(hits.length, 3, 'one call per attempt (1 + 2 retries): a limit is not retried in a loop');
    const gaps = hits.slice(1).map((h, i) => Date.parse(h.time) - Date.parse(hits[i]!.time));
    assert.ok(
      gaps.every((g) => g >= 400),
      `attempts were spaced out: ${gaps}`,
    );
  });

  test('at the API reserve a pull stops, and further pulls are refused up front with 503 and Retry-After', async () => {
    const clientId = await freshConnection();
    await sf.emu.control.setApiUsage(org.orgId, 14_000); // of 15,000: 6.7% left, under the 10% reserve
    const first = await post(t, '/api/topology/pull', { client_id: clientId, wait_seconds: 60 }, a.adminToken);
    assert.equal(first.status, 503, first.raw);
    assert.equal(first.body.error.details.error_code, 'API_BUDGET_RESERVE');
    const usage = await sf.emu.control.getApiUsage(org.orgId);
    assert.ok(usage.used - 14_000 <= 3, `the pull stopped at the reserve (${usage.used - 14_000} calls)`);
    const second = await post(t, '/api/topology/pull', { client_id: clientId }, a.adminToken);
    assert.equal(second.status, 503);
    assert.ok(Number(second.headers['retry-after']) > 0);
    await sf.emu.control.setApiUsage(org.orgId, 0);
  });

  test('Salesforce 5xx: retried with backoff, then a clear failure', async () => {
    const clientId = await freshConnection();
    await sf.emu.control.injectFault({
      method: 'POST',
      path: '/services/data/*/composite',
      times: 'always',
      orgId: org.orgId,
      action: { type: 'status', status: 503, body: 'Service Unavailable' },
    });
    const res = await post(t, '/api/topology/pull', { client_id: clientId, wait_seconds: 0 }, a.adminToken);
    const final = await waitForPull(t, a.adminToken, res.body.id, 90_000);
    await sf.emu.control.clearFaults();
    assert.equal(final.status, 'failed');
    assert.equal(final.error.code, 'HTTP_503');
    const again = await post(t, '/api/topology/pull', { client_id: clientId, wait_seconds: 120 }, a.adminToken);
    assert.equal(again.status, 200, 'works again once Salesforce is back');
  });

  test('an unreachable Salesforce: network errors are retried, then a clear failure', async () => {
    const clientId = await freshConnection();
    await sf.emu.control.injectFault({
      path: '/services/data/*',
      times: 'always',
      orgId: org.orgId,
      action: { type: 'drop' },
    });
    const res = await post(t, '/api/topology/pull', { client_id: clientId, wait_seconds: 0 }, a.adminToken);
    const final = await waitForPull(t, a.adminToken, res.body.id, 90_000);
    await sf.emu.control.clearFaults();
    assert.equal(final.status, 'failed');
    assert.equal(final.error.code, 'NETWORK_ERROR');
  });
});

describe('a process killed mid-pull', () => {
  test('the pull restarts on the next start and produces one consistent snapshot', async () => {
    const sf = await startSalesforce();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-kill-'));
    const schema = `pgboss_kill_${Date.now().toString(36)}`;
    try {
      const first = await startTestApp({ env: { ...sf.env, ...FAST }, dataDir, jobsSchema: schema });
      const a = await createTenant(first);
      const org = await newSalesforceOrg(sf);
      assert.equal((await connectClient(first, sf, a.adminToken, a.clientId, org.username)).outcome, 'connected');
      await sf.emu.control.setLatency({ fixedMs: 150 });
      const res = await post(first, '/api/topology/pull', { client_id: a.clientId, wait_seconds: 0 }, a.adminToken);
      for (let i = 0; i < 100; i++) {
        const s = await post(first, '/api/topology/pull-status', { id: res.body.id }, a.adminToken);
        if (s.body.objects_done > 0) break;
        await sleep(100);
      }
      // Kill: workers stop without finishing, the database closes under them.
      await first.runtime.jobs.stop({ graceful: false, timeoutMs: 1 });
      await first.app.close();
      await first.runtime.db.close();
      await sf.emu.control.clearLatency();

      const started = Date.now();
      const second = await startTestApp({ env: { ...sf.env, ...FAST }, dataDir, jobsSchema: schema });
      try {
        const final = await waitForPull(second, a.adminToken, res.body.id, 90_000);
        assert.equal(final.status, 'succeeded');
        const history = await post(second, '/api/topology/history', { client_id: a.clientId }, a.adminToken);
        assert.equal(history.body.data.length, 1, 'one snapshot, not a half one plus a whole one');
        assert.ok(history.body.data[0].objects_count > 1000);
        console.log(`resumed and finished ${Date.now() - started} ms after the restart`);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await sf.close();
    }
  });
});
