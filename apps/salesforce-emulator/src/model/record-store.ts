// An org's records: one table per object, an id index across tables, lazily built lookup indexes for
// unique/external-id fields and for parent→children, and an undo journal for all-or-none work.
// Rows are plain objects keyed by canonical field names and are never mutated once stored: an update
// stores a new row, which makes undo trivial and lets the SOQL engine hold rows without copying.
import { to18 } from '../ids/salesforce-id.ts';
import type { SoqlRow } from '../soql/types.ts';

export type Row = Record<string, unknown>;

interface Table {
  readonly name: string;
  readonly rows: Map<string, Row>; // id18 → row
  /** Bumped on every write; lazily built indexes remember the version they were built at. */
  version: number;
  readonly valueIndexes: Map<string, ValueIndex>;
  childIndexes: Map<string, { version: number; map: Map<string, string[]> }>;
  readonly deletedAt: Map<string, number>;
}

type Undo = () => void;

/** field value → ids, for unique and external-id lookups. */
interface ValueIndex {
  readonly field: string;
  readonly caseSensitive: boolean;
  readonly map: Map<string, Set<string>>;
}

export class RecordStore {
  private readonly tables = new Map<string, Table>();
  /** id15 → the table holding it (the 18-character key is recomputed, which saves an object per record). */
  private readonly byId = new Map<string, Table>();
  private journal: Undo[] | null = null;
  private depth = 0;
  /** Bumped on every write anywhere (state-file persistence watches it). */
  writes = 0;

  private table(objectName: string): Table {
    const key = objectName.toLowerCase();
    let t = this.tables.get(key);
    if (!t) {
      t = {
        name: objectName,
        rows: new Map(),
        version: 0,
        valueIndexes: new Map(),
        childIndexes: new Map(),
        deletedAt: new Map(),
      };
      this.tables.set(key, t);
    }
    return t;
  }

  objectNames(): string[] {
    return [...this.tables.values()].filter((t) => t.rows.size > 0).map((t) => t.name);
  }

  count(objectName: string, includeDeleted = false): number {
    const t = this.tables.get(objectName.toLowerCase());
    if (!t) return 0;
    return includeDeleted ? t.rows.size : t.rows.size - t.deletedAt.size;
  }

  /** A record by its 15- or 18-character id (case-sensitive 15-character body), deleted ones included. */
  get(id: string): { objectName: string; row: Row } | undefined {
    const id15 = id.slice(0, 15);
    const table = this.byId.get(id15);
    if (!table) return undefined;
    const row = table.rows.get(to18(id15));
    return row ? { objectName: table.name, row } : undefined;
  }

  *scan(objectName: string, includeDeleted: boolean): Iterable<SoqlRow> {
    const t = this.tables.get(objectName.toLowerCase());
    if (!t) return;
    for (const row of t.rows.values()) if (includeDeleted || row.IsDeleted !== true) yield row;
  }

  deletedSince(objectName: string): Array<{ id: string; deletedMs: number }> {
    const t = this.tables.get(objectName.toLowerCase());
    return t ? [...t.deletedAt.entries()].map(([id, deletedMs]) => ({ id, deletedMs })) : [];
  }

  // ---- writes ----

  insert(objectName: string, row: Row): void {
    const t = this.table(objectName);
    const id = String(row.Id);
    t.rows.set(id, row);
    this.byId.set(id.slice(0, 15), t);
    this.indexRow(t, undefined, row);
    this.bump(t);
    this.record(() => {
      t.rows.delete(id);
      this.byId.delete(id.slice(0, 15));
      this.indexRow(t, row, undefined);
      this.bump(t);
    });
  }

  replace(id: string, row: Row, deletedMs?: number): void {
    const t = this.byId.get(id.slice(0, 15));
    if (!t) throw new Error(`replace of unknown record ${id}`);
    const old = t.rows.get(id)!;
    const wasDeleted = t.deletedAt.get(id);
    t.rows.set(id, row);
    if (row.IsDeleted === true) t.deletedAt.set(id, deletedMs ?? wasDeleted ?? Date.now());
    else t.deletedAt.delete(id);
    this.indexRow(t, old, row);
    this.bump(t);
    this.record(() => {
      t.rows.set(id, old);
      if (wasDeleted === undefined) t.deletedAt.delete(id);
      else t.deletedAt.set(id, wasDeleted);
      this.indexRow(t, row, old);
      this.bump(t);
    });
  }

  /** Permanently removes a record (hard delete, or purge of an object's data). */
  purge(id: string): void {
    const t = this.byId.get(id.slice(0, 15));
    if (!t) return;
    const old = t.rows.get(id);
    if (!old) return;
    const wasDeleted = t.deletedAt.get(id);
    t.rows.delete(id);
    t.deletedAt.delete(id);
    this.byId.delete(id.slice(0, 15));
    this.indexRow(t, old, undefined);
    this.bump(t);
    this.record(() => {
      t.rows.set(id, old);
      if (wasDeleted !== undefined) t.deletedAt.set(id, wasDeleted);
      this.byId.set(id.slice(0, 15), t);
      this.indexRow(t, undefined, old);
      this.bump(t);
    });
  }

  /** Drops every record of an object (its schema was removed). Not undoable. */
  dropTable(objectName: string): void {
    const t = this.tables.get(objectName.toLowerCase());
    if (!t) return;
    for (const id of t.rows.keys()) this.byId.delete(id.slice(0, 15));
    this.tables.delete(objectName.toLowerCase());
    this.writes++;
  }

  /** Removes a field's values from every row (the field was deleted). Not undoable. */
  dropField(objectName: string, fieldName: string): void {
    const t = this.tables.get(objectName.toLowerCase());
    if (!t) return;
    for (const [id, row] of t.rows) {
      if (fieldName in row) t.rows.set(id, Object.fromEntries(Object.entries(row).filter(([k]) => k !== fieldName)));
    }
    t.valueIndexes.delete(fieldName.toLowerCase());
    this.bump(t);
  }

  dropIndexes(objectName: string, fieldName?: string): void {
    const t = this.tables.get(objectName.toLowerCase());
    if (!t) return;
    if (fieldName) t.valueIndexes.delete(fieldName.toLowerCase());
    else t.valueIndexes.clear();
    t.childIndexes.clear();
  }

  // ---- persistence ----

  exportTables(): Array<{ name: string; rows: Row[]; deleted: Array<[string, number]> }> {
    return [...this.tables.values()]
      .filter((t) => t.rows.size > 0)
      .map((t) => ({ name: t.name, rows: [...t.rows.values()], deleted: [...t.deletedAt.entries()] }));
  }

  importTable(name: string, rows: Row[], deleted: Array<[string, number]>): void {
    const t = this.table(name);
    for (const row of rows) {
      const id = String(row.Id);
      t.rows.set(id, row);
      this.byId.set(id.slice(0, 15), t);
    }
    for (const [id, ms] of deleted) t.deletedAt.set(id, ms);
    this.bump(t);
  }

  /** Removes every record for which keep() is false (org reset). Not undoable. */
  retainOnly(keep: (objectName: string) => boolean): void {
    for (const [key, t] of [...this.tables]) {
      if (keep(t.name)) continue;
      for (const id of t.rows.keys()) this.byId.delete(id.slice(0, 15));
      this.tables.delete(key);
    }
    this.writes++;
  }

  // ---- lookups ----

  /** Ids of rows (deleted ones included) whose `field` equals `value` (case-insensitively unless caseSensitive). */
  findByValue(objectName: string, field: string, value: string, caseSensitive: boolean): string[] {
    const t = this.tables.get(objectName.toLowerCase());
    if (!t) return [];
    const key = field.toLowerCase();
    let index = t.valueIndexes.get(key);
    if (!index || index.caseSensitive !== caseSensitive) {
      index = { field, caseSensitive, map: new Map() };
      t.valueIndexes.set(key, index);
      for (const row of t.rows.values()) addToIndex(index, row);
    }
    return [...(index.map.get(caseSensitive ? value : value.toLowerCase()) ?? [])];
  }

  /** Ids of `childObject` rows whose `field` holds parentId (15 or 18 characters). */
  childIds(childObject: string, field: string, parentId: string): string[] {
    const t = this.tables.get(childObject.toLowerCase());
    if (!t) return [];
    let index = t.childIndexes.get(field);
    if (!index || index.version !== t.version) {
      const map = new Map<string, string[]>();
      for (const [id, row] of t.rows) {
        const v = row[field];
        if (typeof v !== 'string' || v.length < 15) continue;
        const k = v.slice(0, 15);
        const list = map.get(k);
        if (list) list.push(id);
        else map.set(k, [id]);
      }
      index = { version: t.version, map };
      t.childIndexes.set(field, index);
    }
    return index.map.get(parentId.slice(0, 15)) ?? [];
  }

  // ---- transactions ----

  /** Starts (or nests) an all-or-none unit; returns a savepoint to roll back to. */
  begin(): number {
    if (this.depth === 0) this.journal = [];
    this.depth++;
    return this.journal!.length;
  }

  commit(): void {
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) this.journal = null;
  }

  /** Rolls back every open unit (a safety net after an unexpected error mid-request). */
  abortAll(): boolean {
    if (this.depth === 0) return false;
    this.depth = 1;
    this.rollback(0);
    return true;
  }

  rollback(savepoint: number): void {
    const j = this.journal;
    if (j) while (j.length > savepoint) j.pop()!();
    this.commit();
  }

  // ---- internals ----

  private record(undo: Undo): void {
    if (this.journal) this.journal.push(undo);
  }

  private bump(t: Table): void {
    t.version++;
    this.writes++;
  }

  private indexRow(t: Table, oldRow: Row | undefined, newRow: Row | undefined): void {
    for (const index of t.valueIndexes.values()) {
      if (oldRow) removeFromIndex(index, oldRow);
      if (newRow) addToIndex(index, newRow);
    }
  }
}

function indexKey(index: ValueIndex, row: Row): string | undefined {
  const v = row[index.field];
  if (v === null || v === undefined || v === '') return undefined;
  return index.caseSensitive ? String(v) : String(v).toLowerCase();
}

function addToIndex(index: ValueIndex, row: Row): void {
  const key = indexKey(index, row);
  if (key === undefined) return;
  let set = index.map.get(key);
  if (!set) {
    set = new Set();
    index.map.set(key, set);
  }
  set.add(String(row.Id));
}

function removeFromIndex(index: ValueIndex, row: Row): void {
  const key = indexKey(index, row);
  if (key !== undefined) index.map.get(key)?.delete(String(row.Id));
}
