import assert from 'node:assert/strict';
import { test } from 'node:test';
import { get } from './helpers/http.ts';
import { startTestApp } from './helpers/test-app.ts';

test('health really checks the database: ok, then 503 when it is gone', async () => {
  const t = await startTestApp();
  const ok = await get(t, '/health');
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, { status: 'ok', checks: { database: 'ok', jobs: 'ok' }, version: t.config.version });
  assert.ok(ok.headers['x-request-id']);
  await t.runtime.jobs.stop();
  await t.runtime.db.close();
  const down = await get(t, '/health');
  assert.equal(down.status, 503);
  assert.equal(down.body.status, 'degraded');
  assert.equal(down.body.checks.database, 'down');
  await t.app.close();
});
