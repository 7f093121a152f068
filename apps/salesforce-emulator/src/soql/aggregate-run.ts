// Aggregate evaluation: grouping keys, accumulators (COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX)
// and the AggregateResult rows. Functions ignore nulls, except COUNT() and COUNT(Id) which count
// rows; without GROUP BY there is always exactly one result row.
import type { Getter } from './context.ts';
import type { SoqlRow } from './types.ts';
import { parseDateTime } from './values.ts';

export interface Accumulator {
  fn: string;
  /** Undefined for COUNT(). */
  get?: Getter;
  fieldType: string;
}

/** One group: its grouping values and accumulated results; getters for HAVING/ORDER BY read it. */
export interface GroupRow {
  g: unknown[];
  a: unknown[];
  /** With ROLLUP/CUBE: which grouped fields this (subtotal) row rolls up. */
  r?: boolean[];
}

export const asRow = (g: GroupRow): SoqlRow => g as unknown as SoqlRow;
export const groupValue =
  (i: number): Getter =>
  (row) =>
    (row as unknown as GroupRow).g[i] ?? null;
export const accValue =
  (i: number): Getter =>
  (row) =>
    (row as unknown as GroupRow).a[i] ?? null;

interface State {
  count: number;
  sum: number;
  best: unknown;
  bestKey: string | number | null;
  distinct?: Set<string>;
}

export interface GroupSpec {
  get: Getter;
  /** Ids group on their case-sensitive 15-character prefix; other text case-insensitively. */
  id: boolean;
}

export function aggregate(rows: Iterable<SoqlRow>, groups: GroupSpec[], accs: Accumulator[]): GroupRow[] {
  const byKey = new Map<string, { values: unknown[]; states: State[] }>();
  for (const row of rows) {
    const values = groups.map((g) => g.get(row));
    const key =
      groups.length === 0 ? '' : values.map((v, i) => groupKey(v, (groups[i] as GroupSpec).id)).join('\u0001');
    let entry = byKey.get(key);
    if (!entry) {
      entry = { values, states: accs.map(newState) };
      byKey.set(key, entry);
    }
    accs.forEach((acc, i) => {
      accumulate(acc, entry.states[i] as State, row);
    });
  }
  if (groups.length === 0 && byKey.size === 0) byKey.set('', { values: [], states: accs.map(newState) });
  return [...byKey.values()].map((e) => ({ g: e.values, a: accs.map((acc, i) => result(acc, e.states[i] as State)) }));
}

/** GROUP BY ROLLUP/CUBE: the detail groups, then one set of subtotal rows per grouping set (a
 * rolled-up field groups as null), ending with the grand total. */
export function aggregateWithSubtotals(
  rows: Iterable<SoqlRow>,
  groups: GroupSpec[],
  accs: Accumulator[],
  mode: 'ROLLUP' | 'CUBE',
): GroupRow[] {
  const all = [...rows];
  const n = groups.length;
  const sets: boolean[][] = [];
  if (mode === 'ROLLUP') {
    for (let kept = n; kept >= 0; kept--) sets.push(groups.map((_, i) => i >= kept));
  } else {
    for (let m = 0; m < 1 << n; m++) sets.push(groups.map((_, i) => ((m >> i) & 1) === 1));
    sets.sort((x, y) => x.filter(Boolean).length - y.filter(Boolean).length);
  }
  const out: GroupRow[] = [];
  for (const rolled of sets) {
    const specs = groups.map((g, i) => (rolled[i] ? { get: () => null, id: g.id } : g));
    for (const row of aggregate(all, specs, accs)) out.push({ ...row, r: rolled });
  }
  return out;
}

function groupKey(v: unknown, id: boolean): string {
  if (v === null || v === undefined || v === '') return '\u0000';
  if (typeof v === 'string') return id ? v.slice(0, 15) : v.toLowerCase();
  return String(v);
}

const newState = (acc: Accumulator): State => ({
  count: 0,
  sum: 0,
  best: null,
  bestKey: null,
  distinct: acc.fn === 'COUNT_DISTINCT' ? new Set() : undefined,
});

function accumulate(acc: Accumulator, s: State, row: SoqlRow): void {
  if (!acc.get) {
    s.count++;
    return;
  }
  const v = acc.get(row);
  if (v === null || v === undefined || v === '') return;
  s.count++;
  switch (acc.fn) {
    case 'SUM':
    case 'AVG':
      s.sum += Number(v);
      break;
    case 'COUNT_DISTINCT':
      s.distinct?.add(groupKey(v, acc.fieldType === 'id' || acc.fieldType === 'reference'));
      break;
    case 'MIN':
    case 'MAX': {
      const k = orderKey(v, acc.fieldType);
      if (s.bestKey === null || (acc.fn === 'MIN' ? k < s.bestKey : k > s.bestKey)) {
        s.bestKey = k;
        s.best = v;
      }
      break;
    }
  }
}

function orderKey(v: unknown, fieldType: string): string | number {
  if (typeof v === 'number') return v;
  if (fieldType === 'datetime') return parseDateTime(String(v));
  return fieldType === 'date' || fieldType === 'id' || fieldType === 'reference' ? String(v) : String(v).toUpperCase();
}

function result(acc: Accumulator, s: State): unknown {
  switch (acc.fn) {
    case 'COUNT':
      return s.count;
    case 'COUNT_DISTINCT':
      return s.distinct?.size ?? 0;
    case 'SUM':
      return s.count === 0 ? null : s.sum;
    case 'AVG':
      return s.count === 0 ? null : s.sum / s.count;
    default:
      return s.best;
  }
}
