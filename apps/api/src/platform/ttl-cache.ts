/**
 * A small in-process cache with per-entry expiry and a size bound (oldest entries are dropped
 * first). Used where a short staleness window is the contract, e.g. credentials (≤ 1 s).
 */
export class TtlCache<V> {
  readonly #map = new Map<string, { value: V; expiresAt: number }>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.#map.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= now) {
      this.#map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, expiresAt: number): void {
    if (this.#map.size >= this.#maxEntries) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
    this.#map.set(key, { value, expiresAt });
  }

  clear(): void {
    this.#map.clear();
  }
}
