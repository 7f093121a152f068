/**
 * How a Salesforce (or custody) failure should be handled:
 * - transient: the network, a 5xx, a 420/429 — retry later, with backoff;
 * - limit: the org's API allocation is spent (REQUEST_LIMIT_EXCEEDED) or below our reserve — wait for budget;
 * - auth: the refresh token no longer works — the connection needs re-authorisation;
 * - terminal: Salesforce refused the request itself — retrying changes nothing.
 */
export type SfErrorKind = 'transient' | 'limit' | 'auth' | 'terminal';

export class SalesforceError extends Error {
  readonly kind: SfErrorKind;
  readonly status: number | null;
  /** Salesforce's errorCode (or OAuth `error`), preserved for the caller. */
  readonly errorCode: string;
  readonly sfMessage: string;
  readonly retryAfterSeconds: number | null;

  constructor(
    kind: SfErrorKind,
    errorCode: string,
    sfMessage: string,
    opts: { status?: number | null; retryAfterSeconds?: number | null; cause?: unknown } = {},
  ) {
    super(`${errorCode}: ${sfMessage}`, { cause: opts.cause });
    this.name = 'SalesforceError';
    this.kind = kind;
    this.errorCode = errorCode;
    this.sfMessage = sfMessage;
    this.status = opts.status ?? null;
    this.retryAfterSeconds = opts.retryAfterSeconds ?? null;
  }
}

/** Salesforce's REST error body: [{message, errorCode, fields?}] (sometimes an object). */
export function firstError(body: unknown): { errorCode: string; message: string } | null {
  const first = Array.isArray(body) ? body[0] : body;
  if (first && typeof first === 'object') {
    const e = first as { errorCode?: unknown; message?: unknown; error?: unknown; error_description?: unknown };
    if (typeof e.errorCode === 'string') return { errorCode: e.errorCode, message: String(e.message ?? '') };
    if (typeof e.error === 'string') return { errorCode: e.error, message: String(e.error_description ?? '') };
  }
  return null;
}

export function retryAfterOf(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, (at - Date.now()) / 1000);
}

/** Classifies a non-2xx answer from the REST API. */
export function classify(status: number, body: unknown, retryAfter: string | null): SalesforceError {
  const e = firstError(body) ?? {
    errorCode: `HTTP_${status}`,
    message: typeof body === 'string' ? body.slice(0, 300) : 'Salesforce returned an error',
  };
  const after = retryAfterOf(retryAfter);
  if (e.errorCode === 'REQUEST_LIMIT_EXCEEDED')
    return new SalesforceError('limit', e.errorCode, e.message, { status, retryAfterSeconds: after });
  if (status >= 500 || status === 420 || status === 429 || status === 408) {
    return new SalesforceError('transient', e.errorCode, e.message, { status, retryAfterSeconds: after });
  }
  return new SalesforceError('terminal', e.errorCode, e.message, { status });
}
