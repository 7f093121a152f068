import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config/load-config.ts';
import { createRuntime } from '../apps/api/src/runtime.ts';
import { freePort } from './api-server.ts';
import { startEmulatorProcess } from './topology-bench.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * The engine's overhead on a CRM read: the same query sent straight to the emulator (raw Salesforce
 * call) and through query/soql and crm/search, interleaved, sequential, the emulator with 0 ms latency
 * in its own process. Overhead = median(engine) − median(raw).
 */
export async function crmBench(opts: { iterations: number }): Promise<string[]> {
  const emu = await startEmulatorProcess(0);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-crm-bench-'));
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
  const username = `bench-${randomBytes(3).toString('hex')}@client.example.com`;
  const clientOrg = await emu.control.createOrg({ name: 'Client', admin: { username, password: 'bench-password-1' } });
  await emu.control.insertRecords(
    clientOrg.id,
    'Account',
    Array.from({ length: 1000 }, (_, i) => ({ Name: `Acme ${i}`, NumberOfEmployees: i })),
  );
  const { config } = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
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
    const json = (await r.json()) as any;
    if (r.status !== 200) throw new Error(`${route} → ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
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
    await emu.control.setAutoApprove(username);
    const auth = await fetch(conn.authorize_url, { redirect: 'manual' });
    await fetch(auth.headers.get('location') as string, { redirect: 'manual' });
    await call('/api/topology/pull', { client_id: client.id, wait_seconds: 300 }, token);
    const connRow = await rt.db.system
      .selectFrom('crm_connections')
      .select(['id', 'api_version'])
      .where('client_id', '=', client.id)
      .executeTakeFirstOrThrow();
    const creds = await rt.services.tokens.current(org.id, connRow.id);

    const soql = "SELECT Id, Name, Owner.Name FROM Account WHERE Name = 'Acme 500' AND NumberOfEmployees >= 10";
    const raw = async () => {
      const q = `${creds.instanceUrl}/services/data/v${connRow.api_version}/query?q=${encodeURIComponent(soql)}`;
      const r = await fetch(q, { headers: { authorization: `Bearer ${creds.accessToken}` } });
      await r.json();
    };
    const viaSoql = () => call('/api/query/soql', { client_id: client.id, soql }, token);
    const viaSearch = () =>
      call(
        '/api/crm/search',
        {
          client_id: client.id,
          object_name: 'Account',
          fields: ['Id', 'Name', 'Owner.Name'],
          filters: [
            { field: 'Name', op: 'eq', value: 'Acme 500' },
            { field: 'NumberOfEmployees', op: 'gte', value: 10 },
          ],
        },
        token,
      );
    const times = { raw: [] as number[], soql: [] as number[], search: [] as number[] };
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    for (let i = 0; i < 30; i++) {
      await raw();
      await viaSoql();
      await viaSearch();
    }
    for (let i = 0; i < opts.iterations; i++) {
      times.raw.push(await time(raw));
      times.soql.push(await time(viaSoql));
      times.search.push(await time(viaSearch));
    }
    const r = median(times.raw);
    const s = median(times.soql);
    const c = median(times.search);
    return [
      `\nCRM reads: one selective Account query, ${opts.iterations} sequential calls each (emulator 0 ms latency, own process; PGlite)`,
      `raw Salesforce call (emulator /query):  median ${r.toFixed(2)} ms`,
      `query/soql through the engine:           median ${s.toFixed(2)} ms → overhead ${(s - r).toFixed(2)} ms (target ≤ 5)`,
      `crm/search through the engine:           median ${c.toFixed(2)} ms → overhead ${(c - r).toFixed(2)} ms (target ≤ 5)`,
    ];
  } finally {
    await api.close();
    await rt.close();
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
