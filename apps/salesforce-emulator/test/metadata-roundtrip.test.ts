// Deploy → use → remove: an object with fields and a permission set is deployed, the user is granted
// access through PermissionSetAssignment (REST, as on Salesforce), records are written and queried
// through each data leg, then a destructive deploy removes it all and it is gone from describe, SOQL
// and writes. Data legs are a list so the Bulk API 2.0 leg can be added next to REST.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { bulk, INGEST, QUERY } from './bulk-helpers.ts';
import { api, emulator, newOrg, type TestOrg } from './helpers.ts';
import { deploy, jsforce, objectXml, packageXml, permissionSetXml } from './metadata-helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
});
after(() => emu.close());

/** A way to write and read records of the deployed object; each leg must see what it wrote. */
export interface DataLeg {
  name: string;
  write(emu: RunningEmulator, org: TestOrg, rows: Array<Record<string, unknown>>): Promise<void>;
}

const restLeg: DataLeg = {
  name: 'REST',
  async write(e, o, rows) {
    const call = api(e, o);
    for (const row of rows) assert.equal((await call('POST', 'sobjects/Shipment__c', row)).status, 201);
  },
};

const bulkLeg: DataLeg = {
  name: 'Bulk',
  async write(e, o, rows) {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const csv = [
      columns.join(','),
      ...rows.map((r) => columns.map((c) => (r[c] === undefined ? '' : String(r[c]))).join(',')),
    ].join('\n');
    const job = await bulk(e, o).ingest({ object: 'Shipment__c', operation: 'insert' }, `${csv}\n`);
    assert.deepEqual([job.state, job.numberRecordsProcessed, job.numberRecordsFailed], ['JobComplete', rows.length, 0]);
    // And read back through a Bulk query job, the permission set's field access applying to it too.
    const b = bulk(e, o);
    const q = await b.json('POST', QUERY, {
      operation: 'query',
      query: "SELECT Name, Carrier__c FROM Shipment__c WHERE Name LIKE 'Bulk-%' ORDER BY Name",
    });
    await b.wait('query', q.body.id);
    const csvOut = (await b.json('GET', `${QUERY}/${q.body.id}/results`)).text;
    assert.equal(csvOut, `"Name","Carrier__c"\n${rows.map((r) => `"${r.Name}","${r.Carrier__c}"`).join('\n')}\n`);
  },
};

export const LEGS: DataLeg[] = [restLeg, bulkLeg];

it('deploys, grants, writes, queries, then removes everything with a destructive deploy', async () => {
  const conn = jsforce(emu, org);
  const call = api(emu, org);
  const deployed = await deploy(
    conn,
    {
      'package.xml': packageXml({ CustomObject: ['Shipment__c'], PermissionSet: ['Shipment_Access'] }),
      'objects/Shipment__c.object': objectXml({
        label: 'Shipment',
        fields: [
          { name: 'Weight__c', type: 'Number' },
          { name: 'Carrier__c', type: 'Text' },
          { name: 'Fragile__c', type: 'Checkbox' },
        ],
      }),
      'permissionsets/Shipment_Access.permissionset': permissionSetXml(
        'Shipment Access',
        ['Shipment__c.Weight__c', 'Shipment__c.Carrier__c', 'Shipment__c.Fragile__c'],
        ['Shipment__c'],
      ),
    },
    { rollbackOnError: true },
  );
  assert.equal(deployed.status, 'Succeeded', JSON.stringify(deployed.details?.componentFailures));
  const ps = await call(
    'GET',
    `query?q=${encodeURIComponent("SELECT Id FROM PermissionSet WHERE Name = 'Shipment_Access'")}`,
  );
  const me = (await call('GET', '/services/oauth2/userinfo')).body.user_id as string;
  assert.equal(
    (await call('POST', 'sobjects/PermissionSetAssignment', { AssigneeId: me, PermissionSetId: ps.body.records[0].Id }))
      .status,
    201,
  );

  for (const [i, leg] of LEGS.entries()) {
    await leg.write(emu, org, [
      { Name: `${leg.name}-1`, Weight__c: 10 + i, Carrier__c: 'DHL', Fragile__c: true },
      { Name: `${leg.name}-2`, Weight__c: 20 + i, Carrier__c: 'UPS' },
    ]);
    const rows = await call(
      'GET',
      `query?q=${encodeURIComponent(`SELECT Name, Weight__c, Fragile__c FROM Shipment__c WHERE Name LIKE '${leg.name}-%' ORDER BY Name`)}`,
    );
    assert.deepEqual(
      rows.body.records.map((r: any) => [r.Name, r.Weight__c, r.Fragile__c]),
      [
        [`${leg.name}-1`, 10 + i, true],
        [`${leg.name}-2`, 20 + i, false],
      ],
      leg.name,
    );
  }

  const stored = await emu.control.readComponent(org.orgId, 'CustomObject', 'Shipment__c');
  assert.deepEqual(
    (stored!.fields as Array<{ fullName: string }>).map((f) => f.fullName),
    ['Weight__c', 'Carrier__c', 'Fragile__c'],
  );
  assert.ok(
    (await emu.control.listComponents(org.orgId, 'PermissionSet')).some((c) => c.fullName === 'Shipment_Access'),
  );
  assert.equal((await emu.control.listDeploys(org.orgId))[0]!.status, 'Succeeded');

  const removed = await deploy(
    conn,
    {
      'package.xml': packageXml({}),
      'destructiveChanges.xml': packageXml({ CustomObject: ['Shipment__c'], PermissionSet: ['Shipment_Access'] }),
    },
    { rollbackOnError: true },
  );
  assert.equal(removed.status, 'Succeeded');
  assert.deepEqual(
    [removed.details!.componentSuccesses]
      .flat()
      .filter((s) => s.deleted)
      .map((s) => s.fullName)
      .sort(),
    ['Shipment_Access', 'Shipment__c'],
  );
  assert.equal((await call('GET', 'sobjects/Shipment__c/describe')).status, 404);
  const query = await call('GET', `query?q=${encodeURIComponent('SELECT Id FROM Shipment__c')}`);
  assert.equal(query.status, 400);
  assert.equal(query.body[0].errorCode, 'INVALID_TYPE');
  assert.equal((await call('POST', 'sobjects/Shipment__c', { Name: 'late' })).status, 404);
  const b = bulk(emu, org);
  assert.equal(
    (await b.json('POST', QUERY, { operation: 'query', query: 'SELECT Id FROM Shipment__c' })).body[0].errorCode,
    'INVALID_TYPE',
  );
  assert.equal(
    (await b.json('POST', INGEST, { object: 'Shipment__c', operation: 'insert' })).body[0].errorCode,
    'INVALIDENTITY',
  );
  const left = await call(
    'GET',
    `query?q=${encodeURIComponent("SELECT Id FROM PermissionSet WHERE Name = 'Shipment_Access'")}`,
  );
  assert.equal(left.body.totalSize, 0);
  assert.equal(
    (
      await call(
        'GET',
        `query?q=${encodeURIComponent(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${me}'`)}`,
      )
    ).body.totalSize,
    0,
  );
});
