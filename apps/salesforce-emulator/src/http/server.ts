// The HTTP server, on node:http rather than Fastify so every wire detail is ours: bodies are read raw
// (malformed JSON, odd content types and oversized bodies get Salesforce's answers, not a framework's),
// 304s carry no body, and faults can drop the socket. Each request: resolve its org (for org-scoped
// faults and the long-running count), wait any injected latency, apply a matching fault, route, log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authorizeEndpoint } from '../auth/authorize-routes.ts';
import { identity, revoke, userinfo } from '../auth/identity-routes.ts';
import { orgOfToken } from '../auth/sessions.ts';
import { tokenEndpoint } from '../auth/token-routes.ts';
import { controlPlane } from '../control/control-routes.ts';
import type { FaultRule } from '../control/faults.ts';
import { redactPath } from '../control/request-log.ts';
import { dataApi, limitInfo } from '../rest/data-api.ts';
import { metadataSoap } from '../metadata/soap-router.ts';
import { bulkApi, bulkBodyLimit, isBulkPath } from '../bulk/bulk-http.ts';
import {
  bearerToken,
  INVALID_SESSION,
  jsonResult,
  type HttpResult,
  type Incoming,
  type Runtime,
} from './http-types.ts';

const MAX_URL = 16384;
const UNEXPECTED = () =>
  jsonResult(500, [
    {
      message:
        `An unexpected error occurred. Please include this ErrorId if you contact support: ` +
        `${Math.floor(Math.random() * 1e9)}-${Math.floor(Math.random() * 1e5)} (${-Math.floor(Math.random() * 1e9)})`,
      errorCode: 'UNKNOWN_EXCEPTION',
    },
  ]);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : size === 0 ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function route(rt: Runtime, req: Incoming, flight: { startMs: number }): HttpResult {
  const p = req.path;
  if (p === '/services/oauth2/authorize') return authorizeEndpoint(rt, req);
  if (p === '/services/oauth2/token') return tokenEndpoint(rt, req);
  if (p === '/services/oauth2/revoke') return revoke(rt, req);
  if (p === '/services/oauth2/userinfo') return userinfo(rt, req);
  const id = /^\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/.exec(p);
  if (id) return identity(rt, req, id[1]!, id[2]!);
  if (isBulkPath(p)) return bulkApi(rt, req, flight);
  if (p === '/services/data' || p.startsWith('/services/data/')) {
    let segments: string[];
    try {
      segments = p
        .slice('/services/data'.length)
        .split('/')
        .filter(Boolean)
        .map((s) => decodeURIComponent(s));
    } catch {
      return jsonResult(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    }
    return dataApi(rt, req, segments, flight);
  }
  if (p.startsWith('/services/Soap/m/')) return metadataSoap(rt, req, flight);
  if (p === '/' || p === '') {
    return { status: 200, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: 'Salesforce emulator\n' };
  }
  return jsonResult(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
}

function faultResult(
  rt: Runtime,
  rule: FaultRule,
  org: ReturnType<typeof orgOfToken>,
): HttpResult | 'drop' | { timeout: number } | { delay: number } {
  const a = rule.action;
  switch (a.type) {
    case 'status': {
      const body = a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
      const type = typeof a.body === 'string' ? 'text/plain;charset=UTF-8' : 'application/json;charset=UTF-8';
      return {
        status: a.status,
        headers: { ...(a.body !== undefined ? { 'Content-Type': type } : {}), ...(a.headers ?? {}) },
        body,
      };
    }
    case 'drop':
      return 'drop';
    case 'timeout':
      return { timeout: a.ms ?? 120000 };
    case 'delay':
      return { delay: a.ms };
    case 'invalidSession':
      return INVALID_SESSION;
    case 'requestLimit': {
      const message =
        a.kind === 'concurrent' ? 'ConcurrentPerOrgLongTxn Limit exceeded.' : 'TotalRequests Limit exceeded.';
      const headers = org ? { 'Sforce-Limit-Info': limitInfo(org, rt.state.clock.now()) } : undefined;
      return jsonResult(403, [{ message, errorCode: 'REQUEST_LIMIT_EXCEEDED' }], headers);
    }
  }
}

export function createEmulatorServer(rt: Runtime): Server {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer({ maxHeaderSize: 16384 }, (req, res) => {
    void handle(rt, req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 60_000;
  // Salesforce keeps idle connections open for minutes; Node's 5 s default resets clients that pause.
  server.keepAliveTimeout = 300_000;
  (server as Server & { destroyAllSockets?: () => void }).destroyAllSockets = () => {
    for (const s of sockets) s.destroy();
  };
  return server;
}

async function handle(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const rawUrl = req.url ?? '/';
  let method = (req.method ?? 'GET').toUpperCase();
  let url: URL;
  try {
    url = new URL(rawUrl.replace(/^\/{2,}/, '/'), 'http://emulator.local');
  } catch {
    url = new URL('http://emulator.local/__invalid__');
  }
  // Salesforce's front end collapses repeated slashes (`//services/data/…`, which clients send when an
  // instance URL ends in '/'), so the emulator routes the normalised path.
  const path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.startsWith('/__emulator/') || path === '/__emulator') {
    const body = await readBody(req, rt.maxBodyBytes).catch(() => undefined);
    const out = await controlPlane(
      rt,
      method,
      path,
      url.searchParams,
      req.headers,
      body === 'too-large' ? undefined : body?.toString('utf8'),
    );
    send(res, out, method);
    return;
  }
  const org = path.startsWith('/services/data/') ? orgOfToken(rt.state, bearerToken(req.headers)) : undefined;
  const flight = { startMs: rt.state.clock.now() };
  org?.inFlight.add(flight);
  let result: HttpResult | undefined;
  let faultId: string | null = null;
  try {
    const delay = rt.latency.delayFor(method, path);
    if (delay > 0) await sleep(delay);
    const rule = rt.faults.take(method, path, org?.id);
    if (rule) {
      faultId = rule.id;
      const f = faultResult(rt, rule, org);
      if (f === 'drop') {
        req.socket.destroy();
        return;
      }
      if ('timeout' in f) {
        await sleep(f.timeout);
        req.socket.destroy();
        return;
      }
      if ('delay' in f) await sleep(f.delay);
      else result = f;
    }
    if (!result) {
      const body = await readBody(req, bulkBodyLimit(method, path, rt.maxBodyBytes));
      if (body === 'too-large') {
        result = jsonResult(413, [
          {
            message: `Request body is too large: the limit is ${rt.maxBodyBytes} bytes`,
            errorCode: 'REQUEST_ENTITY_TOO_LARGE',
          },
        ]);
        result.headers!.Connection = 'close';
      } else if (rawUrl.length > MAX_URL) {
        result = jsonResult(414, [{ message: 'URI Too Long', errorCode: 'URI_TOO_LONG' }]);
      } else {
        const override = url.searchParams.get('_HttpMethod');
        if (method === 'POST' && override && path.startsWith('/services/data/')) method = override.toUpperCase();
        result = route(
          rt,
          {
            method,
            path,
            query: url.searchParams,
            headers: req.headers,
            body: body?.toString('utf8'),
            bodyBytes: body,
          },
          flight,
        );
        if (method !== 'GET' && method !== 'HEAD') rt.changed();
      }
    }
  } catch {
    result = UNEXPECTED();
  } finally {
    org?.inFlight.delete(flight);
  }
  send(res, result!, method);
  rt.log.add({
    time: new Date(rt.state.clock.now()).toISOString(),
    method,
    path: redactPath(path, url.searchParams),
    status: result!.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    orgId: result!.orgId ?? org?.id ?? null,
    userId: result!.userId ?? null,
    apiCalls: result!.apiCalls ?? 0,
    fault: faultId,
  });
}

function send(res: ServerResponse, result: HttpResult, method: string): void {
  if (res.destroyed) return;
  const headers: Record<string, string | number> = { ...(result.headers ?? {}) };
  const body = result.status === 204 || result.status === 304 || method === 'HEAD' ? undefined : result.body;
  if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
  res.writeHead(result.status, headers);
  res.end(body);
}
