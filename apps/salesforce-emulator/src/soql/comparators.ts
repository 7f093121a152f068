// Row predicates for one field compared with decoded operands, per field kind and operator.
// SOQL semantics kept here: strings compare case-insensitively; != / NOT IN / EXCLUDES also
// match empty (null) values; ordering operators never match null; a null checkbox is false;
// date literals are ranges; ids match on their case-sensitive 15-character prefix.
import { dayRange, type Range } from './date-literals.ts';
import { msg } from './errors.ts';
import { idKey, to18 } from './ids.ts';
import type { Getter } from './context.ts';
import { type Kind, type Operand, parseDateTime } from './values.ts';
import type { SoqlRow } from './types.ts';

export type Predicate = (row: SoqlRow) => boolean;
export type Reject = (errorCode: string, text: string) => never;
type Test = (v: unknown) => boolean;

const DAY = 86_400_000;

export function comparison(get: Getter, kind: Kind, op: string, operands: Operand[], reject: Reject): Predicate {
  const test = valueTest(kind, op, operands, reject);
  return (row) => test(get(row));
}

function valueTest(kind: Kind, op: string, operands: Operand[], reject: Reject): Test {
  if (op === 'INCLUDES' || op === 'EXCLUDES') {
    if (kind !== 'multipicklist') reject('INVALID_QUERY_FILTER_OPERATOR', msg.includesOnlyMultipicklist());
    const groups = operands.filter((o) => o.t === 'string').map((o) => splitValues(o.v));
    const includes: Test = (v) => {
      if (typeof v !== 'string' || v === '') return false;
      const have = new Set(splitValues(v));
      return groups.some((g) => g.every((x) => have.has(x)));
    };
    return op === 'INCLUDES' ? includes : (v) => !includes(v);
  }
  if (op === 'LIKE') {
    if (kind === 'id') reject('INVALID_QUERY_FILTER_OPERATOR', msg.invalidIdOperator());
    if (kind !== 'string' && kind !== 'multipicklist')
      reject('INVALID_QUERY_FILTER_OPERATOR', msg.invalidOperator(kind));
    const o = operands[0];
    if (o?.t !== 'string') return () => false;
    const re = likeRegExp(o.v);
    return (v) => typeof v === 'string' && re.test(v);
  }
  if (op === 'IN' || op === 'NOT IN') {
    const tests = operands.map((o) => equality(kind, o));
    const any: Test = tests.length === 1 ? (tests[0] as Test) : (v) => tests.some((t) => t(v));
    const fast = kind === 'string' || kind === 'id' ? setTest(kind, operands) : any;
    return op === 'IN' ? fast : (v) => !fast(v);
  }
  const o = operands[0] as Operand;
  if (op === '=') return equality(kind, o);
  if (op === '!=') {
    const eq = equality(kind, o);
    return (v) => !eq(v);
  }
  return ordering(kind, op, o, reject);
}

function equality(kind: Kind, o: Operand): Test {
  if (o.t === 'null') return kind === 'boolean' ? (v) => v !== true : (v) => v === null || v === undefined || v === '';
  switch (kind) {
    case 'string': {
      const lit = (o as { v: string }).v;
      if (lit === '') return (v) => v === null || v === undefined || v === '';
      const low = lit.toLowerCase();
      return (v) => typeof v === 'string' && (v === lit || (v.length === lit.length && v.toLowerCase() === low));
    }
    case 'multipicklist': {
      const want = splitValues((o as { v: string }).v)
        .sort()
        .join(';');
      return (v) => typeof v === 'string' && splitValues(v).sort().join(';') === want;
    }
    case 'id': {
      const lit15 = idKey((o as { v: string }).v);
      return (v) => typeof v === 'string' && (v.length === 18 || v.length === 15) && v.startsWith(lit15);
    }
    case 'number': {
      const n = (o as { v: number }).v;
      return (v) => v === n;
    }
    case 'boolean': {
      const b = (o as { v: boolean }).v;
      return (v) => (v === true) === b;
    }
    case 'date':
    case 'datetime':
      return rangeTest(kind, '=', o);
    default:
      return () => false;
  }
}

/** IN lists of strings/ids test one Set lookup per row instead of one comparison per value. */
function setTest(kind: Kind, operands: Operand[]): Test {
  const matchNull = operands.some((o) => o.t === 'null' || (o.t === 'string' && o.v === '' && kind === 'string'));
  const keys = new Set<string>();
  for (const o of operands)
    if (o.t === 'string' && o.v !== '') keys.add(kind === 'id' ? idKey(o.v) : o.v.toLowerCase());
  if (kind === 'id') return (v) => (typeof v === 'string' && v !== '' ? keys.has(idKey(v)) : matchNull);
  return (v) => (typeof v === 'string' && v !== '' ? keys.has(v.toLowerCase()) : matchNull);
}

function ordering(kind: Kind, op: string, o: Operand, reject: Reject): Test {
  if (o.t === 'null') return () => false;
  switch (kind) {
    case 'string':
    case 'id': {
      // Ids order by their 18-character form (PK-chunking style "Id > '…'" paging relies on it).
      const lit = kind === 'id' ? to18((o as { v: string }).v) : (o as { v: string }).v.toLowerCase();
      const norm = kind === 'id' ? (v: string) => v : (v: string) => v.toLowerCase();
      return compareWith(op, lit, (v) => (typeof v === 'string' && v !== '' ? norm(v) : undefined));
    }
    case 'number':
      return compareWith(op, (o as { v: number }).v, (v) => (typeof v === 'number' ? v : undefined));
    case 'date':
    case 'datetime':
      return rangeTest(kind, op, o);
    default:
      return reject('INVALID_QUERY_FILTER_OPERATOR', msg.invalidOperator(kind));
  }
}

function compareWith<T extends string | number>(op: string, lit: T, read: (v: unknown) => T | undefined): Test {
  switch (op) {
    case '<':
      return (v) => {
        const x = read(v);
        return x !== undefined && x < lit;
      };
    case '<=':
      return (v) => {
        const x = read(v);
        return x !== undefined && x <= lit;
      };
    case '>':
      return (v) => {
        const x = read(v);
        return x !== undefined && x > lit;
      };
    default:
      return (v) => {
        const x = read(v);
        return x !== undefined && x >= lit;
      };
  }
}

/** Dates compare as 'YYYY-MM-DD' strings, datetimes as instants; a single value is the range
 * [value, next day/millisecond), a date literal its own range. */
function rangeTest(kind: Kind, op: string, o: Operand): Test {
  let range: Range;
  if (o.t === 'range') range = o.v;
  else if (o.t === 'date') range = { start: Date.parse(o.v), end: Date.parse(o.v) + DAY };
  else if (o.t === 'datetime') range = { start: o.v, end: o.v + 1 };
  else return () => false;
  if (kind === 'date') {
    const { start, end } = dayRange(range);
    const read = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    return boundsTest(op, start, end, read);
  }
  const read = (v: unknown): number | undefined => {
    if (typeof v !== 'string' || v === '') return undefined;
    const ms = parseDateTime(v);
    return Number.isNaN(ms) ? undefined : ms;
  };
  return boundsTest(op, range.start, range.end, read);
}

function boundsTest<T extends string | number>(
  op: string,
  start: T,
  end: T,
  read: (v: unknown) => T | undefined,
): Test {
  switch (op) {
    case '=':
      return (v) => {
        const x = read(v);
        return x !== undefined && x >= start && x < end;
      };
    case '!=':
      return (v) => {
        const x = read(v);
        return x === undefined || x < start || x >= end;
      };
    case '<':
      return (v) => {
        const x = read(v);
        return x !== undefined && x < start;
      };
    case '<=':
      return (v) => {
        const x = read(v);
        return x !== undefined && x < end;
      };
    case '>':
      return (v) => {
        const x = read(v);
        return x !== undefined && x >= end;
      };
    default:
      return (v) => {
        const x = read(v);
        return x !== undefined && x >= start;
      };
  }
}

/** LIKE: % any run, _ one character, \% and \_ literal; whole-value, case-insensitive match. */
export function likeRegExp(pattern: string): RegExp {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) body += escapeRegExp(pattern[++i] as string);
    else if (ch === '%') body += '.*';
    else if (ch === '_') body += '.';
    else body += escapeRegExp(ch);
  }
  return new RegExp(`^${body}$`, 'is');
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const splitValues = (v: string): string[] =>
  v
    .split(';')
    .map((x) => x.trim().toLowerCase())
    .filter((x) => x !== '');
