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
  /** Ids of resources the suite created for these cases (connections, pulls). */
  ids: Record<string, string>;
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
const NO_SUCH_ID = '00000000-0000-4000-8000-00000000dead';
const LINK = {
  child_object: 'Contact',
  child_external_id_field: 'Id',
  child_external_id: 'x',
  relationship_field: 'AccountId',
  parent_object: 'Account',
  parent_external_id_field: 'Id',
  parent_external_id: 'y',
};

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
  'POST /api/super-admin/users': {
    valid: ({ a }) => ({ org_id: a.orgId, email: email(), password: PASSWORD, role: 'org_admin' }),
  },
  'POST /api/super-admin/tokens': { valid: ({ a }) => ({ org_id: a.orgId, user_id: a.adminId, label: 'sec' }) },
  'POST /api/clients/create': { valid: () => ({ name: 'Sec client', domain: `${uniq('d')}.example.com` }) },
  'POST /api/clients/list': { valid: () => ({}) },
  'POST /api/clients/get': {
    valid: ({ a }) => ({ id: a.clientId }),
    foreign: ({ b }) => ({ id: b.clientId }),
    otherClient: ({ a }) => ({ id: a.otherClientId }),
  },
  'POST /api/clients/update': {
    valid: ({ a }) => ({ id: a.clientId, name: 'Renamed' }),
    foreign: ({ b }) => ({ id: b.clientId, name: 'x' }),
    otherClient: ({ a }) => ({ id: a.otherClientId, name: 'x' }),
  },
  'POST /api/clients/deactivate': {
    foreign: ({ b }) => ({ id: b.clientId }),
    otherClient: ({ a }) => ({ id: a.otherClientId }),
  },
  'POST /api/users/create': {
    valid: ({ a }) => ({ email: email(), password: PASSWORD, role: 'company_member', client_id: a.clientId }),
    foreign: ({ b }) => ({ email: email(), password: PASSWORD, role: 'company_member', client_id: b.clientId }),
  },
  'POST /api/users/list': { valid: () => ({}) },
  'POST /api/users/update': {
    valid: ({ a }) => ({ id: a.companyMember.id, name: 'Renamed' }),
    foreign: ({ b }) => ({ id: b.companyMember.id, name: 'x' }),
  },
  'POST /api/users/deactivate': { foreign: ({ b }) => ({ id: b.companyMember.id }) },
  'POST /api/tokens/create': { valid: () => ({ label: 'sec' }), foreign: ({ b }) => ({ client_id: b.clientId }) },
  'POST /api/tokens/list': { valid: () => ({}) },
  'POST /api/tokens/revoke': { foreign: () => ({ id: '00000000-0000-4000-8000-00000000dead' }) },
  'POST /api/audit/list': { valid: () => ({}) },
  'POST /api/connections/create': {
    valid: ({ a }) => ({ client_id: a.clientId }),
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'GET /api/connections/oauth/callback': {},
  'GET /api/connections/oauth/result': {},
  'POST /api/connections/callback': {
    foreign: ({ b }) => ({ client_id: b.clientId, nango_connection_id: 'x' }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'POST /api/connections/list': {
    valid: () => ({}),
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'POST /api/connections/get': {
    valid: ({ ids }) => ({ id: ids.aConnection! }),
    foreign: ({ ids }) => ({ id: ids.bConnection! }),
    otherClient: ({ ids }) => ({ id: ids.aOtherConnection! }),
  },
  'POST /api/connections/refresh': {
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'POST /api/connections/revoke': {
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'POST /api/topology/pull': {
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'POST /api/topology/pull-status': { foreign: () => ({ id: NO_SUCH_ID }) },
  'POST /api/topology/get': {
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'POST /api/topology/history': {
    valid: ({ a }) => ({ client_id: a.clientId }),
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'POST /api/topology/picklist': {
    foreign: ({ b }) => ({ client_id: b.clientId, object_name: 'Account', field_name: 'Industry' }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId, object_name: 'Account', field_name: 'Industry' }),
  },
  'POST /api/topology/diff': {
    foreign: ({ b }) => ({ client_id: b.clientId, version_a: 1, version_b: 2 }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId, version_a: 1, version_b: 2 }),
  },
  'POST /api/mappings/create': {
    foreign: ({ b }) => ({
      client_id: b.clientId,
      canonical_object: 'contact',
      sfdc_object: 'Contact',
      field_mappings: { email: 'Email' },
    }),
    otherClient: ({ a }) => ({
      client_id: a.otherClientId,
      canonical_object: 'contact',
      sfdc_object: 'Contact',
      field_mappings: { email: 'Email' },
    }),
  },
  'POST /api/mappings/get': {
    foreign: ({ b }) => ({ client_id: b.clientId, canonical_object: 'contact' }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId, canonical_object: 'contact' }),
  },
  'POST /api/mappings/list': {
    valid: ({ a }) => ({ client_id: a.clientId }),
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  'POST /api/mappings/update': {
    foreign: ({ b }) => ({ client_id: b.clientId, canonical_object: 'contact', sfdc_object: 'Contact' }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId, canonical_object: 'contact', sfdc_object: 'Contact' }),
  },
  'POST /api/mappings/deactivate': {
    foreign: ({ b }) => ({ client_id: b.clientId, canonical_object: 'contact' }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId, canonical_object: 'contact' }),
  },
  'POST /api/push/records': {
    foreign: ({ b }) => ({ client_id: b.clientId, object_type: 'Contact', external_id_field: 'Id', records: [] }),
    otherClient: ({ a }) => ({
      client_id: a.otherClientId,
      object_type: 'Contact',
      external_id_field: 'Id',
      records: [],
    }),
  },
  'POST /api/push/status-update': {
    foreign: ({ b }) => ({
      client_id: b.clientId,
      object_type: 'Account',
      external_id_field: 'Id',
      updates: [{ external_id: 'x', fields: { Name: 'x' } }],
    }),
    otherClient: ({ a }) => ({
      client_id: a.otherClientId,
      object_type: 'Account',
      external_id_field: 'Id',
      updates: [{ external_id: 'x', fields: { Name: 'x' } }],
    }),
  },
  'POST /api/push/link': {
    foreign: ({ b }) => ({ client_id: b.clientId, links: [LINK] }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId, links: [LINK] }),
  },
  'POST /api/push/validate': {
    valid: ({ a }) => ({ client_id: a.clientId, canonical_object: 'contact', field_names: ['email'] }),
    foreign: ({ b }) => ({ client_id: b.clientId, canonical_object: 'contact', field_names: ['email'] }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId, canonical_object: 'contact', field_names: ['email'] }),
  },
  'POST /api/push/status': { foreign: () => ({ id: NO_SUCH_ID }) },
  'POST /api/push/history': {
    valid: ({ a }) => ({ client_id: a.clientId }),
    foreign: ({ b }) => ({ client_id: b.clientId }),
    otherClient: ({ a }) => ({ client_id: a.otherClientId }),
  },
  // CRM reads: the foreign targets are real clients of org B (and another client of org A); query/more's
  // is a cursor recorded for org B's client (security.int.test.ts creates it).
  ...crmCases(),
};

function crmCases(): Record<string, RouteCase> {
  const id = '003000000000001AAA';
  const bodies: Record<string, Record<string, unknown>> = {
    'query/soql': { soql: 'SELECT Id FROM Account' },
    'crm/search': { object_name: 'Account' },
    'crm/count': { object_name: 'Account' },
    'crm/get': { object_name: 'Account', id: '001000000000001AAA' },
    'crm/associations': { source_object: 'Contact', source_ids: [id], related_object: 'Task', related_fields: ['Id'] },
    'crm/contact-roles': { opportunity_ids: ['006000000000001AAA'] },
    'crm/campaign-members': { campaign_id: '701000000000001AAA' },
    'crm/lead-conversions': {},
    'crm/pipelines': {},
  };
  const out: Record<string, RouteCase> = {};
  for (const [route, body] of Object.entries(bodies)) {
    out[`POST /api/${route}`] = {
      foreign: ({ b }) => ({ client_id: b.clientId, ...body }),
      otherClient: ({ a }) => ({ client_id: a.otherClientId, ...body }),
    };
  }
  out['POST /api/query/more'] = {
    foreign: ({ a, ids }) => ({ client_id: a.clientId, next_records_path: ids.bCursor! }),
    otherClient: ({ a, ids }) => ({ client_id: a.otherClientId, next_records_path: ids.bCursor! }),
  };
  return out;
}
