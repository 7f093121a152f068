import { SalesforceError } from './sf-errors.ts';

interface Reading {
  used: number;
  limit: number;
  at: number;
}

// A reading older than this says little about a rolling 24-hour allocation: let one call through
// to get a fresh one rather than refusing on stale numbers.
const STALE_MS = 15 * 60_000;

/**
 * The client's daily API allocation is shared with everything else they run, so the engine leaves
 * a reserve (default 10%) untouched: below it, new work is refused and retried later.
 */
export class ApiBudget {
  readonly #reservePercent: number;
  readonly #readings = new Map<string, Reading>();

  constructor(reservePercent: number) {
    this.#reservePercent = reservePercent;
  }

  observe(connectionId: string, used: number, limit: number, at = Date.now()): void {
    const prev = this.#readings.get(connectionId);
    if (!prev || prev.at <= at) this.#readings.set(connectionId, { used, limit, at });
  }

  reading(connectionId: string): Reading | undefined {
    return this.#readings.get(connectionId);
  }

  remainingPercent(connectionId: string): number | null {
    const r = this.#readings.get(connectionId);
    return r && r.limit > 0 ? ((r.limit - r.used) / r.limit) * 100 : null;
  }

  /** Throws a `limit` error when the last fresh reading is inside the reserve. */
  check(connectionId: string, now = Date.now()): void {
    const r = this.#readings.get(connectionId);
    if (!r || r.limit <= 0 || now - r.at > STALE_MS) return;
    const remaining = r.limit - r.used;
    if (remaining <= (r.limit * this.#reservePercent) / 100) {
      throw new SalesforceError(
        'limit',
        'API_BUDGET_RESERVE',
        `Only ${remaining} of the org's ${r.limit} daily API requests remain; the engine keeps ` +
          `${this.#reservePercent}% for the client's own integrations`,
        { retryAfterSeconds: 3600 },
      );
    }
  }
}
