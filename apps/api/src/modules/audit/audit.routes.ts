import { AuditList, AuditListBody } from '@sfx/contract';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import type { Database } from '../../platform/db/database.ts';
import { listAuditEvents } from './audit.repo.ts';

export function auditRoutes(deps: { db: Database }) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/audit/list',
      operationId: 'auditList',
      tag: 'Audit',
      auth: { kind: 'user', permissions: ['org.manage'] },
      audit: null,
      summary: "The organization's audit log, newest first",
      description:
        'Every mutating call — successes, failures and denials — with actor, action, target, request id and outcome. ' +
        'Page with `before: next_cursor`.',
      body: AuditListBody,
      response: AuditList,
      handler: async ({ body, caller }) => {
        const p = principalOf(caller);
        const limit = body.limit ?? 100;
        const rows = await deps.db.tenant({ orgId: p.orgId, clientId: p.clientId }, (trx) =>
          listAuditEvents(trx, {
            clientId: body.client_id ?? null,
            actor: body.actor,
            action: body.action,
            since: body.since,
            before: body.before,
            limit,
          }),
        );
        const page = rows.slice(0, limit);
        return {
          data: page.map((r) => ({
            id: r.id,
            occurred_at: r.occurred_at.toISOString(),
            actor: { type: r.actor_type as 'user', id: r.actor_id, user_id: r.actor_user_id },
            action: r.action,
            target: { type: r.target_type, id: r.target_id },
            client_id: r.client_id,
            request_id: r.request_id,
            outcome: r.outcome as 'success',
            status_code: r.status_code,
            details: r.details,
          })),
          next_cursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
        };
      },
    }),
  ];
}
