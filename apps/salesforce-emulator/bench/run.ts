// npm run bench -w apps/salesforce-emulator
// Measures the emulator in its own process: simple REST calls per second, describe latency, a selective
// SOQL query over 100k Accounts, and the process's RSS with those records loaded. Prints each number
// with its target.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EmulatorControl } from '../src/index.ts';
import { deployBench } from './deploy-bench.ts';
import { bulkBench } from './bulk-bench.ts';

const VERSION = '62.0';
const child = spawn(process.execPath, [path.join(import.meta.dirname, 'server.ts')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
const { url, controlToken, demo } = JSON.parse(first) as {
  url: string;
  controlToken: string;
  demo: { orgId: string; username: string; password: string; clientId: string; clientSecret: string };
};
const control = new EmulatorControl(url, controlToken);

const tokenRes = await fetch(`${url}/services/oauth2/token`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'password',
    client_id: demo.clientId,
    client_secret: demo.clientSecret,
    username: demo.username,
    password: demo.password,
  }),
});
const { access_token: token } = (await tokenRes.json()) as { access_token: string };
await control.updateOrg(demo.orgId, { apiDailyLimit: 100_000_000 });
const headers = { Authorization: `Bearer ${token}` };
const get = async (p: string) => {
  const res = await fetch(`${url}/services/data/v${VERSION}/${p}`, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${p}: ${res.status}`);
};

const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const rows: Array<[string, string, string, boolean]> = [];
const report = (name: string, value: string, target: string, ok: boolean) => rows.push([name, value, target, ok]);

// 1. Simple REST calls per second: retrieve one record, 32 concurrent clients, 5 seconds.
const { firstId } = await control.seedRecords(demo.orgId, {
  object: 'Account',
  count: 1,
  template: { Name: 'Bench Target' },
});
const simple = `sobjects/Account/${firstId}?fields=Name`;
for (let i = 0; i < 500; i++) await get(simple);
let done = 0;
const until = performance.now() + 5000;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (performance.now() < until) {
      await get(simple);
      done++;
    }
  }),
);
const rps = done / 5;
report('Simple REST calls (GET record)', `${rps.toFixed(0)} /s`, '>= 2,000 /s', rps >= 2000);

// 2. Describe latency of a standard object (cached JSON after the first call).
const t0 = performance.now();
await get('sobjects/Opportunity/describe');
const firstDescribe = performance.now() - t0;
const describeTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await get('sobjects/Account/describe');
  describeTimes.push(performance.now() - t);
}
report(
  'Describe Account (median, p95)',
  `${median(describeTimes).toFixed(2)} ms, ${p95(describeTimes).toFixed(2)} ms (first Opportunity describe ` +
    `${firstDescribe.toFixed(1)} ms)`,
  '<= 5 ms',
  median(describeTimes) <= 5,
);

// 3. A selective SOQL query over 100k Accounts.
const seedStart = performance.now();
await control.seedRecords(demo.orgId, { object: 'Account', count: 100_000, generator: 'account', seed: 11 });
const seedMs = performance.now() - seedStart;
const soql = encodeURIComponent("SELECT Id, Name, Industry FROM Account WHERE Name = 'Bench Target'");
const queryTimes: number[] = [];
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  await get(`query?q=${soql}`);
  queryTimes.push(performance.now() - t);
}
report(
  'Selective SOQL over 100k Accounts (median)',
  `${median(queryTimes).toFixed(1)} ms (seeding 100k took ${(seedMs / 1000).toFixed(1)} s)`,
  '<= 200 ms',
  median(queryTimes) <= 200,
);

// 4. RSS with 100k Accounts loaded (after a full topology-style describe of every object).
const names = (
  (await (await fetch(`${url}/services/data/v${VERSION}/sobjects`, { headers })).json()) as {
    sobjects: Array<{ name: string }>;
  }
).sobjects.map((s) => s.name);
for (let i = 0; i < names.length; i += 25) {
  const res = await fetch(`${url}/services/data/v${VERSION}/composite`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      compositeRequest: names.slice(i, i + 25).map((n, j) => ({
        method: 'GET',
        url: `/services/data/v${VERSION}/sobjects/${n}/describe`,
        referenceId: `d${j}`,
      })),
    }),
  });
  await res.arrayBuffer();
}
const rss = rssMb();
report('RSS with 100k Accounts (after describing all 1,254 objects)', `${rss.toFixed(0)} MB`, '<= 500 MB', rss <= 500);

child.kill('SIGTERM');

// 5. Metadata API: a 50-object × 10-field deploy (its own in-process emulator; see deploy-bench.ts).
const deployed = await deployBench();
report(deployed.name, deployed.value, deployed.target, deployed.ok);

// 6. Bulk API 2.0: a 200,000-row ingest in its own emulator process (see bulk-bench.ts).
for (const r of await bulkBench()) report(r.name, r.value, r.target, r.ok);
const width = Math.max(...rows.map((r) => r[0].length));
console.log('\nSalesforce emulator benchmark');
for (const [name, value, target, ok] of rows)
  console.log(`${ok ? 'PASS' : 'MISS'}  ${name.padEnd(width)}  ${value}  (target ${target})`);
process.exitCode = rows.every((r) => r[3]) ? 0 : 1;
