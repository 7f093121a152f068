// describeGlobal and sObject describe: the real org's 1,254 objects, every key of a complete v62
// describe, and schema changes (custom objects and fields) visible at once with If-Modified-Since kept true.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { FIELD_KEYS } from '../src/schema/field-defaults.ts';
import { api, D, emulator, newOrg, type TestOrg } from './helpers.ts';

const DESCRIBE_KEYS = [
  'actionOverrides',
  'activateable',
  'associateEntityType',
  'associateParentEntity',
  'childRelationships',
  'compactLayoutable',
  'createable',
  'custom',
  'customSetting',
  'deepCloneable',
  'defaultImplementation',
  'deletable',
  'deprecatedAndHidden',
  'extendedBy',
  'extendsInterfaces',
  'feedEnabled',
  'fields',
  'hasSubtypes',
  'implementedBy',
  'implementsInterfaces',
  'isInterface',
  'isSubtype',
  'keyPrefix',
  'label',
  'labelPlural',
  'layoutable',
  'listviewable',
  'lookupLayoutable',
  'mergeable',
  'mruEnabled',
  'name',
  'namedLayoutInfos',
  'networkScopeFieldName',
  'queryable',
  'recordTypeInfos',
  'replicateable',
  'retrieveable',
  'searchLayoutable',
  'searchable',
  'sobjectDescribeOption',
  'supportedScopes',
  'triggerable',
  'undeletable',
  'updateable',
  'urls',
];

let emu: RunningEmulator;
let org: TestOrg;
let req: ReturnType<typeof api>;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  req = api(emu, org);
});
after(() => emu.close());

const httpDate = (ms: number) => new Date(ms).toUTCString();

describe('describeGlobal', () => {
  it('lists all 1,254 objects of the real org with standard key prefixes', async () => {
    const res = await req('GET', 'sobjects');
    assert.equal(res.status, 200);
    assert.equal(res.body.encoding, 'UTF-8');
    assert.equal(res.body.maxBatchSize, 200);
    assert.equal(res.body.sobjects.length, 1254);
    const byName = new Map<string, any>(res.body.sobjects.map((s: any) => [s.name, s]));
    const prefixes: Record<string, string> = {
      Account: '001',
      Contact: '003',
      User: '005',
      Opportunity: '006',
      Organization: '00D',
      Lead: '00Q',
      Case: '500',
      Event: '00U',
      Task: '00T',
    };
    for (const [name, prefix] of Object.entries(prefixes)) assert.equal(byName.get(name)?.keyPrefix, prefix, name);
    const account = byName.get('Account');
    assert.deepEqual(account.urls.describe, `${D}/sobjects/Account/describe`);
    assert.equal(account.urls.rowTemplate, `${D}/sobjects/Account/{ID}`);
    const prefixList = res.body.sobjects.map((s: any) => s.keyPrefix).filter(Boolean);
    assert.equal(new Set(prefixList).size, prefixList.length, 'key prefixes are unique');
  });

  it('answers 304 to If-Modified-Since until the schema changes', async () => {
    const later = httpDate(Date.now() + 5000);
    assert.equal((await req('GET', 'sobjects', undefined, { 'If-Modified-Since': later })).status, 304);
    const before = httpDate(Date.now() - 3_600_000);
    assert.equal((await req('GET', 'sobjects', undefined, { 'If-Modified-Since': before })).status, 200);
  });
});

describe('sObject describe', () => {
  it('carries every key of a complete v62 describe, objects and fields alike', async () => {
    for (const name of [
      'Account',
      'Contact',
      'Opportunity',
      'UserAppInfo',
      'AccountHistory',
      'AccountShare',
      'BatchApexErrorEvent',
    ]) {
      const res = await req('GET', `sobjects/${name}/describe`);
      assert.equal(res.status, 200, name);
      assert.deepEqual(Object.keys(res.body), DESCRIBE_KEYS, name);
      assert.ok(res.body.fields.length > 0, name);
      for (const f of res.body.fields) assert.deepEqual(Object.keys(f), [...FIELD_KEYS], `${name}.${f.name}`);
    }
  });

  it('keeps the real describes of the core objects (picklists, lengths, relationships)', async () => {
    const { body } = await req('GET', 'sobjects/Opportunity/describe');
    const stage = body.fields.find((f: any) => f.name === 'StageName');
    assert.equal(stage.type, 'picklist');
    assert.ok(stage.picklistValues.some((p: any) => p.value === 'Closed Won'));
    assert.equal(stage.nillable, false);
    const acct = (await req('GET', 'sobjects/Account/describe')).body;
    const name = acct.fields.find((f: any) => f.name === 'Name');
    assert.equal(name.length, 255);
    assert.equal(name.byteLength, 765);
    assert.ok(
      acct.childRelationships.some((c: any) => c.relationshipName === 'Contacts' && c.childSObject === 'Contact'),
    );
    assert.deepEqual(
      acct.recordTypeInfos.map((r: any) => r.recordTypeId),
      ['012000000000000AAA'],
    );
    assert.equal(acct.urls.uiDetailTemplate, `${emu.url}/{ID}`);
  });

  it('completes trimmed describes with type-correct values', async () => {
    const { body } = await req('GET', 'sobjects/UserAppInfo/describe');
    const id = body.fields.find((f: any) => f.name === 'Id');
    assert.equal(id.soapType, 'tns:ID');
    assert.equal(id.length, 18);
    assert.equal(id.createable, false);
    const created = body.fields.find((f: any) => f.name === 'CreatedDate');
    assert.equal(created.soapType, 'xsd:dateTime');
    assert.equal(created.updateable, false);
  });

  it('is 404 NOT_FOUND for an unknown object', async () => {
    const res = await req('GET', 'sobjects/Nope__c/describe');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });
});

describe('schema changes', () => {
  it('shows a new custom object and field at once in describeGlobal, describe, SOQL and writes', async () => {
    const before = Date.now();
    await new Promise((r) => setTimeout(r, 1100)); // If-Modified-Since has whole seconds
    const since = httpDate(Date.now());
    assert.equal(
      (await req('GET', 'sobjects/Account/describe', undefined, { 'If-Modified-Since': since })).status,
      304,
    );
    await emu.control.addCustomObject(org.orgId, { name: 'Invoice__c', label: 'Invoice', labelPlural: 'Invoices' });
    await emu.control.addCustomField(org.orgId, 'Invoice__c', {
      name: 'Total__c',
      type: 'Currency',
      precision: 16,
      scale: 2,
    });
    await emu.control.addCustomField(org.orgId, 'Invoice__c', {
      name: 'Account__c',
      type: 'Lookup',
      referenceTo: 'Account',
      relationshipName: 'Invoices',
    });
    assert.equal((await req('GET', 'sobjects', undefined, { 'If-Modified-Since': since })).status, 200);
    const global = await req('GET', 'sobjects');
    const entry = global.body.sobjects.find((s: any) => s.name === 'Invoice__c');
    assert.equal(entry.custom, true);
    assert.match(entry.keyPrefix, /^a0/);
    const described = await req('GET', 'sobjects/Invoice__c/describe');
    const total = described.body.fields.find((f: any) => f.name === 'Total__c');
    assert.deepEqual([total.type, total.precision, total.scale, total.custom], ['currency', 16, 2, true]);
    // The lookup adds a child relationship to Account, so Account's describe changed too.
    const acct = await req('GET', 'sobjects/Account/describe', undefined, { 'If-Modified-Since': since });
    assert.equal(acct.status, 200);
    assert.ok(acct.body.childRelationships.some((c: any) => c.relationshipName === 'Invoices__r'));
    const { body: a } = await req('POST', 'sobjects/Account', { Name: 'Billed' });
    const created = await req('POST', 'sobjects/Invoice__c', { Name: 'INV-1', Total__c: 12.345, Account__c: a.id });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const q = await req(
      'GET',
      `query?q=${encodeURIComponent(`SELECT Name, (SELECT Name, Total__c FROM Invoices__r) FROM Account WHERE Id = '${a.id}'`)}`,
    );
    assert.equal(q.status, 200, JSON.stringify(q.body));
    assert.equal(q.body.records[0].Invoices__r.records[0].Name, 'INV-1');
    assert.equal(q.body.records[0].Invoices__r.records[0].Total__c, 12.35, 'currency is rounded half-up to its scale');
    assert.ok(before > 0);
  });

  it('makes a removed field vanish from describe, SOQL and writes', async () => {
    await emu.control.addCustomField(org.orgId, 'Contact', {
      name: 'Shoe_Size__c',
      type: 'Number',
      precision: 4,
      scale: 1,
    });
    const { body: c } = await req('POST', 'sobjects/Contact', { LastName: 'Feet', Shoe_Size__c: 42.5 });
    assert.ok(c.id);
    await emu.control.removeCustomField(org.orgId, 'Contact', 'Shoe_Size__c');
    const described = await req('GET', 'sobjects/Contact/describe');
    assert.equal(
      described.body.fields.some((f: any) => f.name === 'Shoe_Size__c'),
      false,
    );
    const q = await req('GET', `query?q=${encodeURIComponent('SELECT Shoe_Size__c FROM Contact')}`);
    assert.equal(q.status, 400);
    assert.equal(q.body[0].errorCode, 'INVALID_FIELD');
    const write = await req('PATCH', `sobjects/Contact/${c.id}`, { Shoe_Size__c: 40 });
    assert.equal(write.body[0].errorCode, 'INVALID_FIELD');
    const read = await req('GET', `sobjects/Contact/${c.id}`);
    assert.equal('Shoe_Size__c' in read.body, false);
  });

  it("keeps one org's customisations out of another org's schema", async () => {
    const other = await newOrg(emu);
    const otherReq = api(emu, other);
    const names = (await otherReq('GET', 'sobjects')).body.sobjects.map((s: any) => s.name);
    assert.equal(names.includes('Invoice__c'), false);
    assert.equal(names.length, 1254);
    assert.equal((await otherReq('GET', 'sobjects/Invoice__c/describe')).status, 404);
    const acct = (await otherReq('GET', 'sobjects/Account/describe')).body;
    assert.equal(
      acct.childRelationships.some((c: any) => c.relationshipName === 'Invoices__r'),
      false,
    );
  });

  it('enforces restricted picklists, uniqueness and required custom fields', async () => {
    await emu.control.addCustomField(org.orgId, 'Lead', {
      name: 'Tier__c',
      type: 'Picklist',
      picklistValues: ['Gold', 'Silver'],
      restricted: true,
    });
    await emu.control.addCustomField(org.orgId, 'Lead', {
      name: 'Code__c',
      type: 'Text',
      length: 10,
      unique: true,
      externalId: true,
    });
    const bad = await req('POST', 'sobjects/Lead', { LastName: 'L', Company: 'C', Tier__c: 'Bronze' });
    assert.deepEqual(bad.body, [
      {
        message: 'Tier: bad value for restricted picklist field: Bronze',
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        fields: ['Tier__c'],
      },
    ]);
    const first = await req('POST', 'sobjects/Lead', { LastName: 'L', Company: 'C', Code__c: 'abc' });
    assert.equal(first.status, 201);
    const dup = await req('POST', 'sobjects/Lead', { LastName: 'L2', Company: 'C', Code__c: 'ABC' });
    assert.equal(dup.body[0].errorCode, 'DUPLICATE_VALUE');
    assert.equal(
      dup.body[0].message,
      `duplicate value found: Code__c duplicates value on record with id: ${first.body.id.slice(0, 15)}`,
    );
  });
});
