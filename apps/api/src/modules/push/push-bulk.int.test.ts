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
import { parseBulkError } from './push-bulk.ts';

// The Bulk API 2.0 path, with the threshold lowered so a few hundred records take it.
describe('push by Bulk API 2.0 above the threshold', () => {
  let sf: TestSalesforce;
  let t: TestApp;
  let a: Tenant;
  let org: Awaited<ReturnType<typeof newSalesforceOrg>>;
  const accounts = () => [...sf.emu.state.org(org.orgId)!.records.scan('Account', false)];
  const push = (records: Array<Record<string, unknown>>) =>
    post(
      t,
      '/api/push/records',
      { client_id: a.clientId, object_type: 'Account', external_id_field: 'Ext__c', records, wait_seconds: 120 },
      a.adminToken,
    );

  before(async () => {
    sf = await startSalesforce();
    t = await startTestApp({ env: { ...sf.env, PUSH_BULK_THRESHOLD: '50', JOB_RETRY_DELAY_SECONDS: '1' } });
    a = await createTenant(t);
    org = await newSalesforceOrg(sf);
    await sf.emu.control.addCustomField(org.orgId, 'Account', {
      name: 'Ext__c',
      type: 'Text',
      length: 40,
      externalId: true,
      unique: true,
    });
    assert.equal((await connectClient(t, sf, a.adminToken, a.clientId, org.username)).outcome, 'connected');
    const pulled = await post(t, '/api/topology/pull', { client_id: a.clientId, wait_seconds: 120 }, a.adminToken);
    assert.equal(pulled.status, 200, pulled.raw);
  });
  after(async () => {
    await t.close();
    await sf.close();
  });

  test('one job, a handful of calls; Salesforce-refused rows are joined back to their input rows', async () => {
    const records: Array<Record<string, unknown>> = Array.from({ length: 300 }, (_, i) => ({
      Ext__c: `B-${i}`,
      Name: `Bulk ${i}`,
      NumberOfEmployees: i,
    }));
    records[17] = { Ext__c: 'B-17', NumberOfEmployees: 1 }; // no Name: Salesforce refuses it
    records[250] = { Ext__c: 'B-250', Name: null }; // Name cannot be empty: refused locally
    const usage = (await sf.emu.control.getApiUsage(org.orgId)).used;
    const res = await push(records);
    assert.equal(res.status, 200, res.raw);
    assert.equal(res.body.transport, 'bulk');
    assert.equal(res.body.records_total, 300);
    assert.equal(res.body.records_succeeded, 298);
    assert.equal(res.body.records_failed, 2);
    const used = (await sf.emu.control.getApiUsage(org.orgId)).used - usage;
    assert.equal(res.body.api_calls_used, used, "the engine's count matches Salesforce's");
    assert.ok(used <= 10, `${used} calls`);
    const failed = await post(t, '/api/push/status', { id: res.body.id, only_failed: true }, a.adminToken);
    assert.deepEqual(
      failed.body.results.map((r: { row: number; errors: Array<{ code: string }> }) => [r.row, r.errors[0]!.code]),
      [
        [17, 'REQUIRED_FIELD_MISSING'],
        [250, 'REQUIRED_FIELD_MISSING'],
      ],
    );
    assert.equal(accounts().length, 298);
    const page = await post(t, '/api/push/status', { id: res.body.id, cursor: 40, limit: 1 }, a.adminToken);
    const b40 = accounts().find((r) => r.Ext__c === 'B-40')!;
    assert.equal(page.body.results[0].sf_id, b40.Id);
    assert.equal(page.body.results[0].created, true);
  });

  test('the emulator failing the Bulk job: every row is reported, none lost, nothing counted as written', async () => {
    await sf.emu.control.failBulkJobs(org.orgId, { kind: 'ingest', errorMessage: 'InternalServerError', times: 1 });
    const records = Array.from({ length: 120 }, (_, i) => ({ Ext__c: `F-${i}`, Name: `Fail ${i}` }));
    const res = await push(records);
    assert.equal(res.status, 200, res.raw);
    assert.equal(res.body.records_total, 120);
    const written = accounts().filter((r) => String(r.Ext__c).startsWith('F-')).length;
    assert.equal(res.body.records_succeeded, written);
    assert.equal(res.body.records_succeeded + res.body.records_failed, 120);
    const failed = await post(t, '/api/push/status', { id: res.body.id, only_failed: true, limit: 1 }, a.adminToken);
    assert.match(JSON.stringify(failed.body.results[0].errors), /InternalServerError|UNPROCESSED/);
  });
});

test('Bulk error cells parse into code, message and fields', () => {
  assert.deepEqual(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --'), {
    code: 'REQUIRED_FIELD_MISSING',
    message: 'Required fields are missing: [Name]',
    fields: ['Name'],
  });
  assert.deepEqual(parseBulkError('INVALID_FIELD:bad value'), {
    code: 'INVALID_FIELD',
    message: 'bad value',
    fields: [],
  });
});
