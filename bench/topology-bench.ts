import { storedBytes } from '../apps/api/src/modules/topology/topology.repo.ts';
import { startConnectedEngine } from './bench-engine.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TopologyBenchResult {
  rows: Array<{ name: string; calls: number; ms: number; storedBytes: number | null }>;
  lines: string[];
}

export async function topologyBench(opts: {
  latencyMs: number;
  databaseUrl: string | null;
}): Promise<TopologyBenchResult> {
  const engine = await startConnectedEngine({
    latencyMs: opts.latencyMs,
    databaseUrl: opts.databaseUrl,
    clientOrgName: 'Full-size client org',
  });
  const { rt, call, token } = engine;
  const org = { id: engine.orgId };
  const client = { id: engine.clientId };
  const rows: TopologyBenchResult['rows'] = [];
  try {
    await sleep(1100); // If-Modified-Since has one-second resolution

    const bytes = () => rt.db.tenant({ orgId: org.id }, (trx) => storedBytes(trx, org.id));
    const pull = async (name: string) => {
      const t0 = performance.now();
      const r = await call('/api/topology/pull', { client_id: client.id, wait_seconds: 300 }, token);
      if (typeof r.api_calls_used !== 'number') throw new Error(`pull failed: ${JSON.stringify(r)}`);
      rows.push({ name, calls: r.api_calls_used, ms: Math.round(performance.now() - t0), storedBytes: await bytes() });
      return r;
    };
    await pull('first pull');
    await sleep(1100);
    await pull('re-pull, unchanged org');
    let calls = 0;
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) calls += (await pull(`re-pull ${i + 3}`)).api_calls_used;
    rows.splice(2, 10, {
      name: 'ten more unchanged re-pulls (total)',
      calls,
      ms: Math.round(performance.now() - t0),
      storedBytes: await bytes(),
    });

    // The original's method: describeGlobal, then one describe per object, 10 at a time.
    const { creds } = await engine.salesforce();
    const get = (p: string) =>
      fetch(`${creds.instanceUrl}/services/data/v62.0${p}`, {
        headers: { authorization: `Bearer ${creds.accessToken}` },
      });
    const n0 = performance.now();
    const names: string[] = (
      (await (await get('/sobjects')).json()) as { sobjects: Array<{ name: string }> }
    ).sobjects.map((s) => s.name);
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < names.length) await (await get(`/sobjects/${names[next++]}/describe`)).arrayBuffer();
      }),
    );
    rows.push({
      name: 'naive: one describe per object, 10 at a time',
      calls: names.length + 1,
      ms: Math.round(performance.now() - n0),
      storedBytes: null,
    });
  } finally {
    await engine.close();
  }
  const [first, again, ten, naive] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  const lines = [
    `first pull ≤ 60 API calls (${first.calls}) and ≥ 3× faster than naive: ${(naive.ms / first.ms).toFixed(1)}× ` +
      `faster, ${(naive.calls / first.calls).toFixed(0)}× fewer calls`,
    `unchanged re-pull ≤ 60 calls: ${again.calls}`,
    `ten unchanged re-pulls store ≤ 1.1× one pull: ${(ten.storedBytes! / first.storedBytes!).toFixed(3)}× ` +
      `(${first.storedBytes} → ${ten.storedBytes} bytes)`,
  ];
  return { rows, lines };
}
