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

// These cases exercise the sObject Collections path (4,000 rows); push-bulk.int.test.ts covers Bulk API 2.0.
const FAST = {
  JOB_RETRY_LIMIT: '3',
  JOB_RETRY_DELAY_SECONDS: '1',
  SALESFORCE_MAX_RETRIES: '2',
  PUSH_BULK_THRESHOLD: '100000',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An org with Account.Ext__c and Contact.Ext__c (external ids), connected and pulled. */
async function setup(t: TestApp, sf: TestSalesforce) {
  const a = await createTenant(t);
  const org = await newSalesforceOrg(sf);
  const c = sf.emu.control;
  await c.addCustomField(org.orgId, 'Account', {
    name: 'Ext__c',
    type: 'Text',
    length: 40,
    externalId: true,
    unique: true,
  });
  await c.addCustomField(org.orgId, 'Contact', {
    name: 'Ext__c',
    type: 'Text',
    length: 40,
    externalId: true,
    unique: true,
  });
  assert.equal((await connectClient(t, sf, a.adminToken, a.clientId, org.username)).outcome, 'connected');
  const pulled = await post(t, '/api/topology/pull', { client_id: a.clientId, wait_seconds: 120 }, a.adminToken);
  assert.equal(pulled.status, 200, pulled.raw);
  return { a, org };
}

const accounts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ Ext__c: `A-${from + i}`, Name: `Account ${from + i}` }));

async function waitDone(t: TestApp, bearer: string, id: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await post(t, '/api/push/status', { id, limit: 1 }, bearer);
    if (!['queued', 'in_progress'].includes(s.body.status) || Date.now() > deadline) return s.body;
    await sleep(200);
  }
}

describe('push: status-update, link and failures', () => {
  let sf: TestSalesforce;
  let t: TestApp;
  let a: Tenant;
  let org: { orgId: string };
  const rows = (object: string) => [...sf.emu.state.org(org.orgId)!.records.scan(object, false)];
  const call = (p: string, body: Record<string, unknown>) =>
    post(t, p, { client_id: a.clientId, ...body }, a.adminToken);

  before(async () => {
    sf = await startSalesforce();
    t = await startTestApp({ env: { ...sf.env, ...FAST } });
    ({ a, org } = await setup(t, sf));
  });
  after(async () => {
    await t.close();
    await sf.close();
  });

  test('status-update changes existing records only; link sets lookups by both external ids', async () => {
    const up = await call('/api/push/records', {
      object_type: 'Account',
      external_id_field: 'Ext__c',
      records: accounts(3),
      wait_seconds: 60,
    });
    assert.equal(up.body.records_succeeded, 3, JSON.stringify(up.body));
    const contacts = await call('/api/push/records', {
      object_type: 'Contact',
      external_id_field: 'Ext__c',
      records: [
        { Ext__c: 'C-1', LastName: 'One' },
        { Ext__c: 'C-2', LastName: 'Two' },
      ],
      wait_seconds: 60,
    });
    assert.equal(contacts.body.records_succeeded, 2);

    const su = await call('/api/push/status-update', {
      object_type: 'Account',
      external_id_field: 'Ext__c',
      updates: [
        { external_id: 'A-0', fields: { Description: 'renewed' } },
        { external_id: 'A-404', fields: { Description: 'nobody' } },
        { external_id: 'A-1', fields: { NumberOfEmployees: 'many' } },
      ],
      wait_seconds: 60,
    });
    assert.equal(su.status, 200, su.raw);
    assert.equal(su.body.records_succeeded, 1);
    assert.equal(su.body.records_failed, 2);
    assert.equal(su.body.api_calls_used, 1, 'the local failure cost nothing; the rest went in one composite');
    const st = await post(t, '/api/push/status', { id: su.body.id, only_failed: true }, a.adminToken);
    assert.deepEqual(
      st.body.results.map((r: { row: number; errors: Array<{ code: string }> }) => [r.row, r.errors[0]!.code]),
      [
        [1, 'NOT_FOUND'],
        [2, 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      ],
    );
    assert.equal(rows('Account').length, 3, 'status-update never creates a record');
    assert.equal(rows('Account').find((r) => r.Ext__c === 'A-0')!.Description, 'renewed');

    const link = (child: string, parent: string) => ({
      child_object: 'Contact',
      child_external_id_field: 'Ext__c',
      child_external_id: child,
      relationship_field: 'AccountId',
      parent_object: 'Account',
      parent_external_id_field: 'Ext__c',
      parent_external_id: parent,
    });
    const linked = await call('/api/push/link', {
      links: [link('C-1', 'A-2'), link('C-2', 'A-999'), { ...link('C-1', 'A-1'), relationship_field: 'OwnerId' }],
      wait_seconds: 60,
    });
    assert.equal(linked.status, 200, linked.raw);
    assert.equal(linked.body.records_succeeded, 1);
    assert.equal(linked.body.records_failed, 2);
    const a2 = rows('Account').find((r) => r.Ext__c === 'A-2')!;
    assert.equal(rows('Contact').find((r) => r.Ext__c === 'C-1')!.AccountId, a2.Id);
    const failed = await post(t, '/api/push/status', { id: linked.body.id, only_failed: true }, a.adminToken);
    assert.match(failed.body.results[0].errors[0].message, /Foreign key external ID: A-999 not found/);
    assert.match(failed.body.results[1].errors[0].message, /not a lookup to Account/);
  });

  test('a 503 from Salesforce mid-push is retried; every record is written once', async () => {
    await sf.emu.control.injectFault({
      method: 'PATCH',
      path: '/services/data/*/composite/sobjects/Account/Ext__c',
      times: 2,
      action: { type: 'status', status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }] },
    });
    const res = await call('/api/push/records', {
      object_type: 'Account',
      external_id_field: 'Ext__c',
      records: accounts(1000, 100),
      wait_seconds: 60,
    });
    assert.equal(res.status, 200, res.raw);
    assert.equal(res.body.records_succeeded, 1000);
    const wanted = new Set(accounts(1000, 100).map((r) => r.Ext__c));
    assert.equal(rows('Account').filter((r) => wanted.has(String(r.Ext__c))).length, 1000);
    assert.ok(res.body.api_calls_used >= 7, `5 collections and the 2 refused attempts: ${res.body.api_calls_used}`);
    const ids = new Set(rows('Account').map((r) => r.Ext__c));
    assert.equal(ids.size, rows('Account').length, 'no external id written twice');
    await sf.emu.control.clearFaults();
  });

  test('a mapping deactivated mid-push: the rest of its rows fail with MAPPING_DEACTIVATED, counts exact', async () => {
    const m = await call('/api/mappings/create', {
      canonical_object: 'company',
      sfdc_object: 'Account',
      field_mappings: { key: 'Ext__c', name: 'Name' },
      external_id_field: 'Ext__c',
    });
    assert.equal(m.status, 200, m.raw);
    await sf.emu.control.setLatency({ fixedMs: 300 });
    const records = Array.from({ length: 4000 }, (_, i) => ({ key: `M-${i}`, name: `Mapped ${i}` }));
    const res = await call('/api/push/records', { canonical_object: 'company', records, wait_seconds: 0 });
    assert.equal(res.status, 202, res.raw);
    await sleep(400);
    await call('/api/mappings/deactivate', { canonical_object: 'company' });
    const final = await waitDone(t, a.adminToken, res.body.id);
    await sf.emu.control.clearLatency();
    assert.equal(final.status, 'partial', JSON.stringify(final));
    assert.equal(final.error.code, 'MAPPING_DEACTIVATED');
    assert.equal(final.records_succeeded + final.records_failed, 4000);
    const written = rows('Account').filter((r) => String(r.Ext__c).startsWith('M-')).length;
    assert.equal(written, final.records_succeeded);
    assert.ok(written > 0 && written < 4000, `${written} written before the deactivation`);
  });

  test('a connection needing reauthorisation mid-push: the push fails with the reason, nothing is lost', async () => {
    await sf.emu.control.revokeRefreshTokens({ orgId: org.orgId });
    await sf.emu.control.expireSessions({ orgId: org.orgId });
    const res = await call('/api/push/records', {
      object_type: 'Account',
      external_id_field: 'Ext__c',
      records: accounts(5, 5000),
      wait_seconds: 60,
    });
    assert.equal(res.status, 200, res.raw);
    assert.equal(res.body.status, 'failed');
    assert.equal(res.body.records_failed, 5);
    assert.ok(res.body.error.code, JSON.stringify(res.body));
    const conns = await post(t, '/api/connections/list', {}, a.adminToken);
    const conn = conns.body.data.find((c: { client_id: string }) => c.client_id === a.clientId);
    assert.equal(conn.status, 'reauth_required', conns.raw);
    // Now refused up front, with the reason.
    const again = await call('/api/push/records', {
      object_type: 'Account',
      external_id_field: 'Ext__c',
      records: accounts(1, 6000),
    });
    assert.equal(again.status, 400);
    assert.match(again.body.error.message, /reauth_required/);
  });
});

describe('a worker killed mid-push', () => {
  test('resumes on the next start without duplicates: every record once in Salesforce', async () => {
    const sf = await startSalesforce();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-push-kill-'));
    const schema = `pgboss_pkill_${Date.now().toString(36)}`;
    try {
      const first = await startTestApp({ env: { ...sf.env, ...FAST }, dataDir, jobsSchema: schema });
      const { a, org } = await setup(first, sf);
      await sf.emu.control.setLatency({ fixedMs: 250 });
      const res = await post(
        first,
        '/api/push/records',
        {
          client_id: a.clientId,
          object_type: 'Account',
          external_id_field: 'Ext__c',
          records: accounts(4000),
          wait_seconds: 0,
        },
        a.adminToken,
      );
      assert.equal(res.status, 202, res.raw);
      for (let i = 0; i < 100; i++) {
        const s = await post(first, '/api/push/status', { id: res.body.id, limit: 1 }, a.adminToken);
        if (s.body.results[0]?.status === 'succeeded') break;
        await sleep(50);
      }
      await first.runtime.jobs.stop({ graceful: false, timeoutMs: 1 });
      await first.app.close();
      await first.runtime.db.close();
      await sf.emu.control.clearLatency();
      const before = [...sf.emu.state.org(org.orgId)!.records.scan('Account', false)].length;
      assert.ok(before > 0 && before < 4000, `${before} written before the kill`);

      const second = await startTestApp({ env: { ...sf.env, ...FAST }, dataDir, jobsSchema: schema });
      try {
        const final = await waitDone(second, a.adminToken, res.body.id, 120_000);
        assert.equal(final.status, 'succeeded', JSON.stringify(final));
        assert.equal(final.records_succeeded, 4000);
        const all = [...sf.emu.state.org(org.orgId)!.records.scan('Account', false)];
        assert.equal(all.length, 4000, 'each record exactly once');
        assert.equal(new Set(all.map((r) => r.Ext__c)).size, 4000);
        assert.ok(final.api_calls_used <= 20 + 4, `${final.api_calls_used} calls for 20 collections`);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await sf.close();
    }
  });
});
