// Conformance of the Metadata API through an unmodified client (jsforce): deploy with details, status
// over SOAP and REST, CRUD calls, list/describe/retrieve, destructive changes, validation + quick
// deploy, all-or-nothing vs partial success, and field-level security granted by a permission set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import type { Connection } from '@jsforce/jsforce-node';
import type { RunningEmulator } from '../src/index.ts';
import { api, emulator, newOrg, type TestOrg } from './helpers.ts';
import { deploy, fieldXml, jsforce, objectXml, packageXml, permissionSetXml, zip } from './metadata-helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let conn: Connection;
let call: ReturnType<typeof api>;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  conn = jsforce(emu, org);
  call = api(emu, org);
});
after(() => emu.close());

const q = (soql: string) => call('GET', `query?q=${encodeURIComponent(soql)}`);
const fieldNames = async (object: string) =>
  ((await call('GET', `sobjects/${object}/describe`)).body.fields as Array<{ name: string }>).map((f) => f.name);

describe('deploy', () => {
  it('deploys an object with fields and a permission set, reporting each component', async () => {
    const res = await deploy(conn, {
      'package.xml': packageXml({ CustomObject: ['Invoice__c'], PermissionSet: ['Invoice_Access'] }),
      'objects/Invoice__c.object': objectXml({
        label: 'Invoice',
        fields: [
          { name: 'Amount__c', type: 'Currency' },
          { name: 'Code__c', type: 'Text' },
        ],
      }),
      'permissionsets/Invoice_Access.permissionset': permissionSetXml(
        'Invoice Access',
        ['Invoice__c.Amount__c', 'Invoice__c.Code__c'],
        ['Invoice__c'],
      ),
    });
    assert.equal(res.status, 'Succeeded');
    assert.equal(res.success, true);
    assert.equal(res.done, true);
    assert.equal(res.numberComponentsDeployed, 4);
    assert.equal(res.numberComponentErrors, 0);
    const successes = [res.details!.componentSuccesses].flat();
    assert.deepEqual(successes.map((s) => `${s.componentType}:${s.fullName}`).sort(), [
      ':package.xml',
      'CustomField:Invoice__c.Amount__c',
      'CustomField:Invoice__c.Code__c',
      'CustomObject:Invoice__c',
      'PermissionSet:Invoice_Access',
    ]);
    const created = successes.find((s) => s.fullName === 'Invoice__c')!;
    assert.equal(created.created, true);
    assert.equal(created.fileName, 'objects/Invoice__c.object');
    assert.match(created.id!, /^01I/);
  });

  it('hides a deployed field until a permission set is assigned, then allows reads and writes', async () => {
    assert.ok(!(await fieldNames('Invoice__c')).includes('Amount__c'));
    const denied = await call('POST', 'sobjects/Invoice__c', { Name: 'INV-0', Amount__c: 1 });
    assert.equal(denied.status, 400);
    assert.equal(denied.body[0].errorCode, 'INVALID_FIELD');
    const ps = await q("SELECT Id, Name, Label FROM PermissionSet WHERE Name = 'Invoice_Access'");
    assert.equal(ps.body.records[0].Label, 'Invoice Access');
    const me = (await call('GET', '/services/oauth2/userinfo')).body.user_id as string;
    const assigned = await call('POST', 'sobjects/PermissionSetAssignment', {
      AssigneeId: me,
      PermissionSetId: ps.body.records[0].Id,
    });
    assert.equal(assigned.status, 201);
    assert.ok((await fieldNames('Invoice__c')).includes('Amount__c'));
    const ok = await call('POST', 'sobjects/Invoice__c', { Name: 'INV-1', Amount__c: 12.5, Code__c: 'A' });
    assert.equal(ok.status, 201);
    const rows = await q('SELECT Name, Amount__c FROM Invoice__c');
    assert.deepEqual(
      rows.body.records.map((r: any) => [r.Name, r.Amount__c]),
      [['INV-1', 12.5]],
    );
    const fp = await q(
      "SELECT Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE SobjectType = 'Invoice__c' ORDER " +
        'BY Field',
    );
    assert.deepEqual(
      fp.body.records.map((r: any) => r.Field),
      ['Invoice__c.Amount__c', 'Invoice__c.Code__c'],
    );
  });

  it('reports status over REST (checkDeployStatus with rest=true) and deploys through deployRequest', async () => {
    const locator = conn.metadata.deployRest(
      zip({
        'package.xml': packageXml({ CustomField: ['Account.Tier__c'] }),
        'objects/Account.object': objectXml({ standard: true, fields: [{ name: 'Tier__c', type: 'Text' }] }),
      }),
      { singlePackage: true, rollbackOnError: true },
    );
    const res = await locator.complete(true);
    assert.equal(res.status, 'Succeeded');
    const rest = await conn.metadata.checkDeployStatus(res.id, true, true);
    assert.equal(rest.status, 'Succeeded');
    assert.equal(
      rest.details?.componentSuccesses.some((s: any) => s.fullName === 'Account.Tier__c'),
      true,
    );
    const raw = await call('GET', `metadata/deployRequest/${res.id}?includeDetails=true`);
    assert.equal(raw.status, 200);
    assert.equal(raw.body.id, res.id);
    assert.equal(raw.body.deployOptions.rollbackOnError, true);
  });

  it('fails all-or-nothing with rollbackOnError and succeeds partially without it', async () => {
    const files = {
      'package.xml': packageXml({ CustomObject: ['Part__c'] }),
      'objects/Part__c.object': objectXml({
        label: 'Part',
        fields: [
          { name: 'Good__c', type: 'Text' },
          { name: 'Bad__c', type: 'Lookup', extra: '<relationshipName>Bad</relationshipName>' },
        ],
      }),
    };
    const strict = await deploy(conn, files, { rollbackOnError: true });
    assert.equal(strict.status, 'Failed');
    const failure = [strict.details!.componentFailures].flat()[0]!;
    assert.equal(failure.fullName, 'Part__c.Bad__c');
    assert.equal(failure.problem, 'Required field is missing: referenceTo');
    assert.equal(failure.problemType, 'Error');
    assert.equal((await call('GET', 'sobjects/Part__c/describe')).status, 404);
    const partial = await deploy(conn, files, { rollbackOnError: false });
    assert.equal(partial.status, 'SucceededPartial');
    assert.equal(partial.numberComponentErrors, 1);
    assert.equal((await call('GET', 'sobjects/Part__c/describe')).status, 200);
  });

  it('validates with checkOnly without changing the org, then quick-deploys the validation', async () => {
    const check = await deploy(
      conn,
      {
        'package.xml': packageXml({ CustomObject: ['Quote_Line__c'] }),
        'objects/Quote_Line__c.object': objectXml({
          label: 'Quote Line',
          fields: [{ name: 'Qty__c', type: 'Number' }],
        }),
      },
      { checkOnly: true, testLevel: 'RunLocalTests' },
    );
    assert.equal(check.status, 'Succeeded');
    assert.equal(check.checkOnly, true);
    assert.equal((await call('GET', 'sobjects/Quote_Line__c/describe')).status, 404);
    const quickId = await conn.metadata.deployRecentValidation({ id: check.id, rest: false });
    assert.match(String(quickId), /^0Af/);
    const quick = await conn.metadata.checkDeployStatus(String(quickId), true);
    assert.ok(['Pending', 'InProgress', 'Succeeded'].includes(quick.status));
    await new Promise((r) => setTimeout(r, 250));
    assert.equal((await conn.metadata.checkDeployStatus(String(quickId))).status, 'Succeeded');
    assert.equal((await call('GET', 'sobjects/Quote_Line__c/describe')).status, 200);
    await assert.rejects(
      conn.metadata.deployRecentValidation({ id: check.id, rest: false }),
      (e: Error & { errorCode?: string }) => e.errorCode === 'sf:INVALID_ID_FIELD',
    );
  });

  it('runs one deploy at a time: the second waits Pending; a pending deploy can be canceled', async () => {
    await emu.control.updateOrg(org.orgId, { deployProcessingMs: 400 } as never);
    try {
      const files = {
        'package.xml': packageXml({ CustomField: ['Account.Queue_A__c'] }),
        'objects/Account.object': objectXml({ standard: true, fields: [{ name: 'Queue_A__c', type: 'Text' }] }),
      };
      const first = await conn.metadata.deploy(zip(files), { singlePackage: true });
      const second = await conn.metadata.deploy(zip(files), { singlePackage: true });
      assert.equal((await conn.metadata.checkDeployStatus(first.id)).status, 'InProgress');
      assert.equal((await conn.metadata.checkDeployStatus(second.id)).status, 'Pending');
      const canceled = await conn.metadata.cancelDeploy(second.id);
      assert.equal(String(canceled.done), 'true'); // jsforce has no schema for CancelDeployResult: raw text
      assert.equal((await conn.metadata.checkDeployStatus(second.id)).status, 'Canceled');
    } finally {
      await emu.control.updateOrg(org.orgId, { deployProcessingMs: 100 } as never);
    }
  });

  it('blocks deleting a field referenced by a formula, and deletes it with its formula in one destructive deploy', async () => {
    const setup = await deploy(conn, {
      'package.xml': packageXml({ CustomField: ['Invoice__c.Net__c', 'Invoice__c.Gross__c'] }),
      'objects/Invoice__c.object': objectXml({
        standard: true,
        fields: [
          { name: 'Net__c', type: 'Number' },
          {
            name: 'Gross__c',
            type: 'Number',
            extra: '<formula>Net__c * 1.2</formula><precision>18</precision><scale>2</scale>',
          },
        ],
      }),
    });
    assert.equal(setup.status, 'Succeeded');
    const blocked = await deploy(conn, {
      'package.xml': packageXml({}),
      'destructiveChanges.xml': packageXml({ CustomField: ['Invoice__c.Net__c'] }),
    });
    assert.equal(blocked.status, 'Failed');
    assert.equal(
      [blocked.details!.componentFailures].flat()[0]!.problem,
      'This custom field is referenced elsewhere in salesforce.com. : Custom Formula Field - Invoice__c.Gross__c.',
    );
    const both = await deploy(conn, {
      'package.xml': packageXml({}),
      'destructiveChanges.xml': packageXml({
        CustomField: ['Invoice__c.Net__c', 'Invoice__c.Gross__c', 'Invoice__c.Missing__c'],
      }),
    });
    assert.equal(both.status, 'Succeeded');
    const warning = [both.details!.componentFailures].flat().find((f) => f.fullName === 'Invoice__c.Missing__c')!;
    assert.equal(warning.problemType, 'Warning');
    assert.equal(warning.problem, 'No CustomField named: Invoice__c.Missing__c found');
    const listed = await conn.metadata.list([{ type: 'CustomField' }]);
    assert.ok(![listed].flat().some((p) => p.fullName === 'Invoice__c.Net__c'));
  });
});

describe('CRUD calls', () => {
  it('creates, reads, updates, upserts, renames and deletes custom fields', async () => {
    const created = await conn.metadata.create('CustomField', [
      { fullName: 'Contact.Nickname__c', label: 'Nickname', type: 'Text', length: 40 } as any,
      { fullName: 'Contact.Bad Name__c', label: 'Bad', type: 'Text', length: 10 } as any,
    ]);
    assert.deepEqual(
      created.map((r) => r.success),
      [true, false],
    );
    assert.match([created[1]!.errors].flat()[0]!.message, /can only contain underscores and alphanumeric characters/);
    const dup: any = await conn.metadata.create('CustomField', {
      fullName: 'Contact.Nickname__c',
      label: 'Nickname',
      type: 'Text',
      length: 40,
    } as any);
    assert.equal(dup.success, false);
    assert.equal([dup.errors].flat()[0]!.statusCode, 'DUPLICATE_DEVELOPER_NAME');
    const read = (await conn.metadata.read('CustomField', 'Contact.Nickname__c')) as any;
    assert.equal(read.fullName, 'Contact.Nickname__c');
    assert.equal(read.length, 40);
    const updated: any = await conn.metadata.update('CustomField', {
      fullName: 'Contact.Nickname__c',
      label: 'Nick',
      type: 'Text',
      length: 60,
    } as any);
    assert.equal(updated.success, true);
    assert.equal(((await conn.metadata.read('CustomField', 'Contact.Nickname__c')) as any).length, 60);
    const missing: any = await conn.metadata.update('CustomField', {
      fullName: 'Contact.Nope__c',
      label: 'Nope',
      type: 'Text',
      length: 5,
    } as any);
    assert.equal(
      [missing.errors].flat()[0]!.message,
      'In field: fullName - no CustomField named Contact.Nope__c found',
    );
    const upserted = await conn.metadata.upsert('CustomField', [
      { fullName: 'Contact.Nickname__c', label: 'Nick', type: 'Text', length: 70 } as any,
      { fullName: 'Contact.Alias2__c', label: 'Alias', type: 'Text', length: 5 } as any,
    ]);
    assert.deepEqual(
      upserted.map((u) => u.created),
      [false, true],
    );
    const renamed = await conn.metadata.rename('CustomField', 'Contact.Alias2__c', 'Contact.Handle__c');
    assert.equal(renamed.success, true);
    const deleted = await conn.metadata.delete('CustomField', [
      'Contact.Nickname__c',
      'Contact.Handle__c',
      'Contact.Ghost__c',
    ]);
    assert.deepEqual(
      [deleted].flat().map((d) => d.success),
      [true, true, false],
    );
    const gone = (await conn.metadata.read('CustomField', 'Contact.Nickname__c')) as any;
    assert.ok(!gone.fullName);
  });

  it('limits CRUD calls to 10 components', async () => {
    const many = Array.from(
      { length: 11 },
      (_, i) => ({ fullName: `Contact.F${i}__c`, label: `F${i}`, type: 'Text', length: 5 }) as any,
    );
    await assert.rejects(
      conn.metadata.create('CustomField', many),
      (e: Error & { errorCode?: string }) => e.errorCode === 'sf:EXCEEDED_ID_LIMIT',
    );
  });

  it('describes metadata types and lists components', async () => {
    const d = await conn.metadata.describe();
    const object = d.metadataObjects.find((o) => o.xmlName === 'CustomObject')!;
    assert.equal(object.directoryName, 'objects');
    assert.equal(object.suffix, 'object');
    assert.ok(object.childXmlNames.includes('CustomField'));
    const list = [await conn.metadata.list([{ type: 'CustomObject' }, { type: 'PermissionSet' }])].flat();
    assert.ok(list.some((p) => p.type === 'CustomObject' && p.fullName === 'Invoice__c' && /^01I/.test(p.id)));
    assert.ok(
      list.some((p) => p.type === 'CustomObject' && p.fullName === 'Account' && p.manageableState === 'standard'),
    );
    assert.ok(
      list.some(
        (p) =>
          p.type === 'PermissionSet' &&
          p.fullName === 'Invoice_Access' &&
          p.fileName === 'permissionsets/Invoice_Access.permissionset',
      ),
    );
  });

  it('retrieves current definitions as an mdapi zip', async () => {
    const res = await conn.metadata
      .retrieve({
        apiVersion: '62.0',
        singlePackage: false,
        unpackaged: {
          types: [
            { name: 'CustomObject', members: ['Invoice__c', 'Nope__c'] },
            { name: 'PermissionSet', members: ['Invoice_Access'] },
          ],
          version: '62.0',
        },
      } as any)
      .complete();
    assert.equal(res.success, true);
    const files = unzipSync(Buffer.from(res.zipFile, 'base64'));
    assert.deepEqual(Object.keys(files).sort(), [
      'unpackaged/objects/Invoice__c.object',
      'unpackaged/package.xml',
      'unpackaged/permissionsets/Invoice_Access.permissionset',
    ]);
    const object = strFromU8(files['unpackaged/objects/Invoice__c.object']!);
    assert.match(object, /<CustomObject xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">/);
    assert.match(object, /<fields>\n {8}<fullName>Amount__c<\/fullName>/);
    assert.deepEqual(
      [res.messages].flat().map((m) => m.problem),
      ["Entity of type 'CustomObject' named 'Nope__c' cannot be found"],
    );
  });
});

describe('bad input', () => {
  const schemaVersion = async () => (await call('GET', 'sobjects')).body.sobjects.length;

  it('fails a corrupt zip with UNKNOWN_EXCEPTION and leaves the org unchanged', async () => {
    const before = await schemaVersion();
    const res = await conn.metadata
      .deploy(Buffer.from('PK\u0003\u0004 definitely not a zip'), { singlePackage: true })
      .complete(true);
    assert.equal(res.status, 'Failed');
    assert.equal(res.errorStatusCode, 'UNKNOWN_EXCEPTION');
    assert.equal(await schemaVersion(), before);
  });

  it('reports XML that is not well-formed, unknown types, missing files and SFDX source names', async () => {
    const res = await deploy(conn, {
      'package.xml': packageXml({ CustomObject: ['Broken__c', 'Source__c'], Gadget: ['X'] }),
      'objects/Broken__c.object': '<?xml version="1.0"?><CustomObject><label>Broken</CustomObject>',
      'objects/Source__c/Source__c.object-meta.xml': objectXml({ label: 'Source' }),
    });
    assert.equal(res.status, 'Failed');
    const problems = [res.details!.componentFailures].flat().map((f) => `${f.fileName}|${f.problem}`);
    assert.ok(problems.some((p) => p.startsWith('objects/Broken__c.object|Error parsing file:')));
    assert.ok(problems.includes("package.xml|Unknown type name 'Gadget' specified in package.xml"));
    assert.ok(
      problems.includes(
        "package.xml|An object 'Source__c' of type CustomObject was named in package.xml, but was not found in " +
          'zipped directory',
      ),
    );
    assert.equal((await call('GET', 'sobjects/Broken__c/describe')).status, 404);
  });

  it('wants package.xml in each package folder unless singlePackage', async () => {
    const res = await conn.metadata
      .deploy(zip({ 'package.xml': packageXml({}), 'objects/A__c.object': objectXml() }), { singlePackage: false })
      .complete(true);
    assert.equal(res.status, 'Failed');
    assert.deepEqual(
      [res.details!.componentFailures].flat().map((f) => [f.fileName, f.problem]),
      [['objects/package.xml', 'No package.xml found']],
    );
  });

  it('answers an empty zip, an invalid session and an unknown operation with SOAP faults', async () => {
    await assert.rejects(
      async () => {
        await conn.metadata.deploy(Buffer.alloc(0), {});
      },
      (e: Error & { errorCode?: string }) =>
        e.errorCode === 'sf:INVALID_OPERATION' && /No zip file content passed in/.test(e.message),
    );
    const res = await fetch(`${emu.url}/services/Soap/m/62.0`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
      body:
        '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope ' +
        'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header ' +
        'xmlns="http://soap.sforce.com/2006/04/metadata"><SessionHeader><sessionId>00Dbogus!AQ</sessionId></SessionHeader></soapenv:Header><soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata"><describeMetadata><asOfVersion>62.0</asOfVersion></describeMetadata></soapenv:Body></soapenv:Envelope>',
    });
    assert.equal(res.status, 500);
    assert.match(res.headers.get('content-type')!, /^text\/xml/);
    assert.match(
      await res.text(),
      /<soapenv:Fault><faultcode>sf:INVALID_SESSION_ID<\/faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session<\/faultstring><\/soapenv:Fault>/,
    );
    await assert.rejects(
      conn.metadata.read('Gadget' as any, 'X'),
      (e: Error & { errorCode?: string }) => e.errorCode === 'sf:INVALID_TYPE',
    );
  });

  it('rejects invalid field definitions with Salesforce problem texts', async () => {
    const bad = await conn.metadata.create('CustomField', [
      { fullName: 'Account.Num__c', label: 'Num', type: 'Number', precision: 3, scale: 5 } as any,
      { fullName: 'Account.Long__c', label: 'Long', type: 'Text', length: 300 } as any,
      {
        fullName: 'Account.Ref__c',
        label: 'Ref',
        type: 'Lookup',
        referenceTo: 'Nowhere__c',
        relationshipName: 'Refs',
      } as any,
      {
        fullName: 'Account.Master__c',
        label: 'Master',
        type: 'MasterDetail',
        referenceTo: 'Contact',
        relationshipName: 'Masters',
      } as any,
    ]);
    assert.deepEqual(
      bad.map((r) => [r.errors].flat()[0]!.message),
      [
        'Scale must be less than or equal to precision',
        'Length must be between 1 and 255',
        'In field: referenceTo - no CustomObject named Nowhere__c found',
        'Cannot create a master-detail relationship field on Account: its sharingModel must be ControlledByParent',
      ],
    );
    void fieldXml;
  });
});
