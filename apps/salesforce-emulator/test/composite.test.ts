// Composite, composite batch, sObject Collections and sObject Tree over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { api, D, emulator, newOrg, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let req: ReturnType<typeof api>;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  req = api(emu, org);
});
after(() => emu.close());

async function usage(): Promise<number> {
  return (await emu.control.getApiUsage(org.orgId)).used;
}

describe('composite', () => {
  it('serves a topology pull: 25 describes per call, 304 when unchanged, one API call each', async () => {
    const names: string[] = (await req('GET', 'sobjects')).body.sobjects.map((s: any) => s.name);
    const batch = names.slice(0, 25);
    const describeAll = (headers?: Record<string, string>) =>
      req('POST', 'composite', {
        compositeRequest: batch.map((n, i) => ({
          method: 'GET',
          url: `${D}/sobjects/${n}/describe`,
          referenceId: `d${i}`,
          ...(headers ? { httpHeaders: headers } : {}),
        })),
      });
    const used = await usage();
    const full = await describeAll();
    assert.equal(full.status, 200);
    assert.equal(await usage(), used + 1, 'a composite request counts once');
    assert.equal(full.body.compositeResponse.length, 25);
    for (const [i, r] of full.body.compositeResponse.entries()) {
      assert.equal(r.httpStatusCode, 200);
      assert.equal(r.referenceId, `d${i}`);
      assert.equal(r.body.name, batch[i]);
      assert.deepEqual(Object.keys(r), ['body', 'httpHeaders', 'httpStatusCode', 'referenceId']);
    }
    const since = new Date(Date.now() + 2000).toUTCString();
    const cached = await describeAll({ 'If-Modified-Since': since });
    for (const r of cached.body.compositeResponse) {
      assert.equal(r.httpStatusCode, 304);
      assert.equal(r.body, null);
    }
  });

  it('passes results on with @{ref.field} and reports Location', async () => {
    const res = await req('POST', 'composite', {
      compositeRequest: [
        { method: 'POST', url: `${D}/sobjects/Account`, referenceId: 'refAccount', body: { Name: 'Sample Account' } },
        {
          method: 'POST',
          url: `${D}/sobjects/Contact`,
          referenceId: 'refContact',
          body: { LastName: 'Sample Contact', AccountId: '@{refAccount.id}' },
        },
        { method: 'GET', url: `${D}/sobjects/Contact/@{refContact.id}?fields=AccountId`, referenceId: 'readBack' },
      ],
    });
    const [a, c, r] = res.body.compositeResponse;
    assert.equal(a.httpStatusCode, 201);
    assert.equal(a.httpHeaders.Location, `${D}/sobjects/Account/${a.body.id}`);
    assert.equal(c.httpStatusCode, 201);
    assert.equal(r.body.AccountId, a.body.id);
  });

  it('rolls everything back with allOrNone and marks the others PROCESSING_HALTED', async () => {
    const res = await req('POST', 'composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${D}/sobjects/Account`, referenceId: 'good', body: { Name: 'Rolled Back Co' } },
        {
          method: 'POST',
          url: `${D}/sobjects/Contact`,
          referenceId: 'badContact',
          body: { LastName: 'x', Email: 'Not a real email address' },
        },
      ],
    });
    const [good, bad] = res.body.compositeResponse;
    assert.equal(bad.httpStatusCode, 400);
    assert.deepEqual(bad.body, [
      {
        message: 'Email: invalid email address: Not a real email address',
        errorCode: 'INVALID_EMAIL_ADDRESS',
        fields: ['Email'],
      },
    ]);
    assert.equal(good.httpStatusCode, 400);
    assert.deepEqual(good.body, [
      {
        errorCode: 'PROCESSING_HALTED',
        message: 'The transaction was rolled back since another operation in the same transaction failed.',
      },
    ]);
    const q = await req('GET', `query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Rolled Back Co'")}`);
    assert.equal(q.body.totalSize, 0);
  });

  it('fails only dependants of a failed subrequest without allOrNone', async () => {
    const res = await req('POST', 'composite', {
      compositeRequest: [
        { method: 'POST', url: `${D}/sobjects/Account`, referenceId: 'noName', body: {} },
        {
          method: 'POST',
          url: `${D}/sobjects/Contact`,
          referenceId: 'dependant',
          body: { LastName: 'x', AccountId: '@{noName.id}' },
        },
        { method: 'POST', url: `${D}/sobjects/Account`, referenceId: 'independent', body: { Name: 'Kept' } },
      ],
    });
    const [first, dependant, independent] = res.body.compositeResponse;
    assert.equal(first.body[0].errorCode, 'REQUIRED_FIELD_MISSING');
    assert.equal(dependant.body[0].errorCode, 'PROCESSING_HALTED');
    assert.match(dependant.body[0].message, /^Invalid reference specified\. No value for noName\.id found in noName\./);
    assert.equal(independent.httpStatusCode, 201);
  });

  it('rejects more than 25 subrequests and forbidden subrequest headers', async () => {
    const many = await req('POST', 'composite', {
      compositeRequest: Array.from({ length: 26 }, (_, i) => ({
        method: 'GET',
        url: `${D}/sobjects/Account/describe`,
        referenceId: `r${i}`,
      })),
    });
    assert.equal(many.status, 400);
    const header = await req('POST', 'composite', {
      compositeRequest: [
        {
          method: 'GET',
          url: `${D}/sobjects/Account/describe`,
          referenceId: 'x',
          httpHeaders: { Authorization: 'Bearer nope' },
        },
      ],
    });
    assert.equal(header.status, 400);
  });
});

describe('composite batch', () => {
  it('runs independent subrequests, counts each, and halts on error when asked', async () => {
    const used = await usage();
    const res = await req('POST', 'composite/batch', {
      haltOnError: true,
      batchRequests: [
        { method: 'POST', url: `v${'62.0'}/sobjects/Account`, richInput: { Name: 'Batch One' } },
        { method: 'PATCH', url: 'v62.0/sobjects/Account/001xx000003DGb2AAG', richInput: { Name: 'missing' } },
        { method: 'GET', url: 'v62.0/limits' },
      ],
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.hasErrors, true);
    assert.deepEqual(
      res.body.results.map((r: any) => r.statusCode),
      [201, 404, 412],
    );
    assert.equal(res.body.results[2].result[0].errorCode, 'BATCH_PROCESSING_HALTED');
    assert.equal(await usage(), used + 3, 'each batch subrequest counts');
  });
});

describe('sObject Collections', () => {
  it('creates, retrieves, updates and deletes up to 200 records with per-record results', async () => {
    const created = await req('POST', 'composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, Name: 'Coll A' },
        { attributes: { type: 'Contact' }, LastName: 'Coll C' },
        { attributes: { type: 'Contact' } },
      ],
    });
    assert.equal(created.status, 200);
    const [a, c, bad] = created.body;
    assert.deepEqual(Object.keys(a), ['id', 'success', 'errors']);
    assert.equal(c.success, true);
    assert.deepEqual(bad, {
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [LastName]',
          fields: ['LastName'],
        },
      ],
    });
    const got = await req('GET', `composite/sobjects/Account?ids=${a.id},001xx000003DGb2AAG&fields=Name`);
    assert.equal(got.body[0].Name, 'Coll A');
    assert.equal(got.body[1], null);
    const updated = await req('PATCH', 'composite/sobjects', {
      records: [{ attributes: { type: 'Account' }, id: a.id, Name: 'Coll A2' }],
    });
    assert.deepEqual(updated.body, [{ id: a.id, success: true, errors: [] }]);
    const deleted = await req('DELETE', `composite/sobjects?ids=${a.id},001RM000003oLrB000`);
    assert.deepEqual(deleted.body[0], { id: a.id, success: true, errors: [] });
    assert.deepEqual(deleted.body[1], {
      success: false,
      errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id 001RM000003oLrB000', fields: [] }],
    });
  });

  it('rolls back all with allOrNone and marks the rest ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const res = await req('POST', 'composite/sobjects', {
      allOrNone: true,
      records: [{ attributes: { type: 'Account' }, Name: 'Never Saved' }, { attributes: { type: 'Account' } }],
    });
    assert.deepEqual(res.body[0], {
      success: false,
      errors: [
        {
          statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
          fields: [],
        },
      ],
    });
    const q = await req('GET', `query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Never Saved'")}`);
    assert.equal(q.body.totalSize, 0);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const res = await req('POST', 'composite/sobjects', {
      records: Array.from({ length: 201 }, () => ({ attributes: { type: 'Account' }, Name: 'x' })),
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, [
      {
        message: 'record limit reached. cannot submit more than 200 records into this call',
        errorCode: 'EXCEEDED_ID_LIMIT',
      },
    ]);
  });

  it('upserts by external id, reporting created per record in order', async () => {
    await emu.control.addCustomField(org.orgId, 'Account', {
      name: 'Ext__c',
      type: 'Text',
      length: 20,
      externalId: true,
      unique: true,
    });
    await req('POST', 'sobjects/Account', { Name: 'Existing', Ext__c: 'X1' });
    const res = await req('PATCH', 'composite/sobjects/Account/Ext__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, Name: 'Updated', Ext__c: 'X1' },
        { attributes: { type: 'Account' }, Name: 'New', Ext__c: 'X2' },
      ],
    });
    assert.deepEqual(
      res.body.map((r: any) => [r.success, r.created]),
      [
        [true, false],
        [true, true],
      ],
    );
  });
});

describe('sObject Tree', () => {
  it('creates nested records and answers 201 with reference ids in breadth-first order', async () => {
    const res = await req('POST', 'composite/tree/Account', {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'ref1' },
          name: 'SampleAccount1',
          numberOfEmployees: '100',
          industry: 'Banking',
          Contacts: {
            records: [
              {
                attributes: { type: 'Contact', referenceId: 'ref2' },
                lastname: 'Smith',
                email: 'sample@salesforce.com',
              },
            ],
          },
        },
        { attributes: { type: 'Account', referenceId: 'ref3' }, name: 'SampleAccount2' },
      ],
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.hasErrors, false);
    assert.deepEqual(
      res.body.results.map((r: any) => r.referenceId),
      ['ref1', 'ref3', 'ref2'],
    );
    const contact = await req('GET', `sobjects/Contact/${res.body.results[2].id}?fields=AccountId`);
    assert.equal(contact.body.AccountId, res.body.results[0].id);
  });

  it('creates nothing when one record fails', async () => {
    const res = await req('POST', 'composite/tree/Account', {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'okRef' },
          Name: 'Tree Fail',
          Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'badRef' }, Email: '123' }] },
        },
      ],
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.hasErrors, true);
    assert.equal(res.body.results[0].referenceId, 'badRef');
    const q = await req('GET', `query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Tree Fail'")}`);
    assert.equal(q.body.totalSize, 0);
  });
});
