import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RouteSpec } from '../src/http/define-route.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';
import { ROUTE_CASES } from './route-cases.ts';

// Routes that change nothing may skip the audit log; everything else must name its audit action.
const READ_ONLY =
  /\/(list|get|me|history|diff|picklist|status|validate|pull-status|result|jwks\.json)$|^\/health$|^\/api\/(query|crm)\//;
const DOCS = /^\/(openapi\.json|reference)/;

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('every route declares its schemas, its permission (or public) and its audit action', () => {
  const problems: string[] = [];
  const routes = t.app.routeTable.filter((r) => r.method !== 'HEAD');
  assert.ok(routes.length > 20);
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    if (DOCS.test(route.url)) {
      if (!route.config?.docs && !route.url.startsWith('/reference'))
        problems.push(`${key}: docs route not marked as docs`);
      continue;
    }
    const spec = route.config?.spec as RouteSpec | undefined;
    if (!spec) {
      problems.push(`${key}: not declared with defineRoute`);
      continue;
    }
    if (!['public', 'super_admin', 'user'].includes(spec.auth?.kind)) problems.push(`${key}: no auth declaration`);
    if (spec.method === 'POST' && !spec.body) problems.push(`${key}: POST without a request schema`);
    if (!spec.response || typeof (spec.response as { safeParse?: unknown }).safeParse !== 'function')
      problems.push(`${key}: no response schema`);
    if (!('audit' in spec)) problems.push(`${key}: no audit declaration`);
    if (spec.audit === null && !READ_ONLY.test(spec.url))
      problems.push(`${key}: mutating route without an audit action`);
    if (!route.schema?.response && !spec.raw) problems.push(`${key}: response schema not registered`);
    if (!ROUTE_CASES[key]) problems.push(`${key}: no security cases in test/route-cases.ts`);
  }
  for (const key of Object.keys(ROUTE_CASES)) {
    if (!routes.some((r) => `${r.method} ${r.url}` === key))
      problems.push(`${key}: security case for a route that does not exist`);
  }
  assert.deepEqual(problems, []);
});

test('every documented operation has an id, a summary and a response', async () => {
  const doc = t.app.swagger() as {
    openapi: string;
    paths: Record<string, Record<string, { operationId?: string; summary?: string; responses?: object }>>;
  };
  assert.equal(doc.openapi, '3.1.0');
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, op]) => ({ path, m, op })),
  );
  assert.ok(ops.length >= 20);
  for (const { path, m, op } of ops) {
    assert.ok(op.operationId, `${m} ${path} has no operationId`);
    assert.ok(op.summary, `${m} ${path} has no summary`);
    assert.ok(op.responses && '200' in op.responses, `${m} ${path} documents no 200`);
  }
  const served = await t.app.inject({ url: '/openapi.json' });
  assert.equal(served.statusCode, 200);
  const reference = await t.app.inject({ url: '/reference/' });
  assert.equal(reference.statusCode, 200);
  assert.match(reference.headers['content-type'] as string, /text\/html/);
  assert.doesNotMatch(reference.body, /cdn\.jsdelivr|unpkg\.com/, 'the reference page must work offline');
});

type Schema = {
  type?: string | string[];
  maxLength?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  items?: Schema;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
};

/** Every string in a request has a bound; every array a maximum size; objects reject unknown keys. */
function unbounded(s: Schema, path: string, out: string[]): void {
  if (s.anyOf) {
    for (const x of s.anyOf) unbounded(x, path, out);
    return;
  }
  const types = [s.type ?? []].flat();
  const fixedFormat = s.format === 'uuid' || s.format === 'date-time'; // validated against a bounded pattern
  if (types.includes('string') && s.maxLength === undefined && !s.enum && s.const === undefined && !fixedFormat)
    out.push(`${path}: string without maxLength`);
  if (types.includes('array')) {
    if (s.maxItems === undefined) out.push(`${path}: array without maxItems`);
    if (s.items) unbounded(s.items, `${path}[]`, out);
  }
  if (types.includes('object')) {
    if (s.additionalProperties !== false && typeof s.additionalProperties !== 'object')
      out.push(`${path}: object accepts unknown keys`);
    for (const [k, v] of Object.entries(s.properties ?? {})) unbounded(v, `${path}.${k}`, out);
  }
}

test('request bodies are bounded: strings have max lengths, arrays max sizes, objects are strict', () => {
  const doc = t.app.swagger() as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  };
  const problems: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const schema = methods.post?.requestBody?.content['application/json']?.schema;
    if (schema) unbounded(schema, path, problems);
  }
  assert.deepEqual(problems, []);
});
