import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmulatorControl } from '@sfx/salesforce-emulator';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config/load-config.ts';
import { storedBytes } from '../apps/api/src/modules/topology/topology.repo.ts';
import { createRuntime } from '../apps/api/src/runtime.ts';
import { freePort } from './api-server.ts';

const root = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TopologyBenchResult {
  rows: Array<{ name: string; calls: number; ms: number; storedBytes: number | null }>;
  lines: string[];
}

/** The emulator in its own process, so its CPU is not the engine's. */
export async function startEmulatorProcess(latencyMs: number) {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'apps/salesforce-emulator/src/cli.ts'),
      '--port',
      String(port),
      '--seed',
      'none',
      '--latency',
      String(latencyMs),
      '--control-token',
      token,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`emulator exited ${c}`)));
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('listening') && resolve());
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    control: new EmulatorControl(url, token),
    stop: () =>
      new Promise((r) => {
        child.kill('SIGTERM');
        child.once('exit', r);
      }),
  };
}

export async function topologyBench(opts: {
  latencyMs: number;
  databaseUrl: string | null;
}): Promise<TopologyBenchResult> {
  const emu = await startEmulatorProcess(opts.latencyMs);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-topo-bench-'));
  const apiPort = await freePort();
  const publicUrl = `http://127.0.0.1:${apiPort}`;
  const app = {
    clientId: `3MVG9bench${randomBytes(12).toString('hex')}`,
    clientSecret: randomBytes(16).toString('hex'),
  };
  const isv = await emu.control.createOrg({ name: 'publisher' });
  await emu.control.createConnectedApp(isv.id, {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    callbackUrls: [`${publicUrl}/api/connections/oauth/callback`],
  });
  const clientOrg = await emu.control.createOrg({
    name: 'Full-size client org',
    admin: { username: `bench-${randomBytes(3).toString('hex')}@client.example.com`, password: 'bench-password-1' },
  });
  const { config } = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    DATABASE_URL: opts.databaseUrl ?? undefined,
    SALESFORCE_CLIENT_ID: app.clientId,
    SALESFORCE_CLIENT_SECRET: app.clientSecret,
    SALESFORCE_LOGIN_URL: emu.url,
    SALESFORCE_ALLOWED_HOSTS: new URL(emu.url).host,
    PUBLIC_URL: publicUrl,
  });
  const rt = await createRuntime(config, { workers: true });
  const api = await buildApp(rt);
  await api.listen({ host: '127.0.0.1', port: apiPort });
  const call = async (route: string, body: unknown, bearer: string) => {
    const r = await fetch(publicUrl + route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });
    return (await r.json()) as any;
  };
  const rows: TopologyBenchResult['rows'] = [];
  try {
    const sa = config.secrets.superAdminSecret;
    const org = await call('/api/super-admin/orgs', { name: 'Bench', slug: `bench-${Date.now().toString(36)}` }, sa);
    const user = await call(
      '/api/super-admin/users',
      { org_id: org.id, email: 'b@bench.io', password: 'bench passphrase', role: 'org_admin' },
      sa,
    );
    const { token } = await call('/api/super-admin/tokens', { org_id: org.id, user_id: user.id }, sa);
    const client = await call('/api/clients/create', { name: 'Client' }, token);
    const conn = await call('/api/connections/create', { client_id: client.id }, token);
    await emu.control.setAutoApprove(clientOrg.admin!.username);
    const auth = await fetch(conn.authorize_url, { redirect: 'manual' });
    await fetch(auth.headers.get('location')!, { redirect: 'manual' });
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
    const connRow = await rt.db.system
      .selectFrom('crm_connections')
      .select('id')
      .where('client_id', '=', client.id)
      .executeTakeFirstOrThrow();
    const creds = await rt.services.tokens.current(org.id, connRow.id);
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
    await api.close();
    await rt.close();
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
