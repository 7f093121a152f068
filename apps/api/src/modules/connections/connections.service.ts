import type { Logger } from 'pino';
import { Errors } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { NangoClient } from '../../salesforce/nango.ts';
import { revokeToken } from '../../salesforce/oauth.ts';
import type { SfHttp } from '../../salesforce/sf-http.ts';
import { findClient } from '../clients/clients.repo.ts';
import { assertClientInScope } from '../clients/clients.service.ts';
import type { ConnectionEvents } from './connection-events.ts';
import type { ConnectionTokens } from './connection-tokens.ts';
import {
  findConnection,
  findConnectionByClient,
  listConnections,
  updateConnection,
  type ConnectionRow,
} from './connections.repo.ts';
import { aad, type TokenVault } from './token-vault.ts';

export interface ConnectionsDeps {
  db: Database;
  vault: TokenVault;
  http: SfHttp;
  nango: NangoClient | null;
  tokens: ConnectionTokens;
  events: ConnectionEvents;
  clock: Clock;
  log: Logger;
}

export function createConnectionsService(d: ConnectionsDeps) {
  const { db } = d;
  const scope = (p: Principal) => ({ orgId: p.orgId, clientId: p.clientId });

  async function byClient(p: Principal, clientId: string): Promise<ConnectionRow> {
    assertClientInScope(p, clientId);
    const row = await db.tenant(scope(p), (trx) => findConnectionByClient(trx, p.orgId, clientId));
    if (!row) throw Errors.notFound('Connection');
    return row;
  }

  return {
    /** Company users only ever see their own client's connection, whatever they ask for. */
    async list(p: Principal, clientId: string | undefined): Promise<ConnectionRow[]> {
      if (clientId) assertClientInScope(p, clientId);
      return db.tenant(scope(p), async (trx) => {
        // Naming a client that is not the caller's is a 404, never an empty list that confirms nothing.
        if (clientId && !(await findClient(trx, p.orgId, clientId))) throw Errors.notFound('Client');
        return listConnections(trx, p.orgId, clientId ?? p.clientId);
      });
    },

    async get(p: Principal, id: string): Promise<ConnectionRow> {
      const row = await db.tenant(scope(p), (trx) => findConnection(trx, p.orgId, id));
      if (!row || (p.clientId && row.client_id !== p.clientId)) throw Errors.notFound('Connection');
      return row;
    },

    /** Forces a token refresh now (a rejected refresh token marks the connection reauth_required). */
    async refresh(p: Principal, clientId: string): Promise<ConnectionRow> {
      const row = await byClient(p, clientId);
      if (row.status !== 'connected')
        throw Errors.invalid(`The connection is ${row.status}; only a connected connection can be refreshed`);
      await d.tokens.refresh(p.orgId, row.id, null);
      return (await db.tenant(scope(p), (trx) => findConnection(trx, p.orgId, row.id)))!;
    },

    /**
     * Revokes at Salesforce (a refresh token's revocation ends its access tokens too) or deletes the
     * Nango connection, then wipes the stored tokens — even when the remote call fails, so the engine
     * holds nothing either way; `salesforce_revoked` says whether the remote side confirmed.
     */
    async revoke(
      p: Principal,
      clientId: string,
      requestId: string,
    ): Promise<{ row: ConnectionRow; remoteRevoked: boolean }> {
      const row = await byClient(p, clientId);
      if (row.status === 'revoked') return { row, remoteRevoked: false };
      let remoteRevoked = false;
      try {
        if (row.custody === 'nango' && row.nango_connection_id && d.nango) {
          await d.nango.deleteConnection(row.nango_connection_id);
          remoteRevoked = true;
        } else if (row.refresh_token_enc || row.access_token_enc) {
          const token = await db.tenant(scope(p), (trx) =>
            row.refresh_token_enc
              ? d.vault.open(trx, p.orgId, aad.refreshToken(row.id), row.refresh_token_enc)
              : d.vault.open(trx, p.orgId, aad.accessToken(row.id), row.access_token_enc!),
          );
          await revokeToken(d.http, row.login_url, token);
          remoteRevoked = true;
        }
      } catch (err) {
        d.log.warn({ err, connectionId: row.id }, 'remote revocation failed; wiping local tokens anyway');
      }
      const now = d.clock.now();
      const updated = await db.tenant(scope(p), (trx) =>
        updateConnection(trx, p.orgId, row.id, {
          status: 'revoked',
          access_token_enc: null,
          refresh_token_enc: null,
          token_dek_id: null,
          revoked_at: now,
          error_message: null,
        }),
      );
      d.tokens.forget(row.id);
      await d.events.record({
        orgId: p.orgId,
        clientId,
        connectionId: row.id,
        event: 'connection.revoked',
        actor: p,
        requestId,
        details: { salesforce_revoked: remoteRevoked },
      });
      return { row: updated, remoteRevoked };
    },
  };
}
export type ConnectionsService = ReturnType<typeof createConnectionsService>;
