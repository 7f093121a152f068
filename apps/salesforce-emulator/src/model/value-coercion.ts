// Deserialises JSON field values into the stored representation, the way Salesforce's JSON reader does:
// scalars coerce where Jackson would (a number into a text field, "42" into an int), anything else is
// a request-level JSON_PARSER_ERROR "Cannot deserialize instance of <type> from <token> value <v>".
import type { FieldDef } from '../schema/types.ts';
import { ApiError } from './errors.ts';

export type Locator = (fieldKey: string) => string;

const TEXT = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'combobox',
  'encryptedstring',
  'id',
  'reference',
  'base64',
  'json',
]);

function token(v: unknown): string {
  if (typeof v === 'string') return 'VALUE_STRING';
  if (typeof v === 'number') return Number.isInteger(v) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (v === true) return 'VALUE_TRUE';
  if (v === false) return 'VALUE_FALSE';
  return Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT';
}

function shown(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return '[';
  if (typeof v === 'object' && v !== null) return '{';
  return String(v);
}

function fail(field: FieldDef, value: unknown, key: string, locate: Locator): never {
  throw new ApiError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${field.type} from ${token(value)} value ${shown(value)} or request may be ` +
      `missing a required field${locate(key)}`,
  );
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

export function formatDate(ms: number): string {
  return formatDateTime(ms).slice(0, 10);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z)?$/i;

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** ISO 8601 text → epoch ms, or undefined when Salesforce would reject it. */
export function parseDateTime(text: string): number | undefined {
  const m = DATETIME.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m.slice(1) as string[];
  if (!validDate(+y!, +mo!, +d!) || +h > 23 || +mi > 59 || +s > 59) return undefined;
  let ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Math.floor(Number(`0.${frac}`) * 1000));
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60000;
  }
  return ms;
}

export function coerceValue(field: FieldDef, value: unknown, key: string, locate: Locator): unknown {
  if (value === null || value === undefined) return null;
  const type = field.type;
  if (TEXT.has(type)) {
    if (typeof value === 'object') fail(field, value, key, locate);
    return String(value);
  }
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      return fail(field, value, key, locate);
    case 'int':
    case 'long': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)
            ? Number(value)
            : NaN;
      if (!Number.isInteger(n)) return fail(field, value, key, locate);
      return n;
    }
    case 'double':
    case 'currency':
    case 'percent': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return fail(field, value, key, locate);
      return n;
    }
    case 'date': {
      if (typeof value !== 'string') return fail(field, value, key, locate);
      const m = DATE.exec(value.trim());
      if (m && validDate(+m[1]!, +m[2]!, +m[3]!)) return value.trim();
      const ms = parseDateTime(value);
      return ms === undefined ? fail(field, value, key, locate) : formatDate(ms);
    }
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTime(value) : undefined;
      return ms === undefined ? fail(field, value, key, locate) : formatDateTime(ms);
    }
    case 'time': {
      const m = typeof value === 'string' ? TIME.exec(value.trim()) : null;
      if (!m || +m[1]! > 23 || +m[2]! > 59 || +(m[3] ?? 0) > 59) return fail(field, value, key, locate);
      return `${m[1]}:${m[2]}:${m[3] ?? '00'}.${(m[4] ?? '0').padEnd(3, '0')}Z`;
    }
    default:
      return value;
  }
}
