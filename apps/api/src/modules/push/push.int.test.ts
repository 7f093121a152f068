import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Tenant } from '../../../test/helpers/factories.ts';
import { post, type Res } from '../../../test/helpers/http.ts';
import {
  connectClient,
  newSalesforceOrg,
  startSalesforce,
  type TestSalesforce,
} from '../../../test/helpers/salesforce.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

describe('mappings and push against the emulator', () => {
  let sf: TestSalesforce;
  let t: TestApp;
  let a: Tenant;
  let sfOrg: Awaited<ReturnType<typeof newSalesforceOrg>>;
  const call = (path: string, body: Record<string, unknown>) =>
    post(t, path, { client_id: a.clientId, ...body }, a.adminToken);
  const invoices = () => [...sf.emu.state.org(sfOrg.orgId)!.records.scan('Invoice__c', false)];
  const mapping = {
    canonical_object: 'invoice',
    sfdc_object: 'Invoice__c',
    field_mappings: { number: 'Number__c', amount: 'Amount__c', paid: 'Paid__c', note: 'Note__c' },
    external_id_field: 'Number__c',
  };

  before(async () => {
    sf = await startSalesforce();
    t = await startTestApp({ env: sf.env });
    a = await createTenant(t);
    sfOrg = await newSalesforceOrg(sf);
    const c = sf.emu.control;
    await c.addCustomObject(sfOrg.orgId, { name: 'Invoice__c', label: 'Invoice', labelPlural: 'Invoices' });
    await c.addCustomField(sfOrg.orgId, 'Invoice__c', {
      name: 'Number__c',
      type: 'Text',
      length: 40,
      externalId: true,
      unique: true,
    });
    await c.addCustomField(sfOrg.orgId, 'Invoice__c', { name: 'Amount__c', type: 'Number', precision: 12, scale: 2 });
    await c.addCustomField(sfOrg.orgId, 'Invoice__c', { name: 'Paid__c', type: 'Checkbox', defaultValue: false });
    await c.addCustomField(sfOrg.orgId, 'Invoice__c', { name: 'Note__c', type: 'Text', length: 10 });
    assert.equal((await connectClient(t, sf, a.adminToken, a.clientId, sfOrg.username)).outcome, 'connected');
    const pulled = await call('/api/topology/pull', { wait_seconds: 120 });
    assert.equal(pulled.status, 200, pulled.raw);
  });
  after(async () => {
    await t.close();
    await sf.close();
  });

  test('mappings: create checks the topology, one active per canonical object, update bumps the version', async () => {
    const bad = await call('/api/mappings/create', {
      ...mapping,
      field_mappings: { number: 'Number__c', x: 'Nope__c', id: 'CreatedDate' },
    });
    assert.equal(bad.status, 400, bad.raw);
    assert.deepEqual(
      bad.body.error.details.problems.map((p: { field: string }) => p.field),
      ['Nope__c', 'CreatedDate'],
    );
    const notExt = await call('/api/mappings/create', { ...mapping, external_id_field: 'Note__c' });
    assert.equal(notExt.status, 400);
    assert.match(notExt.body.error.message, /not an External ID/);
    const created = await call('/api/mappings/create', mapping);
    assert.equal(created.status, 200, created.raw);
    assert.equal(created.body.mapping_version, 1);
    assert.equal(created.body.checks.length, 4);
    const again = await call('/api/mappings/create', mapping);
    assert.equal(again.status, 409);
    const updated = await call('/api/mappings/update', {
      canonical_object: 'invoice',
      field_mappings: { ...mapping.field_mappings },
    });
    assert.equal(updated.status, 200, updated.raw);
    assert.equal(updated.body.mapping_version, 2);
    const list = await call('/api/mappings/list', {});
    assert.deepEqual(
      list.body.data.map((m: { canonical_object: string }) => m.canonical_object),
      ['invoice'],
    );
  });

  test('push/records: local failures cost no call, the rest land, results join the right rows', async () => {
    const records = Array.from({ length: 450 }, (_, i) => ({
      number: `INV-${i}`,
      amount: i % 2 ? String(i * 1.5) : i,
      paid: i % 3 === 0,
      note: 'ok',
    }));
    records[7] = { number: 'INV-7', amount: 'seven', paid: false, note: 'ok' }; // wrong type
    records[8] = { ...records[8]!, note: 'far too long for ten' }; // too long
    records[9] = { number: 'INV-5', amount: 1, paid: false, note: 'dup' }; // duplicated external id
    const usageBefore = (await sf.emu.control.getApiUsage(sfOrg.orgId)).used;
    const res = await call('/api/push/records', {
      canonical_object: 'invoice',
      mapping_version: 2,
      records,
      idempotency_key: 'batch-1',
      wait_seconds: 60,
    });
    assert.equal(res.status, 200, res.raw);
    assert.equal(res.body.status, 'partial');
    assert.equal(res.body.records_total, 450);
    assert.equal(res.body.records_failed, 3);
    assert.equal(res.body.records_succeeded, 447);
    assert.equal(res.body.api_calls_used, 3, '447 records in 200-record collections');
    const usageAfter = (await sf.emu.control.getApiUsage(sfOrg.orgId)).used;
    assert.equal(usageAfter - usageBefore, 3);
    assert.equal(invoices().length, 447);

    const failed = await post(t, '/api/push/status', { id: res.body.id, only_failed: true }, a.adminToken);
    assert.deepEqual(
      failed.body.results.map((r: { row: number; errors: Array<{ code: string }> }) => [r.row, r.errors[0]!.code]),
      [
        [7, 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
        [8, 'STRING_TOO_LONG'],
        [9, 'DUPLICATE_EXTERNAL_ID'],
      ],
    );
    // Every row is reachable page by page, and each success carries its Salesforce id.
    const seen: number[] = [];
    let cursor: number | null = 0;
    while (cursor !== null) {
      const page: Res = await post(t, '/api/push/status', { id: res.body.id, cursor, limit: 100 }, a.adminToken);
      for (const r of page.body.results) {
        seen.push(r.row);
        if (r.status === 'succeeded') assert.match(r.sf_id, /^a0/);
      }
      cursor = page.body.next_cursor;
    }
    assert.equal(seen.length, 450);
    const inv12 = invoices().find((r) => r.Number__c === 'INV-12')!;
    assert.equal(inv12.Paid__c, true);
    assert.equal(inv12.Amount__c, 12);

    // The same key and body: the first result, nothing sent; another body: 409.
    const replay = await call('/api/push/records', {
      canonical_object: 'invoice',
      mapping_version: 2,
      records,
      idempotency_key: 'batch-1',
      wait_seconds: 60,
    });
    assert.equal(replay.status, 200);
    assert.equal(replay.body.id, res.body.id);
    assert.equal((await sf.emu.control.getApiUsage(sfOrg.orgId)).used, usageAfter);
    const other = await call('/api/push/records', {
      canonical_object: 'invoice',
      records: records.slice(1),
      idempotency_key: 'batch-1',
    });
    assert.equal(other.status, 409);
    // Pushing again updates: still 447 records, now created=false.
    const second = await call('/api/push/records', { canonical_object: 'invoice', records: records.slice(0, 5) });
    assert.equal(second.body.records_succeeded, 5);
    const st = await post(t, '/api/push/status', { id: second.body.id }, a.adminToken);
    assert.ok(st.body.results.every((r: { created: boolean }) => r.created === false));
    assert.equal(invoices().length, 447);
  });

  test('a stale mapping_version is a 409; validate reports fields; history lists pushes', async () => {
    const stale = await call('/api/push/records', {
      canonical_object: 'invoice',
      mapping_version: 1,
      records: [{ number: 'X-1' }],
    });
    assert.equal(stale.status, 409);
    assert.match(stale.body.error.message, /expected 1, current is 2/);
    const v = await call('/api/push/validate', { canonical_object: 'invoice', field_names: ['number', 'nope'] });
    assert.deepEqual(v.body.fields, { number: 'mapped', nope: 'unmapped' });
    assert.equal(v.body.valid, false);
    const h = await call('/api/push/history', {});
    assert.ok(h.body.data.length >= 2);
  });

  test('a push sent as-is: unknown fields fail locally, Salesforce refusals are per record', async () => {
    const res = await call('/api/push/records', {
      object_type: 'Invoice__c',
      external_id_field: 'Number__c',
      records: [{ Number__c: 'RAW-1', Amount__c: 5 }, { Number__c: 'RAW-2', Bogus__c: 1 }, { Amount__c: 1 }],
      wait_seconds: 60,
    });
    assert.equal(res.status, 200, res.raw);
    assert.equal(res.body.records_succeeded, 1);
    assert.equal(res.body.records_failed, 2);
    assert.equal(res.body.api_calls_used, 1);
  });

  test('a connection that needs reauthorisation: 400 before anything is queued', async () => {
    const b = await createTenant(t);
    const res = await post(
      t,
      '/api/push/records',
      {
        client_id: b.clientId,
        object_type: 'Invoice__c',
        external_id_field: 'Number__c',
        records: [],
      },
      b.adminToken,
    );
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /no connected Salesforce connection/);
  });

  test('deactivating the mapping: 404 for new pushes; a new mapping can then be created', async () => {
    const d = await call('/api/mappings/deactivate', { canonical_object: 'invoice' });
    assert.equal(d.status, 200);
    const res = await call('/api/push/records', { canonical_object: 'invoice', records: [{ number: 'Z' }] });
    assert.equal(res.status, 404);
    const again = await call('/api/mappings/create', mapping);
    assert.equal(again.status, 200);
    assert.equal(again.body.mapping_version, 1);
  });
});
