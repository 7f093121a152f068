import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmulatorControl } from '@sfx/salesforce-emulator';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config/load-config.ts';
import { createRuntime } from '../apps/api/src/runtime.ts';
import { freePort } from './api-server.ts';

const root = path.resolve(import.meta.dirname, '..');

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

export type BenchEmulator = Awaited<ReturnType<typeof startEmulatorProcess>>;

/**
 * The whole bench setup: the emulator in its own process with the engine's connected app and one client org,
 * the engine listening on a free port, an organization with an admin token, and a client whose Salesforce
 * connection went through the real OAuth flow. `seed` fills the client org before it is connected.
 */
export async function startConnectedEngine(opts: {
  latencyMs: number;
  databaseUrl?: string | null;
  clientOrgName: string;
  seed?: (emu: BenchEmulator, orgId: string) => Promise<unknown>;
}) {
  const emu = await startEmulatorProcess(opts.latencyMs);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-bench-'));
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
  const clientOrg = await emu.control.createOrg({
    name: opts.clientOrgName,
    admin: { username, password: 'bench-password-1' },
  });
  await opts.seed?.(emu, clientOrg.id);
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
  const close = async () => {
    await api.close();
    await rt.close();
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  /** POST to the engine; anything but 200 throws with the answer. */
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
    /** The connection's live access token and API version, for calling Salesforce directly (the raw baseline). */
    const salesforce = async () => {
      const row = await rt.db.system
        .selectFrom('crm_connections')
        .select(['id', 'api_version'])
        .where('client_id', '=', client.id)
        .executeTakeFirstOrThrow();
      return { apiVersion: row.api_version, creds: await rt.services.tokens.current(org.id, row.id) };
    };
    return {
      rt,
      call,
      orgId: org.id as string,
      token: token as string,
      clientId: client.id as string,
      salesforce,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
