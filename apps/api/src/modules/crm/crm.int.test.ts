import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Tenant } from '../../../test/helpers/factories.ts';
import { post } from '../../../test/helpers/http.ts';
import {
  connectClient,
  newSalesforceOrg,
  startSalesforce,
  type TestSalesforce,
} from '../../../test/helpers/salesforce.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

/** Account names built to break naive SOQL building; each must come back as exactly itself. */
export const EVIL = [
  "O'Brien",
  "back\\slash' OR Name != '",
  "x' OR Name LIKE '%",
  "' OR 1=1 --",
  'line\nbreak\ttab\rcr',
  "x') OR (Name != '",
  "' AND Id IN (SELECT AccountId FROM Contact) AND Name != '",
  'Zoë 日本 ✓ \u2028',
  '100% _match',
  "\\'",
  'trailing backslash\\',
  '"double" quotes',
];

describe('CRM reads against the emulator', () => {
  let sf: TestSalesforce;
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let sfOrg: Awaited<ReturnType<typeof newSalesforceOrg>>;
  const call = (url: string, body: Record<string, unknown>, bearer?: string) =>
    post(t, url, { client_id: a.clientId, ...body }, bearer ?? a.adminToken);
  const usage = async () => (await sf.emu.control.getApiUsage(sfOrg.orgId)).used;

  before(async () => {
    sf = await startSalesforce();
    t = await startTestApp({ env: sf.env });
    a = await createTenant(t);
    b = await createTenant(t);
    sfOrg = await newSalesforceOrg(sf);
    assert.equal((await connectClient(t, sf, a.adminToken, a.clientId, sfOrg.username)).outcome, 'connected');
    const bOrg = await newSalesforceOrg(sf);
    assert.equal((await connectClient(t, sf, b.adminToken, b.clientId, bOrg.username)).outcome, 'connected');
    await sf.emu.control.insertRecords(sfOrg.orgId, 'Account', [
      ...EVIL.map((Name) => ({ Name })),
      { Name: '100X _match' },
      { Name: 'Acme', NumberOfEmployees: 50 },
    ]);
    const paged = Array.from({ length: 2100 }, (_, i) => ({ Name: `Paged ${i}` }));
    await sf.emu.control.insertRecords(sfOrg.orgId, 'Account', paged);
    await sf.emu.control.insertRecords(bOrg.orgId, 'Account', paged);
  });
  after(async () => {
    await t.close();
    await sf.close();
  });

  test('without a snapshot, names follow the strict grammar; injection through names is refused', async () => {
    const ok = await call('/api/crm/count', {
      object_name: 'Account',
      filters: [{ field: 'Name', op: 'eq', value: 'Acme' }],
    });
    assert.equal(ok.status, 200, ok.raw);
    assert.equal(ok.body.count, 1);
    for (const object_name of ["Account WHERE Name != ''", 'Account;', 'Account\n', "Acc'ount", 'Account (SELECT Id)'])
      assert.equal((await call('/api/crm/search', { object_name })).status, 422, object_name);
    for (const field of ['Name OR Id', "Name'", 'Name,Id', '(SELECT Id FROM Contacts)', 'Name\n', 'Nämé'])
      assert.equal((await call('/api/crm/search', { object_name: 'Account', fields: [field] })).status, 422, field);
  });

  test('after a topology pull, unknown objects and fields are a 400 without spending an API call', async () => {
    const pulled = await call('/api/topology/pull', { wait_seconds: 120 });
    assert.equal(pulled.status, 200, pulled.raw);
    const before = await usage();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['/api/crm/search', { object_name: 'NoSuchObject__c' }],
      ['/api/crm/search', { object_name: 'Account', fields: ['Id', 'NoSuchField__c'] }],
      ['/api/crm/search', { object_name: 'Account', fields: ['Owner.NoSuchField'] }],
      ['/api/crm/count', { object_name: 'Account', filters: [{ field: 'Nope', op: 'eq', value: 1 }] }],
      ['/api/query/soql', { soql: 'SELECT Id, Nope FROM Account' }],
      ['/api/query/soql', { soql: 'SELECT Id FROM Nope' }],
      ['/api/query/soql', { soql: 'SELECT Id, Owner.Nope FROM Account' }],
      ['/api/query/soql', { soql: 'SELECT Id, (SELECT Nope FROM Contacts) FROM Account' }],
      ['/api/query/soql', { soql: 'SELECT Id, (SELECT Id FROM NoSuchChildren) FROM Account' }],
      ['/api/query/soql', { soql: 'SELECT Id FROM Account WHERE Id IN (SELECT Nope FROM Contact)' }],
      ['/api/query/soql', { soql: 'SELECT Id FROM Account WHERE Nope = 1 ORDER BY Name' }],
      ['/api/query/soql', { soql: 'SELECT Id FROM Account ORDER BY Nope' }],
      ['/api/query/soql', { soql: 'SELECT COUNT(Nope) FROM Account' }],
      ['/api/query/soql', { soql: 'SELECT Id FROM Account a WHERE a.Nope = 1' }],
    ];
    for (const [url, body] of cases) {
      const res = await call(url, body);
      assert.equal(res.status, 400, `${url} ${JSON.stringify(body)}: ${res.raw}`);
      assert.equal(res.body.error.code, 'invalid_request');
    }
    assert.equal(await usage(), before, 'no Salesforce call for a query that cannot be valid');
  });

  test('query/soql accepts only one SELECT', async () => {
    for (const soql of [
      'DELETE FROM Account',
      'SELECT Id FROM Account; SELECT Id FROM Contact',
      'SELECT Id FROM Account;',
      'SELECT Id FROM Account FOR UPDATE',
      'SELECT Id FROM Account WHERE Name = :name',
      'UPDATE Account SET Name = 1',
      "SELECT Id FROM Account WHERE Name = 'unterminated",
    ]) {
      const res = await call('/api/query/soql', { soql });
      assert.equal(res.status, 400, `${soql}: ${res.raw}`);
      assert.doesNotMatch(res.raw, /node_modules|\.ts:\d+/);
    }
    // A literal that merely contains DML words is fine (the original refused it).
    const lit = await call('/api/query/soql', { soql: "SELECT Id FROM Account WHERE Name = 'Delete me; UPDATE'" });
    assert.equal(lit.status, 200, lit.raw);
    const rich = await call('/api/query/soql', {
      soql: "SELECT a.Id, a.Name, Owner.Name, (SELECT Id FROM Contacts) FROM Account a WHERE a.Name = 'Acme' AND Id NOT IN (SELECT AccountId FROM Contact)",
    });
    assert.equal(rich.status, 200, rich.raw);
    assert.equal(rich.body.records.length, 1);
    assert.equal(rich.body.records[0].Name, 'Acme');
  });

  test('every page is reachable, and only by the client the cursor belongs to', async () => {
    const first = await call('/api/query/soql', { soql: "SELECT Id, Name FROM Account WHERE Name LIKE 'Paged %'" });
    assert.equal(first.status, 200, first.raw);
    assert.equal(first.body.total_size, 2100);
    assert.equal(first.body.done, false);
    assert.equal(first.body.records.length, 2000);
    const path = first.body.next_records_path as string;
    assert.match(path, /^\/services\/data\/v\d+\.\d\/query\/.+-2000$/);
    // Org B's admin, for its own client, and company users of org A's other client: 404.
    const foreign = await post(t, '/api/query/more', { client_id: b.clientId, next_records_path: path }, b.adminToken);
    assert.equal(foreign.status, 404, foreign.raw);
    const other = await call('/api/query/more', { client_id: a.otherClientId, next_records_path: path });
    assert.equal(other.status, 404, other.raw);
    const rest = await call('/api/query/more', { next_records_path: path });
    assert.equal(rest.status, 200, rest.raw);
    assert.equal(rest.body.done, true);
    assert.equal(rest.body.records.length, 100);
    const names = new Set([...first.body.records, ...rest.body.records].map((r: { Name: string }) => r.Name));
    assert.equal(names.size, 2100);
    const search = await call('/api/crm/search', {
      object_name: 'Account',
      fields: ['Id'],
      filters: [{ field: 'Name', op: 'starts_with', value: 'Paged ' }],
    });
    assert.equal(search.body.done, false);
    assert.equal(
      (await call('/api/query/more', { next_records_path: search.body.next_records_path })).body.records.length,
      100,
    );
    const forged = await call('/api/query/more', { next_records_path: '/services/data/v62.0/query/01gFORGED-2000' });
    assert.equal(forged.status, 404);
    const traversal = await call('/api/query/more', { next_records_path: '/services/data/v62.0/sobjects/../limits' });
    assert.equal(traversal.status, 400);
  });

  test('filter values are literals: every injection string matches exactly its own record', async () => {
    for (const value of EVIL) {
      const res = await call('/api/crm/search', {
        object_name: 'Account',
        fields: ['Name'],
        filters: [{ field: 'Name', op: 'eq', value }],
      });
      assert.equal(res.status, 200, `${JSON.stringify(value)}: ${res.raw}`);
      assert.deepEqual(
        res.body.records.map((r: { Name: string }) => r.Name),
        [value],
        JSON.stringify(value),
      );
      const inList = await call('/api/crm/count', {
        object_name: 'Account',
        filters: [{ field: 'Name', op: 'in', value: [value, 'no such name'] }],
      });
      assert.equal(inList.body.count, 1, JSON.stringify(value));
      const neq = await call('/api/crm/count', {
        object_name: 'Account',
        filters: [{ field: 'Name', op: 'neq', value }],
      });
      assert.equal(neq.body.count, EVIL.length + 2 + 2100 - 1, JSON.stringify(value));
    }
  });

  test('LIKE wildcards: contains/starts_with escape them, like keeps them', async () => {
    const names = async (op: string, value: string) =>
      (
        await call('/api/crm/search', {
          object_name: 'Account',
          fields: ['Name'],
          filters: [{ field: 'Name', op, value }],
        })
      ).body.records
        .map((r: { Name: string }) => r.Name)
        .sort();
    assert.deepEqual(await names('starts_with', '100% _'), ['100% _match']);
    assert.deepEqual(await names('contains', '0% _m'), ['100% _match']);
    assert.deepEqual(await names('ends_with', "' OR 1=1 --"), ["' OR 1=1 --"]);
    assert.deepEqual(await names('like', '100_ \\_match'), ['100% _match', '100X _match']);
  });

  test('typed values: numbers, booleans, dates and null are checked against the field type', async () => {
    const count = (filters: unknown[]) => call('/api/crm/count', { object_name: 'Account', filters });
    assert.equal((await count([{ field: 'NumberOfEmployees', op: 'gte', value: 50 }])).body.count, 1);
    assert.equal((await count([{ field: 'NumberOfEmployees', op: 'eq', value: null }])).body.count, EVIL.length + 2101);
    for (const bad of [
      { field: 'NumberOfEmployees', op: 'eq', value: "1 OR Name != ''" },
      { field: 'NumberOfEmployees', op: 'eq', value: '1e3' },
      { field: 'NumberOfEmployees', op: 'eq', value: true },
      { field: 'CreatedDate', op: 'gt', value: "2020-01-01T00:00:00Z OR Name != ''" },
      { field: 'CreatedDate', op: 'gt', value: 'TODAY' },
      { field: 'Name', op: 'gt', value: null },
      { field: 'Name', op: 'in', value: 'not a list' },
      { field: 'Name', op: 'eq', value: ['a list'] },
    ]) {
      const res = await count([bad]);
      assert.equal(res.status, 400, `${JSON.stringify(bad)}: ${res.raw}`);
    }
    const dated = await count([{ field: 'CreatedDate', op: 'gt', value: '2000-01-01T00:00:00Z' }]);
    assert.equal(dated.status, 200, dated.raw);
    assert.equal(dated.body.count, EVIL.length + 2102);
  });

  test('get, associations over several chunks, contact roles, campaign members, lead conversions, pipelines', async () => {
    const acme = (
      await call('/api/crm/search', { object_name: 'Account', filters: [{ field: 'Name', op: 'eq', value: 'Acme' }] })
    ).body.records[0];
    const got = await call('/api/crm/get', { object_name: 'account', id: acme.Id, fields: ['Name', 'OwnerId'] });
    assert.equal(got.status, 200, got.raw);
    assert.equal(got.body.record.Name, 'Acme');
    assert.equal(
      (await call('/api/crm/get', { object_name: 'Account', id: acme.Id, fields: ['Owner.Name'] })).status,
      400,
    );
    assert.equal((await call('/api/crm/get', { object_name: 'Account', id: '001000000000000AAA' })).status, 404);

    const contacts = await sf.emu.control.insertRecords(
      sfOrg.orgId,
      'Contact',
      Array.from({ length: 650 }, (_, i) => ({ LastName: `C${i}` })),
    );
    const ids = contacts.map((c) => c.id as string);
    const cases = ids.flatMap((ContactId) => [
      { Subject: 'One', ContactId },
      { Subject: 'Two', ContactId },
    ]);
    const saved = await sf.emu.control.insertRecords(sfOrg.orgId, 'Case', cases);
    assert.ok(
      saved.every((r) => r.success),
      JSON.stringify(saved.find((r) => !r.success)),
    );
    const assoc = await call('/api/crm/associations', {
      source_object: 'Contact',
      source_ids: ids,
      related_object: 'Case',
      related_fields: ['Id', 'ContactId'],
    });
    assert.equal(assoc.status, 200, assoc.raw);
    const seen = [...assoc.body.records];
    let next = assoc.body.next_records_path;
    while (next) {
      const more = await call('/api/query/more', { next_records_path: next });
      assert.equal(more.status, 200, more.raw);
      seen.push(...more.body.records);
      next = more.body.next_records_path;
    }
    assert.equal(new Set(seen.map((r) => r.Id)).size, 1300, 'every case of every chunk');

    const roles = await call('/api/crm/contact-roles', { opportunity_ids: ['006000000000001AAA'] });
    assert.equal(roles.status, 200, roles.raw);
    assert.deepEqual(roles.body.records, []);
    const members = await call('/api/crm/campaign-members', { campaign_id: '701000000000001AAA' });
    assert.equal(members.status, 200, members.raw);
    const leads = await call('/api/crm/lead-conversions', {
      filters: [{ field: 'Email', op: 'eq', value: "x' OR IsConverted = false OR Email != '" }],
    });
    assert.equal(leads.status, 200, leads.raw);
    assert.equal(leads.body.total_size, 0);
    const stages = await call('/api/crm/pipelines', {});
    assert.equal(stages.status, 200, stages.raw);
    assert.equal(stages.body.field_name, 'StageName');
    assert.ok(stages.body.stages.some((s: { value: string }) => s.value === 'Closed Won'));
    assert.equal((await call('/api/crm/pipelines', { field_name: 'NoSuchField' })).status, 404);
  });
});
