import type { ApiBudget } from './budget.ts';
import { parseLimitInfo } from './limit-info.ts';
import { classify, firstError, SalesforceError } from './sf-errors.ts';
import type { SfHttp, SfResponse } from './sf-http.ts';

export interface SfCredentials {
  accessToken: string;
  instanceUrl: string;
}

/** Where a connection's access token comes from: stored encrypted (builtin) or from Nango. */
export interface TokenSource {
  current(): Promise<SfCredentials>;
  /** Get a new access token because `stale` was refused. Single-flight per connection. */
  refresh(stale: string): Promise<SfCredentials>;
}

export interface SfRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Absolute path on the instance, e.g. /services/data/v62.0/sobjects */
  path: string;
  body?: unknown;
  /** Sent as-is (e.g. a Bulk CSV upload) with its own content-type in headers, instead of JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Safe to repeat after a transient failure (GETs, and composites made only of GETs). */
  idempotent?: boolean;
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface CompositeSubrequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

export interface CompositeSubresponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A 401 worth one refresh. "not valid for use with the REST API" will not get better with a new token. */
function refreshable(res: SfResponse): boolean {
  const e = firstError(res.body);
  return !e || (e.errorCode === 'INVALID_SESSION_ID' && !/not valid for use with the REST API/i.test(e.message));
}

/**
 * One Salesforce connection's API: budget check before every call, Sforce-Limit-Info read after,
 * one refresh-and-retry on an expired session (never a loop), retries with exponential backoff and
 * jitter for transient failures of idempotent calls (honouring Retry-After), and a call counter so
 * every job can record what it spent.
 */
export class SalesforceClient {
  readonly connectionId: string;
  readonly apiVersion: string;
  #calls = 0;
  readonly #http: SfHttp;
  readonly #tokens: TokenSource;
  readonly #budget: ApiBudget;
  readonly #retry: RetryPolicy;
  readonly #onUsage: ((used: number, limit: number) => void) | undefined;

  constructor(deps: {
    http: SfHttp;
    tokens: TokenSource;
    budget: ApiBudget;
    connectionId: string;
    apiVersion: string;
    retry?: Partial<RetryPolicy>;
    onUsage?: (used: number, limit: number) => void;
  }) {
    this.connectionId = deps.connectionId;
    this.apiVersion = deps.apiVersion;
    this.#http = deps.http;
    this.#tokens = deps.tokens;
    this.#budget = deps.budget;
    this.#retry = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000, ...deps.retry };
    this.#onUsage = deps.onUsage;
  }

  /** Calls that reached Salesforce (each counts against the org's allocation). */
  get calls(): number {
    return this.#calls;
  }

  dataPath(suffix: string): string {
    return `/services/data/v${this.apiVersion}${suffix}`;
  }

  async request(req: SfRequest): Promise<SfResponse> {
    let attempt = 0;
    let refreshed = false;
    for (;;) {
      this.#budget.check(this.connectionId);
      const creds = await this.#tokens.current();
      let res: SfResponse;
      try {
        res = await this.#http.send(creds.instanceUrl + req.path, {
          method: req.method,
          headers: {
            authorization: `Bearer ${creds.accessToken}`,
            ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...req.headers,
          },
          ...(req.rawBody !== undefined
            ? { body: req.rawBody }
            : req.body !== undefined
              ? { body: JSON.stringify(req.body) }
              : {}),
        });
      } catch (err) {
        if (
          err instanceof SalesforceError &&
          err.kind === 'transient' &&
          req.idempotent &&
          attempt < this.#retry.maxRetries
        ) {
          await sleep(this.#delay(attempt++, null));
          continue;
        }
        throw err;
      }
      this.#calls++;
      const usage = parseLimitInfo(res.headers.get('sforce-limit-info'));
      if (usage) {
        this.#budget.observe(this.connectionId, usage.used, usage.limit);
        this.#onUsage?.(usage.used, usage.limit);
      }
      if (res.status < 300 || res.status === 304) return res;
      if (res.status === 401) {
        if (!refreshed && refreshable(res)) {
          refreshed = true;
          await this.#tokens.refresh(creds.accessToken);
          continue;
        }
        const e = firstError(res.body);
        throw new SalesforceError(
          'terminal',
          e?.errorCode ?? 'INVALID_SESSION_ID',
          e?.message ?? 'Session expired or invalid',
          { status: 401 },
        );
      }
      const err = classify(res.status, res.body, res.headers.get('retry-after'));
      if (err.kind === 'transient' && req.idempotent && attempt < this.#retry.maxRetries) {
        await sleep(this.#delay(attempt++, err.retryAfterSeconds));
        continue;
      }
      throw err;
    }
  }

  #delay(attempt: number, retryAfterSeconds: number | null): number {
    const backoff = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** attempt);
    const jittered = backoff / 2 + Math.random() * (backoff / 2);
    return retryAfterSeconds !== null
      ? Math.min(this.#retry.maxDelayMs * 3, Math.max(jittered, retryAfterSeconds * 1000))
      : jittered;
  }

  async getJson<T>(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T; headers: SfResponse['headers'] }> {
    const res = await this.request({ method: 'GET', path, idempotent: true, ...(headers ? { headers } : {}) });
    return { status: res.status, body: res.body as T, headers: res.headers };
  }

  /** Up to 25 subrequests in one API call. A composite made only of GETs is safe to retry. */
  async composite(subrequests: CompositeSubrequest[], allOrNone = false): Promise<CompositeSubresponse[]> {
    if (subrequests.length === 0) return [];
    if (subrequests.length > 25) throw new Error('a composite request holds at most 25 subrequests');
    const res = await this.request({
      method: 'POST',
      path: this.dataPath('/composite'),
      body: { allOrNone, compositeRequest: subrequests },
      idempotent: subrequests.every((s) => s.method === 'GET'),
    });
    const out = (res.body as { compositeResponse?: CompositeSubresponse[] })?.compositeResponse;
    if (!Array.isArray(out))
      throw new SalesforceError('terminal', 'INVALID_RESPONSE', 'composite answered without compositeResponse');
    return out;
  }
}
