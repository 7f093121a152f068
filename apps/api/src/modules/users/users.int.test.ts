import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  appWithTwoTenants,
  createTenant,
  login,
  PASSWORD,
  uniq,
  type Tenant,
} from '../../../test/helpers/factories.ts';
import { get, post } from '../../../test/helpers/http.ts';
import type { TestApp } from '../../../test/helpers/test-app.ts';

describe('users', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  before(async () => ({ t, a, b } = await appWithTwoTenants()));
  after(() => t.close());
  const email = () => `${uniq('u')}@example.com`;

  test('create returns the contract fields and never the password', async () => {
    const res = await post(
      t,
      '/api/users/create',
      { email: email(), name: 'Ann', password: PASSWORD, role: 'company_admin', client_id: a.clientId },
      a.adminToken,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), [
      'client_id',
      'created_at',
      'email',
      'id',
      'name',
      'org_id',
      'role',
    ]);
    assert.equal(res.body.org_id, a.orgId);
    assert.ok(!res.raw.includes(PASSWORD));
  });

  test('emails are case-insensitive and unique per org (409), not across orgs', async () => {
    const e = email();
    assert.equal(
      (await post(t, '/api/users/create', { email: e, password: PASSWORD, role: 'org_admin' }, a.adminToken)).status,
      200,
    );
    const dup = await post(
      t,
      '/api/users/create',
      { email: e.toUpperCase(), password: PASSWORD, role: 'org_admin' },
      a.adminToken,
    );
    assert.equal(dup.status, 409);
    assert.equal(
      (await post(t, '/api/users/create', { email: e, password: PASSWORD, role: 'org_admin' }, b.adminToken)).status,
      200,
    );
  });

  test('role and client rules: org_admin without client (400), company roles with one (400), foreign client 404', async () => {
    const withClient = await post(
      t,
      '/api/users/create',
      { email: email(), password: PASSWORD, role: 'org_admin', client_id: a.clientId },
      a.adminToken,
    );
    assert.equal(withClient.status, 400);
    assert.equal(withClient.body.error.code, 'invalid_request');
    const noClient = await post(
      t,
      '/api/users/create',
      { email: email(), password: PASSWORD, role: 'company_member' },
      a.adminToken,
    );
    assert.equal(noClient.status, 400);
    const foreign = await post(
      t,
      '/api/users/create',
      { email: email(), password: PASSWORD, role: 'company_member', client_id: b.clientId },
      a.adminToken,
    );
    assert.equal(foreign.status, 404);
  });

  test('a short password or an unknown role is a 422', async () => {
    assert.equal(
      (await post(t, '/api/users/create', { email: email(), password: 'short', role: 'org_admin' }, a.adminToken))
        .status,
      422,
    );
    assert.equal(
      (await post(t, '/api/users/create', { email: email(), password: PASSWORD, role: 'owner' }, a.adminToken)).status,
      422,
    );
    assert.equal(
      (
        await post(
          t,
          '/api/users/create',
          { email: 'not-an-email', password: PASSWORD, role: 'org_admin' },
          a.adminToken,
        )
      ).status,
      422,
    );
  });

  test("list shows the org's users only", async () => {
    const res = await post(t, '/api/users/list', {}, a.adminToken);
    assert.equal(res.status, 200);
    assert.ok(res.body.data.every((u: { org_id: string }) => u.org_id === a.orgId));
    assert.ok(res.body.data.some((u: { id: string }) => u.id === a.companyMember.id));
  });

  test('update moves a company user to another client and takes effect on their token within a second', async () => {
    const u = await post(
      t,
      '/api/users/create',
      { email: email(), password: PASSWORD, role: 'company_member', client_id: a.clientId },
      a.adminToken,
    );
    const tok = await post(t, '/api/super-admin/tokens', { org_id: a.orgId, user_id: u.body.id }, t.superAdminSecret);
    assert.equal((await get(t, '/api/auth/me', tok.body.token)).body.client_id, a.clientId);
    const res = await post(
      t,
      '/api/users/update',
      { id: u.body.id, client_id: a.otherClientId, role: 'company_admin' },
      a.adminToken,
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.role, 'company_admin');
    await new Promise((r) => setTimeout(r, 1100));
    const me = await get(t, '/api/auth/me', tok.body.token);
    assert.equal(me.body.client_id, a.otherClientId);
    assert.equal(me.body.role, 'company_admin');
  });

  test("promoting to org_admin drops the client; another org's user is a 404", async () => {
    const u = await post(
      t,
      '/api/users/create',
      { email: email(), password: PASSWORD, role: 'company_member', client_id: a.clientId },
      a.adminToken,
    );
    const res = await post(t, '/api/users/update', { id: u.body.id, role: 'org_admin' }, a.adminToken);
    assert.equal(res.status, 200);
    assert.equal(res.body.client_id, null);
    assert.equal((await post(t, '/api/users/update', { id: b.adminId, name: 'x' }, a.adminToken)).status, 404);
  });

  test('deactivate revokes sessions and tokens at once; the last org_admin is protected', async () => {
    const e = email();
    const u = await post(
      t,
      '/api/users/create',
      { email: e, password: PASSWORD, role: 'company_member', client_id: a.clientId },
      a.adminToken,
    );
    const tok = await post(t, '/api/super-admin/tokens', { org_id: a.orgId, user_id: u.body.id }, t.superAdminSecret);
    const session = await login(t, e, a.slug);
    assert.equal(session.status, 200);
    assert.equal((await get(t, '/api/auth/me', session.body.access_token)).status, 200);
    const d = await post(t, '/api/users/deactivate', { id: u.body.id }, a.adminToken);
    assert.equal(d.status, 200);
    assert.equal(d.body.is_active, false);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await get(t, '/api/auth/me', tok.body.token)).status, 401);
    assert.equal((await get(t, '/api/auth/me', session.body.access_token)).status, 401);
    assert.equal((await post(t, '/api/auth/refresh', { refresh_token: session.body.refresh_token }, null)).status, 401);
    assert.equal((await login(t, e, a.slug)).status, 401);

    const solo = await createTenant(t);
    const last = await post(t, '/api/users/deactivate', { id: solo.adminId }, solo.adminToken);
    assert.equal(last.status, 409);
    const demote = await post(
      t,
      '/api/users/update',
      { id: solo.adminId, role: 'company_admin', client_id: solo.clientId },
      solo.adminToken,
    );
    assert.equal(demote.status, 409);
  });
});
