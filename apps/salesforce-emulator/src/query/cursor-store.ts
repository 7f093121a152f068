// Open query cursors of an org. A query whose result does not fit one batch keeps its rows here,
// and nextRecordsUrl's locator "<cursorId>-<offset>" pages through them. Cursors live two days, as
// on Salesforce since API v56; the emulator also keeps at most MAX_CURSORS per org (oldest dropped)
// so clients that never finish paging cannot grow memory without bound.
export interface Cursor {
  readonly id: string;
  readonly records: ReadonlyArray<Record<string, unknown>>;
  readonly totalSize: number;
  readonly batchSize: number;
  readonly userId: string;
  readonly expiresMs: number;
}

const MAX_CURSORS = 200;

export class CursorStore {
  private readonly cursors = new Map<string, Cursor>();

  open(cursor: Cursor): void {
    this.cursors.set(cursor.id.slice(0, 15), cursor);
    while (this.cursors.size > MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value as string);
  }

  get(id: string, nowMs: number): Cursor | undefined {
    const key = id.slice(0, 15);
    const c = this.cursors.get(key);
    if (c && c.expiresMs <= nowMs) {
      this.cursors.delete(key);
      return undefined;
    }
    return c;
  }

  /** Closes a cursor once its last page has been served. */
  close(id: string): void {
    this.cursors.delete(id.slice(0, 15));
  }

  expireAll(): number {
    const n = this.cursors.size;
    this.cursors.clear();
    return n;
  }

  get size(): number {
    return this.cursors.size;
  }
}
