// Bulk API 2.0 query jobs: JobInfo shapes, result CSVs (SELECT order, parent paths, quoting, nulls),
// paging by maxRecords with Sforce-Locator, queryAll, the documented query restrictions, and states.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { bulk, QUERY, type Bulk } from './bulk-helpers.ts';
import { api, call, D, emulator, newOrg, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let b: Bulk;
let rest: ReturnType<typeof api>;
const ids: string[] = [];

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  b = bulk(emu, org);
  rest = api(emu, org);
  for (const [name, employees] of [
    ['Q Alpha', 5],
    ['Q Beta', null],
    ['Q "Gamma", Inc', 7],
    ['Q Delta', 1],
    ['Q Epsilon', 2],
  ] as const) {
    ids.push((await rest('POST', 'sobjects/Account', { Name: name, NumberOfEmployees: employees })).body.id);
  }
  await rest('POST', 'sobjects/Contact', { LastName: 'Q Child', AccountId: ids[0] });
  await rest('POST', 'sobjects/Contact', { LastName: 'Q Orphan' });
});
after(() => emu.close());

async function runQuery(body: Record<string, unknown>): Promise<Record<string, any>> {
  const created = await b.json('POST', QUERY, body);
  assert.equal(created.status, 200, created.text);
  return b.wait('query', created.body.id);
}

describe('query jobs', () => {
  it('creates (UploadComplete) and completes with the documented JobInfo', async () => {
    const created = await b.json('POST', QUERY, {
      operation: 'query',
      query: "SELECT Id FROM Account WHERE Name LIKE 'Q %'",
    });
    assert.deepEqual(Object.keys(created.body), [
      'id',
      'operation',
      'object',
      'createdById',
      'createdDate',
      'systemModstamp',
      'state',
      'concurrencyMode',
      'contentType',
      'apiVersion',
      'lineEnding',
      'columnDelimiter',
    ]);
    assert.deepEqual(
      [created.body.state, created.body.object, created.body.operation],
      ['UploadComplete', 'Account', 'query'],
    );
    assert.match(created.text, /"apiVersion":62\.0,/);
    const done = await b.wait('query', created.body.id);
    assert.deepEqual(Object.keys(done), [
      'id',
      'operation',
      'object',
      'createdById',
      'createdDate',
      'systemModstamp',
      'state',
      'concurrencyMode',
      'contentType',
      'apiVersion',
      'jobType',
      'lineEnding',
      'columnDelimiter',
      'numberRecordsProcessed',
      'retries',
      'totalProcessingTime',
      'isPkChunkingSupported',
    ]);
    assert.deepEqual([done.state, done.jobType, done.numberRecordsProcessed], ['JobComplete', 'V2Query', 5]);
  });

  it('renders CSV in SELECT order with parent paths, quotes every value and leaves nulls empty', async () => {
    const done = await runQuery({
      operation: 'query',
      query:
        "SELECT LastName, account.name, Account.NumberOfEmployees, Id FROM Contact WHERE LastName LIKE 'Q %' ORDER " +
        'BY LastName',
    });
    const r = await b.json('GET', `${QUERY}/${done.id}/results`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /^text\/csv/);
    assert.equal(r.headers.get('sforce-locator'), 'null');
    assert.equal(r.headers.get('sforce-numberofrecords'), '2');
    const [child, orphan] = (
      await rest(
        'GET',
        `${D}/query?q=${encodeURIComponent("SELECT Id FROM Contact WHERE LastName LIKE 'Q %' ORDER BY LastName")}`,
      )
    ).body.records;
    assert.equal(
      r.text,
      `"LastName","Account.Name","Account.NumberOfEmployees","Id"\n"Q Child","Q Alpha","5","${child.Id}"\n"Q Orphan","","","${orphan.Id}"\n`,
    );
  });

  it('pages by maxRecords with an opaque locator ("null" on the last page), re-readable', async () => {
    const done = await runQuery({
      operation: 'query',
      query: "SELECT Name FROM Account WHERE Name LIKE 'Q %' ORDER BY Name",
      columnDelimiter: 'SEMICOLON',
      lineEnding: 'CRLF',
    });
    const pages: string[] = [];
    let locator: string | null = null;
    const seen: string[] = [];
    do {
      const r: Awaited<ReturnType<Bulk['json']>> = await b.json(
        'GET',
        `${QUERY}/${done.id}/results?maxRecords=2${locator ? `&locator=${locator}` : ''}`,
      );
      pages.push(r.text);
      locator = r.headers.get('sforce-locator');
      seen.push(`${r.headers.get('sforce-numberofrecords')}:${locator}`);
    } while (locator !== 'null');
    assert.deepEqual(seen, ['2:Mg', '2:NA', '1:null']);
    assert.deepEqual(pages, [
      '"Name"\r\n"Q ""Gamma"", Inc"\r\n"Q Alpha"\r\n',
      '"Name"\r\n"Q Beta"\r\n"Q Delta"\r\n',
      '"Name"\r\n"Q Epsilon"\r\n',
    ]);
    assert.equal((await b.json('GET', `${QUERY}/${done.id}/results?maxRecords=2&locator=Mg`)).text, pages[1]);
    const bad = await b.json('GET', `${QUERY}/${done.id}/results?locator=garbage!`);
    assert.deepEqual([bad.status, bad.body[0].errorCode], [400, 'INVALID_QUERY_LOCATOR']);
    const other = await call(emu, 'GET', `/services/data/v61.0/jobs/query/${done.id}/results`, { token: org.token });
    assert.equal(other.status, 409, 'results must be read with the version that created the job');
  });

  it('lists parallel result URLs (resultPages, v58.0+) at the default page size', async () => {
    await emu.control.setBulkQueryPageSize(org.orgId, 2);
    const done = await runQuery({
      operation: 'query',
      query: "SELECT Name FROM Account WHERE Name LIKE 'Q %' ORDER BY Name",
    });
    const r = await b.json('GET', `${QUERY}/${done.id}/resultPages`);
    const base = `/services/data/v62.0/jobs/query/${done.id}`;
    assert.deepEqual(r.body, {
      resultPages: [
        { resultUrl: `${base}/results` },
        { resultUrl: `${base}/results?locator=Mg` },
        { resultUrl: `${base}/results?locator=NA` },
      ],
      nextRecordsUrl: null,
      done: true,
    });
    const second = await b.json('GET', `${QUERY}/${done.id}/results?locator=Mg`);
    assert.deepEqual([second.headers.get('sforce-numberofrecords'), second.headers.get('sforce-locator')], ['2', 'NA']);
    assert.equal(
      (await call(emu, 'GET', `/services/data/v57.0/jobs/query/${done.id}/resultPages`, { token: org.token })).status,
      404,
    );
    await emu.control.setBulkQueryPageSize(org.orgId, 50_000);
  });

  it('queryAll includes deleted rows; query does not', async () => {
    const gone = (await rest('POST', 'sobjects/Account', { Name: 'Q Gone' })).body.id;
    await rest('DELETE', `sobjects/Account/${gone}`);
    const soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'Q Gone'";
    const live = await runQuery({ operation: 'query', query: soql });
    const all = await runQuery({ operation: 'queryAll', query: soql });
    assert.equal(live.numberRecordsProcessed, 0);
    assert.equal((await b.json('GET', `${QUERY}/${live.id}/results`)).text, '"Id","IsDeleted"\n');
    assert.equal((await b.json('GET', `${QUERY}/${all.id}/results`)).text, `"Id","IsDeleted"\n"${gone}","true"\n`);
  });

  it('rejects what Bulk 2.0 does not support, and bad SOQL, when the job is created', async () => {
    const reject = async (query: string, errorCode: string, message?: string) => {
      const r = await b.json('POST', QUERY, { operation: 'query', query });
      assert.equal(r.status, 400, `${query}: ${r.text}`);
      assert.equal(r.body[0].errorCode, errorCode, query);
      if (message) assert.equal(r.body[0].message, message);
    };
    await reject(
      'SELECT Name, (SELECT LastName FROM Contacts) FROM Account',
      'API_ERROR',
      'Aggregate Relationships not supported in Bulk V2 Query with CSV content type',
    );
    await reject(
      'SELECT BillingAddress FROM Account',
      'API_ERROR',
      'Selecting compound data not supported in Bulk Query',
    );
    await reject('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry', 'API_ERROR');
    await reject('SELECT COUNT() FROM Account', 'API_ERROR');
    await reject('SELECT Id FROM Account OFFSET 2', 'API_ERROR');
    await reject('SELECT TYPEOF What WHEN Account THEN Name END FROM Task', 'API_ERROR');
    await reject('SELECT Nope__c FROM Account', 'INVALID_FIELD');
    await reject('SELECT Id FROM Nope__c', 'INVALID_TYPE');
    await reject('SELECT Id FROM Account WHERE', 'MALFORMED_QUERY');
    const op = await b.json('POST', QUERY, { operation: 'select', query: 'SELECT Id FROM Account' });
    assert.deepEqual([op.status, op.body[0].errorCode], [400, 'INVALIDJOB']);
  });

  it('aborts only queued or running jobs and deletes only finished ones', async () => {
    const done = await runQuery({ operation: 'query', query: 'SELECT Id FROM Account' });
    const abort = await b.json('PATCH', `${QUERY}/${done.id}`, { state: 'Aborted' });
    assert.deepEqual(
      [abort.status, abort.body],
      [400, [{ errorCode: 'INVALIDJOBSTATE', message: 'Aborting already Completed Job not allowed' }]],
    );
    await emu.control.slowBulkJobs(org.orgId, { ms: 300, kind: 'query' });
    const slow = (await b.json('POST', QUERY, { operation: 'query', query: 'SELECT Id FROM Account' })).body.id;
    const early = await b.json('GET', `${QUERY}/${slow}/results`);
    assert.deepEqual([early.status, early.body[0].errorCode], [400, 'JOB_NOT_COMPLETE']);
    assert.deepEqual((await b.json('DELETE', `${QUERY}/${slow}`)).body, [
      { errorCode: 'API_ERROR', message: 'Error encountered when deleting the job because the job is not terminated' },
    ]);
    const aborted = await b.json('PATCH', `${QUERY}/${slow}`, { state: 'Aborted' });
    assert.deepEqual(Object.keys(aborted.body), [
      'id',
      'operation',
      'object',
      'createdById',
      'createdDate',
      'systemModstamp',
      'state',
      'concurrencyMode',
      'contentType',
      'apiVersion',
    ]);
    assert.equal(aborted.body.state, 'Aborted');
    await new Promise((r) => setTimeout(r, 350));
    assert.equal((await b.json('GET', `${QUERY}/${slow}`)).body.state, 'Aborted', 'an aborted job does not run');
    assert.equal((await b.json('DELETE', `${QUERY}/${slow}`)).status, 204);
    const list = await b.json('GET', QUERY);
    assert.ok(
      list.body.records.every((j: { id: string; jobType: string }) => j.id !== slow && j.jobType === 'V2Query'),
    );
  });
});
