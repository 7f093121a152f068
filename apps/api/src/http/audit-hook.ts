import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { insertAuditEvent, type AuditRecord } from '../modules/audit/audit.repo.ts';
import type { Clock } from '../platform/clock.ts';
import type { DB } from '../platform/db/schema.ts';
import type { RouteSpec } from './define-route.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function outcomeOf(status: number): AuditRecord['outcome'] {
  if (status < 400) return 'success';
  return status === 401 || status === 403 ? 'denied' : 'failure';
}

/**
 * Records every call to an audited (mutating) route — successes and failures — before the response
 * leaves, so a caller that sees the response can already find it in audit/list.
 */
export function makeAuditHook(deps: { db: Kysely<DB>; clock: Clock; log: Logger }) {
  return async function auditHook(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const spec = request.routeOptions.config.spec as RouteSpec | undefined;
    if (!spec?.audit) return payload;
    const caller = request.caller;
    if (caller.kind === 'anonymous' && !spec.auditAnonymous) return payload;
    const note = request.auditNote;
    const principal = caller.kind === 'principal' ? caller.principal : null;
    const bodyClient = (request.body as { client_id?: unknown } | undefined)?.client_id;
    const status = reply.statusCode;
    const record: AuditRecord = {
      orgId: note.orgId ?? principal?.orgId ?? null,
      clientId:
        note.clientId ??
        (typeof bodyClient === 'string' && UUID.test(bodyClient) ? bodyClient : null) ??
        principal?.clientId ??
        null,
      actorType: principal
        ? principal.method === 'api_token'
          ? 'api_token'
          : 'user'
        : caller.kind === 'super_admin'
          ? 'super_admin'
          : 'system',
      actorId: principal ? (principal.tokenId ?? principal.userId) : null,
      actorUserId: principal?.userId ?? null,
      action: spec.audit,
      targetType: note.targetType ?? null,
      targetId: note.targetId ?? null,
      requestId: request.id,
      outcome: outcomeOf(status),
      statusCode: status,
      details: status >= 400 ? { ...note.details, error_code: request.errorCode ?? null } : (note.details ?? null),
      ip: request.ip,
    };
    try {
      await insertAuditEvent(deps.db, record, deps.clock.now());
    } catch (err) {
      deps.log.error({ err, action: spec.audit }, 'could not write audit event');
    }
    return payload;
  };
}
