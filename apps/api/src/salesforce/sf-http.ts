import { fetch, type Agent } from 'undici';
import { SalesforceError } from './sf-errors.ts';
import type { SsrfGuard } from './ssrf-guard.ts';

export interface SfResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: unknown;
}

export interface SendInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The only way the engine talks HTTP to Salesforce (and Nango): every URL passes the SSRF guard,
 * DNS answers are checked at connect time, and every call has a deadline.
 */
export class SfHttp {
  readonly #guard: SsrfGuard;
  readonly #agent: Agent;
  readonly #timeoutMs: number;

  constructor(guard: SsrfGuard, timeoutMs: number) {
    this.#guard = guard;
    this.#agent = guard.agent();
    this.#timeoutMs = timeoutMs;
  }

  get guard(): SsrfGuard {
    return this.#guard;
  }

  async send(url: string, init: SendInit, opts: { checkUrl?: boolean } = {}): Promise<SfResponse> {
    if (opts.checkUrl !== false) this.#guard.check(url);
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(url, {
        method: init.method,
        headers: { accept: 'application/json', ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
        dispatcher: this.#agent,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const reason =
        e.name === 'TimeoutError' ? `no answer within ${this.#timeoutMs} ms` : (e.cause?.message ?? e.message);
      throw new SalesforceError('transient', e.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK_ERROR', reason, {
        cause: err,
      });
    }
    const text = await res.text().catch(() => '');
    const type = res.headers.get('content-type') ?? '';
    let body: unknown = text;
    if (/json/.test(type) && text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.status, headers: res.headers, body };
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}
