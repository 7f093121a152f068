// Conformance of Bulk API 2.0 with an unmodified client: jsforce's bulk2 (loadAndWaitForResults,
// query, job objects, session refresh), as its own end-to-end suite drives a real org.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from '@jsforce/jsforce-node';
import type { RunningEmulator } from '../src/index.ts';
import { emulator, newOrg, VERSION, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let conn: Connection;

function connect(accessToken: string, extra: Record<string, unknown> = {}): Connection {
  const c = new Connection({ instanceUrl: emu.url, accessToken, version: VERSION, ...extra });
  c.bulk2.pollInterval = 20;
  c.bulk2.pollTimeout = 20_000;
  return c;
}

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  conn = connect(org.token);
  await emu.control.addCustomField(org.orgId, 'Account', {
    name: 'Ext_Id__c',
    type: 'Text',
    length: 30,
    externalId: true,
    unique: true,
  });
});
after(() => emu.close());

describe('jsforce bulk2 against the emulator', () => {
  it('loadAndWaitForResults reports 200 inserts and the one invalid row (jsforce’s own e2e case)', async () => {
    const id = Date.now();
    const records = [
      ...Array.from({ length: 200 }, (_, i) => ({ Name: `Bulk Account ${id}`, NumberOfEmployees: 300 * (i + 1) })),
      { BillingState: 'CA' },
    ];
    const { successfulResults, failedResults, unprocessedRecords } = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: records,
    });
    assert.equal(successfulResults.length, 200);
    assert.ok(successfulResults.every((r) => /^001[A-Za-z0-9]{15}$/.test(r.sf__Id) && r.sf__Created === 'true'));
    assert.deepEqual(failedResults, [
      {
        sf__Id: '',
        sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
        Name: '',
        NumberOfEmployees: '',
      },
    ]);
    assert.deepEqual(unprocessedRecords, []);
    const count = await conn.query(`SELECT COUNT() FROM Account WHERE Name = 'Bulk Account ${id}'`);
    assert.equal(count.totalSize, 200);
  });

  it('updates, upserts and deletes records given as objects, and accepts empty input', async () => {
    const inserted = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [{ Name: 'Js One', Ext_Id__c: 'JS-1' }, { Name: 'Js Two' }],
    });
    const ids = inserted.successfulResults.map((r) => r.sf__Id);
    const updated = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: ids.map((Id) => ({ Id, Name: 'Js Updated' })),
    });
    assert.deepEqual(
      updated.successfulResults.map((r) => [r.sf__Id, r.sf__Created]),
      ids.map((i) => [i, 'false']),
    );
    const upserted = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'upsert',
      externalIdFieldName: 'Ext_Id__c',
      input: [
        { Ext_Id__c: 'JS-1', Name: 'Js Upserted' },
        { Ext_Id__c: 'JS-3', Name: 'Js Three' },
      ],
    });
    assert.deepEqual(
      upserted.successfulResults.map((r) => r.sf__Created),
      ['false', 'true'],
    );
    const deleted = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'delete',
      input: ids.map((Id) => ({ Id })),
    });
    assert.equal(deleted.successfulResults.length, 2);
    assert.equal((await conn.query("SELECT COUNT() FROM Account WHERE Name = 'Js Updated'")).totalSize, 0);
    const empty = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: [] });
    assert.deepEqual(empty, { successfulResults: [], failedResults: [], unprocessedRecords: [] });
  });

  it('bulk2.query returns every record, and scanAll (queryAll) includes deleted ones', async () => {
    await emu.control.seedRecords(org.orgId, { object: 'Account', count: 2500, template: { Name: 'Paged {n}' } });
    const read = async (soql: string, scanAll = false) => {
      const stream = await conn.bulk2.query(soql, { scanAll });
      const records: Array<Record<string, string>> = [];
      await new Promise<void>((resolve, reject) => {
        stream.on('record', (r: Record<string, string>) => records.push(r));
        stream.on('end', resolve);
        stream.on('error', reject);
      });
      return records;
    };
    const records = await read("SELECT Id, Name, Owner.Name FROM Account WHERE Name LIKE 'Paged %'");
    assert.equal(records.length, 2500);
    assert.equal(new Set(records.map((r) => r.Id)).size, 2500);
    assert.ok(records.every((r) => /^Paged \d+$/.test(r.Name!) && r['Owner.Name'] === 'Test User1'));
    await conn.sobject('Account').destroy(records[0]!.Id!);
    assert.equal((await read("SELECT Id FROM Account WHERE Name LIKE 'Paged %'")).length, 2499);
    assert.equal((await read("SELECT Id FROM Account WHERE Name LIKE 'Paged %'", true)).length, 2500);
  });

  it('surfaces a failed job as jsforce’s polling error, with the job’s errorMessage', async () => {
    await emu.control.failBulkJobs(org.orgId, {
      kind: 'ingest',
      errorMessage: 'InternalServerError : injected for jsforce',
    });
    await assert.rejects(
      conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: [{ Name: 'Never' }] }),
      /Ingest job failed to complete due to: InternalServerError : injected for jsforce/,
    );
  });

  it('refreshes an expired session in the middle of a bulk load', async () => {
    let refreshed = 0;
    const stale = connect('00Dbogus!AQinvalid', {
      refreshFn: (_c: Connection, callback: (err: Error | null, token?: string) => void) => {
        refreshed++;
        callback(null, org.token);
      },
    });
    const res = await stale.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [{ Name: 'After Refresh' }],
    });
    assert.equal(res.successfulResults.length, 1);
    assert.equal(refreshed, 1);
  });
});
