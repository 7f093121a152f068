import { ERROR_STATUS, type ErrorCode } from '@sfx/contract';

/**
 * The one error type. Services throw it; the error handler (http/error-handler.ts) is the only
 * place that turns errors into HTTP responses. `message` is shown to the caller, so it never
 * carries internals; `cause` goes to the log only.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { details?: unknown; headers?: Record<string, string>; cause?: unknown; status?: number } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = opts.status ?? ERROR_STATUS[code];
    this.details = opts.details;
    this.headers = opts.headers ?? {};
  }
}

export const Errors = {
  unauthorized: (message = 'Missing or invalid credentials') =>
    new AppError('unauthorized', message, { headers: { 'www-authenticate': 'Bearer' } }),
  forbidden: (message = 'Insufficient permissions') => new AppError('forbidden', message),
  notFound: (what: string) => new AppError('not_found', `${what} not found`),
  conflict: (message: string, details?: unknown) => new AppError('conflict', message, { details }),
  invalid: (message: string, details?: unknown) => new AppError('invalid_request', message, { details }),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('rate_limited', 'Too many requests; retry later', {
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
      details: { retry_after_seconds: Math.max(1, Math.ceil(retryAfterSeconds)) },
    }),
};

/** PostgreSQL unique violation (23505), from pg or PGlite. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== '23505') return false;
  return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/** PostgreSQL foreign key violation (23503). */
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23503';
}
