// Relationship by external id in write bodies: {"Account": {"Ext__c": "A-1"}} sets AccountId.
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
  await emu.control.addCustomField(org.orgId, 'Account', {
    name: 'Ext__c',
    type: 'Text',
    length: 40,
    externalId: true,
  });
  await emu.control.addCustomField(org.orgId, 'Contact', {
    name: 'Ext__c',
    type: 'Text',
    length: 40,
    externalId: true,
  });
});
after(() => emu.close());

describe('relationship by external id', () => {
  it('sets the lookup from the parent external id in a collections upsert, per-record error when missing', async () => {
    const acct = await req('POST', 'sobjects/Account', { Name: 'Parent', Ext__c: 'A-1' });
    assert.equal(acct.status, 201);
    const res = await req('PATCH', 'composite/sobjects/Contact/Ext__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Contact' }, Ext__c: 'C-1', LastName: 'One', Account: { Ext__c: 'A-1' } },
        { attributes: { type: 'Contact' }, Ext__c: 'C-2', LastName: 'Two', Account: { Ext__c: 'NOPE' } },
      ],
    });
    assert.equal(res.status, 200);
    assert.equal(res.body[0].success, true);
    assert.equal(res.body[1].success, false);
    assert.equal(res.body[1].errors[0].statusCode, 'INVALID_FIELD');
    assert.match(
      res.body[1].errors[0].message,
      /Foreign key external ID: NOPE not found for field Ext__c in entity Account/,
    );
    const q = await req('GET', `query?q=${encodeURIComponent("SELECT AccountId FROM Contact WHERE Ext__c = 'C-1'")}`);
    assert.equal(q.body.records[0].AccountId, acct.body.id);
  });

  it('refuses a field that is not an external id of the parent (request-level)', async () => {
    const res = await req('PATCH', `sobjects/Contact/Ext__c/C-9`, { LastName: 'Nine', Account: { Name: 'Parent' } });
    assert.equal(res.status, 400);
    assert.equal(res.body[0].errorCode, 'INVALID_FIELD');
  });
});
void D;
