import type { AuditNote, Caller } from './principal.ts';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
    auditNote: AuditNote;
    errorCode: string | null;
  }
  interface FastifyContextConfig {
    spec?: unknown;
    docs?: boolean;
  }
}

/** The app's Fastify instance type (Zod type provider, pino logger). */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
