import { PASSWORD, uniq, type Tenant } from './helpers/factories.ts';
import type { TestApp } from './helpers/test-app.ts';

/**
 * Every route's security-suite inputs. The route-walk test fails when a route has no entry here,
 * so a new route cannot ship without its security cases.
 */
export interface CaseContext {
  t: TestApp;
  /** The caller's tenant. */
  a: Tenant;
  /** Another organization. */
  b: Tenant;
}

export interface RouteCase {
  /** A body that succeeds (2xx) for org A's admin; fresh values on every call. */
  valid?: (c: CaseContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** A body naming org B's resources: must be a 404 for org A, indistinguishable from missing. */
  foreign?: (c: CaseContext) => Record<string, unknown>;
  /** A body naming another client of the same org: a 404 for company users of client A. */
  otherClient?: (c: CaseContext) => Record<string, unknown>;
}

const email = () => `${uniq('sec')}@example.com`;

export const ROUTE_CASES: Record<string, RouteCase> = {
  'GET /health': {},
  'GET /.well-known/jwks.json': {},
  'GET /api/auth/me': {},
  'POST /api/auth/login': { valid: ({ a }) => ({ email: a.adminEmail, password: PASSWORD, org_slug: a.slug }) },
  'POST /api/auth/refresh': {},
  'POST /api/auth/logout': { valid: () => ({}) },
  'POST /api/super-admin/orgs': { valid: () => ({ name: 'Sec Org', slug: uniq('sec') }) },
  'POST /api/super-admin/orgs/list': { valid: () => ({}) },
  'POST /api/super-admin/orgs/deactivate': {},
  'POST /api/super-admin/users': { valid: ({ a }) => ({ org_id: a.orgId, email: email(), password: PASSWORD, role: 'org_admin' }) },
  'POST /api/super-admin/tokens': { valid: ({ a }) => ({ org_id: a.orgId, user_id: a.adminId, label: 'sec' }) },
  'POST /api/clients/create': { valid: () => ({ name: 'Sec client', domain: `${uniq('d')}.example.com` }) },
  'POST /api/clients/list': { valid: () => ({}) },
  'POST /api/clients/get': { valid: ({ a }) => ({ id: a.clientId }), foreign: ({ b }) => ({ id: b.clientId }), otherClient: ({ a }) => ({ id: a.otherClientId }) },
  'POST /api/clients/update': { valid: ({ a }) => ({ id: a.clientId, name: 'Renamed' }), foreign: ({ b }) => ({ id: b.clientId, name: 'x' }), otherClient: ({ a }) => ({ id: a.otherClientId, name: 'x' }) },
  'POST /api/clients/deactivate': { foreign: ({ b }) => ({ id: b.clientId }), otherClient: ({ a }) => ({ id: a.otherClientId }) },
  'POST /api/users/create': {
    valid: ({ a }) => ({ email: email(), password: PASSWORD, role: 'company_member', client_id: a.clientId }),
    foreign: ({ b }) => ({ email: email(), password: PASSWORD, role: 'company_member', client_id: b.clientId }),
  },
  'POST /api/users/list': { valid: () => ({}) },
  'POST /api/users/update': { valid: ({ a }) => ({ id: a.companyMember.id, name: 'Renamed' }), foreign: ({ b }) => ({ id: b.companyMember.id, name: 'x' }) },
  'POST /api/users/deactivate': { foreign: ({ b }) => ({ id: b.companyMember.id }) },
  'POST /api/tokens/create': { valid: () => ({ label: 'sec' }), foreign: ({ b }) => ({ client_id: b.clientId }) },
  'POST /api/tokens/list': { valid: () => ({}) },
  'POST /api/tokens/revoke': { foreign: () => ({ id: '00000000-0000-4000-8000-00000000dead' }) },
  'POST /api/audit/list': { valid: () => ({}) },
};
