// Test helpers: one emulator per test file, an org with a user and a connected app, and a small
// HTTP client that returns status, headers and parsed body. Tests talk HTTP only.
import { startEmulator, type RunningEmulator } from '../src/index.ts';

export const VERSION = '62.0';
export const D = `/services/data/v${VERSION}`;

export interface TestOrg {
  orgId: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  token: string;
}

let counter = 0;

export async function emulator(): Promise<RunningEmulator> {
  return startEmulator({ port: 0, seed: 'none' });
}

/** A fresh org with its own user and app, and an access token from the password grant. */
export async function newOrg(emu: RunningEmulator, settings: Record<string, unknown> = {}): Promise<TestOrg> {
  const n = ++counter;
  const username = `user${n}.${process.pid}@test-org.example.com`;
  const password = `Pw-${n}-secret`;
  const org = await emu.control.createOrg({
    name: `Test Org ${n}`,
    admin: { username, password, firstName: 'Test', lastName: `User${n}` },
    ...settings,
  });
  const callbackUrl = `http://localhost:3000/callback/${n}`;
  const app = await emu.control.createConnectedApp(org.id, { name: `App ${n}`, callbackUrls: [callbackUrl] });
  const token = await passwordToken(emu, app.clientId, app.clientSecret, username, password);
  return {
    orgId: org.id,
    username,
    password,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    callbackUrl,
    token,
  };
}

export async function passwordToken(
  emu: RunningEmulator,
  clientId: string,
  clientSecret: string,
  username: string,
  password: string,
): Promise<string> {
  const res = await fetch(`${emu.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: clientId,
      client_secret: clientSecret,
      username,
      password,
    }),
  });
  const body = (await res.json()) as { access_token: string };
  if (!res.ok) throw new Error(`token: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = any>(
  emu: RunningEmulator,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(`${emu.url}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** A caller bound to one org's token. */
export function api(emu: RunningEmulator, org: TestOrg) {
  return <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call<T>(emu, method, path.startsWith('/') ? path : `${D}/${path}`, { token: org.token, body, headers });
}
