// Conformance: an unmodified, independent Salesforce client (jsforce) against the emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection, OAuth2 } from '@jsforce/jsforce-node';
import type { RunningEmulator } from '../src/index.ts';
import { call, emulator, newOrg, VERSION, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;
let conn: Connection;
const refreshes: string[] = [];

const form = (params: Record<string, string>) => ({
  raw: new URLSearchParams(params).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

/** The browser's part of the web-server flow: open jsforce's authorization URL, log in, allow. */
async function approveInBrowser(authorizationUrl: string, o: TestOrg): Promise<URL> {
  const url = new URL(authorizationUrl);
  const page = await call(emu, 'GET', `${url.pathname}${url.search}`);
  assert.equal(page.status, 200);
  const hidden = Object.fromEntries(
    [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/&amp;/g, '&'),
    ]),
  );
  const login = await call(
    emu,
    'POST',
    '/services/oauth2/authorize',
    form({ ...hidden, username: o.username, pw: o.password }),
  );
  const pending = /name="pending" value="([^"]+)"/.exec(login.text)![1]!;
  const consent = await call(emu, 'POST', '/services/oauth2/authorize', form({ pending, action: 'allow' }));
  return new URL(consent.headers.get('location')!);
}

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
  await emu.control.addCustomField(org.orgId, 'Account', {
    name: 'Ext_Id__c',
    type: 'Text',
    length: 30,
    externalId: true,
    unique: true,
  });
  await emu.control.seedRecords(org.orgId, { object: 'Account', count: 4500, template: { Name: 'Bulk {n}' } });
  const oauth2 = new OAuth2({
    loginUrl: emu.url,
    clientId: org.clientId,
    clientSecret: org.clientSecret,
    redirectUri: org.callbackUrl,
    useVerifier: true,
  });
  const callback = await approveInBrowser(
    oauth2.getAuthorizationUrl({ scope: 'api refresh_token id', state: 'jsforce-state' }),
    org,
  );
  assert.equal(callback.searchParams.get('state'), 'jsforce-state');
  conn = new Connection({ oauth2, version: VERSION });
  await conn.authorize(callback.searchParams.get('code')!);
  conn.on('refresh', (accessToken: string) => refreshes.push(accessToken));
});
after(() => emu.close());

describe('jsforce against the emulator', () => {
  it('completed the web-server flow with PKCE', () => {
    assert.equal(conn.instanceUrl, emu.url);
    assert.match(conn.accessToken!, /^00D[A-Za-z0-9]{12}!AQ/);
    assert.match(conn.refreshToken!, /^5Aep861/);
    assert.equal(conn.userInfo?.organizationId, org.orgId);
  });

  it('refreshes automatically after a 401 and emits refresh', async () => {
    const before = conn.accessToken;
    await emu.control.expireSessions({ orgId: org.orgId });
    const res = await conn.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1');
    assert.equal(res.records.length, 1);
    assert.equal(refreshes.length, 1);
    assert.notEqual(conn.accessToken, before);
    assert.equal(refreshes[0], conn.accessToken);
  });

  it('describes globally and per object', async () => {
    const global = await conn.describeGlobal();
    assert.equal(global.sobjects.length, 1254);
    const account = await conn.sobject('Account').describe();
    assert.equal(account.name, 'Account');
    assert.ok(account.fields.some((f) => f.name === 'Ext_Id__c' && f.externalId));
  });

  it('creates, retrieves, updates and deletes single records', async () => {
    const created = await conn.sobject('Account').create({ Name: 'JS Force Co', Industry: 'Technology' });
    assert.equal(created.success, true);
    const got = await conn.sobject('Account').retrieve(created.id!);
    assert.equal(got.Name, 'JS Force Co');
    const updated = await conn.sobject('Account').update({ Id: created.id!, Name: 'JS Force Inc' });
    assert.equal(updated.success, true);
    assert.equal((await conn.sobject('Account').retrieve(created.id!)).Name, 'JS Force Inc');
    const destroyed = await conn.sobject('Account').destroy(created.id!);
    assert.equal(destroyed.success, true);
    await assert.rejects(
      conn.sobject('Account').retrieve(created.id!),
      (err: Error & { errorCode?: string }) => err.errorCode === 'ENTITY_IS_DELETED',
    );
  });

  it('surfaces Salesforce errors as jsforce errors with errorCode', async () => {
    await assert.rejects(
      conn.sobject('Contact').create({ FirstName: 'No Last' }),
      (err: Error & { errorCode?: string }) => {
        assert.equal(err.errorCode, 'REQUIRED_FIELD_MISSING');
        return true;
      },
    );
  });

  it('uses sObject Collections for arrays', async () => {
    const created = await conn
      .sobject('Contact')
      .create([{ LastName: 'One' }, { LastName: 'Two' }, { FirstName: 'Missing' }]);
    assert.deepEqual(
      created.map((r) => r.success),
      [true, true, false],
    );
    const ids = created.filter((r) => r.success).map((r) => r.id!);
    const records = await conn.sobject('Contact').retrieve(ids);
    assert.deepEqual(
      records.map((r) => r.LastName),
      ['One', 'Two'],
    );
    const updated = await conn.sobject('Contact').update(ids.map((Id) => ({ Id, Title: 'Tester' })));
    assert.ok(updated.every((r) => r.success));
    const destroyed = await conn.sobject('Contact').destroy(ids);
    assert.ok(destroyed.every((r) => r.success));
  });

  it('upserts single records and arrays by external id', async () => {
    const single = await conn.sobject('Account').upsert({ Name: 'Upsert One', Ext_Id__c: 'U-1' }, 'Ext_Id__c');
    assert.equal(single.success, true);
    const many = await conn.sobject('Account').upsert(
      [
        { Name: 'Upsert One v2', Ext_Id__c: 'U-1' },
        { Name: 'Upsert Two', Ext_Id__c: 'U-2' },
      ],
      'Ext_Id__c',
    );
    assert.deepEqual(
      many.map((r) => r.created),
      [false, true],
    );
  });

  it('fetches every page of a large query with autoFetch', async () => {
    const records: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      conn
        .query("SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk %'")
        .on('record', (r) => records.push(r))
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 10000 });
    });
    assert.equal(records.length, 4500);
  });

  it('sends composite requests', async () => {
    const res = await conn.requestPost<{ compositeResponse: Array<{ httpStatusCode: number; body: any }> }>(
      '/composite',
      {
        compositeRequest: [
          {
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/Account`,
            referenceId: 'acc',
            body: { Name: 'Composite Co' },
          },
          {
            method: 'GET',
            url: `/services/data/v${VERSION}/sobjects/Account/@{acc.id}?fields=Name`,
            referenceId: 'read',
          },
        ],
      },
    );
    assert.deepEqual(
      res.compositeResponse.map((r) => r.httpStatusCode),
      [201, 200],
    );
    assert.equal(res.compositeResponse[1]!.body.Name, 'Composite Co');
  });

  it('reads limits and tracks limitInfo from Sforce-Limit-Info', async () => {
    const limits = await conn.limits();
    assert.equal(limits.DailyApiRequests?.Max, 15000);
    const usage = await emu.control.getApiUsage(org.orgId);
    assert.deepEqual(conn.limitInfo.apiUsage, { used: usage.used, limit: 15000 });
  });

  it('reads its identity', async () => {
    const identity = await conn.identity();
    assert.equal(identity.username, org.username);
    assert.equal(identity.organization_id, org.orgId);
  });

  it('lets a refresh-loop guard stop when the API keeps answering 401', async () => {
    let attempts = 0;
    const guarded = new Connection({
      instanceUrl: emu.url,
      accessToken: conn.accessToken!,
      version: VERSION,
      refreshFn: (_c, callback) => {
        attempts++;
        if (attempts > 3) {
          callback(new Error('refresh loop guard tripped'));
          return;
        }
        void call(
          emu,
          'POST',
          '/services/oauth2/token',
          form({
            grant_type: 'refresh_token',
            client_id: org.clientId,
            client_secret: org.clientSecret,
            refresh_token: conn.refreshToken!,
          }),
        ).then((r) => callback(null, r.body.access_token, r.body));
      },
    });
    await emu.control.setSessionsAlwaysInvalid(org.orgId, true);
    try {
      await assert.rejects(async () => {
        await guarded.query('SELECT Id FROM Account LIMIT 1');
      }, /refresh loop guard tripped/);
      assert.equal(attempts, 4);
    } finally {
      await emu.control.setSessionsAlwaysInvalid(org.orgId, false);
    }
  });
});
