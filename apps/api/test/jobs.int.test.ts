import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { startTestApp as start } from './helpers/test-app.ts';

// Each test gets its own pg-boss schema, so on a shared PostgreSQL no other test's workers take its jobs.
let n = 0;
const schema = `pgboss_t${process.pid}_${Date.now().toString(36)}`;
function startTestApp(opts: Parameters<typeof start>[0] = {}, keep = false) {
  if (!keep) n++;
  return start({ ...opts, jobsSchema: `${schema}_${n}` });
}

test('a job runs in-process and records its output', async () => {
  const t = await startTestApp();
  try {
    const id = await t.runtime.jobs.send('demo.echo', { message: 'hello' });
    const job = await t.runtime.jobs.waitFor('demo.echo', id, 15_000);
    assert.equal(job?.state, 'completed');
    assert.deepEqual(job?.output, { echoed: 'hello', attempts: 1 });
  } finally {
    await t.close();
  }
});

test('a failing job is retried with backoff until it succeeds', async () => {
  const t = await startTestApp();
  try {
    const id = await t.runtime.jobs.send('demo.echo', { message: 'flaky', fail_times: 1 });
    const job = await t.runtime.jobs.waitFor('demo.echo', id, 30_000);
    assert.equal(job?.state, 'completed');
    assert.deepEqual(job?.output, { echoed: 'flaky', attempts: 2 });
  } finally {
    await t.close();
  }
});

test('an invalid payload is refused when queued, and failed for good (no retries) if it reaches a worker', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-jobs-'));
  try {
    const first = await startTestApp({ dataDir, workers: false });
    await assert.rejects(first.runtime.jobs.send('demo.echo', { message: 42 }), /invalid payload/);
    // A row whose payload no longer matches (e.g. queued by an older version) must not retry forever.
    const id = await first.runtime.jobs.send('demo.echo', { message: 'ok' });
    await sql`update ${sql.id(`${schema}_${n}`)}.job set data = '{"message": 42}'::jsonb where id = ${id}::uuid`.execute(
      first.runtime.db.system,
    );
    await first.close();
    const second = await startTestApp({ dataDir, workers: true }, true);
    try {
      const job = await second.runtime.jobs.waitFor('demo.echo', id, 15_000);
      assert.equal(job?.state, 'failed');
      assert.equal(job?.retryCount, 0);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a job queued before a restart runs after it', async () => {
  // On PGlite the database lives in a data folder; on PostgreSQL it is the shared test database.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-jobs-'));
  try {
    const first = await startTestApp({ dataDir, workers: false });
    const id = await first.runtime.jobs.send('demo.echo', { message: 'survivor' });
    assert.equal((await first.runtime.jobs.get('demo.echo', id))?.state, 'created');
    await first.close();

    const second = await startTestApp({ dataDir, workers: true }, true);
    try {
      const job = await second.runtime.jobs.waitFor('demo.echo', id, 20_000);
      assert.equal(job?.state, 'completed');
      assert.deepEqual(job?.output, { echoed: 'survivor', attempts: 1 });
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
