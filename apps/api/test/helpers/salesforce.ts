import { randomBytes } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '@sfx/salesforce-emulator';
import type { TestApp } from './test-app.ts';
import { post } from './http.ts';

/** What the engine believes its public URL is in tests (the callback is driven through inject). */
export const TEST_PUBLIC_URL = 'http://127.0.0.1:3999';
export const CALLBACK_URL = `${TEST_PUBLIC_URL}/api/connections/oauth/callback`;

export interface TestSalesforce {
  emu: RunningEmulator;
  app: { clientId: string; clientSecret: string };
  /** Environment for startTestApp: the engine's connected app, login hosts and SSRF allow-list. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A Salesforce emulator with the engine's connected app registered (in an "ISV" org, like a real
 * connected app installed from its publisher's org), over real HTTP.
 */
export async function startSalesforce(
  opts: { latencyMs?: number; rotateRefreshTokens?: boolean } = {},
): Promise<TestSalesforce> {
  const emu = await startEmulator({
    port: 0,
    seed: 'none',
    ...(opts.latencyMs ? { latency: { fixedMs: opts.latencyMs } } : {}),
  });
  const app = {
    clientId: `3MVG9test${randomBytes(16).toString('hex')}`,
    clientSecret: randomBytes(24).toString('hex'),
  };
  const owner = await emu.control.createOrg({ name: 'sfdc-engine-x publisher' });
  await emu.control.createConnectedApp(owner.id, {
    name: 'sfdc-engine-x',
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    callbackUrls: [CALLBACK_URL],
    ...(opts.rotateRefreshTokens ? { rotateRefreshTokens: true } : {}),
  });
  const host = new URL(emu.url).host;
  return {
    emu,
    app,
    env: {
      SALESFORCE_CLIENT_ID: app.clientId,
      SALESFORCE_CLIENT_SECRET: app.clientSecret,
      SALESFORCE_LOGIN_URL: emu.url,
      SALESFORCE_SANDBOX_LOGIN_URL: emu.url,
      SALESFORCE_ALLOWED_HOSTS: host,
      PUBLIC_URL: TEST_PUBLIC_URL,
    },
    close: () => emu.close(),
  };
}

/** A client's own Salesforce org (the full base schema), with an admin who can authorise. */
export async function newSalesforceOrg(sf: TestSalesforce, settings: Record<string, unknown> = {}) {
  const username = `admin-${randomBytes(4).toString('hex')}@client.example.com`;
  const password = 'client-org-password-1';
  const org = await sf.emu.control.createOrg({ name: 'Client org', admin: { username, password }, ...settings });
  return { orgId: org.id as string, username, password };
}

/**
 * Runs the whole web-server flow as a browser would: connections/create → authorize_url on the
 * emulator (auto-approved as `username`) → redirect to the engine's callback → result page.
 */
export async function connectClient(
  t: TestApp,
  sf: TestSalesforce,
  bearer: string,
  clientId: string,
  username: string,
): Promise<{ outcome: string; connectionId: string; resultLocation: string }> {
  const created = await post(t, '/api/connections/create', { client_id: clientId }, bearer);
  if (created.status !== 200) throw new Error(`connections/create → ${created.status} ${created.raw}`);
  await sf.emu.control.setAutoApprove(username);
  const auth = await fetch(created.body.authorize_url, { redirect: 'manual' });
  const location = auth.headers.get('location');
  await sf.emu.control.setAutoApprove(null);
  if (auth.status !== 302 || !location) throw new Error(`authorize → ${auth.status}`);
  const back = new URL(location);
  const cb = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
  const resultLocation = String(cb.headers.location ?? '');
  return {
    outcome: new URL(resultLocation, TEST_PUBLIC_URL).searchParams.get('outcome') ?? '',
    connectionId: created.body.id,
    resultLocation,
  };
}
