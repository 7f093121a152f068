import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

export interface AuditRecord {
  orgId: string | null;
  clientId: string | null;
  actorType: 'user' | 'api_token' | 'super_admin' | 'system';
  actorId: string | null;
  actorUserId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  statusCode: number | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

export async function insertAuditEvent(db: Kysely<DB>, r: AuditRecord, at: Date): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId(at.getTime()),
      org_id: r.orgId,
      client_id: r.clientId,
      occurred_at: at,
      actor_type: r.actorType,
      actor_id: r.actorId,
      actor_user_id: r.actorUserId,
      action: r.action,
      target_type: r.targetType,
      target_id: r.targetId,
      request_id: r.requestId,
      outcome: r.outcome,
      status_code: r.statusCode,
      details: r.details ? JSON.stringify(r.details) : null,
      ip: r.ip,
    })
    .execute();
}

export interface AuditFilter {
  clientId?: string | null;
  actor?: string;
  action?: string;
  since?: string;
  before?: string;
  limit: number;
}

/** Newest first, keyset-paginated on the time-ordered id. RLS scopes it to the caller's org/client. */
export async function listAuditEvents(trx: Tx, f: AuditFilter) {
  let q = trx
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  if (f.clientId) q = q.where('client_id', '=', f.clientId);
  if (f.actor)
    q = q.where((eb) => eb.or([eb('actor_id', '=', f.actor!), eb(eb.cast('actor_user_id', 'text'), '=', f.actor!)]));
  if (f.action?.endsWith('.*')) q = q.where('action', 'like', `${f.action.slice(0, -2).replace(/[%_\\]/g, '\\$&')}.%`);
  else if (f.action) q = q.where('action', '=', f.action);
  if (f.since) q = q.where('occurred_at', '>=', new Date(f.since));
  if (f.before) q = q.where('id', '<', f.before);
  return q.execute();
}
