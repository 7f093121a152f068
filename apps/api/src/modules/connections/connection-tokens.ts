import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { NangoClient } from '../../salesforce/nango.ts';
import { refreshAccessToken } from '../../salesforce/oauth.ts';
import type { SfCredentials, TokenSource } from '../../salesforce/sf-client.ts';
import { SalesforceError } from '../../salesforce/sf-errors.ts';
import type { SfHttp } from '../../salesforce/sf-http.ts';
import type { ConnectionEvents } from './connection-events.ts';
import { findConnection, updateConnection, type ConnectionRow } from './connections.repo.ts';
import { aad, type TokenVault } from './token-vault.ts';

const NANGO_CACHE_MS = 5 * 60_000;

export interface TokenDeps {
  db: Database;
  vault: TokenVault;
  http: SfHttp;
  nango: NangoClient | null;
  config: Config;
  clock: Clock;
  events: ConnectionEvents;
  log: Logger;
}

/**
 * Access tokens for connections, in either custody mode. Refresh is single-flight per connection:
 * in this process through a shared promise, across processes (PostgreSQL) through an advisory lock,
 * after which the row is re-read — if another process already refreshed, its token is used and
 * Salesforce is not asked again.
 */
export class ConnectionTokens {
  readonly #d: TokenDeps;
  readonly #inflight = new Map<string, Promise<SfCredentials>>();
  readonly #nangoCache = new Map<string, { creds: SfCredentials; at: number }>();

  constructor(deps: TokenDeps) {
    this.#d = deps;
  }

  source(orgId: string, connectionId: string): TokenSource {
    return {
      current: () => this.current(orgId, connectionId),
      refresh: (stale) => this.refresh(orgId, connectionId, stale),
    };
  }

  async #load(orgId: string, connectionId: string): Promise<ConnectionRow> {
    const row = await this.#d.db.tenant({ orgId }, (trx) => findConnection(trx, orgId, connectionId));
    if (!row) throw new SalesforceError('terminal', 'CONNECTION_NOT_FOUND', 'the connection no longer exists');
    return row;
  }

  #usable(row: ConnectionRow): void {
    if (row.status !== 'connected') {
      throw new SalesforceError(
        row.status === 'reauth_required' ? 'auth' : 'terminal',
        `CONNECTION_${row.status.toUpperCase()}`,
        `the Salesforce connection is ${row.status}`,
      );
    }
  }

  async current(orgId: string, connectionId: string): Promise<SfCredentials> {
    const row = await this.#load(orgId, connectionId);
    this.#usable(row);
    if (row.custody === 'nango') {
      const hit = this.#nangoCache.get(connectionId);
      if (hit && Date.now() - hit.at < NANGO_CACHE_MS) return hit.creds;
      return this.#fromNango(row, false);
    }
    const accessToken = await this.#d.db.tenant({ orgId }, (trx) =>
      this.#d.vault.open(trx, orgId, aad.accessToken(row.id), row.access_token_enc!),
    );
    return { accessToken, instanceUrl: row.instance_url! };
  }

  refresh(orgId: string, connectionId: string, stale: string | null): Promise<SfCredentials> {
    const running = this.#inflight.get(connectionId);
    if (running) return running;
    const p = this.#withLock(connectionId, () => this.#refreshNow(orgId, connectionId, stale)).finally(() =>
      this.#inflight.delete(connectionId),
    );
    this.#inflight.set(connectionId, p);
    return p;
  }

  async #withLock<T>(connectionId: string, fn: () => Promise<T>): Promise<T> {
    // PGlite is one process: the in-process promise above is already the single flight.
    if (this.#d.db.kind !== 'postgres') return fn();
    return this.#d.db.withSession(async (s) => {
      await s.query('select pg_advisory_lock(hashtext($1))', [`sfx:refresh:${connectionId}`]);
      try {
        return await fn();
      } finally {
        await s.query('select pg_advisory_unlock(hashtext($1))', [`sfx:refresh:${connectionId}`]);
      }
    });
  }

  async #refreshNow(orgId: string, connectionId: string, stale: string | null): Promise<SfCredentials> {
    const row = await this.#load(orgId, connectionId);
    this.#usable(row);
    if (row.custody === 'nango') return this.#fromNango(row, true);
    const { db, vault, http, config, clock } = this.#d;
    const [access, refresh] = await db.tenant({ orgId }, async (trx) => [
      await vault.open(trx, orgId, aad.accessToken(row.id), row.access_token_enc!),
      row.refresh_token_enc ? await vault.open(trx, orgId, aad.refreshToken(row.id), row.refresh_token_enc) : null,
    ]);
    if (stale !== null && access !== stale) return { accessToken: access, instanceUrl: row.instance_url! };
    if (!refresh)
      return this.#reauth(
        row,
        new SalesforceError(
          'auth',
          'NO_REFRESH_TOKEN',
          'Salesforce granted no refresh token (the refresh_token scope is missing)',
        ),
      );
    if (!config.salesforce.app)
      throw new SalesforceError('terminal', 'NOT_CONFIGURED', 'SALESFORCE_CLIENT_ID/SECRET are not configured');
    let t: Awaited<ReturnType<typeof refreshAccessToken>>;
    try {
      t = await refreshAccessToken(http, row.login_url, config.salesforce.app, refresh);
    } catch (err) {
      if (err instanceof SalesforceError && err.kind === 'auth') return this.#reauth(row, err);
      throw err;
    }
    http.guard.check(t.instance_url);
    const now = clock.now();
    await db.tenant({ orgId }, async (trx) => {
      const sealedAccess = await vault.seal(trx, orgId, aad.accessToken(row.id), t.access_token);
      // With refresh-token rotation on, Salesforce returns a new one and revokes the old.
      const sealedRefresh = t.refresh_token
        ? await vault.seal(trx, orgId, aad.refreshToken(row.id), t.refresh_token)
        : null;
      await updateConnection(trx, orgId, row.id, {
        access_token_enc: sealedAccess.value,
        ...(sealedRefresh ? { refresh_token_enc: sealedRefresh.value } : {}),
        token_dek_id: sealedAccess.dekId,
        instance_url: t.instance_url.replace(/\/$/, ''),
        token_issued_at: now,
        last_refreshed_at: now,
        error_message: null,
      });
    });
    return { accessToken: t.access_token, instanceUrl: t.instance_url.replace(/\/$/, '') };
  }

  async #fromNango(row: ConnectionRow, forceRefresh: boolean): Promise<SfCredentials> {
    const nango = this.#d.nango;
    if (!nango || !row.nango_connection_id)
      throw new SalesforceError('terminal', 'nango_not_configured', 'Nango custody is not configured');
    try {
      const c = await nango.getConnection(row.nango_connection_id, { forceRefresh });
      this.#d.http.guard.check(c.instanceUrl);
      const creds = { accessToken: c.accessToken, instanceUrl: c.instanceUrl };
      this.#nangoCache.set(row.id, { creds, at: Date.now() });
      if (forceRefresh)
        await this.#d.db.tenant({ orgId: row.org_id }, (trx) =>
          updateConnection(trx, row.org_id, row.id, {
            last_refreshed_at: this.#d.clock.now(),
            instance_url: c.instanceUrl,
          }),
        );
      return creds;
    } catch (err) {
      if (err instanceof SalesforceError && err.kind === 'auth') return this.#reauth(row, err);
      throw err;
    }
  }

  /** The refresh token was refused: the connection needs its admin to reconnect. Never retried. */
  async #reauth(row: ConnectionRow, err: SalesforceError): Promise<never> {
    this.#nangoCache.delete(row.id);
    await this.#d.db.tenant({ orgId: row.org_id }, (trx) =>
      updateConnection(trx, row.org_id, row.id, {
        status: 'reauth_required',
        error_message: `${err.errorCode}: ${err.sfMessage}`.slice(0, 500),
      }),
    );
    await this.#d.events.record({
      orgId: row.org_id,
      clientId: row.client_id,
      connectionId: row.id,
      event: 'connection.reauth_required',
      details: { error_code: err.errorCode, message: err.sfMessage },
    });
    throw err;
  }

  forget(connectionId: string): void {
    this.#nangoCache.delete(connectionId);
  }
}
