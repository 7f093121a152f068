// The control plane's own guarantees (off unless enabled, token-protected), snapshots, the state file,
// the demo org, and many orgs side by side.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_DEFAULTS, startEmulator, type RunningEmulator } from '../src/index.ts';
import { call, D, emulator, newOrg, passwordToken, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
});
after(() => emu.close());

describe('control plane', () => {
  it('requires the control token', async () => {
    const res = await call(emu, 'GET', '/__emulator/orgs', { headers: { Authorization: 'Bearer wrong' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'unauthorized');
  });

  it('does not exist when no control token is configured', async () => {
    const off = await startEmulator({ port: 0, controlToken: null });
    try {
      const res = await fetch(`${off.url}/__emulator/orgs`, { headers: { Authorization: 'Bearer anything' } });
      assert.equal(res.status, 404);
    } finally {
      await off.close();
    }
  });

  it('keeps orgs apart: records, usage and sessions belong to one org', async () => {
    const other = await newOrg(emu);
    const { body } = await call(emu, 'POST', `${D}/sobjects/Account`, {
      token: org.token,
      body: { Name: 'Only In First' },
    });
    assert.equal((await call(emu, 'GET', `${D}/sobjects/Account/${body.id}`, { token: other.token })).status, 404);
    const q = await call(
      emu,
      'GET',
      `${D}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Only In First'")}`,
      { token: other.token },
    );
    assert.equal(q.body.totalSize, 0);
    const usageOther = (await emu.control.getApiUsage(other.orgId)).used;
    await call(emu, 'GET', `${D}/limits`, { token: org.token });
    assert.equal((await emu.control.getApiUsage(other.orgId)).used, usageOther);
  });

  it('creates orgs in milliseconds (the base schema is shared)', async () => {
    const started = performance.now();
    for (let i = 0; i < 10; i++) await emu.control.createOrg({ name: `Cheap ${i}` });
    assert.ok((performance.now() - started) / 10 < 100, 'well under 100 ms per org over HTTP');
  });

  it('builds the demo org with the caller’s connected app', async () => {
    const demo = await emu.control.createOrg({
      seed: 'demo',
      demo: {
        username: 'demo.user@demo-test.example.com',
        clientId: 'my-client-id',
        clientSecret: 'my-secret',
        callbackUrls: ['http://localhost:9999/cb'],
      },
    });
    assert.deepEqual(demo.connectedApps, [
      { name: 'sfdc-engine-x', clientId: 'my-client-id', callbackUrls: ['http://localhost:9999/cb'] },
    ]);
    const token = await passwordToken(
      emu,
      'my-client-id',
      'my-secret',
      'demo.user@demo-test.example.com',
      DEMO_DEFAULTS.password,
    );
    const counts = await call(emu, 'GET', `${D}/limits/recordCount?sObjects=Account,Contact,Lead,Opportunity,Case`, {
      token,
    });
    const byName = Object.fromEntries(counts.body.sObjects.map((s: any) => [s.name, s.count]));
    assert.deepEqual(byName, { Account: 40, Contact: 120, Lead: 50, Opportunity: 60, Case: 40 });
  });
});

describe('snapshots and the state file', () => {
  it('restores a snapshot: later records, schema and sessions are undone', async () => {
    const { id } = await emu.control.snapshot();
    const { body } = await call(emu, 'POST', `${D}/sobjects/Account`, {
      token: org.token,
      body: { Name: 'After Snapshot' },
    });
    await emu.control.addCustomObject(org.orgId, { name: 'Later__c', label: 'Later' });
    await emu.control.restore(id);
    assert.equal((await call(emu, 'GET', `${D}/sobjects/Account/${body.id}`, { token: org.token })).status, 404);
    assert.equal((await call(emu, 'GET', `${D}/sobjects/Later__c/describe`, { token: org.token })).status, 404);
    assert.equal(
      (await call(emu, 'GET', `${D}/limits`, { token: org.token })).status,
      200,
      'sessions from before the snapshot still work',
    );
  });

  it('persists to a state file and reloads it, tokens included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfx-emu-state-'));
    const stateFile = path.join(dir, 'state.json.gz');
    try {
      const first = await startEmulator({ port: 0, stateFile, seed: 'none' });
      const o = await newOrg(first);
      await first.control.addCustomField(o.orgId, 'Account', { name: 'Kept__c', type: 'Checkbox', defaultValue: true });
      const { body } = await call(first, 'POST', `${D}/sobjects/Account`, {
        token: o.token,
        body: { Name: 'Survivor' },
      });
      await first.close();
      const second = await startEmulator({ port: 0, stateFile });
      try {
        const got = await call(second, 'GET', `${D}/sobjects/Account/${body.id}?fields=Name,Kept__c`, {
          token: o.token,
        });
        assert.equal(got.status, 200);
        assert.deepEqual([got.body.Name, got.body.Kept__c], ['Survivor', true]);
        const next = await call(second, 'POST', `${D}/sobjects/Account`, {
          token: o.token,
          body: { Name: 'After Reload' },
        });
        assert.notEqual(next.body.id, body.id, 'ids keep counting after a reload');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
