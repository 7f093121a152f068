// The shapes every REST data-API handler works with. Handlers are plain functions from a request to a
// response value, so the HTTP server and the composite resources (which run subrequests in-process)
// share them.
import type { EmulatorState } from '../model/emulator-state.ts';
import { ApiError } from '../model/errors.ts';
import type { Org } from '../model/org.ts';
import type { WriteContext } from '../model/write-context.ts';
import { locatorFor, parseJsonBody } from '../http/json-text.ts';
import type { FieldAccess } from '../schema/types.ts';

export interface RestContext {
  readonly state: EmulatorState;
  readonly org: Org;
  readonly userId: string;
  readonly apiVersion: string;
  readonly nowMs: number;
  readonly instanceUrl: string;
  readonly access: FieldAccess;
  readonly latestApiVersion: string;
  /** Set inside composite and batch: some resources may not nest. */
  readonly nested?: 'composite' | 'batch';
  /** A composite request with allOrNone overrides the allOrNone of its collections subrequests. */
  readonly forceAllOrNone?: boolean;
}

export interface RestRequest {
  readonly method: string;
  /** Path segments after /services/data/vXX.X/, URL-decoded. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The request body as text (composite subrequests re-serialise their JSON body). */
  readonly bodyText: string | undefined;
  /** An already-parsed body (composite subrequests). */
  readonly bodyValue?: unknown;
  /** The raw body (binary payloads such as a multipart deploy zip). */
  readonly bodyBytes?: Buffer;
}

export interface RestResponse {
  status: number;
  /** A JSON-serialisable body; undefined for none. */
  body?: unknown;
  /** A pre-serialised JSON body (cached describes). */
  json?: string;
  headers?: Record<string, string>;
  /** API calls this request counts for, when not 1 (composite batch counts each subrequest). */
  apiCalls?: number;
  /** A 200 whose items include failures (sObject Collections): fails an allOrNone composite. */
  partialFailure?: boolean;
}

export type RestHandler = (ctx: RestContext, req: RestRequest) => RestResponse;

export function ok(body: unknown, status = 200, headers?: Record<string, string>): RestResponse {
  return { status, body, headers };
}

export function errorResponse(err: ApiError): RestResponse {
  return { status: err.status, body: err.body() };
}

/** The JSON body of a request, or 400 JSON_PARSER_ERROR. */
export function jsonBody(req: RestRequest): unknown {
  if (req.bodyValue !== undefined) return req.bodyValue;
  return parseJsonBody(req.bodyText);
}

/** A body that must be a JSON object (a record), else Salesforce's deserialisation error. */
export function objectBody(req: RestRequest, typeName: string): Record<string, unknown> {
  const body = jsonBody(req);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const token = Array.isArray(body) ? 'START_ARRAY' : typeof body === 'string' ? 'VALUE_STRING' : 'VALUE_NUMBER_INT';
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${typeName} from ${token} value ${Array.isArray(body) ? '[' : String(body)} or ` +
        `request may be missing a required field at [line:1, column:1]`,
    );
  }
  return body as Record<string, unknown>;
}

export function writeContext(ctx: RestContext, req: RestRequest, prefix: Array<string | number> = []): WriteContext {
  const text = req.bodyText ?? (req.bodyValue !== undefined ? JSON.stringify(req.bodyValue) : undefined);
  return ctx.org.writeContext(ctx.userId, ctx.nowMs, locatorFor(text, prefix));
}

export function methodNotAllowed(method: string, allowed: string[]): ApiError {
  return new ApiError(
    405,
    'METHOD_NOT_ALLOWED',
    `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`,
  );
}
