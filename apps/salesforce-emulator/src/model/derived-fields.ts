// Values the platform computes on write: defaults, auto-numbers, compound address and person-name
// fields, and the audit fields. Rows are sparse (a missing key means null), so only non-null values
// and the always-present system fields are stored.
import type { FieldDef, ObjectDef } from '../schema/types.ts';
import type { Row } from './record-store.ts';
import { formatDateTime } from './value-coercion.ts';
import type { WriteContext } from './write-context.ts';

const ADDRESS_PARTS: Record<string, string> = {
  Street: 'street',
  City: 'city',
  State: 'state',
  PostalCode: 'postalCode',
  Country: 'country',
  StateCode: 'stateCode',
  CountryCode: 'countryCode',
  Latitude: 'latitude',
  Longitude: 'longitude',
  GeocodeAccuracy: 'geocodeAccuracy',
};
const NAME_PARTS = ['FirstName', 'MiddleName', 'LastName', 'Suffix'];

/** Standard auto-number formats (Salesforce numbers cases from 00001000, contracts and orders from 00000100). */
const STANDARD_AUTO_NUMBERS: Record<string, { displayFormat: string; startingNumber: number }> = {
  'Case.CaseNumber': { displayFormat: '{00000000}', startingNumber: 1001 },
  'Contract.ContractNumber': { displayFormat: '{00000000}', startingNumber: 100 },
  'Order.OrderNumber': { displayFormat: '{00000000}', startingNumber: 100 },
  'Solution.SolutionNumber': { displayFormat: '{0000000000}', startingNumber: 1 },
};

function literalDefault(formula: string): unknown {
  const t = formula.trim();
  if (/^'.*'$/s.test(t) || /^".*"$/s.test(t)) return t.slice(1, -1);
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return Number(t);
  return undefined; // a real formula: not evaluated by the emulator
}

function formatAutoNumber(format: string, n: number, nowMs: number): string {
  const d = new Date(nowMs);
  return format
    .replace(/\{(0+)\}/g, (_m, zeros: string) => String(n).padStart(zeros.length, '0'))
    .replace(/\{YYYY\}/g, String(d.getUTCFullYear()))
    .replace(/\{YY\}/g, String(d.getUTCFullYear()).slice(2))
    .replace(/\{MM\}/g, String(d.getUTCMonth() + 1).padStart(2, '0'))
    .replace(/\{DD\}/g, String(d.getUTCDate()).padStart(2, '0'));
}

/** Defaults applied to a new record before the caller's values. */
export function insertDefaults(ctx: WriteContext, def: ObjectDef, id: string): Row {
  const now = formatDateTime(ctx.nowMs);
  const row: Row = { Id: id };
  for (const f of def.fields) {
    if (f.type === 'boolean') row[f.name] = f.defaultValue === true;
    else if ((f.type === 'picklist' || f.type === 'multipicklist') && f.picklistValues.length) {
      const dv = f.picklistValues.find((p) => p.defaultValue && p.active);
      if (dv) row[f.name] = dv.value;
    } else if (typeof f.defaultValueFormula === 'string') {
      const v = literalDefault(f.defaultValueFormula);
      if (v !== undefined) row[f.name] = v;
    }
    if (f.autoNumber) row[f.name] = autoNumber(ctx, def, f);
  }
  const set = (name: string, value: unknown) => {
    if (def.fieldMap.has(name.toLowerCase())) row[name] = value;
  };
  set('IsDeleted', false);
  set('OwnerId', ctx.userId);
  set('CreatedDate', now);
  set('CreatedById', ctx.userId);
  set('LastModifiedDate', now);
  set('LastModifiedById', ctx.userId);
  set('SystemModstamp', now);
  return row;
}

function autoNumber(ctx: WriteContext, def: ObjectDef, f: FieldDef): string {
  const extra = def.extras[f.name] ?? STANDARD_AUTO_NUMBERS[`${def.name}.${f.name}`] ?? {};
  const format = extra.displayFormat ?? '{00000000}';
  const n = ctx.host.nextAutoNumber(def.name, f.name, extra.startingNumber ?? 1);
  return formatAutoNumber(format, n, ctx.nowMs);
}

/** Stamps the audit fields of an update. */
export function touchAudit(ctx: WriteContext, def: ObjectDef, row: Row): void {
  const now = formatDateTime(ctx.nowMs);
  if (def.fieldMap.has('lastmodifieddate')) row.LastModifiedDate = now;
  if (def.fieldMap.has('lastmodifiedbyid')) row.LastModifiedById = ctx.userId;
  if (def.fieldMap.has('systemmodstamp')) row.SystemModstamp = now;
}

/** Recomputes compound fields (addresses, person names) from their components. */
export function deriveCompounds(def: ObjectDef, row: Row): void {
  for (const f of def.fields) {
    if (f.type === 'address') {
      const prefix = f.name.replace(/Address$/, '');
      const value: Record<string, unknown> = {};
      let any = false;
      for (const [suffix, key] of Object.entries(ADDRESS_PARTS)) {
        const part = def.fieldMap.get(`${prefix}${suffix}`.toLowerCase());
        if (!part || part.compoundFieldName !== f.name) continue;
        const v = row[part.name] ?? null;
        value[key] = v;
        if (v !== null) any = true;
      }
      if (any)
        row[f.name] = Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, value[k]]),
        );
      else delete row[f.name];
    }
  }
  const name = def.fieldMap.get('name');
  if (name && !name.createable && def.fieldMap.has('lastname') && def.fieldMap.has('firstname')) {
    const full = NAME_PARTS.map((p) => row[p])
      .filter((v) => typeof v === 'string' && v !== '')
      .join(' ');
    if (full) row.Name = full;
    else delete row.Name;
  }
}

/**
 * The row to store: a fresh object without null values (rows are sparse). Stored rows must keep V8's
 * fast properties: a dictionary-mode row costs about five times the memory, which matters at 100k.
 */
export function compact(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? intern(v) : v]),
  );
}

/**
 * Stored strings are shared where they repeat (owners, picklist values, timestamps of one batch) and
 * flattened where they were built by concatenation (ids, e-mails, URLs), which V8 otherwise keeps
 * as trees of fragments. The pool is bounded and simply starts over when full.
 */
const pool = new Map<string, string>();
const POOL_MAX = 50_000;

function intern(s: string): string {
  const hit = pool.get(s);
  if (hit !== undefined) return hit;
  const flat = s.length >= 13 ? (JSON.parse(JSON.stringify(s)) as string) : s;
  if (pool.size >= POOL_MAX) pool.clear();
  pool.set(flat, flat);
  return flat;
}

export function without(row: Row, drop: (key: string, value: unknown) => boolean): Row {
  // Object.fromEntries keeps V8's fast properties; assigning 20+ computed keys one by one does not.
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => !drop(k, v)));
}
