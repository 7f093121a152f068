// Bulk API 2.0 accounting and processing: one API call per HTTP request, daily batches/records and
// query-job allocations in /limits and their exhaustion, processing faults from the control plane,
// observable progress, aborting a running job, responsiveness during a large job, 7-day retention.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { bulk, INGEST, QUERY, type Bulk } from './bulk-helpers.ts';
import { D, emulator, newOrg, passwordToken, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let b: Bulk;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  b = bulk(emu, org);
});
after(() => emu.close());

const rows = (n: number, prefix: string) =>
  `Name,NumberOfEmployees\n${Array.from({ length: n }, (_, i) => `${prefix} ${i},${i}`).join('\n')}\n`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Bulk API 2.0 allocations', () => {
  it('counts every Bulk request as one API call and reports Sforce-Limit-Info', async () => {
    const before = (await emu.control.getApiUsage(org.orgId)).used;
    const r = await b.json('POST', INGEST, { object: 'Account', operation: 'insert' });
    await b.csv('PUT', `${INGEST}/${r.body.id}/batches`, 'Name\nCounted\n');
    await b.json('PATCH', `${INGEST}/${r.body.id}`, { state: 'UploadComplete' });
    await b.json('GET', `${INGEST}/${r.body.id}/nothing`);
    const usage = await emu.control.getApiUsage(org.orgId);
    assert.equal(usage.used, before + 4, 'create, upload, close and even a 404 count');
    assert.match(r.headers.get('sforce-limit-info')!, /^api-usage=\d+\/15000$/);
  });

  it('consumes a batch per 10,000 records and shows DailyBulkApiBatches, query jobs and storage in /limits', async () => {
    await emu.control.setBulkUsage(org.orgId, { batches: 0, records: 0 });
    const job = await b.ingest({ object: 'Account', operation: 'insert' }, rows(10_001, 'Batch'));
    assert.equal(job.numberRecordsProcessed, 10_001);
    const usage = await emu.control.getBulkUsage(org.orgId);
    assert.deepEqual(
      [usage.batches, usage.records],
      [
        { used: 2, limit: 15000 },
        { used: 10_001, limit: 150_000_000 },
      ],
    );
    const q = (
      await b.json('POST', QUERY, { operation: 'query', query: "SELECT Id FROM Account WHERE Name LIKE 'Batch 1%'" })
    ).body.id;
    await b.wait('query', q);
    const limits = (await b.json('GET', `${D}/limits`)).body;
    assert.deepEqual(limits.DailyBulkApiBatches, { Max: 15000, Remaining: 14998 });
    assert.deepEqual(limits.DailyBulkV2QueryJobs, { Max: 10000, Remaining: 9999 });
    assert.deepEqual(limits.DailyBulkV2QueryFileStorageMB, { Max: 976562, Remaining: 976561 });
  });

  it('fails a job with ExceededQuota past the daily allocation, leaving the rest unprocessed', async () => {
    await emu.control.setBulkUsage(org.orgId, { batches: 15_000 });
    const job = await b.ingest({ object: 'Account', operation: 'insert' }, 'Name\nOver Quota\n');
    assert.equal(job.state, 'Failed');
    assert.equal(
      job.errorMessage,
      'ExceededQuota : The job or batch you tried to create exceeds the allowed number for the past 24-hour period.',
    );
    assert.equal(await b.results(job.id, 'unprocessedrecords'), 'Name\n"Over Quota"\n');
    await emu.control.setBulkUsage(org.orgId, { batches: 0, records: 149_999_999 });
    assert.equal(
      (await b.ingest({ object: 'Account', operation: 'insert' }, 'Name\nToo Many\nRecords\n')).state,
      'Failed',
    );
    await emu.control.setBulkUsage(org.orgId, { records: 0, queryJobs: 10_000 });
    const q = await b.json('POST', QUERY, { operation: 'query', query: 'SELECT Id FROM Account' });
    assert.deepEqual(
      [q.status, q.body],
      [
        400,
        [
          {
            errorCode: 'LIMIT_EXCEEDED',
            message: 'Max bulk v2 query jobs (10000) per 24 hrs has been reached (10001)',
          },
        ],
      ],
    );
    await emu.control.setBulkUsage(org.orgId, { queryJobs: 0 });
  });
});

describe('Bulk API 2.0 processing', () => {
  it('fails jobs on demand through the control plane (ingest with errorMessage, query without)', async () => {
    await emu.control.failBulkJobs(org.orgId, {
      kind: 'ingest',
      object: 'Account',
      errorMessage: 'InternalServerError : injected',
    });
    const job = await b.ingest({ object: 'Account', operation: 'insert' }, 'Name\nInjected\n');
    assert.deepEqual(
      [job.state, job.errorMessage, job.numberRecordsProcessed],
      ['Failed', 'InternalServerError : injected', 0],
    );
    assert.equal(
      (await b.ingest({ object: 'Account', operation: 'insert' }, 'Name\nNext One Works\n')).state,
      'JobComplete',
    );
    await emu.control.failBulkJobs(org.orgId, { kind: 'query' });
    const q = (await b.json('POST', QUERY, { operation: 'query', query: 'SELECT Id FROM Account' })).body.id;
    const failed = await b.wait('query', q);
    assert.equal(failed.state, 'Failed');
    assert.equal('errorMessage' in failed, false);
  });

  it('shows UploadComplete, then InProgress with growing counts, and stops cleanly when aborted', async () => {
    await emu.control.slowBulkJobs(org.orgId, { ms: 120, kind: 'ingest' });
    const id = (await b.json('POST', INGEST, { object: 'Account', operation: 'insert' })).body.id;
    await b.csv('PUT', `${INGEST}/${id}/batches`, rows(4000, 'Slow'));
    await b.json('PATCH', `${INGEST}/${id}`, { state: 'UploadComplete' });
    assert.equal((await b.json('GET', `${INGEST}/${id}`)).body.state, 'UploadComplete');
    let info: Record<string, any> = {};
    for (let i = 0; i < 100; i++) {
      info = (await b.json('GET', `${INGEST}/${id}`)).body;
      if (info.state === 'InProgress' && info.numberRecordsProcessed > 0) break;
      await sleep(10);
    }
    assert.equal(info.state, 'InProgress');
    assert.ok(
      info.numberRecordsProcessed > 0 && info.numberRecordsProcessed < 4000,
      String(info.numberRecordsProcessed),
    );
    const aborted = await b.json('PATCH', `${INGEST}/${id}`, { state: 'Aborted' });
    assert.equal(aborted.body.state, 'Aborted');
    await sleep(300);
    const final = (await b.json('GET', `${INGEST}/${id}`)).body;
    assert.equal(final.state, 'Aborted');
    const done = (await b.results(id, 'successfulResults')).trim().split('\n').length - 1;
    const left = (await b.results(id, 'unprocessedrecords')).trim().split('\n').length - 1;
    assert.equal(done, final.numberRecordsProcessed);
    assert.equal(done + left, 4000, 'every row is either written or unprocessed');
  });

  it('keeps answering other requests while a large job runs', async () => {
    const id = (await b.json('POST', INGEST, { object: 'Account', operation: 'insert' })).body.id;
    await b.csv('PUT', `${INGEST}/${id}/batches`, rows(15_000, 'Busy'));
    await b.json('PATCH', `${INGEST}/${id}`, { state: 'UploadComplete' });
    await sleep(5);
    const started = performance.now();
    const other = await b.json('GET', `${D}/sobjects/Account/describe`);
    const elapsed = performance.now() - started;
    assert.equal(other.status, 200);
    const state = (await b.json('GET', `${INGEST}/${id}`)).body.state;
    assert.ok(state !== 'JobComplete', `the describe was answered while the job ran (${elapsed.toFixed(0)} ms)`);
    assert.equal((await b.wait('ingest', id)).numberRecordsProcessed, 15_000);
  });

  it('deletes finished jobs after 7 days on the emulator clock', async () => {
    const job = await b.ingest({ object: 'Account', operation: 'insert' }, 'Name\nOld Job\n');
    // Sessions time out meanwhile: log in again after each jump.
    const later = async () =>
      bulk(emu, {
        ...org,
        token: await passwordToken(emu, org.clientId, org.clientSecret, org.username, org.password),
      });
    await emu.control.advanceClock(7 * 24 * 3600 * 1000 - 60_000);
    assert.equal((await (await later()).json('GET', `${INGEST}/${job.id}`)).status, 200);
    await emu.control.advanceClock(120_000);
    const b2 = await later();
    assert.equal((await b2.json('GET', `${INGEST}/${job.id}`)).status, 404);
    assert.ok((await b2.json('GET', INGEST)).body.records.every((j: { id: string }) => j.id !== job.id));
  });
});
