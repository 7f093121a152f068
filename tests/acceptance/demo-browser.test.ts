import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { api } from './helpers/api-process.ts';
import { freePort, startDemo } from './helpers/start-process.ts';

const CHROMIUM = '/usr/bin/chromium';

// The README's demo walkthrough, in a real browser: npm start → create a client → connections/create →
// open authorize_url → log in as the demo Salesforce user → Allow → success page → topology/pull → get.
test('a newcomer connects the demo Salesforce org through the browser and reads its topology', async () => {
  assert.ok(existsSync(CHROMIUM), 'Debian chromium is required (apt-get install chromium); .ci/run installs it');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-demo-'));
  const port = await freePort();
  const demo = await startDemo({ DATA_DIR: dataDir, PORT: String(port), EMULATOR_PORT: String(await freePort()) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const banner = demo.stdout();
    const login = /demo Salesforce login: (\S+) \/ (\S+)/.exec(banner)!;
    const token = JSON.parse(readFileSync(path.join(dataDir, 'demo.json'), 'utf8')).api_token as string;
    assert.ok(banner.includes(token), 'the banner prints the demo API token');

    const client = await api(base, 'POST', '/api/clients/create', token, { name: 'Globex' });
    assert.equal(client.status, 200);
    const conn = await api(base, 'POST', '/api/connections/create', token, { client_id: client.body.id });
    assert.equal(conn.status, 200);

    const page = await browser.newPage();
    await page.goto(conn.body.authorize_url);
    await page.fill('#username', login[1]!);
    await page.fill('#password', login[2]!);
    await page.click('#Login');
    await page.click('#oaapprove');
    await page.waitForURL(/\/api\/connections\/oauth\/result/);
    assert.equal(await page.textContent('h1'), 'Connected');
    assert.match((await page.textContent('body')) ?? '', /Your Salesforce org is now connected/);

    const list = await api(base, 'POST', '/api/connections/list', token, { client_id: client.body.id });
    assert.equal(list.body.data[0].status, 'connected');
    const pull = await api(base, 'POST', '/api/topology/pull', token, { client_id: client.body.id, wait_seconds: 120 });
    assert.equal(pull.status, 200, JSON.stringify(pull.body));
    assert.ok(pull.body.objects_count > 1000);
    const got = await api(base, 'POST', '/api/topology/get', token, {
      client_id: client.body.id,
      object_names: ['Account'],
    });
    assert.equal(got.status, 200);
    assert.ok(got.body.snapshot.objects.Account.fields.length > 50);
  } finally {
    await browser.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
