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

export interface HandlerContext<B> {
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
  caller: Caller;
  /** The authenticated principal (only on `user` routes). */
  principal: () => Principal;
  /** Tell the audit log what this call touched. */
  audit: (note: AuditNote) => void;
}

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
  /** The 200 response. */
  response: R;
  /** Other success statuses the route can answer with (e.g. 202 for a job still running). */
  otherResponses?: Partial<Record<number, z.ZodType>>;
  /** Audit action recorded for every call ("clients.create"), or null for a route that changes nothing. */
  audit: string | null;
  /** Also audit calls that failed authentication (login, refresh). */
  auditAnonymous?: boolean;
  /** Answer with raw content (HTML, redirects, streamed JSON) instead of the serialized response. */
  raw?: boolean;
  handler: (ctx: HandlerContext<z.output<B>>) => Promise<z.input<R> | undefined>;
}

export function defineRoute<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export function principalOf(caller: Caller): Principal {
  if (caller.kind !== 'principal') throw Errors.unauthorized();
  return caller.principal;
}
