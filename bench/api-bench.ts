import autocannon from 'autocannon';
import { call, startApi } from './api-server.ts';

export interface BenchRow {
  database: string;
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(
  url: string,
  opts: { path: string; method: 'GET' | 'POST'; bearer: string; body?: string },
  seconds: number,
): Promise<Omit<BenchRow, 'database' | 'name'>> {
  const result = await autocannon({
    url: url + opts.path,
    method: opts.method,
    connections: 50,
    duration: seconds,
    headers: { authorization: `Bearer ${opts.bearer}`, ...(opts.body ? { 'content-type': 'application/json' } : {}) },
    ...(opts.body ? { body: opts.body } : {}),
  });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** auth/me with an API token and with a session token, and clients/list, at 50 connections. */
export async function apiBench(
  database: 'pglite' | 'postgres',
  databaseUrl: string | null,
  seconds: number,
): Promise<BenchRow[]> {
  const api = await startApi(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    const sa = api.superAdminSecret;
    const slug = `bench-${Date.now().toString(36)}`;
    const org = await call(api.url, '/api/super-admin/orgs', { name: 'Bench', slug }, sa);
    const password = 'bench passphrase 123';
    const user = await call(
      api.url,
      '/api/super-admin/users',
      { org_id: org.id, email: 'bench@example.com', password, role: 'org_admin' },
      sa,
    );
    const { token } = await call(api.url, '/api/super-admin/tokens', { org_id: org.id, user_id: user.id }, sa);
    for (let i = 0; i < 20; i++) await call(api.url, '/api/clients/create', { name: `Client ${i}` }, token);
    const session = await call(api.url, '/api/auth/login', { email: 'bench@example.com', password, org_slug: slug });
    // Warm up the JIT and connection pools before measuring.
    await load(api.url, { path: '/api/auth/me', method: 'GET', bearer: token }, 2);
    const rows: BenchRow[] = [];
    rows.push({
      database,
      name: 'GET /api/auth/me (API token)',
      ...(await load(api.url, { path: '/api/auth/me', method: 'GET', bearer: token }, seconds)),
    });
    rows.push({
      database,
      name: 'GET /api/auth/me (session JWT)',
      ...(await load(api.url, { path: '/api/auth/me', method: 'GET', bearer: session.access_token }, seconds)),
    });
    rows.push({
      database,
      name: 'POST /api/clients/list (20 clients)',
      ...(await load(api.url, { path: '/api/clients/list', method: 'POST', bearer: token, body: '{}' }, seconds)),
    });
    return rows;
  } finally {
    await api.stop();
  }
}
