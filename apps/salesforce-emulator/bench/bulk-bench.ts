// Bulk API 2.0 benchmark: a 200,000-row × 5-column insert job, from job creation to JobComplete, in
// its own emulator process so the peak RSS is the emulator's. While the job runs, a GET /limits
// every 100 ms measures how responsive the server stays. Targets: ≤ 30 s, RSS ≤ 1 GB.
// Run by bench/run.ts, or alone: node ../../scripts/launch.cjs bench/bulk-bench.ts
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EmulatorControl } from '../src/index.ts';

const ROWS = 200_000;
const VERSION = '62.0';

export interface BenchRow {
  name: string;
  value: string;
  target: string;
  ok: boolean;
}

function csv(): string {
  const industries = ['Technology', 'Banking', 'Retail', 'Energy', 'Media'];
  const lines = ['Name,Industry,NumberOfEmployees,AnnualRevenue,Description'];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `Bulk Bench ${i},${industries[i % 5]},${i % 10_000},${(i * 1234.5).toFixed(2)},"Row ${i}, loaded by the bench"`,
    );
  return `${lines.join('\n')}\n`;
}

export async function bulkBench(): Promise<BenchRow[]> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', resolve),
    );
    const { url, controlToken, demo } = JSON.parse(first) as {
      url: string;
      controlToken: string;
      demo: { orgId: string; username: string; password: string; clientId: string; clientSecret: string };
    };
    const control = new EmulatorControl(url, controlToken);
    await control.updateOrg(demo.orgId, { apiDailyLimit: 100_000_000 });
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
    const auth = { Authorization: `Bearer ${((await tokenRes.json()) as { access_token: string }).access_token}` };
    const base = `${url}/services/data/v${VERSION}/jobs/ingest`;
    const rssMb = () =>
      Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
    const body = csv();
    let peak = rssMb();
    const started = performance.now();
    const job = (await (
      await fetch(base, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ object: 'Account', operation: 'insert' }),
      })
    ).json()) as { id: string };
    const put = await fetch(`${base}/${job.id}/batches`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'text/csv' },
      body,
    });
    if (put.status !== 201) throw new Error(`upload: ${put.status} ${await put.text()}`);
    await (
      await fetch(`${base}/${job.id}`, {
        method: 'PATCH',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ state: 'UploadComplete' }),
      })
    ).arrayBuffer();
    const latencies: number[] = [];
    let info: { state: string; numberRecordsProcessed: number; numberRecordsFailed: number };
    for (;;) {
      const t = performance.now();
      await (await fetch(`${url}/services/data/v${VERSION}/limits`, { headers: auth })).arrayBuffer();
      latencies.push(performance.now() - t);
      info = (await (await fetch(`${base}/${job.id}`, { headers: auth })).json()) as typeof info;
      peak = Math.max(peak, rssMb());
      if (info.state === 'JobComplete' || info.state === 'Failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, rssMb());
    const done = info.state === 'JobComplete' && info.numberRecordsProcessed === ROWS && info.numberRecordsFailed === 0;
    const worst = Math.max(...latencies);
    return [
      {
        name: 'Bulk 2.0 ingest 200,000 rows × 5 columns',
        value:
          `${seconds.toFixed(1)} s (${info.state}, ${info.numberRecordsProcessed} processed, ` +
          `${info.numberRecordsFailed} failed)`,
        target: '<= 30 s',
        ok: done && seconds <= 30,
      },
      {
        name: 'Peak emulator RSS during that ingest',
        value: `${peak.toFixed(0)} MB`,
        target: '<= 1,024 MB',
        ok: peak <= 1024,
      },
      {
        name: 'Slowest GET /limits while the job ran',
        value: `${worst.toFixed(0)} ms over ${latencies.length} calls`,
        target: '<= 250 ms',
        ok: worst <= 250,
      },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}

if (import.meta.main) {
  for (const r of await bulkBench())
    console.log(`${r.ok ? 'PASS' : 'MISS'}  ${r.name}  ${r.value}  (target ${r.target})`);
}
