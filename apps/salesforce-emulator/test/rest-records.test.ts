// sObject rows over HTTP: statuses, headers and bodies as Salesforce documents them.
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

describe('create', () => {
  it('answers 201 with {id, success, errors} and a Location header', async () => {
    const res = await req('POST', 'sobjects/Account', { Name: 'Sample Account' });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body), ['id', 'success', 'errors']);
    assert.match(res.body.id, /^001[A-Za-z0-9]{15}$/);
    assert.equal(res.body.success, true);
    assert.deepEqual(res.body.errors, []);
    assert.equal(res.headers.get('location'), `${D}/sobjects/Account/${res.body.id}`);
    assert.match(res.headers.get('sforce-limit-info') ?? '', /^api-usage=\d+\/15000$/);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json;charset=UTF-8$/);
  });

  it('accepts field names in any case and numeric strings for numbers', async () => {
    const res = await req('POST', 'sobjects/Account', { name: 'Lower Case', numberOfEmployees: '100' });
    assert.equal(res.status, 201);
    const got = await req('GET', `sobjects/Account/${res.body.id}?fields=Name,NumberOfEmployees`);
    assert.equal(got.body.Name, 'Lower Case');
    assert.equal(got.body.NumberOfEmployees, 100);
  });

  it('reports a missing required field', async () => {
    const res = await req('POST', 'sobjects/Contact', { FirstName: 'No Last Name' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, [
      { message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] },
    ]);
  });

  it('reports an unknown field as INVALID_FIELD', async () => {
    const res = await req('POST', 'sobjects/Account', { Name: 'x', FavoritePet__c: 'cat' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, [
      { message: "No such column 'FavoritePet__c' on sobject of type Account", errorCode: 'INVALID_FIELD' },
    ]);
  });

  it('refuses system fields with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const res = await req('POST', 'sobjects/Account', { Name: 'x', CreatedDate: '2020-01-01T00:00:00.000+0000' });
    assert.equal(res.status, 400);
    assert.equal(res.body[0].errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    assert.match(
      res.body[0].message,
      /^Unable to create\/update fields: CreatedDate\. Please check the security settings/,
    );
    assert.deepEqual(res.body[0].fields, ['CreatedDate']);
  });

  it('reports values that are too long, badly typed or not e-mail addresses', async () => {
    const long = await req('POST', 'sobjects/Account', { Name: 'x'.repeat(256) });
    assert.equal(long.body[0].errorCode, 'STRING_TOO_LONG');
    assert.equal(long.body[0].message, `Account Name: data value too large: ${'x'.repeat(256)} (max length=255)`);
    const typed = await req('POST', 'sobjects/Account', { Name: 'x', NumberOfEmployees: 'forty' });
    assert.equal(typed.body[0].errorCode, 'JSON_PARSER_ERROR');
    assert.match(
      typed.body[0].message,
      /^Cannot deserialize instance of int from VALUE_STRING value forty or request may be missing a required field at \[line:1, column:\d+\]$/,
    );
    const email = await req('POST', 'sobjects/Contact', { LastName: 'x', Email: 'not an email' });
    assert.deepEqual(email.body, [
      { message: 'Email: invalid email address: not an email', errorCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] },
    ]);
  });

  it('checks lookups: malformed, wrong object, missing', async () => {
    const acct = await req('POST', 'sobjects/Account', { Name: 'Parent' });
    const contact = await req('POST', 'sobjects/Contact', { LastName: 'Kid', AccountId: acct.body.id });
    assert.equal(contact.status, 201);
    const malformed = await req('POST', 'sobjects/Contact', { LastName: 'x', AccountId: 'abc' });
    assert.deepEqual(malformed.body, [
      { message: 'Account ID: id value of incorrect type: abc', errorCode: 'MALFORMED_ID', fields: ['AccountId'] },
    ]);
    const wrongType = await req('POST', 'sobjects/Contact', { LastName: 'x', AccountId: contact.body.id });
    assert.equal(wrongType.body[0].errorCode, 'FIELD_INTEGRITY_EXCEPTION');
  });

  it('answers 404 NOT_FOUND for an unknown object', async () => {
    const res = await req('POST', 'sobjects/NoSuchThing__c', { Name: 'x' });
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });
});

describe('retrieve, update, delete', () => {
  it('retrieves every field, or those asked for, with attributes first', async () => {
    const { body: created } = await req('POST', 'sobjects/Account', {
      Name: 'Retrieve Me',
      Industry: 'Banking',
      BillingCity: 'Paris',
    });
    const all = await req('GET', `sobjects/Account/${created.id}`);
    assert.equal(all.status, 200);
    assert.equal(Object.keys(all.body)[0], 'attributes');
    assert.deepEqual(all.body.attributes, { type: 'Account', url: `${D}/sobjects/Account/${created.id}` });
    assert.equal(all.body.Industry, 'Banking');
    assert.equal(all.body.Phone, null);
    assert.equal(all.body.IsDeleted, false);
    assert.equal(all.body.BillingAddress.city, 'Paris');
    assert.match(all.body.CreatedDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    const some = await req('GET', `sobjects/Account/${created.id.slice(0, 15)}?fields=Name,Industry`);
    assert.deepEqual(Object.keys(some.body), ['attributes', 'Name', 'Industry', 'Id']);
  });

  it('updates with 204 and moves LastModifiedDate', async () => {
    const { body: created } = await req('POST', 'sobjects/Account', { Name: 'Before' });
    const res = await req('PATCH', `sobjects/Account/${created.id}`, { Name: 'After' });
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    const got = await req('GET', `sobjects/Account/${created.id}?fields=Name`);
    assert.equal(got.body.Name, 'After');
  });

  it('distinguishes malformed, missing and deleted records', async () => {
    const { body: created } = await req('POST', 'sobjects/Account', { Name: 'Doomed' });
    assert.equal((await req('DELETE', `sobjects/Account/${created.id}`)).status, 204);
    const deleted = await req('GET', `sobjects/Account/${created.id}`);
    assert.equal(deleted.status, 404);
    assert.deepEqual(deleted.body, [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED' }]);
    const again = await req('DELETE', `sobjects/Account/${created.id}`);
    assert.equal(again.body[0].errorCode, 'ENTITY_IS_DELETED');
    const bogus = await req('GET', 'sobjects/Account/-1');
    assert.equal(bogus.status, 404);
    assert.deepEqual(bogus.body, [
      { message: 'Provided external ID field does not exist or is not accessible: -1', errorCode: 'NOT_FOUND' },
    ]);
    const malformed = await req('PATCH', 'sobjects/Account/001900K0001pPuOAAU', { Name: 'x' });
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.body, [
      {
        message: 'Account ID: id value of incorrect type: 001900K0001pPuOAAU',
        errorCode: 'MALFORMED_ID',
        fields: ['Id'],
      },
    ]);
  });

  it('cascades deletes to contacts and refuses to delete an account with cases', async () => {
    const { body: acct } = await req('POST', 'sobjects/Account', { Name: 'Family' });
    const { body: kid } = await req('POST', 'sobjects/Contact', { LastName: 'Kid', AccountId: acct.id });
    assert.equal((await req('DELETE', `sobjects/Account/${acct.id}`)).status, 204);
    assert.equal((await req('GET', `sobjects/Contact/${kid.id}`)).body[0].errorCode, 'ENTITY_IS_DELETED');
    const { body: acct2 } = await req('POST', 'sobjects/Account', { Name: 'Has Cases' });
    await req('POST', 'sobjects/Case', { Subject: 'Help', AccountId: acct2.id });
    const blocked = await req('DELETE', `sobjects/Account/${acct2.id}`);
    assert.equal(blocked.status, 400);
    assert.equal(blocked.body[0].errorCode, 'DELETE_FAILED');
    assert.equal((await req('GET', `sobjects/Account/${acct2.id}?fields=Name`)).status, 200);
  });
});

describe('basic information and HEAD', () => {
  it('returns the object description and recent items', async () => {
    const { body: created } = await req('POST', 'sobjects/Account', { Name: 'Most Recent' });
    const res = await req('GET', 'sobjects/Account');
    assert.equal(res.status, 200);
    assert.equal(res.body.objectDescribe.name, 'Account');
    assert.equal(res.body.objectDescribe.keyPrefix, '001');
    assert.ok(res.body.recentItems.some((r: any) => r.Id === created.id && r.Name === 'Most Recent'));
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await req('HEAD', 'sobjects/Account/describe');
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    assert.match(res.headers.get('sforce-limit-info') ?? '', /^api-usage=/);
  });
});

describe('upsert by external id', () => {
  before(async () => {
    await emu.control.addCustomField(org.orgId, 'Account', {
      name: 'ExtId__c',
      type: 'Text',
      length: 40,
      externalId: true,
    });
  });

  it('creates with 201 then updates with 200, reporting created', async () => {
    const first = await req('PATCH', 'sobjects/Account/ExtId__c/E-1', { Name: 'Upserted' });
    assert.equal(first.status, 201);
    assert.deepEqual(first.body, { id: first.body.id, success: true, errors: [], created: true });
    const second = await req('PATCH', 'sobjects/Account/ExtId__c/E-1', { Name: 'Upserted again' });
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, { id: first.body.id, success: true, errors: [], created: false });
    const byExt = await req('GET', 'sobjects/Account/ExtId__c/E-1?fields=Name');
    assert.equal(byExt.body.Name, 'Upserted again');
  });

  it('answers 300 with the matching records when the external id is not unique', async () => {
    await req('POST', 'sobjects/Account', { Name: 'Twin A', ExtId__c: 'TWIN' });
    await req('POST', 'sobjects/Account', { Name: 'Twin B', ExtId__c: 'TWIN' });
    const res = await req('PATCH', 'sobjects/Account/ExtId__c/TWIN', { Name: 'Which?' });
    assert.equal(res.status, 300);
    assert.equal(res.body.length, 2);
    for (const url of res.body) assert.match(url, new RegExp(`^${D}/sobjects/Account/001`));
  });

  it('answers 404 for a field that is not an external id, and with updateOnly', async () => {
    const res = await req('PATCH', 'sobjects/Account/Name/Whatever', { Name: 'x' });
    assert.equal(res.status, 404);
    assert.equal(res.body[0].errorCode, 'NOT_FOUND');
    const updateOnly = await req('PATCH', 'sobjects/Account/ExtId__c/NEW-ONE?updateOnly=true', { Name: 'x' });
    assert.equal(updateOnly.status, 404);
  });

  it('creates through POST …/Id with a null Id (API 37.0+)', async () => {
    const res = await req('POST', 'sobjects/Account/Id', { Name: 'Via Id' });
    assert.equal(res.status, 201);
    assert.equal(res.body.created, true);
  });
});
