// Routes /services/data/vXX.X/jobs/<segments> to the ingest and query handlers.
import type { Incoming, Runtime } from '../http/http-types.ts';
import { notFound } from '../model/errors.ts';
import type { Org } from '../model/org.ts';

export interface BulkContext {
  readonly rt: Runtime;
  readonly org: Org;
  readonly userId: string;
  readonly apiVersion: string;
  readonly nowMs: number;
}

export interface BulkResponse {
  status: number;
  /** A JSON-serialisable body. */
  body?: unknown;
  /** A pre-serialised body (JobInfo JSON, CSV); its Content-Type goes in headers when not JSON. */
  text?: string;
  headers?: Record<string, string>;
}

export function routeBulk(_ctx: BulkContext, _req: Incoming, _segments: string[]): BulkResponse {
  throw notFound();
}
