import assert from 'node:assert/strict';
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

describe("topology against the emulator's full-size org", () => {
  let sf: TestSalesforce;
  let t: TestApp;
  let a: Tenant;
  let sfOrg: Awaited<ReturnType<typeof newSalesforceOrg>>;
  const pull = (body: Record<string, unknown> = {}, bearer?: string) =>
    post(t, '/api/topology/pull', { client_id: a.clientId, wait_seconds: 120, ...body }, bearer ?? a.adminToken);
  const getJson = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/topology/get',
      payload: { client_id: a.clientId, ...body },
      headers: { authorization: `Bearer ${a.adminToken}` },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  before(async () => {
    sf = await startSalesforce();
    t = await startTestApp({ env: sf.env });
    a = await createTenant(t);
    sfOrg = await newSalesforceOrg(sf);
    await sf.emu.control.addCustomObject(sfOrg.orgId, {
      name: 'Invoice__c',
      label: 'Invoice',
      labelPlural: 'Invoices',
    });
    assert.equal((await connectClient(t, sf, a.adminToken, a.clientId, sfOrg.username)).outcome, 'connected');
    await sleep(1100); // If-Modified-Since has one-second resolution
  });
  after(async () => {
    await t.close();
    await sf.close();
  });

  test('a first pull reads every object in 25-describe composites: ≤ 60 API calls', async () => {
    const usageBefore = await sf.emu.control.getApiUsage(sfOrg.orgId);
    const res = await pull();
    assert.equal(res.status, 200, res.raw);
    assert.deepEqual(Object.keys(res.body).sort(), [
      'api_calls_used',
      'client_id',
      'custom_objects_count',
      'id',
      'objects_count',
      'pulled_at',
      'version',
    ]);
    assert.equal(res.body.version, 1);
    assert.ok(res.body.objects_count >= 1250, `${res.body.objects_count} objects`);
    assert.equal(res.body.custom_objects_count, 1);
    assert.ok(res.body.api_calls_used <= 60, `${res.body.api_calls_used} calls`);
    const usageAfter = await sf.emu.control.getApiUsage(sfOrg.orgId);
    assert.equal(
      usageAfter.used - usageBefore.used,
      res.body.api_calls_used,
      "the engine's count matches Salesforce's",
    );
  });

  test('get returns full describes, limited by object_names', async () => {
    const res = await getJson({ object_names: ['Account', 'invoice__c', 'NoSuchThing'] });
    assert.equal(res.status, 200);
    assert.equal(res.body.version, 1);
    assert.deepEqual(Object.keys(res.body.snapshot.objects).sort(), ['Account', 'Invoice__c']);
    const account = res.body.snapshot.objects.Account;
    assert.equal(account.keyPrefix, '001');
    assert.ok(account.fields.some((f: { name: string }) => f.name === 'Industry'));
    assert.ok(Array.isArray(account.childRelationships) && account.childRelationships.length > 50);
    assert.equal(res.body.snapshot.objects.Invoice__c.custom, true);
  });

  test('an unchanged org is re-pulled with one API call and stores nothing new', async () => {
    const count = async () => {
      const blobs = await t.runtime.db.system
        .selectFrom('topology_blobs')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const manifests = await t.runtime.db.system
        .selectFrom('topology_manifests')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return [Number(blobs.n), Number(manifests.n)];
    };
    const before = await count();
    const res = await pull();
    assert.equal(res.body.version, 2);
    assert.equal(res.body.api_calls_used, 1);
    assert.deepEqual(await count(), before, 'no new describe and no new manifest');
  });

  test('a schema change is picked up, diffed, and reported as drift', async () => {
    await sf.emu.control.addCustomField(sfOrg.orgId, 'Account', {
      name: 'Tier__c',
      label: 'Tier',
      type: 'Picklist',
      picklistValues: ['Gold', 'Silver'],
    });
    await sleep(1100);
    const res = await pull();
    assert.equal(res.body.version, 3);
    assert.ok(res.body.api_calls_used <= 60);
    const diff = await post(
      t,
      '/api/topology/diff',
      { client_id: a.clientId, version_a: 2, version_b: 3 },
      a.adminToken,
    );
    assert.equal(diff.status, 200, diff.raw);
    assert.deepEqual(diff.body.added_objects, []);
    assert.deepEqual(diff.body.removed_objects, []);
    const account = diff.body.changed_objects.find((o: { name: string }) => o.name === 'Account');
    assert.ok(account, JSON.stringify(diff.body).slice(0, 500));
    assert.deepEqual(account.added_fields, ['Tier__c']);
    const drift = await post(t, '/api/audit/list', { action: 'topology.drift_detected' }, a.adminToken);
    assert.equal(drift.body.data.length, 1);
    assert.ok(drift.body.data[0].details.changed_objects.includes('Account'));
    const picklist = await post(
      t,
      '/api/topology/picklist',
      { client_id: a.clientId, object_name: 'account', field_name: 'tier__c' },
      a.adminToken,
    );
    assert.equal(picklist.status, 200);
    assert.deepEqual(
      picklist.body.values.map((v: { value: string }) => v.value),
      ['Gold', 'Silver'],
    );
  });

  test('history lists versions newest first; missing versions and fields are 404s', async () => {
    const h = await post(t, '/api/topology/history', { client_id: a.clientId }, a.adminToken);
    assert.deepEqual(
      h.body.data.map((s: { version: number }) => s.version),
      [3, 2, 1],
    );
    assert.equal(
      (await post(t, '/api/topology/diff', { client_id: a.clientId, version_a: 1, version_b: 99 }, a.adminToken))
        .status,
      404,
    );
    assert.equal(
      (
        await post(
          t,
          '/api/topology/picklist',
          { client_id: a.clientId, object_name: 'Account', field_name: 'Nope__c' },
          a.adminToken,
        )
      ).status,
      404,
    );
    assert.equal((await getJson({ version: 42 })).status, 404);
  });

  test("company users can read topology but not pull; another client's topology is a 404", async () => {
    const h = await post(t, '/api/topology/history', { client_id: a.clientId }, a.companyMember.token);
    assert.equal(h.status, 200);
    assert.equal((await pull({}, a.companyAdmin.token)).status, 403);
    assert.equal(
      (await post(t, '/api/topology/history', { client_id: a.otherClientId }, a.companyMember.token)).status,
      404,
    );
  });

  test('wait_seconds: 0 answers 202 with the pull id; concurrent pulls of one client join one job', async () => {
    await sf.emu.control.setLatency({ fixedMs: 30 });
    const [x, y] = await Promise.all([pull({ wait_seconds: 0 }), pull({ wait_seconds: 0 })]);
    await sf.emu.control.clearLatency();
    assert.equal(x.status, 202);
    assert.deepEqual(Object.keys(x.body).sort(), ['id', 'status']);
    assert.equal(y.body.id, x.body.id, 'a second pull joined the running one');
    let status;
    for (let i = 0; i < 200; i++) {
      status = await post(t, '/api/topology/pull-status', { id: x.body.id }, a.adminToken);
      if (status.body.status === 'succeeded') break;
      await sleep(100);
    }
    assert.equal(status!.body.status, 'succeeded');
    assert.equal(status!.body.snapshot.version, 4);
    assert.equal(status!.body.objects_done, status!.body.objects_total);
  });

  test('an object whose describe fails is recorded in describe_errors; the pull still succeeds', async () => {
    await sf.emu.control.addCustomObject(sfOrg.orgId, {
      name: 'Ephemeral__c',
      label: 'Ephemeral',
      labelPlural: 'Ephemerals',
    });
    await sleep(1100);
    // describeGlobal answers at once and lists Ephemeral__c; the describes are held back 600 ms,
    // long enough for the object to be deleted in between, as happens in a live org.
    await sf.emu.control.setLatency({ fixedMs: 600, method: 'POST', path: '/services/data/*/composite' });
    const started = pull({ wait_seconds: 60 });
    await sleep(400);
    await sf.emu.control.removeCustomObject(sfOrg.orgId, 'Ephemeral__c');
    const res = await started;
    await sf.emu.control.clearLatency();
    assert.equal(res.status, 200, res.raw);
    const got = await getJson({ version: res.body.version, object_names: ['Ephemeral__c', 'Account'] });
    assert.deepEqual(Object.keys(got.body.snapshot.objects), ['Account']);
    const err = got.body.snapshot.describe_errors.Ephemeral__c;
    assert.equal(err.status, 404, JSON.stringify(err));
    assert.equal(err.error_code, 'NOT_FOUND');
  });

  test('a client without a connected connection gets a 400', async () => {
    const res = await post(t, '/api/topology/pull', { client_id: a.otherClientId }, a.adminToken);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_request');
  });
});
