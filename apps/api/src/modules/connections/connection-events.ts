import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../../http/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { insertAuditEvent } from '../audit/audit.repo.ts';

export type ConnectionEvent =
  | 'connection.connected'
  | 'connection.reauth_required'
  | 'connection.revoked'
  | 'connection.reconnect_refused'
  | 'topology.pulled'
  | 'topology.drift_detected';

/**
 * Events about connections and what happens through them, written to the audit log (webhooks will
 * deliver the same events later). Never carries a token: details are ids, statuses and error codes.
 */
export class ConnectionEvents {
  readonly #db: Kysely<DB>;
  readonly #clock: Clock;
  readonly #log: Logger;

  constructor(db: Kysely<DB>, clock: Clock, log: Logger) {
    this.#db = db;
    this.#clock = clock;
    this.#log = log;
  }

  async record(e: {
    orgId: string;
    clientId: string;
    connectionId: string;
    event: ConnectionEvent;
    details?: Record<string, unknown>;
    actor?: Principal | null;
    requestId?: string | null;
    targetType?: string;
    targetId?: string;
  }): Promise<void> {
    try {
      await insertAuditEvent(
        this.#db,
        {
          orgId: e.orgId,
          clientId: e.clientId,
          actorType: e.actor ? (e.actor.method === 'api_token' ? 'api_token' : 'user') : 'system',
          actorId: e.actor ? (e.actor.tokenId ?? e.actor.userId) : null,
          actorUserId: e.actor?.userId ?? null,
          action: e.event,
          targetType: e.targetType ?? 'connection',
          targetId: e.targetId ?? e.connectionId,
          requestId: e.requestId ?? null,
          outcome: 'success',
          statusCode: null,
          details: { connection_id: e.connectionId, ...e.details },
          ip: null,
        },
        this.#clock.now(),
      );
    } catch (err) {
      this.#log.error({ err, event: e.event }, 'could not record connection event');
    }
  }
}
