// /query, /queryAll and cursor paging over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { api, D, emulator, newOrg, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let req: ReturnType<typeof api>;
const q = (soql: string) => `query?q=${encodeURIComponent(soql)}`;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  req = api(emu, org);
  await emu.control.seedRecords(org.orgId, {
    object: 'Account',
    count: 4500,
    template: { Name: 'Paged {n}', Industry: ['Banking', 'Energy', 'Media'] },
  });
});
after(() => emu.close());

describe('query', () => {
  it('returns {totalSize, done, records} with attributes', async () => {
    const res = await req('GET', q("SELECT Id, Name FROM Account WHERE Name = 'Paged 7'"));
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['totalSize', 'done', 'records']);
    assert.equal(res.body.totalSize, 1);
    assert.equal(res.body.done, true);
    assert.equal(res.body.records[0].attributes.type, 'Account');
    assert.equal(res.body.records[0].Name, 'Paged 7');
  });

  it('pages 2,000 at a time through nextRecordsUrl locators', async () => {
    const first = await req('GET', q('SELECT Id FROM Account'));
    assert.equal(first.body.totalSize, 4500);
    assert.equal(first.body.done, false);
    assert.equal(first.body.records.length, 2000);
    assert.match(first.body.nextRecordsUrl, new RegExp(`^${D}/query/01g[A-Za-z0-9]{15}-2000$`));
    assert.deepEqual(Object.keys(first.body), ['totalSize', 'done', 'nextRecordsUrl', 'records']);
    const second = await req('GET', first.body.nextRecordsUrl);
    assert.equal(second.body.records.length, 2000);
    assert.match(second.body.nextRecordsUrl, /-4000$/);
    const third = await req('GET', second.body.nextRecordsUrl);
    assert.equal(third.body.records.length, 500);
    assert.equal(third.body.done, true);
    assert.equal('nextRecordsUrl' in third.body, false);
    const ids = new Set([...first.body.records, ...second.body.records, ...third.body.records].map((r: any) => r.Id));
    assert.equal(ids.size, 4500);
  });

  it('honours Sforce-Query-Options batchSize within 200..2000', async () => {
    const small = await req('GET', q('SELECT Id FROM Account'), undefined, { 'Sforce-Query-Options': 'batchSize=500' });
    assert.equal(small.body.records.length, 500);
    assert.match(small.body.nextRecordsUrl, /-500$/);
    const tiny = await req('GET', q('SELECT Id FROM Account'), undefined, { 'Sforce-Query-Options': 'batchSize=10' });
    assert.equal(tiny.body.records.length, 200);
  });

  it('queryAll includes deleted records; query does not', async () => {
    const { body } = await req('POST', 'sobjects/Account', { Name: 'Soon Deleted' });
    await req('DELETE', `sobjects/Account/${body.id}`);
    const soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'Soon Deleted'";
    assert.equal((await req('GET', q(soql))).body.totalSize, 0);
    const all = await req('GET', `queryAll?q=${encodeURIComponent(soql)}`);
    assert.equal(all.body.totalSize, 1);
    assert.equal(all.body.records[0].IsDeleted, true);
  });

  it('answers 400 INVALID_QUERY_LOCATOR for unknown or expired cursors', async () => {
    const bad = await req('GET', `${D}/query/01gxx0000000001AAA-2000`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
    const first = await req('GET', q('SELECT Id FROM Account'));
    await emu.control.advanceClock(3 * 24 * 3600 * 1000);
    // The session timed out too: log in again, then the two-day-old cursor is gone.
    org = await newOrg(emu);
    const stale = await api(emu, org)('GET', first.body.nextRecordsUrl);
    assert.equal(stale.status, 400);
  });

  it('turns SOQL errors into Salesforce error bodies', async () => {
    const req2 = api(emu, org);
    const malformed = await req2('GET', q('SELEKT Id FROM Account'));
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body[0].errorCode, 'MALFORMED_QUERY');
    const field = await req2('GET', q('SELECT Nope FROM Account'));
    assert.equal(field.body[0].errorCode, 'INVALID_FIELD');
    assert.match(field.body[0].message, /ERROR at Row:1:Column:8/);
    const type = await req2('GET', q('SELECT Id FROM Nope__c'));
    assert.equal(type.body[0].errorCode, 'INVALID_TYPE');
    const empty = await req2('GET', 'query');
    assert.equal(empty.body[0].errorCode, 'MALFORMED_QUERY');
  });
});
