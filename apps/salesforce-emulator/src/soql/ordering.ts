// ORDER BY: keys are computed once per row, then rows are sorted stably. Text sorts
// case-insensitively (English locales compare upper-cased values), picklists by their describe
// order, and nulls come first ascending and last descending unless NULLS FIRST/LAST says otherwise.
import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import type { Getter } from './context.ts';
import type { SoqlField } from './types.ts';
import { parseDateTime } from './values.ts';

export interface SortKey {
  get: Getter;
  desc: boolean;
  nullsFirst: boolean;
  normalize: (v: unknown) => string | number | null;
}

export function sortKey(clause: OrderByClause, get: Getter, field: SoqlField | undefined): SortKey {
  const desc = (clause.order ?? 'ASC').toUpperCase() === 'DESC';
  const nulls = clause.nulls?.toUpperCase();
  return { get, desc, nullsFirst: nulls ? nulls === 'FIRST' : !desc, normalize: normalizer(field) };
}

function normalizer(field: SoqlField | undefined): SortKey['normalize'] {
  const type = field?.type ?? '';
  if (type === 'picklist' && Array.isArray(field?.picklistValues)) {
    const rank = new Map<string, number>();
    (field.picklistValues as Array<{ value?: string }>).forEach((p, i) => {
      if (p.value !== undefined) rank.set(p.value, i);
    });
    return (v) => (v === null || v === undefined || v === '' ? null : (rank.get(String(v)) ?? rank.size + 1));
  }
  if (type === 'datetime') return (v) => (typeof v === 'string' && v !== '' ? parseDateTime(v) : null);
  if (type === 'id' || type === 'reference' || type === 'date')
    return (v) => (typeof v === 'string' && v !== '' ? v : null);
  return (v) => {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return String(v).toUpperCase();
  };
}

/** Sorts `items` by `keys`, computing each key once per item; ties keep their input order. */
export function sortBy<T>(items: T[], keys: SortKey[], read: (item: T) => Parameters<Getter>[0]): T[] {
  if (keys.length === 0 || items.length < 2) return items;
  const values = items.map((item) => {
    const row = read(item);
    return keys.map((k) => k.normalize(k.get(row)));
  });
  const order = items.map((_, i) => i);
  order.sort((a, b) => {
    const va = values[a] as Array<string | number | null>;
    const vb = values[b] as Array<string | number | null>;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as SortKey;
      const x = va[k] ?? null;
      const y = vb[k] ?? null;
      if (x === y) continue;
      if (x === null) return key.nullsFirst ? -1 : 1;
      if (y === null) return key.nullsFirst ? 1 : -1;
      const c = x < y ? -1 : 1;
      return key.desc ? -c : c;
    }
    return a - b;
  });
  return order.map((i) => items[i] as T);
}
