import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { api, D, emulator, newOrg, type TestOrg } from './helpers.ts';
import { deploy, jsforce, objectXml, packageXml } from './metadata-helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
});
after(() => emu.close());

const recordType = (name: string, label: string, active = true) =>
  `<recordTypes><fullName>${name}</fullName><active>${active}</active><label>${label}</label></recordTypes>`;

test("deployed record types appear in describe's recordTypeInfos, and deactivation shows there", async () => {
  const conn = jsforce(emu, org);
  const res = await deploy(conn, {
    'package.xml': packageXml({ CustomObject: ['Ticket__c'], RecordType: ['Ticket__c.Bug', 'Ticket__c.Feature'] }),
    'objects/Ticket__c.object': objectXml({
      label: 'Ticket',
      extra: recordType('Bug', 'Bug') + recordType('Feature', 'Feature Request'),
    }),
  });
  assert.equal(res.status, 'Succeeded', JSON.stringify(res.details));
  const rest = api(emu, org);
  const d = await rest('GET', `${D}/sobjects/Ticket__c/describe`);
  const infos = d.body.recordTypeInfos as Array<{
    developerName: string;
    master: boolean;
    name: string;
    recordTypeId: string;
    active: boolean;
  }>;
  assert.deepEqual(
    infos.map((i) => i.developerName),
    ['Master', 'Bug', 'Feature'],
  );
  assert.equal(infos[0]!.master, true);
  const bug = infos.find((i) => i.developerName === 'Bug')!;
  assert.match(bug.recordTypeId, /^012[A-Za-z0-9]{15}$/);
  const q = await rest(
    'GET',
    `${D}/query?q=${encodeURIComponent("SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Ticket__c' ORDER BY DeveloperName")}`,
  );
  assert.deepEqual(
    q.body.records.map((r: { DeveloperName: string }) => r.DeveloperName),
    ['Bug', 'Feature'],
  );
  assert.equal(q.body.records[0].Id, bug.recordTypeId);

  // As in Salesforce, a record type cannot be deleted through the API, only deactivated.
  const removed = await deploy(conn, {
    'package.xml': packageXml({}),
    'destructiveChanges.xml': packageXml({ RecordType: ['Ticket__c.Feature'] }),
  });
  assert.equal(removed.status, 'Failed');
  const deactivated = await deploy(conn, {
    'package.xml': packageXml({ RecordType: ['Ticket__c.Feature'] }),
    'objects/Ticket__c.object': `<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">${recordType('Feature', 'Feature Request', false)}</CustomObject>`,
  });
  assert.equal(deactivated.status, 'Succeeded', JSON.stringify(deactivated.details));
  const later = await rest('GET', `${D}/sobjects/Ticket__c/describe`);
  const feature = later.body.recordTypeInfos.find((i: { developerName: string }) => i.developerName === 'Feature');
  assert.deepEqual([feature.active, feature.available], [false, false]);
});
