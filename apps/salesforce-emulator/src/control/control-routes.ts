// The control plane under /__emulator/ (a path Salesforce never uses). Off unless a control token is
// configured; every call needs "Authorization: Bearer <control token>". JSON in, JSON out, errors as
// {"error":{"code","message"}}. Requests here are not counted, delayed, faulted or logged.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, jsonResult, type HttpResult, type Runtime } from '../http/http-types.ts';
import { parseJsonBody } from '../http/json-text.ts';
import { insert } from '../model/dml.ts';
import { ApiError } from '../model/errors.ts';
import { restoreState, serializeState, type SerializedState } from '../model/state-serializer.ts';
import { SchemaError } from '../schema/field-factory.ts';
import { globalEntry } from '../schema/describe-render.ts';
import { seedDemoOrg, seedRecords } from '../seed/seeding.ts';
import { appInfo, orgInfo } from './control-views.ts';
import { metadataRoutes } from '../metadata/control-metadata.ts';
import { bulkUsageView, setBulkSettings, setBulkUsage } from '../bulk/bulk-limits.ts';
import { resetBulkStore } from '../bulk/job-store.ts';

type Params = Record<string, string>;
type Handler = (rt: Runtime, p: Params, body: Record<string, unknown>, query: URLSearchParams) => unknown;

const snapshots = new WeakMap<Runtime, Map<string, string>>();
let snapshotSeq = 0;

function org(rt: Runtime, id: string | undefined) {
  return rt.state.requireOrg(id ?? '');
}

const routes: Array<[string, RegExp, Handler]> = [
  ['GET', /^\/health$/, () => ({ ok: true })],
  [
    'POST',
    /^\/orgs$/,
    (rt, _p, b) => {
      if (b.seed === 'demo') return { ...orgInfo(rt, seedDemoOrg(rt.state, b.demo as never).org) };
      const { org: created, admin } = rt.state.createOrg(b as never);
      return { ...orgInfo(rt, created), admin };
    },
  ],
  ['GET', /^\/orgs$/, (rt) => [...rt.state.orgs.values()].map((o) => orgInfo(rt, o))],
  ['GET', /^\/orgs\/(?<org>\w+)$/, (rt, p) => orgInfo(rt, org(rt, p.org))],
  [
    'PATCH',
    /^\/orgs\/(?<org>\w+)$/,
    (rt, p, b) => {
      const o = org(rt, p.org);
      const known = Object.fromEntries(Object.entries(b).filter(([k, v]) => k in o.settings && v !== undefined));
      o.settings = { ...o.settings, ...known };
      return orgInfo(rt, o);
    },
  ],
  [
    'DELETE',
    /^\/orgs\/(?<org>\w+)$/,
    (rt, p) => {
      rt.state.deleteOrg(p.org!);
      return { deleted: true };
    },
  ],
  [
    'POST',
    /^\/orgs\/(?<org>\w+)\/reset$/,
    (rt, p) => {
      const o = org(rt, p.org);
      o.records.retainOnly((n) => ['User', 'Profile', 'Organization'].includes(n));
      o.schema.restore([], [], rt.state.clock.now(), 0);
      o.cursors.expireAll();
      o.metadata.reset();
      resetBulkStore(o);
      o.usage.set(rt.state.clock.now(), 0);
      return orgInfo(rt, o);
    },
  ],
  [
    'POST',
    /^\/orgs\/(?<org>\w+)\/users$/,
    (rt, p, b) => {
      const id = rt.state.createUser(org(rt, p.org), b as never);
      return { id, username: b.username };
    },
  ],
  [
    'POST',
    /^\/orgs\/(?<org>\w+)\/connected-apps$/,
    (rt, p, b) => appInfo(rt.state.createConnectedApp(org(rt, p.org), b as never)),
  ],
  [
    'POST',
    /^\/orgs\/(?<org>\w+)\/records$/,
    (rt, p, b) => {
      const o = org(rt, p.org);
      const def = o.schema.getObject(String(b.object));
      if (!def) throw new ApiError(404, 'NOT_FOUND', `No object ${String(b.object)}`);
      const ctx = o.writeContext(o.adminUserId, rt.state.clock.now());
      return ((b.records as Array<Record<string, unknown>>) ?? []).map((r) => insert(ctx, def, r));
    },
  ],
  ['POST', /^\/orgs\/(?<org>\w+)\/seed$/, (rt, p, b) => seedRecords(rt.state, org(rt, p.org), b as never)],
  [
    'POST',
    /^\/orgs\/(?<org>\w+)\/schema\/objects$/,
    (rt, p, b) => {
      const o = org(rt, p.org);
      const def = o.schema.addObject(b as never);
      return globalEntry(o.schema.header(def.name)!, rt.latestApiVersion);
    },
  ],
  [
    'DELETE',
    /^\/orgs\/(?<org>\w+)\/schema\/objects\/(?<obj>\w+)$/,
    (rt, p) => {
      org(rt, p.org).schema.removeObject(p.obj!);
      return { deleted: true };
    },
  ],
  [
    'POST',
    /^\/orgs\/(?<org>\w+)\/schema\/objects\/(?<obj>\w+)\/fields$/,
    (rt, p, b) => org(rt, p.org).schema.addField(p.obj!, b as never),
  ],
  [
    'PATCH',
    /^\/orgs\/(?<org>\w+)\/schema\/objects\/(?<obj>\w+)\/fields\/(?<field>\w+)$/,
    (rt, p, b) => org(rt, p.org).schema.updateField(p.obj!, p.field!, b as never),
  ],
  [
    'DELETE',
    /^\/orgs\/(?<org>\w+)\/schema\/objects\/(?<obj>\w+)\/fields\/(?<field>\w+)$/,
    (rt, p) => {
      org(rt, p.org).schema.removeField(p.obj!, p.field!);
      return { deleted: true };
    },
  ],
  ['GET', /^\/orgs\/(?<org>\w+)\/api-usage$/, (rt, p) => orgInfo(rt, org(rt, p.org)).apiUsage],
  [
    'PUT',
    /^\/orgs\/(?<org>\w+)\/api-usage$/,
    (rt, p, b) => {
      const o = org(rt, p.org);
      o.usage.set(rt.state.clock.now(), Number(b.used ?? 0));
      return orgInfo(rt, o).apiUsage;
    },
  ],
  ['GET', /^\/orgs\/(?<org>\w+)\/bulk-usage$/, (rt, p) => bulkUsageView(org(rt, p.org), rt.state.clock.now())],
  ['PUT', /^\/orgs\/(?<org>\w+)\/bulk-usage$/, (rt, p, b) => setBulkUsage(org(rt, p.org), rt.state.clock.now(), b)],
  ['PUT', /^\/orgs\/(?<org>\w+)\/bulk-settings$/, (rt, p, b) => setBulkSettings(org(rt, p.org), b)],
  [
    'POST',
    /^\/orgs\/(?<org>\w+)\/query-cursors\/expire$/,
    (rt, p) => ({ expired: org(rt, p.org).cursors.expireAll() }),
  ],
  ['POST', /^\/sessions\/expire$/, (rt, _p, b) => ({ expired: revoke(rt, b, false) })],
  ['POST', /^\/refresh-tokens\/revoke$/, (rt, _p, b) => ({ revoked: revoke(rt, b, true) })],
  [
    'PUT',
    /^\/auto-approve$/,
    (rt, _p, b) => {
      rt.state.autoApproveUsername = typeof b.username === 'string' ? b.username : null;
      return { username: rt.state.autoApproveUsername };
    },
  ],
  [
    'PUT',
    /^\/latency$/,
    (rt, _p, b) => {
      rt.latency.set(b as never);
      return { global: rt.latency.global, rules: rt.latency.rules };
    },
  ],
  [
    'DELETE',
    /^\/latency$/,
    (rt) => {
      rt.latency.clear();
      return { cleared: true };
    },
  ],
  ['POST', /^\/faults$/, (rt, _p, b) => rt.faults.add(b as never)],
  ['GET', /^\/faults$/, (rt) => rt.faults.list()],
  [
    'DELETE',
    /^\/faults$/,
    (rt) => {
      rt.faults.clear();
      return { cleared: true };
    },
  ],
  ['DELETE', /^\/faults\/(?<id>[\w-]+)$/, (rt, p) => ({ removed: rt.faults.remove(p.id!) })],
  [
    'GET',
    /^\/requests$/,
    (rt, _p, _b, q) =>
      rt.log.list({
        orgId: q.get('orgId') ?? undefined,
        since: q.has('since') ? Number(q.get('since')) : undefined,
        limit: q.has('limit') ? Number(q.get('limit')) : undefined,
      }),
  ],
  [
    'DELETE',
    /^\/requests$/,
    (rt) => {
      rt.log.clear();
      return { cleared: true };
    },
  ],
  ...metadataRoutes(org),
  [
    'POST',
    /^\/clock\/advance$/,
    (rt, _p, b) => {
      rt.state.clock.advance(Number(b.ms ?? 0));
      return { now: new Date(rt.state.clock.now()).toISOString() };
    },
  ],
  [
    'POST',
    /^\/snapshots$/,
    (rt) => {
      const id = `snapshot-${++snapshotSeq}`;
      let map = snapshots.get(rt);
      if (!map) {
        map = new Map();
        snapshots.set(rt, map);
      }
      map.set(id, JSON.stringify(serializeState(rt.state)));
      return { id };
    },
  ],
  [
    'POST',
    /^\/snapshots\/(?<id>[\w-]+)\/restore$/,
    (rt, p) => {
      const snap = snapshots.get(rt)?.get(p.id!);
      if (!snap) throw new ApiError(404, 'NOT_FOUND', `No snapshot ${p.id}`);
      restoreState(rt.state, JSON.parse(snap) as SerializedState);
      return { restored: p.id };
    },
  ],
  ['GET', /^\/state$/, (rt) => serializeState(rt.state)],
  [
    'PUT',
    /^\/state$/,
    (rt, _p, b) => {
      restoreState(rt.state, b as unknown as SerializedState);
      return { restored: true };
    },
  ],
];

function revoke(rt: Runtime, b: Record<string, unknown>, refresh: boolean): number {
  const orgId = typeof b.orgId === 'string' ? b.orgId.slice(0, 15) : undefined;
  const userId = typeof b.userId === 'string' ? b.userId.slice(0, 15) : undefined;
  return rt.state.tokens.revokeWhere(
    (t) => (!orgId || t.orgId.slice(0, 15) === orgId) && (!userId || t.userId.slice(0, 15) === userId),
    refresh,
  );
}

function authorized(rt: Runtime, headers: IncomingHttpHeaders): boolean {
  const token = bearerToken(headers);
  if (!rt.controlToken || !token) return false;
  const a = createHash('sha256').update(token).digest();
  const b = createHash('sha256').update(rt.controlToken).digest();
  return timingSafeEqual(a, b);
}

const fail = (status: number, code: string, message: string) => jsonResult(status, { error: { code, message } });

export async function controlPlane(
  rt: Runtime,
  method: string,
  path: string,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
  bodyText: string | undefined,
): Promise<HttpResult> {
  if (!rt.controlToken)
    return jsonResult(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  if (!authorized(rt, headers))
    return fail(401, 'unauthorized', 'A valid control token is required (Authorization: Bearer <token>).');
  const sub = path.slice('/__emulator'.length) || '/';
  for (const [m, re, handler] of routes) {
    const match = re.exec(sub);
    if (!match || m !== method) continue;
    try {
      const body = bodyText ? (parseJsonBody(bodyText) as Record<string, unknown>) : {};
      const out = handler(rt, (match.groups ?? {}) as Params, body ?? {}, query);
      rt.changed();
      return jsonResult(200, out ?? null);
    } catch (err) {
      if (err instanceof ApiError) return fail(err.status, err.errorCode.toLowerCase(), err.message);
      if (err instanceof SchemaError) return fail(400, err.code.toLowerCase(), err.message);
      return fail(500, 'internal', err instanceof Error ? err.message : String(err));
    }
  }
  return fail(404, 'not_found', `No control route ${method} ${sub}`);
}
