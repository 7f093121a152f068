// What real clients trip over first: doubled slashes, columns=true / explain, and every URL the
// emulator advertises (the version's resource list, each describe's urls) answering instead of a 404.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { api, D, emulator, newOrg, type TestOrg } from './helpers.ts';

interface Column {
  columnName: string;
  displayName: string;
  aggregate: boolean;
}

let emu: RunningEmulator;
let org: TestOrg;
let req: ReturnType<typeof api>;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  req = api(emu, org);
  await emu.control.insertRecords(org.orgId, 'Account', [{ Name: 'Acme' }, { Name: 'Globex' }]);
});
after(() => emu.close());

describe('request paths', () => {
  it('normalises doubled slashes as Salesforce does', async () => {
    const res = await req('GET', `/${D}/sobjects/Account/describe`);
    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'Account');
    const q = await req('GET', `/${D}//query?q=${encodeURIComponent('SELECT Id FROM Account')}`);
    assert.equal(q.body.totalSize, 2);
  });

  it('keeps an idle connection open longer than 5 s', () => {
    assert.ok(emu.url);
    return new Promise<void>((resolve, reject) => {
      const r = request(`${emu.url}/`, { agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        assert.match(String(res.headers['keep-alive'] ?? ''), /timeout=(\d{3,})/);
        r.destroy();
        resolve();
      });
      r.on('error', reject);
      r.end();
    });
  });
});

describe('query?columns=true and query?explain=', () => {
  const soql = 'SELECT Id, Name, Owner.Name, (SELECT LastName FROM Contacts) FROM Account';

  it('returns columnMetadata in SELECT order with join and subquery columns', async () => {
    const res = await req('GET', `query?q=${encodeURIComponent(soql)}&columns=true`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['columnMetadata', 'entityName', 'groupBy', 'idSelected', 'keyPrefix']);
    assert.equal(res.body.entityName, 'Account');
    assert.equal(res.body.keyPrefix, '001');
    assert.equal(res.body.idSelected, true);
    const cols = res.body.columnMetadata;
    assert.deepEqual(
      cols.map((c: Column) => c.columnName),
      ['Id', 'Name', 'Owner', 'Contacts'],
    );
    assert.equal(cols[1].apexType, 'String');
    assert.equal(cols[1].textType, true);
    assert.equal(cols[2].foreignKeyName, 'OwnerId');
    assert.equal(cols[2].joinColumns[0].columnName, 'Name');
    assert.equal(cols[3].aggregate, true);
    assert.equal(cols[3].joinColumns[0].columnName, 'LastName');
  });

  it('names aggregate columns expr0… or by alias, and validates like a normal query', async () => {
    const agg = 'SELECT COUNT(Id), MAX(Name) top FROM Account';
    const res = await req('GET', `query?q=${encodeURIComponent(agg)}&columns=true`);
    assert.deepEqual(
      res.body.columnMetadata.map((c: Column) => [c.columnName, c.displayName, c.aggregate]),
      [
        ['expr0', 'COUNT(Id)', true],
        ['top', 'MAX(Name)', true],
      ],
    );
    const bad = await req('GET', `query?q=${encodeURIComponent('SELECT Nope__c FROM Account')}&columns=true`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body[0].errorCode, 'INVALID_FIELD');
  });

  it('explains a query with a plan over the real row counts', async () => {
    const res = await req('GET', `query?explain=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Acme'")}`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['plans', 'sourceQuery']);
    const [plan] = res.body.plans;
    assert.equal(plan.sobjectType, 'Account');
    assert.equal(plan.cardinality, 1);
    assert.equal(plan.sobjectCardinality, 2);
    assert.equal(plan.leadingOperationType, 'TableScan');
    const bad = await req('GET', `query?explain=${encodeURIComponent('SELECT FROM')}`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body[0].errorCode, 'MALFORMED_QUERY');
  });
});

describe('no advertised URL is a 404', () => {
  it('every resource of the version resource list answers', async () => {
    const list = await req('GET', D);
    for (const [name, url] of Object.entries(list.body as Record<string, string>)) {
      if (name === 'identity') continue;
      const res = await req('GET', url);
      assert.notEqual(res.status, 404, `${name} ${url}: ${res.text}`);
      assert.ok(res.status < 500, `${name}: ${res.status}`);
    }
    const menu = await req('GET', 'appMenu');
    for (const url of Object.values(menu.body as Record<string, string>)) {
      assert.deepEqual((await req('GET', url)).body, { appMenuItems: [] });
    }
    const process = await req('GET', 'process');
    assert.deepEqual((await req('GET', process.body.approvals)).body, { approvals: {} });
    assert.deepEqual((await req('GET', process.body.rules)).body, { rules: {} });
  });

  it('every describe url of the UI-bearing objects answers in Salesforce shape', async () => {
    const id = (await req('GET', `query?q=${encodeURIComponent('SELECT Id FROM Account LIMIT 1')}`)).body.records[0].Id;
    for (const name of ['Account', 'Contact', 'Lead', 'Opportunity']) {
      const d = await req('GET', `sobjects/${name}/describe`);
      for (const [key, url] of Object.entries(d.body.urls as Record<string, string>)) {
        if (key.startsWith('ui') || key === 'eventSchema') continue;
        const target = url.replace('{ID}', name === 'Account' ? id : '000000000000000AAA').replace('{name}', 'x');
        if (target.includes('000000000000000AAA')) continue;
        const res = await req('GET', target);
        assert.notEqual(res.status, 404, `${name}.${key} ${target}: ${res.text}`);
        assert.equal(res.status, 200, `${name}.${key}: ${res.text}`);
      }
    }
    const layouts = await req('GET', 'sobjects/Account/describe/layouts');
    assert.deepEqual(layouts.body, { layouts: [], recordTypeMappings: [], recordTypeSelectorRequired: [false] });
    const views = await req('GET', 'sobjects/Account/listviews');
    assert.deepEqual(views.body, { done: true, listviews: [], nextRecordsUrl: null, size: 0 });
    const missing = await req('GET', 'sobjects/Nope__c/listviews');
    assert.equal(missing.status, 404);
    const unknownView = await req('GET', 'sobjects/Account/listviews/00B000000000000AAA/results');
    assert.equal(unknownView.status, 404);
    assert.equal(unknownView.body[0].errorCode, 'NOT_FOUND');
  });
});

describe('collections upsert', () => {
  it('carries created on failed items too', async () => {
    const res = await req('PATCH', 'composite/sobjects/Account/Id', {
      allOrNone: false,
      records: [{ attributes: { type: 'Account' }, Name: 'Only name' }, { attributes: { type: 'Account' } }],
    });
    assert.equal(res.status, 200);
    for (const item of res.body) assert.equal(typeof item.created, 'boolean', JSON.stringify(item));
    assert.equal(res.body[1].success, false);
    assert.equal(res.body[1].created, false);
  });
});
