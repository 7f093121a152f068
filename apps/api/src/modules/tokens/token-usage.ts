import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../platform/db/schema.ts';
import { writeTokenUsage } from '../auth/credentials.repo.ts';

/**
 * Records API-token use in memory and writes last_used_at in one batched UPDATE every few seconds,
 * instead of a write on every request. The list endpoint flushes first, so what it shows is current.
 */
export class TokenUsageTracker {
  readonly #pending = new Map<string, Date>();
  readonly #db: Kysely<DB>;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | null = null;

  constructor(db: Kysely<DB>, log: Logger, intervalMs = 10_000) {
    this.#db = db;
    this.#log = log;
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  record(tokenId: string, at: Date): void {
    this.#pending.set(tokenId, at);
  }

  async flush(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending].map(([id, at]) => ({ id, at }));
    this.#pending.clear();
    try {
      await writeTokenUsage(this.#db, batch);
    } catch (err) {
      this.#log.warn({ err }, 'could not record API token usage');
    }
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.flush();
  }
}
