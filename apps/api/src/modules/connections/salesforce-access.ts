import type { Kysely } from 'kysely';
import type { Config } from '../../config/load-config.ts';
import { AppError } from '../../http/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { ApiBudget } from '../../salesforce/budget.ts';
import { SalesforceClient, type RetryPolicy } from '../../salesforce/sf-client.ts';
import type { SfHttp } from '../../salesforce/sf-http.ts';
import type { ConnectionTokens } from './connection-tokens.ts';
import { findConnectionByClient, recordApiUsage, type ConnectionRow } from './connections.repo.ts';

/**
 * Hands out a SalesforceClient for a client's connection: the one door every module uses to reach a
 * client's org. Usage readings are shared through the connection row so every process respects the
 * same API reserve.
 */
export class SalesforceAccess {
  readonly #db: Database;
  readonly #http: SfHttp;
  readonly #tokens: ConnectionTokens;
  readonly #budget: ApiBudget;
  readonly #config: Config;
  readonly #lastWrite = new Map<string, number>();

  constructor(deps: { db: Database; http: SfHttp; tokens: ConnectionTokens; budget: ApiBudget; config: Config }) {
    this.#db = deps.db;
    this.#http = deps.http;
    this.#tokens = deps.tokens;
    this.#budget = deps.budget;
    this.#config = deps.config;
  }

  get budget(): ApiBudget {
    return this.#budget;
  }

  /** The client's connection, which must be connected (400 otherwise, as the contract says). */
  async connected(orgId: string, clientId: string): Promise<ConnectionRow> {
    const row = await this.#db.tenant({ orgId }, (trx) => findConnectionByClient(trx, orgId, clientId));
    if (row?.status !== 'connected') {
      throw new AppError(
        'invalid_request',
        row
          ? `The client's Salesforce connection is ${row.status}; reconnect it first`
          : 'The client has no connected Salesforce connection',
        {
          details: { connection_status: row?.status ?? null },
        },
      );
    }
    return row;
  }

  client(row: ConnectionRow, retry?: Partial<RetryPolicy>): SalesforceClient {
    if (row.api_usage_used !== null && row.api_usage_limit !== null && row.api_usage_at) {
      this.#budget.observe(row.id, row.api_usage_used, row.api_usage_limit, row.api_usage_at.getTime());
    }
    return new SalesforceClient({
      http: this.#http,
      tokens: this.#tokens.source(row.org_id, row.id),
      budget: this.#budget,
      connectionId: row.id,
      apiVersion: row.api_version,
      retry: { maxRetries: this.#config.salesforce.maxRetries, ...retry },
      onUsage: (used, limit) => this.#persistUsage(this.#db.system, row.id, used, limit),
    });
  }

  // At most one write every few seconds per connection: readings are advisory, not a ledger.
  #persistUsage(db: Kysely<DB>, connectionId: string, used: number, limit: number): void {
    const now = Date.now();
    if (now - (this.#lastWrite.get(connectionId) ?? 0) < 5000) return;
    this.#lastWrite.set(connectionId, now);
    void recordApiUsage(db, connectionId, used, limit, new Date(now)).catch(() => undefined);
  }

  get apiVersion(): string {
    return this.#config.salesforce.apiVersion;
  }
}
