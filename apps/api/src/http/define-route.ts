import type { Permission } from '@sfx/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Errors } from './errors.ts';
import type { AuditNote, Caller, Principal } from './principal.ts';

/** Who may call a route. Every route states it; there is no default. */
export type RouteAuth =
  | { kind: 'public' }
  | { kind: 'super_admin' }
  /** An org user or API token holding every listed permission ([] = any authenticated caller). */
  | { kind: 'user'; permissions: readonly Permission[] };

export interface HandlerContext<B, Q = unknown> {
  body: B;
  /** The validated query string (GET routes that declare one). */
  query: Q;
  request: FastifyRequest;
  reply: FastifyReply;
  caller: Caller;
  /** The authenticated principal (only on `user` routes). */
  principal: () => Principal;
  /** Tell the audit log what this call touched. */
  audit: (note: AuditNote) => void;
  /** Answer with one of the route's `otherResponses` (e.g. 202 while a job runs). */
  respond: (status: number, body: Record<string, unknown>) => Alternate;
}

declare const alternate: unique symbol;
/** A body for one of `otherResponses`, made by `ctx.respond`. */
export type Alternate = Record<string, unknown> & { readonly [alternate]: true };

export interface RouteSpec<B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  url: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: RouteAuth;
  /** POST routes declare their body; GET routes take none. */
  body: B | null;
  /** GET routes may declare a query string. */
  query?: z.ZodType;
  /** The 200 response. */
  response: R;
  /** Other success statuses the route can answer with (e.g. 202 for a job still running). */
  otherResponses?: Partial<Record<number, z.ZodType>>;
  /** Audit action recorded for every call ("clients.create"), or null for a route that changes nothing. */
  audit: string | null;
  /** Also audit calls that failed authentication (login, refresh). */
  auditAnonymous?: boolean;
  /** Answer with raw content (HTML, redirects) instead of the serialized response; nothing to document. */
  raw?: boolean;
  /** The handler sends a stream itself; `response` still documents what it streams. */
  stream?: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the query type is declared per route by its `query` schema
  handler: (ctx: HandlerContext<z.output<B>, any>) => Promise<z.input<R> | Alternate | undefined>;
}

export function defineRoute<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export function principalOf(caller: Caller): Principal {
  if (caller.kind !== 'principal') throw Errors.unauthorized();
  return caller.principal;
}
