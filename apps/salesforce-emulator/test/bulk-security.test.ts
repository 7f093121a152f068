// Field-level security applies to Bulk API 2.0 as to REST: the job owner's access decides. A column
// the user cannot see fails the whole job ("Field name not found"); a column the user can see but not
// edit fails each row with the REST error; a query naming a hidden field is refused at creation.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { bulk, QUERY } from './bulk-helpers.ts';
import { api, emulator, newOrg, type TestOrg } from './helpers.ts';
import { deploy, jsforce, objectXml, packageXml } from './metadata-helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
});
after(() => emu.close());

const fieldPermission = (field: string, editable: boolean) =>
  `<fieldPermissions><editable>${editable}</editable><field>${field}</field><readable>true</readable></fieldPermissions>`;

it('applies the job owner’s field-level security to columns and rows', async () => {
  const permissionSet =
    `<?xml version="1.0" encoding="UTF-8"?><PermissionSet ` +
    `xmlns="http://soap.sforce.com/2006/04/metadata"><label>Crate Access</label>${fieldPermission('Crate__c.Open__c', true)}${fieldPermission('Crate__c.Locked__c', false)}<objectPermissions><allowCreate>true</allowCreate><allowDelete>true</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>Crate__c</object><viewAllRecords>false</viewAllRecords></objectPermissions></PermissionSet>`;
  const deployed = await deploy(jsforce(emu, org), {
    'package.xml': packageXml({ CustomObject: ['Crate__c'], PermissionSet: ['Crate_Access'] }),
    'objects/Crate__c.object': objectXml({
      label: 'Crate',
      fields: [
        { name: 'Open__c', type: 'Text' },
        { name: 'Locked__c', type: 'Text' },
        { name: 'Hidden__c', type: 'Text' },
      ],
    }),
    'permissionsets/Crate_Access.permissionset': permissionSet,
  });
  assert.equal(deployed.status, 'Succeeded', JSON.stringify(deployed.details?.componentFailures));
  const call = api(emu, org);
  const ps = (
    await call('GET', `query?q=${encodeURIComponent("SELECT Id FROM PermissionSet WHERE Name = 'Crate_Access'")}`)
  ).body.records[0].Id;
  const me = (await call('GET', '/services/oauth2/userinfo')).body.user_id as string;
  assert.equal(
    (await call('POST', 'sobjects/PermissionSetAssignment', { AssigneeId: me, PermissionSetId: ps })).status,
    201,
  );
  const b = bulk(emu, org);

  const rows = await b.ingest({ object: 'Crate__c', operation: 'insert' }, 'Name,Open__c,Locked__c\nC1,a,\nC2,b,c\n');
  assert.deepEqual([rows.state, rows.numberRecordsFailed], ['JobComplete', 1]);
  assert.equal(
    await b.results(rows.id, 'failedResults'),
    '"sf__Id","sf__Error",Name,Open__c,Locked__c\n"","INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create/update ' +
      'fields: Locked__c. Please check the security settings of this field and verify that it is read/write for ' +
      'your profile or permission set.:Locked__c --","C2","b","c"\n',
  );

  const hidden = await b.ingest({ object: 'Crate__c', operation: 'insert' }, 'Name,Hidden__c\nC3,x\n');
  assert.deepEqual([hidden.state, hidden.errorMessage], ['Failed', 'InvalidBatch : Field name not found : Hidden__c']);

  const query = await b.json('POST', QUERY, { operation: 'query', query: 'SELECT Name, Hidden__c FROM Crate__c' });
  assert.deepEqual([query.status, query.body[0].errorCode], [400, 'INVALID_FIELD']);
  const visible = await b.json('POST', QUERY, {
    operation: 'query',
    query: 'SELECT Name, Locked__c FROM Crate__c ORDER BY Name',
  });
  await b.wait('query', visible.body.id);
  assert.equal((await b.json('GET', `${QUERY}/${visible.body.id}/results`)).text, '"Name","Locked__c"\n"C1",""\n');
});
