// Tooling API: CustomField/CustomObject CRUD with FullName + Metadata (jsforce's conn.tooling), queries
// over the components the Metadata API wrote (EntityDefinition, FieldDefinition, CustomField,
// FlowDefinition/Flow, ValidationRule, MetadataComponentDependency), Salesforce's errors.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Connection } from '@jsforce/jsforce-node';
import type { RunningEmulator } from '../src/index.ts';
import { api, emulator, newOrg, type TestOrg } from './helpers.ts';
import { deploy, jsforce, objectXml, packageXml } from './metadata-helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let conn: Connection;
before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  conn = jsforce(emu, org);
});
after(() => emu.close());

it('creates, retrieves, updates and deletes a CustomField through conn.tooling', async () => {
  const created: any = await conn.tooling.sobject('CustomField').create({
    FullName: 'Account.Region__c',
    Metadata: { label: 'Region', type: 'Text', length: 50, description: 'Sales region' },
  } as any);
  assert.equal(created.success, true);
  assert.match(created.id!, /^00N/);
  const got = (await conn.tooling.sobject('CustomField').retrieve(created.id!)) as any;
  assert.equal(got.FullName, 'Account.Region__c');
  assert.equal(got.DeveloperName, 'Region');
  assert.equal(got.TableEnumOrId, 'Account');
  assert.equal(got.Metadata.length, 50);
  assert.equal(got.Metadata.description, 'Sales region');
  await conn.tooling
    .sobject('CustomField')
    .update({ Id: created.id!, Metadata: { label: 'Region', type: 'Text', length: 90 } } as any);
  const res = await conn.tooling.query<any>(
    `SELECT Id, FullName, Metadata FROM CustomField WHERE Id = '${created.id}'`,
  );
  assert.equal(res.records[0].Metadata.length, 90);
  const dup = api(emu, org)('POST', 'tooling/sobjects/CustomField', {
    FullName: 'Account.Region__c',
    Metadata: { label: 'Region', type: 'Text', length: 5 },
  });
  const d = await dup;
  assert.equal(d.status, 400);
  assert.deepEqual(d.body[0], {
    message: 'duplicate value found: <unknown> duplicates value on record with id: <unknown>',
    errorCode: 'DUPLICATE_VALUE',
    fields: ['fullName'],
  });
  const noObject = await api(emu, org)('POST', 'tooling/sobjects/CustomField', {
    FullName: 'Nope__c.X__c',
    Metadata: { label: 'X', type: 'Text', length: 5 },
  });
  assert.equal(noObject.body[0].message, 'Entity Enumeration Or ID: bad value for restricted picklist field: Nope__c');
  await conn.tooling.sobject('CustomField').destroy(created.id!);
  assert.equal((await conn.tooling.query(`SELECT Id FROM CustomField WHERE Id = '${created.id}'`)).totalSize, 0);
});

it('creates a CustomObject and answers EntityDefinition and FieldDefinition queries', async () => {
  const created: any = await conn.tooling.sobject('CustomObject').create({
    FullName: 'Crate__c',
    Metadata: {
      label: 'Crate',
      pluralLabel: 'Crates',
      nameField: { label: 'Crate Name', type: 'Text' },
      deploymentStatus: 'Deployed',
      sharingModel: 'ReadWrite',
    },
  } as any);
  assert.match(created.id!, /^01I/);
  const entity = await conn.tooling.query<any>(
    "SELECT DurableId, QualifiedApiName, Label FROM EntityDefinition WHERE QualifiedApiName = 'Crate__c'",
  );
  assert.equal(entity.records[0].DurableId, created.id);
  const fields = await conn.tooling.query<any>(
    "SELECT QualifiedApiName, DataType FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'Crate__c' AND " +
      "QualifiedApiName = 'Name'",
  );
  assert.deepEqual(
    fields.records.map((r) => [r.QualifiedApiName, r.DataType]),
    [['Name', 'Text(80)']],
  );
  const many = await api(emu, org)('GET', `tooling/query?q=${encodeURIComponent('SELECT FullName FROM CustomObject')}`);
  assert.equal(many.status, 200, JSON.stringify(many.body));
  await conn.tooling.sobject('CustomField').create({
    FullName: 'Crate__c.Size__c',
    Metadata: { label: 'Size', type: 'Number', precision: 5, scale: 0 },
  } as any);
  const both = await api(emu, org)('GET', `tooling/query?q=${encodeURIComponent('SELECT FullName FROM CustomField')}`);
  assert.equal(both.status, 200);
  await conn.tooling
    .sobject('CustomField')
    .create({ FullName: 'Account.Region2__c', Metadata: { label: 'R', type: 'Text', length: 5 } } as any);
  const tooMany = await api(emu, org)(
    'GET',
    `tooling/query?q=${encodeURIComponent('SELECT Metadata FROM CustomField')}`,
  );
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.body[0].errorCode, 'MALFORMED_QUERY');
  assert.match(
    tooMany.body[0].message,
    /^When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than one row for retrieval\. Result size: 2$/,
  );
});

it('answers flows, validation rules and dependencies of deployed components', async () => {
  const flow =
    '<?xml version="1.0" encoding="UTF-8"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata"><label>Score Accounts</label><processType>AutoLaunchedFlow</processType><status>Active</status><recordUpdates><name>Set</name><object>Account</object><inputAssignments><field>Score__c</field><value><numberValue>1</numberValue></value></inputAssignments></recordUpdates></Flow>';
  const objects = objectXml({
    standard: true,
    fields: [{ name: 'Score__c', type: 'Number' }],
    extra:
      '<validationRules><fullName>Score_Positive</fullName><active>true</active><errorConditionFormula>Score__c &lt; ' +
      '0</errorConditionFormula><errorMessage>Score must be positive</errorMessage></validationRules>',
  });
  const res = await deploy(conn, {
    'package.xml': packageXml({ CustomObject: ['Account'], Flow: ['Score_Accounts'] }),
    'objects/Account.object': objects,
    'flows/Score_Accounts.flow': flow,
  });
  assert.equal(res.status, 'Succeeded', JSON.stringify(res.details?.componentFailures));
  const again = await deploy(conn, {
    'package.xml': packageXml({ Flow: ['Score_Accounts'] }),
    'flows/Score_Accounts.flow': flow,
  });
  assert.equal(again.status, 'Succeeded');
  const versions = await conn.tooling.query<any>(
    'SELECT VersionNumber, Status, Definition.DeveloperName FROM Flow WHERE Definition.DeveloperName = ' +
      "'Score_Accounts' ORDER BY VersionNumber",
  );
  assert.deepEqual(
    versions.records.map((r) => [r.VersionNumber, r.Status]),
    [
      [1, 'Obsolete'],
      [2, 'Active'],
    ],
  );
  const def = await conn.tooling.query<any>(
    "SELECT ActiveVersionId, LatestVersionId FROM FlowDefinition WHERE DeveloperName = 'Score_Accounts'",
  );
  assert.equal(def.records[0].ActiveVersionId, def.records[0].LatestVersionId);
  const rule = await conn.tooling.query<any>(
    "SELECT ValidationName, Active, ErrorMessage FROM ValidationRule WHERE ValidationName = 'Score_Positive'",
  );
  assert.deepEqual(
    [rule.records[0].ValidationName, rule.records[0].Active, rule.records[0].ErrorMessage],
    ['Score_Positive', true, 'Score must be positive'],
  );
  const deps = await conn.tooling.query<any>(
    'SELECT MetadataComponentType, MetadataComponentName, RefMetadataComponentType, RefMetadataComponentName FROM ' +
      "MetadataComponentDependency WHERE RefMetadataComponentName = 'Score'",
  );
  assert.deepEqual(deps.records.map((r) => `${r.MetadataComponentType}:${r.MetadataComponentName}`).sort(), [
    'Flow:Score_Accounts',
    'ValidationRule:Score_Positive',
  ]);
  const blocked = await deploy(conn, {
    'package.xml': packageXml({}),
    'destructiveChanges.xml': packageXml({ CustomField: ['Account.Score__c'] }),
  });
  assert.equal(blocked.status, 'Failed');
  assert.match(
    [blocked.details!.componentFailures].flat()[0]!.problem!,
    /This custom field is referenced elsewhere in salesforce\.com\. : (Validation Rule - Account\.Score_Positive|Flow - Score_Accounts)\./,
  );
  const global = await conn.tooling.describeGlobal();
  assert.ok(global.sobjects.some((s) => s.name === 'MetadataComponentDependency'));
});
