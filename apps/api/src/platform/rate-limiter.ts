import { sql, type Kysely } from 'kysely';
import type { DB } from './db/schema.ts';

/**
 * Fixed-window counters in the database, so every API process shares them (login throttling is
 * pointless if each process counts alone). Cheap enough for rare, security-relevant paths only.
 */
export class RateLimiter {
  readonly #db: Kysely<DB>;
  readonly #windowMs: number;

  constructor(db: Kysely<DB>, windowSeconds: number) {
    this.#db = db;
    this.#windowMs = windowSeconds * 1000;
  }

  #window(now: Date): { start: Date; retryAfterSeconds: number } {
    const start = Math.floor(now.getTime() / this.#windowMs) * this.#windowMs;
    return { start: new Date(start), retryAfterSeconds: (start + this.#windowMs - now.getTime()) / 1000 };
  }

  /** Counts one event; returns the count in the current window (including this one). */
  async hit(key: string, now: Date): Promise<{ count: number; retryAfterSeconds: number }> {
    const w = this.#window(now);
    const row = await sql<{
      count: number;
    }>`insert into rate_limit_counters (key, window_start, count) values (${key}, ${w.start}, 1)
      on conflict (key, window_start) do update set count = rate_limit_counters.count + 1 returning count`.execute(
      this.#db,
    );
    if (Math.random() < 0.01) void this.prune(now).catch(() => undefined);
    return { count: row.rows[0]?.count ?? 1, retryAfterSeconds: w.retryAfterSeconds };
  }

  async peek(key: string, now: Date): Promise<{ count: number; retryAfterSeconds: number }> {
    const w = this.#window(now);
    const row = await this.#db
      .selectFrom('rate_limit_counters')
      .select('count')
      .where('key', '=', key)
      .where('window_start', '=', w.start)
      .executeTakeFirst();
    return { count: row?.count ?? 0, retryAfterSeconds: w.retryAfterSeconds };
  }

  async reset(key: string): Promise<void> {
    await this.#db.deleteFrom('rate_limit_counters').where('key', '=', key).execute();
  }

  async prune(now: Date): Promise<void> {
    await this.#db
      .deleteFrom('rate_limit_counters')
      .where('window_start', '<', new Date(now.getTime() - 2 * this.#windowMs))
      .execute();
  }
}
