import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { post } from './http.ts';
import { startTestApp, type TestApp } from './test-app.ts';

export const PASSWORD = 'correct horse battery staple';

export function uniq(prefix = 't'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface Tenant {
  orgId: string;
  slug: string;
  adminId: string;
  adminEmail: string;
  /** An API token of the org admin. */
  adminToken: string;
  clientId: string;
  /** A second client of the same org. */
  otherClientId: string;
  companyAdmin: { id: string; email: string; token: string };
  companyMember: { id: string; email: string; token: string };
}

async function ok(t: TestApp, url: string, body: unknown, bearer: string) {
  const res = await post(t, url, body, bearer);
  assert.equal(res.status, 200, `${url} → ${res.status} ${res.raw}`);
  return res.body;
}

/** A complete tenant: org, org_admin + token, two clients, a company_admin and a company_member of the first client. */
export async function createTenant(t: TestApp): Promise<Tenant> {
  const slug = uniq('org');
  const sa = t.superAdminSecret;
  const org = await ok(t, '/api/super-admin/orgs', { name: `Org ${slug}`, slug }, sa);
  const adminEmail = `${uniq('admin')}@example.com`;
  const admin = await ok(
    t,
    '/api/super-admin/users',
    { org_id: org.id, email: adminEmail, name: 'Admin', password: PASSWORD, role: 'org_admin' },
    sa,
  );
  const { token: adminToken } = await ok(
    t,
    '/api/super-admin/tokens',
    { org_id: org.id, user_id: admin.id, label: 'admin' },
    sa,
  );
  const client = await ok(t, '/api/clients/create', { name: 'Client A' }, adminToken);
  const other = await ok(t, '/api/clients/create', { name: 'Client B' }, adminToken);
  const companyUser = async (role: string) => {
    const email = `${uniq(role)}@example.com`;
    const u = await ok(t, '/api/users/create', { email, password: PASSWORD, role, client_id: client.id }, adminToken);
    const { token } = await ok(t, '/api/super-admin/tokens', { org_id: org.id, user_id: u.id }, sa);
    return { id: u.id as string, email, token: token as string };
  };
  return {
    orgId: org.id,
    slug,
    adminId: admin.id,
    adminEmail,
    adminToken,
    clientId: client.id,
    otherClientId: other.id,
    companyAdmin: await companyUser('company_admin'),
    companyMember: await companyUser('company_member'),
  };
}

export async function login(t: TestApp, email: string, slug: string, password = PASSWORD, remoteAddress?: string) {
  return post(t, '/api/auth/login', { email, password, org_slug: slug }, null, {}, remoteAddress);
}

/** An app on a fresh database with two tenants: the caller's (a) and another organization (b). */
export async function appWithTwoTenants(
  opts: Parameters<typeof startTestApp>[0] = {},
): Promise<{ t: TestApp; a: Tenant; b: Tenant }> {
  const t = await startTestApp(opts);
  return { t, a: await createTenant(t), b: await createTenant(t) };
}
