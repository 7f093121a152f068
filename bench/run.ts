import { spawnSync } from 'node:child_process';
import { apiBench, type BenchRow } from './api-bench.ts';
import { crmBench } from './crm-bench.ts';
import { topologyBench } from './topology-bench.ts';

// `npm run bench`: numbers and ratios, never pass/fail assertions. Load generator and server share
// this machine (2 cores here), so absolute figures are conservative.
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function pgAvailable(): string | null {
  const db = `sfx_bench_${Date.now().toString(36)}`;
  const r = spawnSync('psql', [pgUrl, '-qc', `create database ${db}`], { encoding: 'utf8' });
  return r.status === 0 ? pgUrl.replace(/\/[^/]*$/, `/${db}`) : null;
}

function dropDb(url: string): void {
  const db = url.split('/').pop();
  spawnSync('psql', [pgUrl, '-qc', `drop database if exists ${db} with (force)`]);
}

function print(rows: BenchRow[]): void {
  console.log(`\nAPI throughput, 50 connections, ${seconds} s each`);
  console.log('database  | route                                 |   req/s |  p50 ms |  p99 ms | errors');
  console.log('----------|---------------------------------------|---------|---------|---------|-------');
  for (const r of rows) {
    console.log(
      `${r.database.padEnd(9)} | ${r.name.padEnd(37)} | ${String(r.reqPerSec).padStart(7)} | ` +
        `${String(r.p50).padStart(7)} | ${String(r.p99).padStart(7)} | ${r.errors}`,
    );
  }
  const target = rows.find((r) => r.database === 'postgres' && r.name.includes('API token'));
  if (target) {
    console.log(
      `\ntarget (PostgreSQL, auth/me with an API token): ≥ 5000 req/s and p99 ≤ 25 ms → ${target.reqPerSec} req/s ` +
        `(${(target.reqPerSec / 5000).toFixed(2)}× target), p99 ${target.p99} ms`,
    );
  }
}

const only = process.argv[2]; // `npm run bench -- api` or `-- topology`

if (!only || only === 'api') {
  const rows: BenchRow[] = [];
  rows.push(...(await apiBench('pglite', null, seconds)));
  const pg = pgAvailable();
  if (pg) {
    try {
      rows.push(...(await apiBench('postgres', pg, seconds)));
    } finally {
      dropDb(pg);
    }
  } else {
    console.log('PostgreSQL not reachable at BENCH_DATABASE_URL; skipping the PostgreSQL rows');
  }
  print(rows);
}

if (!only || only === 'topology') {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 100);
  const r = await topologyBench({ latencyMs, databaseUrl: null });
  console.log(
    `\nTopology pull of the emulator's full-size org (${latencyMs} ms added to every Salesforce call), embedded PGlite`,
  );
  console.log('run                                           | API calls |    wall ms | stored bytes');
  console.log('----------------------------------------------|-----------|------------|-------------');
  for (const row of r.rows)
    console.log(
      `${row.name.padEnd(45)} | ${String(row.calls).padStart(9)} | ${String(row.ms).padStart(10)} | ${row.storedBytes ?? '-'}`,
    );
  console.log('');
  for (const line of r.lines) console.log(line);
}

if (!only || only === 'crm') {
  for (const line of await crmBench({ iterations: Number(process.env.BENCH_CRM_ITERATIONS ?? 300) })) console.log(line);
}
