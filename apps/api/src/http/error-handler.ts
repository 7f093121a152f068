import type { ErrorCode } from '@sfx/contract';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './fastify-types.ts';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { SalesforceError } from '../salesforce/sf-errors.ts';
import { AppError } from './errors.ts';

interface Rendered {
  status: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
  headers?: Record<string, string>;
}

function fromFastify(err: FastifyError): Rendered | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 422, code: 'malformed_json', message: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', message: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: 'Send the body as application/json' };
    default:
      break;
  }
  // secure-json-parse rejects __proto__/constructor keys with a SyntaxError-like 400.
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON|proto|constructor/i.test(err.message))) {
    return { status: 422, code: 'malformed_json', message: 'The request body is not valid JSON' };
  }
  return null;
}

/** Salesforce's own errorCode and message travel in details; transient trouble is a retryable 503. */
function fromSalesforce(err: SalesforceError): Rendered {
  const details = {
    error_code: err.errorCode,
    message: err.sfMessage,
    ...(err.status ? { salesforce_status: err.status } : {}),
  };
  if (err.kind === 'limit' || err.kind === 'transient') {
    const after = Math.ceil(err.retryAfterSeconds ?? (err.kind === 'limit' ? 3600 : 30));
    const message =
      err.kind === 'limit'
        ? 'The client org is out of API budget; retry later'
        : 'Salesforce is unavailable; retry later';
    return { status: 503, code: 'salesforce_unavailable', message, details, headers: { 'retry-after': String(after) } };
  }
  const custody = err.errorCode.startsWith('nango_');
  return {
    status: 502,
    code: custody ? 'custody_error' : 'salesforce_error',
    message:
      err.kind === 'auth'
        ? "Salesforce refused the connection's credentials; the client must reconnect"
        : custody
          ? 'The token custodian (Nango) refused the request'
          : 'Salesforce refused the request',
    details,
  };
}

function render(err: unknown): Rendered | null {
  if (err instanceof SalesforceError) return fromSalesforce(err);
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, message: err.message, details: err.details, headers: err.headers };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path:
        [
          v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
          (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.'),
        ].filter(Boolean)[0] ?? '',
      message: v.message ?? 'invalid',
    }));
    return { status: 422, code: 'validation_failed', message: 'The request does not match the schema', details };
  }
  const fe = err as FastifyError;
  if (fe && typeof fe.code === 'string' && fe.code.startsWith('FST_')) return fromFastify(fe);
  if (fe instanceof SyntaxError) return fromFastify(fe);
  return null;
}

/** The one place errors become HTTP responses: the contract's envelope, never a stack trace. */
export function installErrorHandling(app: App): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    let r = render(err);
    if (!r) {
      if (isResponseSerializationError(err)) request.log.error({ err }, 'response did not match its schema');
      else request.log.error({ err }, 'unhandled error');
      r = { status: 500, code: 'internal_error', message: 'Internal server error' };
    } else if (r.status >= 500) {
      request.log.error({ err }, 'request failed');
    }
    request.errorCode = r.code;
    for (const [k, v] of Object.entries(r.headers ?? {})) reply.header(k, v);
    void reply
      .code(r.status)
      .type('application/json; charset=utf-8')
      .serializer(JSON.stringify)
      .send({
        error: { code: r.code, message: r.message, ...(r.details !== undefined ? { details: r.details } : {}) },
        request_id: request.id,
      });
  });

  app.setNotFoundHandler((request, reply) => {
    request.errorCode = 'route_not_found';
    void reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send({
        error: { code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
        request_id: request.id,
      });
  });
}
