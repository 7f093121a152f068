// The HTTP-level pieces shared by the server and the route modules.
import type { IncomingHttpHeaders } from 'node:http';
import type { FaultRegistry, Latency } from '../control/faults.ts';
import type { RequestLog } from '../control/request-log.ts';
import type { EmulatorState } from '../model/emulator-state.ts';

export interface Incoming {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string | undefined;
  /** The raw body, for binary payloads (multipart zips); body is its UTF-8 text. */
  bodyBytes?: Buffer;
}

export interface HttpResult {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Who the request was made as, for the request log. */
  orgId?: string;
  userId?: string;
  apiCalls?: number;
}

export interface Runtime {
  readonly state: EmulatorState;
  readonly latestApiVersion: string;
  /** Base URL clients reach this emulator at (login host and instance URL alike). */
  instanceUrl: string;
  readonly controlToken: string | null;
  readonly faults: FaultRegistry;
  readonly latency: Latency;
  readonly log: RequestLog;
  readonly maxBodyBytes: number;
  /** Called after requests that may have changed state (state-file persistence). */
  changed(): void;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The token of "Authorization: Bearer <t>" (or the legacy "OAuth <t>"). */
export function bearerToken(h: IncomingHttpHeaders): string | undefined {
  const auth = header(h, 'authorization');
  const m = auth ? /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(auth) : null;
  return m ? m[1] : undefined;
}

export const INVALID_SESSION: HttpResult = jsonResult(
  401,
  [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
  {
    'WWW-Authenticate': 'Token',
  },
);
