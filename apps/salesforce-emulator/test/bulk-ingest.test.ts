// Bulk API 2.0 ingest jobs over HTTP: JobInfo shapes per response, the state sequence, every
// operation through the REST write path, result CSVs, relationship columns, #N/A, formats.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { bulk, INGEST, type Bulk } from './bulk-helpers.ts';
import { api, D, emulator, newOrg, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let b: Bulk;
let rest: ReturnType<typeof api>;
let userId: string;

const ID = /^750[A-Za-z0-9]{15}$/;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  b = bulk(emu, org);
  rest = api(emu, org);
  await emu.control.addCustomField(org.orgId, 'Account', {
    name: 'Ext_Id__c',
    type: 'Text',
    length: 30,
    externalId: true,
    unique: true,
  });
  userId = (
    await rest('GET', `${D}/query?q=${encodeURIComponent(`SELECT Id FROM User WHERE Username = '${org.username}'`)}`)
  ).body.records[0].Id;
});
after(() => emu.close());

const accounts = async (where: string) =>
  (
    await rest(
      'GET',
      `${D}/query?q=${encodeURIComponent(`SELECT Id, Name, NumberOfEmployees, Ext_Id__c FROM Account WHERE ${where} ORDER BY Name`)}`,
    )
  ).body.records;

describe('ingest job lifecycle', () => {
  it('creates a job with the documented JobInfo (apiVersion written 62.0, contentUrl, defaults)', async () => {
    const r = await b.json('POST', INGEST, { object: 'account', operation: 'insert' });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), [
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
      'contentUrl',
      'lineEnding',
      'columnDelimiter',
    ]);
    assert.match(r.body.id, ID);
    assert.match(r.body.createdDate, STAMP);
    assert.deepEqual(
      { ...r.body, id: 'x', createdDate: 'x', systemModstamp: 'x' },
      {
        id: 'x',
        operation: 'insert',
        object: 'Account',
        createdById: userId,
        createdDate: 'x',
        systemModstamp: 'x',
        state: 'Open',
        concurrencyMode: 'Parallel',
        contentType: 'CSV',
        apiVersion: 62,
        contentUrl: `services/data/v62.0/jobs/ingest/${r.body.id}/batches`,
        lineEnding: 'LF',
        columnDelimiter: 'COMMA',
      },
    );
    assert.match(r.text, /"apiVersion":62\.0,/);
    const info = await b.json('GET', `${INGEST}/${r.body.id}`);
    assert.deepEqual(Object.keys(info.body), [
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
      'contentUrl',
      'lineEnding',
      'columnDelimiter',
      'retries',
      'totalProcessingTime',
      'apiActiveProcessingTime',
      'apexProcessingTime',
    ]);
    assert.equal(info.body.jobType, 'V2Ingest');
  });

  it('walks Open → UploadComplete → JobComplete and reports each row in the result CSVs', async () => {
    const created = await b.json('POST', INGEST, { object: 'Account', operation: 'insert' });
    const id = created.body.id;
    const up = await b.csv(
      'PUT',
      `${INGEST}/${id}/batches`,
      'Name,NumberOfEmployees,Description\nLife One,10,"Has ""quotes"", a comma"\n,20,no name\nLife Three,abc,bad number\n',
    );
    assert.equal(up.status, 201);
    assert.equal(up.text, '');
    const closed = await b.json('PATCH', `${INGEST}/${id}`, { state: 'UploadComplete' });
    assert.equal(closed.status, 200);
    assert.deepEqual(Object.keys(closed.body), [
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
    assert.equal(closed.body.state, 'UploadComplete');
    const done = await b.wait('ingest', id);
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
      'numberRecordsFailed',
      'retries',
      'totalProcessingTime',
      'apiActiveProcessingTime',
      'apexProcessingTime',
    ]);
    assert.equal(done.state, 'JobComplete');
    assert.equal(done.numberRecordsProcessed, 3);
    assert.equal(done.numberRecordsFailed, 2);
    const [row] = await accounts("Name = 'Life One'");
    const ok = await b.json('GET', `${INGEST}/${id}/successfulResults/`);
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type')!, /^text\/csv/);
    assert.equal(
      ok.text,
      `"sf__Id","sf__Created",Name,NumberOfEmployees,Description\n"${row.Id}","true","Life One","10","Has ` +
        `""quotes"", a comma"\n`,
    );
    assert.equal(
      await b.results(id, 'failedResults'),
      [
        '"sf__Id","sf__Error",Name,NumberOfEmployees,Description',
        '"","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --","","20","no name"',
        `"","INVALID_FIELD:Failed to deserialize field at col 2. Due to, 'abc' is not a valid value for the type ` +
          `xsd:int:NumberOfEmployees --","Life Three","abc","bad number"`,
        '',
      ].join('\n'),
    );
    assert.equal(await b.results(id, 'unprocessedrecords'), 'Name,NumberOfEmployees,Description\n');
    assert.equal((await accounts("Name = 'Life Three'")).length, 0);
  });

  it('updates by Id, upserts by external id (sf__Created false/true) and deletes', async () => {
    const seed = await b.ingest(
      { object: 'Account', operation: 'insert' },
      'Name,Ext_Id__c\nOps A,OPS-A\nOps B,OPS-B\n',
    );
    assert.equal(seed.numberRecordsFailed, 0);
    const [a, bRow] = await accounts("Name LIKE 'Ops %'");
    const updated = await b.ingest(
      { object: 'Account', operation: 'update' },
      `Id,NumberOfEmployees\n${a.Id},42\n001000000000000AAA,1\n`,
    );
    assert.equal(updated.numberRecordsFailed, 1);
    assert.equal(
      await b.results(updated.id, 'successfulResults'),
      `"sf__Id","sf__Created",Id,NumberOfEmployees\n"${a.Id}","false","${a.Id}","42"\n`,
    );
    assert.equal(
      await b.results(updated.id, 'failedResults'),
      '"sf__Id","sf__Error",Id,NumberOfEmployees\n"001000000000000AAA","INVALID_CROSS_REFERENCE_KEY:invalid cross ' +
        'reference id:--","001000000000000AAA","1"\n',
    );
    const blank = await b.ingest({ object: 'Account', operation: 'update' }, 'Id,Name\n,Nobody\n');
    assert.equal(
      await b.results(blank.id, 'failedResults'),
      '"sf__Id","sf__Error",Id,Name\n"","MISSING_ARGUMENT:Id not specified in an update call:--","","Nobody"\n',
    );
    const upserted = await b.ingest(
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'ext_id__c' },
      'Ext_Id__c,Name\nOPS-B,Ops B2\nOPS-C,Ops C\n,Ops Blank\n',
    );
    assert.equal(upserted.externalIdFieldName, 'Ext_Id__c');
    const okRows = (await b.results(upserted.id, 'successfulResults')).trim().split('\n');
    const [c] = await accounts("Ext_Id__c = 'OPS-C'");
    assert.deepEqual(okRows, [
      '"sf__Id","sf__Created",Ext_Id__c,Name',
      `"${bRow.Id}","false","OPS-B","Ops B2"`,
      `"${c.Id}","true","OPS-C","Ops C"`,
    ]);
    assert.equal(
      await b.results(upserted.id, 'failedResults'),
      '"sf__Id","sf__Error",Ext_Id__c,Name\n"","MISSING_ARGUMENT:Ext_Id__c not specified:--","","Ops Blank"\n',
    );
    const deleted = await b.ingest({ object: 'Account', operation: 'delete' }, `Id\n${a.Id}\n`);
    assert.equal(deleted.numberRecordsProcessed, 1);
    assert.equal((await rest('GET', `sobjects/Account/${a.Id}`)).body[0].errorCode, 'ENTITY_IS_DELETED');
    const hard = await b.ingest({ object: 'Account', operation: 'hardDelete' }, `Id\n${c.Id}\n`);
    assert.equal(hard.numberRecordsFailed, 0);
    const all = await rest(
      'GET',
      `${D}/queryAll?q=${encodeURIComponent(`SELECT Id FROM Account WHERE Id IN ('${a.Id}', '${c.Id}')`)}`,
    );
    assert.deepEqual(
      all.body.records.map((r: { Id: string }) => r.Id),
      [a.Id],
      'the soft-deleted row stays in the recycle bin, the hard-deleted one is gone',
    );
  });

  it('links parents by external id, nulls with #N/A and reads Bulk date formats, with PIPE and CRLF', async () => {
    await b.ingest({ object: 'Account', operation: 'insert' }, 'Name,Ext_Id__c\nParent P,PAR-1\n');
    const [parent] = await accounts("Ext_Id__c = 'PAR-1'");
    const job = { object: 'Contact', operation: 'insert', columnDelimiter: 'PIPE', lineEnding: 'CRLF' };
    const done = await b.ingest(
      job,
      'LastName|Account.Ext_Id__c|Birthdate|Description\r\nChild One|PAR-1|1970-01-02|x\r\nChild ' +
        'Two|NOPE|1970-01-02|\r\nChild Three|PAR-1|6/15/19|\r\n',
    );
    assert.equal(done.numberRecordsFailed, 2);
    assert.equal(
      await b.results(done.id, 'failedResults'),
      [
        '"sf__Id"|"sf__Error"|LastName|Account.Ext_Id__c|Birthdate|Description',
        '""|"INVALID_FIELD:Foreign key external ID: NOPE not found for field Ext_Id__c in entity Account:--"|"Child Two"|"NOPE"|"1970-01-02"|""',
        `""|"INVALID_FIELD:Failed to deserialize field at col 3. Due to, '6/15/19' is not a valid value for the type ` +
          `xsd:date:Birthdate --"|"Child Three"|"PAR-1"|"6/15/19"|""`,
        '',
      ].join('\r\n'),
    );
    const child = (
      await rest(
        'GET',
        `${D}/query?q=${encodeURIComponent("SELECT Id, AccountId, Birthdate, Description FROM Contact WHERE LastName = 'Child One'")}`,
      )
    ).body.records[0];
    assert.equal(child.AccountId, parent.Id);
    assert.equal(child.Birthdate, '1970-01-02');
    const nulled = await b.ingest(
      { object: 'Contact', operation: 'update' },
      `Id,AccountId,Birthdate,Description\n${child.Id},#N/A,#N/A,\n`,
    );
    assert.equal(nulled.numberRecordsFailed, 0);
    const after = (await rest('GET', `sobjects/Contact/${child.Id}?fields=AccountId,Birthdate,Description`)).body;
    assert.deepEqual(
      [after.AccountId, after.Birthdate, after.Description],
      [null, null, 'x'],
      '#N/A nulls, an empty value leaves the field',
    );
  });

  it('creates and loads a job in one multipart request (state UploadComplete at once)', async () => {
    const body = [
      '--BOUNDARY',
      'Content-Type: application/json',
      'Content-Disposition: form-data; name="job"',
      '',
      '{"object":"Account","contentType":"CSV","operation":"insert"}',
      '',
      '--BOUNDARY',
      'Content-Type: text/csv',
      'Content-Disposition: form-data; name="content"; filename="content"',
      '',
      'Name\nMulti One\nMulti Two',
      '--BOUNDARY--',
      '',
    ].join('\r\n');
    const r = await b.csv('POST', INGEST, body, 'multipart/form-data; boundary=BOUNDARY');
    assert.equal(r.status, 200);
    assert.equal(r.body.state, 'UploadComplete');
    assert.equal(r.body.contentUrl, undefined);
    const done = await b.wait('ingest', r.body.id);
    assert.equal(done.numberRecordsProcessed, 2);
    assert.equal((await accounts("Name LIKE 'Multi %'")).length, 2);
  });

  it('lists jobs with {done, records, nextRecordsUrl} and the list key set', async () => {
    const r = await b.json('GET', INGEST);
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ['done', 'records', 'nextRecordsUrl']);
    assert.equal(r.body.done, true);
    assert.equal(r.body.nextRecordsUrl, null);
    assert.ok(r.body.records.length >= 3);
    const open = r.body.records.find((j: { state: string }) => j.state === 'Open');
    assert.deepEqual(Object.keys(open), [
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
      'contentUrl',
      'lineEnding',
      'columnDelimiter',
    ]);
    assert.equal((await b.json('GET', `${INGEST}?jobType=Classic`)).body.records.length, 0);
    assert.equal(
      (await b.json('GET', `${INGEST}?queryLocator=01gXX0000000001-5`)).body[0].errorCode,
      'INVALID_QUERY_LOCATOR',
    );
  });

  it('aborts and deletes in the documented states', async () => {
    const open = (await b.json('POST', INGEST, { object: 'Account', operation: 'insert' })).body.id;
    await b.csv('PUT', `${INGEST}/${open}/batches`, 'Name\nNever Written\n');
    assert.deepEqual((await b.json('DELETE', `${INGEST}/${open}`)).body, [
      { errorCode: 'API_ERROR', message: 'Error encountered when deleting the job because the job is not terminated' },
    ]);
    const aborted = await b.json('PATCH', `${INGEST}/${open}`, { state: 'Aborted' });
    assert.equal(aborted.body.state, 'Aborted');
    assert.equal(await b.results(open, 'unprocessedrecords'), 'Name\nNever Written\n');
    assert.equal((await accounts("Name = 'Never Written'")).length, 0);
    const again = await b.json('PATCH', `${INGEST}/${open}`, { state: 'Aborted' });
    assert.deepEqual(
      [again.status, again.body],
      [400, [{ errorCode: 'INVALIDJOBSTATE', message: 'Aborting already Aborted Job not allowed' }]],
    );
    const done = await b.ingest({ object: 'Account', operation: 'insert' }, 'Name\nDone One\n');
    const late = await b.json('PATCH', `${INGEST}/${done.id}`, { state: 'Aborted' });
    assert.deepEqual(late.body, [
      { errorCode: 'INVALIDJOBSTATE', message: 'Aborting already Completed Job not allowed' },
    ]);
    assert.equal((await b.json('DELETE', `${INGEST}/${done.id}`)).status, 204);
    assert.deepEqual((await b.json('GET', `${INGEST}/${done.id}`)).body, [
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
  });
});
