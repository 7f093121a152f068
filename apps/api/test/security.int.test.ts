import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLE_PERMISSIONS, type Permission } from '@sfx/contract';
import type { RouteSpec } from '../src/http/define-route.ts';
import { createTenant, type Tenant } from './helpers/factories.ts';
import { startSalesforce, type TestSalesforce } from './helpers/salesforce.ts';
import { post, type Res } from './helpers/http.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';
import { ROUTE_CASES, type CaseContext } from './route-cases.ts';

type JsonSchema = {
  type?: string | string[];
  format?: string;
  maxLength?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
};

let t: TestApp;
let sf: TestSalesforce;
let a: Tenant;
let b: Tenant;
let ctx: CaseContext;
const creds: Record<string, string> = {};

before(async () => {
  sf = await startSalesforce();
  t = await startTestApp({ env: sf.env });
  a = await createTenant(t);
  b = await createTenant(t);
  // Pending connections are enough to exercise scoping; none of these routes reach Salesforce here.
  const conn = async (tenant: Tenant, clientId: string) =>
    (await post(t, '/api/connections/create', { client_id: clientId }, tenant.adminToken)).body.id as string;
  ctx = {
    t,
    a,
    b,
    ids: {
      aConnection: await conn(a, a.clientId),
      aOtherConnection: await conn(a, a.otherClientId),
      bConnection: await conn(b, b.clientId),
      bCursor: '/services/data/v62.0/query/01gB00000000001AAA-2000',
    },
  };
  // A query cursor Salesforce gave org B's client: org A naming it (for any of its clients) is a 404.
  await t.runtime.db.system
    .insertInto('crm_query_cursors')
    .values({
      org_id: b.orgId,
      client_id: b.clientId,
      path: ctx.ids.bCursor!,
      expires_at: new Date(Date.now() + 3600_000),
    })
    .execute();
  const revoked = await post(t, '/api/tokens/create', { label: 'revoked' }, a.adminToken);
  await post(t, '/api/tokens/revoke', { id: revoked.body.id }, a.adminToken);
  creds.revoked = revoked.body.token;
  const past = new Date(Date.now() - 3600_000);
  creds.expiredJwt = await t.runtime.jwt.sign(
    { sub: a.adminId, org_id: a.orgId, role: 'org_admin', client_id: null, sid: a.adminId },
    900,
    past,
  );
  creds.scopedReadOnly = (await post(t, '/api/tokens/create', { scopes: ['crm.read'] }, a.adminToken)).body.token;
});
after(async () => {
  await t.close();
  await sf.close();
});

function specs(): RouteSpec[] {
  return t.app.routeTable.map((r) => r.config?.spec as RouteSpec | undefined).filter((s): s is RouteSpec => Boolean(s));
}

async function call(
  spec: RouteSpec,
  body: unknown,
  bearer: string | null,
  headers: Record<string, string> = {},
): Promise<Res> {
  if (spec.method === 'GET') {
    const res = await t.app.inject({
      method: 'GET',
      url: spec.url,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    });
    return { status: res.statusCode, body: JSON.parse(res.body || 'null'), headers: res.headers, raw: res.body };
  }
  return post(t, spec.url, body, bearer, headers);
}

function assertEnvelope(res: Res, status: number, what: string): void {
  assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${res.raw.slice(0, 300)}`);
  assert.equal(typeof res.body?.error?.code, 'string', `${what}: no error envelope`);
  assert.equal(typeof res.body?.error?.message, 'string', `${what}: no error message`);
  assert.equal(res.body.request_id, res.headers['x-request-id'], `${what}: request_id`);
  assert.doesNotMatch(res.raw, /at .+\.ts:\d+|node_modules/, `${what}: leaks a stack trace`);
}

function bearerFor(spec: RouteSpec): string | null {
  if (spec.auth.kind === 'super_admin') return t.superAdminSecret;
  if (spec.auth.kind === 'user') return a.adminToken;
  return null;
}

function wrongType(s: JsonSchema): unknown {
  const types = s.anyOf ? s.anyOf.flatMap((x) => x.type ?? []) : [s.type ?? []].flat();
  if (types.includes('string')) return 12345;
  if (types.includes('number') || types.includes('integer')) return 'not-a-number';
  if (types.includes('boolean')) return 'yes';
  if (types.includes('array')) return 'not-an-array';
  return 42;
}

function requestSchema(spec: RouteSpec): JsonSchema | null {
  const doc = t.app.swagger() as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  };
  return doc.paths[spec.url]?.post?.requestBody?.content['application/json']?.schema ?? null;
}

describe('every route: authentication and authorisation', () => {
  test('no credential, a malformed, expired, revoked or foreign credential → 401', async () => {
    for (const spec of specs().filter((s) => s.auth.kind !== 'public')) {
      const body = {};
      assertEnvelope(await call(spec, body, null), 401, `${spec.url} without credential`);
      assertEnvelope(await call(spec, body, 'garbage'), 401, `${spec.url} garbage`);
      assertEnvelope(
        await call(spec, body, null, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }),
        401,
        `${spec.url} basic auth`,
      );
      assertEnvelope(await call(spec, body, creds.expiredJwt!), 401, `${spec.url} expired session`);
      assertEnvelope(await call(spec, body, creds.revoked!), 401, `${spec.url} revoked token`);
      if (spec.auth.kind === 'super_admin')
        assertEnvelope(await call(spec, body, a.adminToken), 401, `${spec.url} org token on super-admin route`);
      if (spec.auth.kind === 'user')
        assertEnvelope(await call(spec, body, t.superAdminSecret), 401, `${spec.url} super-admin secret on org route`);
    }
  });

  test('a role or scoped token without the permission → 403', async () => {
    let checked = 0;
    for (const spec of specs()) {
      if (spec.auth.kind !== 'user' || spec.auth.permissions.length === 0) continue;
      const needs = spec.auth.permissions as readonly Permission[];
      for (const [role, token] of [
        ['company_admin', a.companyAdmin.token],
        ['company_member', a.companyMember.token],
      ] as const) {
        if (needs.every((p) => ROLE_PERMISSIONS[role].includes(p))) continue;
        assertEnvelope(await call(spec, {}, token), 403, `${spec.url} as ${role}`);
        checked++;
      }
      if (!needs.every((p) => p === 'crm.read'))
        assertEnvelope(await call(spec, {}, creds.scopedReadOnly!), 403, `${spec.url} with a crm.read-only token`);
    }
    assert.ok(checked > 10);
  });

  test("another organization's ids → 404, exactly like a missing resource", async () => {
    let checked = 0;
    for (const spec of specs()) {
      const c = ROUTE_CASES[`${spec.method} ${spec.url}`];
      if (!c?.foreign) continue;
      const res = await call(spec, c.foreign(ctx), bearerFor(spec));
      assertEnvelope(res, 404, `${spec.url} with org B's ids`);
      assert.equal(res.body.error.code, 'not_found');
      checked++;
    }
    assert.ok(checked >= 8);
  });

  test('a company user naming another client of the org → 404 (or 403 where the role may not call at all)', async () => {
    for (const spec of specs()) {
      const c = ROUTE_CASES[`${spec.method} ${spec.url}`];
      if (!c?.otherClient || spec.auth.kind !== 'user') continue;
      for (const token of [a.companyAdmin.token, a.companyMember.token]) {
        const res = await call(spec, c.otherClient(ctx), token);
        assert.ok(res.status === 404 || res.status === 403, `${spec.url}: ${res.status}`);
        assert.doesNotMatch(res.raw, new RegExp(a.otherClientId));
      }
    }
  });

  test('the valid example of every route succeeds for its caller', async () => {
    for (const spec of specs()) {
      const c = ROUTE_CASES[`${spec.method} ${spec.url}`];
      if (!c?.valid) continue;
      const res = await call(spec, await c.valid(ctx), bearerFor(spec));
      assert.ok(res.status < 300, `${spec.url}: ${res.status} ${res.raw.slice(0, 200)}`);
    }
  });
});

describe('every route: bad input is a 4xx with the envelope, never a 500', () => {
  test('malformed JSON, non-object bodies, wrong content types, oversized bodies', async () => {
    for (const spec of specs().filter((s) => s.method === 'POST')) {
      const bearer = bearerFor(spec);
      const malformed = await post(t, spec.url, '{"name": "x",', bearer);
      assertEnvelope(malformed, 422, `${spec.url} malformed JSON`);
      assert.equal(malformed.body.error.code, 'malformed_json');
      assertEnvelope(await post(t, spec.url, '[1,2]', bearer), 422, `${spec.url} array body`);
      assertEnvelope(await post(t, spec.url, '"text"', bearer), 422, `${spec.url} string body`);
      assertEnvelope(
        await post(t, spec.url, '{"__proto__": {"x": 1}}', bearer),
        422,
        `${spec.url} prototype poisoning`,
      );
      assertEnvelope(
        await post(t, spec.url, 'name=x', bearer, { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        `${spec.url} form body`,
      );
      const huge = JSON.stringify({ name: 'x'.repeat(t.config.http.bodyLimit + 10) });
      assertEnvelope(await post(t, spec.url, huge, bearer), 413, `${spec.url} oversized body`);
    }
  });

  test('wrong types, bad UUIDs, oversized strings and unknown fields', async () => {
    let mutations = 0;
    for (const spec of specs().filter((s) => s.method === 'POST')) {
      const schema = requestSchema(spec);
      const c = ROUTE_CASES[`${spec.method} ${spec.url}`];
      const base = c?.valid ? await c.valid(ctx) : {};
      const bearer = bearerFor(spec);
      const unknown = await post(t, spec.url, { ...base, definitely_not_a_field: 1 }, bearer);
      assertEnvelope(unknown, 422, `${spec.url} unknown field`);
      for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
        const variants: unknown[] = [wrongType(prop)];
        const flat = prop.anyOf?.find((x) => x.type !== 'null') ?? prop;
        if (flat.format === 'uuid') variants.push('not-a-uuid', '00000000-0000-0000-0000-00000000000g');
        if (flat.maxLength) variants.push('a'.repeat(flat.maxLength + 1));
        if (flat.maximum !== undefined) variants.push(flat.maximum + 1);
        for (const v of variants) {
          const res = await post(t, spec.url, { ...base, [name]: v }, bearer);
          assertEnvelope(res, 422, `${spec.url} ${name}=${JSON.stringify(v).slice(0, 40)}`);
          assert.equal(res.body.error.code, 'validation_failed');
          assert.ok(JSON.stringify(res.body.error.details).includes(name), `${spec.url}: details do not name ${name}`);
          mutations++;
        }
      }
    }
    assert.ok(mutations > 50, `only ${mutations} mutations`);
  });

  test('unknown routes are a 404 with the envelope', async () => {
    const res = await post(t, '/api/nope', {}, a.adminToken);
    assertEnvelope(res, 404, 'unknown route');
  });
});
