// A small LRU keyed by SOQL text: clients (jsforce autoFetch, pollers) repeat the same queries,
// and parsing with the grammar library costs far more than evaluating a selective filter.

export class LruCache<V> {
  readonly #max: number;
  readonly #map = new Map<string, V>();

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value === undefined) return undefined;
    // Re-insert so Map iteration order doubles as recency order.
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#max) {
      const oldest = this.#map.keys().next().value as string;
      this.#map.delete(oldest);
    }
  }

  get size(): number {
    return this.#map.size;
  }
}
