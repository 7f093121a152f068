// Bad input to Bulk API 2.0: each case gets Salesforce's error, the org is left unchanged, and the
// emulator keeps serving. Job-level problems (header, CSV syntax, line ending) fail the whole job
// before any row is written; request-level problems are 4xx answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { bulk, INGEST, QUERY, type Bulk } from './bulk-helpers.ts';
import { api, call, D, emulator, newOrg, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let b: Bulk;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  b = bulk(emu, org);
});
after(() => emu.close());

const accountCount = async () =>
  (await api(emu, org)('GET', `${D}/query?q=${encodeURIComponent('SELECT COUNT() FROM Account')}`)).body
    .totalSize as number;

/** Runs a job that must fail as a whole: returns its JobInfo after checking nothing was written. */
async function failedJob(job: Record<string, unknown>, csv: string): Promise<Record<string, any>> {
  const before = await accountCount();
  const info = await b.ingest(job, csv);
  assert.equal(info.state, 'Failed');
  assert.equal(info.numberRecordsProcessed, 0);
  assert.equal(await accountCount(), before, 'the org is unchanged');
  assert.equal(await b.results(info.id, 'unprocessedrecords'), csv, 'every row is unprocessed');
  return info;
}

describe('bad CSV fails the job before any write', () => {
  it('an unknown column: InvalidBatch : Field name not found', async () => {
    const info = await failedJob({ object: 'Account', operation: 'insert' }, 'Name,Nope__c\nGood Row,1\n');
    assert.equal(info.errorMessage, 'InvalidBatch : Field name not found : Nope__c');
    assert.deepEqual(Object.keys(info).slice(-2), ['apexProcessingTime', 'errorMessage']);
    assert.equal(await b.results(info.id, 'failedResults'), '"sf__Id","sf__Error",Name,Nope__c\n');
  });

  it('update without an Id column, upsert without its key column', async () => {
    assert.equal(
      (await failedJob({ object: 'Account', operation: 'update' }, 'Name\nX\n')).errorMessage,
      'InvalidBatch : Field name not found : Id',
    );
    await emu.control.addCustomField(org.orgId, 'Account', {
      name: 'Key__c',
      type: 'Text',
      length: 20,
      externalId: true,
    });
    const info = await failedJob(
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'Key__c' },
      'Name\nX\n',
    );
    assert.equal(info.errorMessage, 'InvalidBatch : Field name not found : Key__c');
  });

  it('a bad relationship column (unknown parent field, grandparent, polymorphic without type)', async () => {
    assert.equal(
      (await failedJob({ object: 'Contact', operation: 'insert' }, 'LastName,Account.Nope\nX,1\n')).errorMessage,
      'InvalidBatch : Field name not found : Account.Nope',
    );
    assert.equal(
      (await failedJob({ object: 'Contact', operation: 'insert' }, 'LastName,Account.Owner.Email\nX,1\n')).errorMessage,
      'InvalidBatch : Field name not found : Account.Owner.Email',
    );
    assert.equal(
      (await failedJob({ object: 'Task', operation: 'insert' }, 'Subject,Who.Email\nX,a@b.c\n')).errorMessage,
      'InvalidBatch : Field name not found : Who.Email',
    );
  });

  it('broken quoting: an unterminated quote and a quote inside an unquoted value', async () => {
    const csv1 = 'Name,Description\nFine Row,ok\nBroken Row,"never closed\n';
    assert.equal(
      (await failedJob({ object: 'Account', operation: 'insert' }, csv1)).errorMessage,
      'ClientInputError : EOF reached before closing an opened quote',
    );
    const csv2 = 'Name,Description\nFine Row,ok\nBroken Row,say "hi"\n';
    assert.equal(
      (await failedJob({ object: 'Account', operation: 'insert' }, csv2)).errorMessage,
      'ClientInputError : Found unescaped quote. A value with quote should be within a quote',
    );
    const csv3 = 'Name,Description\nFine Row,ok\nBroken Row,"closed"early\n';
    assert.equal(
      (await failedJob({ object: 'Account', operation: 'insert' }, csv3)).errorMessage,
      'ClientInputError : Not expecting more text after end quote',
    );
  });

  it('a row with the wrong number of fields', async () => {
    const info = await failedJob(
      { object: 'Account', operation: 'insert' },
      'Name,Description\nFine Row,ok\nExtra,a,b\n',
    );
    assert.equal(info.errorMessage, 'ClientInputError : Invalid record length: expected 2 fields, found 3 in record 2');
  });

  it('line endings that do not match the job (CRLF data on an LF job, and the reverse)', async () => {
    const lf = await failedJob({ object: 'Account', operation: 'insert' }, 'Name\r\nCrlf Row\r\n');
    assert.equal(
      lf.errorMessage,
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF',
    );
    const crlf = await failedJob({ object: 'Account', operation: 'insert', lineEnding: 'CRLF' }, 'Name\nLf Row\n');
    assert.equal(
      crlf.errorMessage,
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF',
    );
  });

  it('data in another delimiter than the job’s: the whole header is one unknown field', async () => {
    const info = await failedJob({ object: 'Account', operation: 'insert' }, 'Name|Description\nPipe|x\n');
    assert.equal(info.errorMessage, 'InvalidBatch : Field name not found : Name|Description');
  });
});

describe('bad requests get Bulk 2.0 errors', () => {
  it('uploads to a closed job, twice to one job, and over the size limit', async () => {
    const id = (await b.json('POST', INGEST, { object: 'Account', operation: 'insert' })).body.id;
    await b.csv('PUT', `${INGEST}/${id}/batches`, 'Name\nTwice A\n');
    assert.equal((await b.csv('PUT', `${INGEST}/${id}/batches`, 'Name\nTwice B\n')).status, 201);
    const close = await b.json('PATCH', `${INGEST}/${id}`, { state: 'UploadComplete' });
    assert.deepEqual(
      [close.status, close.body],
      [
        400,
        [
          {
            errorCode: 'INVALIDJOB',
            message:
              `Found multipe contents for job: <${id.slice(0, 15)}>, please 'Close' / 'Abort' / 'Delete' the ` +
              `current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
          },
        ],
      ],
    );
    assert.equal((await b.json('GET', `${INGEST}/${id}`)).body.state, 'Open');
    await b.json('PATCH', `${INGEST}/${id}`, { state: 'Aborted' });
    const late = await b.csv('PUT', `${INGEST}/${id}/batches`, 'Name\nLate\n');
    assert.deepEqual(
      [late.status, late.body],
      [400, [{ errorCode: 'INVALIDJOBSTATE', message: 'Unable to upload data to a job in state Aborted' }]],
    );
    const big = (await b.json('POST', INGEST, { object: 'Account', operation: 'insert' })).body.id;
    // 150 MB once base64-encoded is 117,964,800 bytes of CSV; one byte more is refused.
    const body = Buffer.alloc(117_964_801, 0x61);
    const res = await fetch(`${emu.url}${INGEST}/${big}/batches`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${org.token}`, 'Content-Type': 'text/csv' },
      body,
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), [
      { errorCode: 'CLIENTINPUTERROR', message: 'Failed to read request. Exceeded max size limit of 157286400' },
    ]);
    assert.equal((await b.json('GET', `${INGEST}/${big}`)).body.state, 'Open');
  });

  it('malformed job definitions', async () => {
    const expect = async (body: unknown, status: number, errorCode: string, message?: string) => {
      const r = await b.json('POST', INGEST, body);
      assert.equal(r.status, status, r.text);
      assert.equal(r.body[0].errorCode, errorCode);
      if (message) assert.equal(r.body[0].message, message);
    };
    await expect({ object: 'Nope__c', operation: 'insert' }, 400, 'INVALIDENTITY', 'Unable to find object: Nope__c');
    await expect(
      { object: 'Account', operation: 'upsert' },
      400,
      'INVALIDJOB',
      'External ID was blank for Account. An External ID must be specified for upsert.',
    );
    await expect(
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'Name' },
      400,
      'INVALIDJOB',
      'The field name provided, Name is not an External Id or indexed field for Account',
    );
    await expect({ object: 'Account', operation: 'merge' }, 400, 'INVALIDJOB', 'Invalid operation: merge');
    await expect({ object: 'Account', operation: 'insert', columnDelimiter: 'COLON' }, 400, 'INVALIDJOB');
    await expect({ object: 'Account', operation: 'insert', contentType: 'JSON' }, 400, 'INVALIDJOB');
    const bad = await call(emu, 'POST', INGEST, {
      token: org.token,
      raw: '{"object":',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(bad.body[0].errorCode, 'JSON_PARSER_ERROR');
    const text = await b.csv('POST', INGEST, 'object=Account', 'text/plain');
    assert.deepEqual([text.status, text.body[0].errorCode], [415, 'UNSUPPORTED_MEDIA_TYPE']);
    const id = (await b.json('POST', INGEST, { object: 'Account', operation: 'insert' })).body.id;
    const json = await b.json('PUT', `${INGEST}/${id}/batches`, { Name: 'x' });
    assert.deepEqual(
      [json.status, json.body],
      [
        415,
        [
          {
            errorCode: 'UNSUPPORTED_MEDIA_TYPE',
            message: "MediaType of 'application/json' is not supported by this resource",
          },
        ],
      ],
    );
    const state = await b.json('PATCH', `${INGEST}/${id}`, { state: 'JobComplete' });
    assert.deepEqual([state.status, state.body[0].errorCode], [400, 'INVALIDJOBSTATE']);
  });

  it('unknown jobs and resources, wrong methods, early results, old versions, bad sessions', async () => {
    const notFound = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    assert.deepEqual((await b.json('GET', `${INGEST}/750000000000000AAA`)).body, notFound);
    assert.deepEqual((await b.json('GET', `${INGEST}/not-an-id`)).body, notFound);
    const query = (await b.json('POST', QUERY, { operation: 'query', query: 'SELECT Id FROM Account' })).body.id;
    assert.deepEqual((await b.json('GET', `${INGEST}/${query}`)).body, notFound, 'a query job is not an ingest job');
    const id = (await b.json('POST', INGEST, { object: 'Account', operation: 'insert' })).body.id;
    assert.deepEqual((await b.json('GET', `${INGEST}/${id}/nothing`)).body, notFound);
    const early = await b.json('GET', `${INGEST}/${id}/successfulResults`);
    assert.deepEqual([early.status, early.body[0].errorCode], [400, 'INVALIDJOBSTATE']);
    const method = await b.json('POST', `${INGEST}/${id}`, {});
    assert.deepEqual(
      [method.status, method.body],
      [
        405,
        [{ errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'POST' not allowed. Allowed are GET,PATCH,DELETE" }],
      ],
    );
    assert.equal(
      (await call(emu, 'GET', '/services/data/v40.0/jobs/ingest', { token: org.token })).status,
      404,
      'ingest jobs start at v41.0',
    );
    assert.equal(
      (await call(emu, 'GET', '/services/data/v46.0/jobs/query', { token: org.token })).status,
      404,
      'query jobs start at v47.0',
    );
    const noSession = await call(emu, 'GET', INGEST, { token: 'bogus' });
    assert.deepEqual([noSession.status, noSession.body[0].errorCode], [401, 'INVALID_SESSION_ID']);
    assert.equal((await b.json('GET', INGEST)).status, 200, 'still serving');
  });
});
