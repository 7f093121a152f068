// Field kinds, literal decoding and type checks for filters. Stored values use Salesforce's JSON
// representation (see types.ts), so strings compare directly and datetimes are parsed to instants.
import { dateLiteralRange, type Range } from './date-literals.ts';
import { isIdShaped } from './ids.ts';
import { unquote } from './lexer.ts';
import type { SoqlField } from './types.ts';

export type Kind = 'string' | 'multipicklist' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'time' | 'other';

const KINDS: Record<string, Kind> = {
  string: 'string',
  textarea: 'string',
  picklist: 'string',
  combobox: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  encryptedstring: 'string',
  multipicklist: 'multipicklist',
  id: 'id',
  reference: 'id',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  long: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
};

export const kindOf = (field: SoqlField): Kind => KINDS[field.type] ?? 'other';

const SOAP_TYPES: Record<string, string> = {
  int: 'int',
  double: 'double',
  currency: 'double',
  percent: 'double',
  long: 'long',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
  time: 'time',
  id: 'id',
  reference: 'id',
};

/** The type word Salesforce puts in "must be of type …": the local part of the field's soapType. */
export function soapTypeName(field: SoqlField): string {
  const soap = typeof field.soapType === 'string' ? (field.soapType as string) : '';
  if (soap) return soap.slice(soap.indexOf(':') + 1);
  return SOAP_TYPES[field.type] ?? 'string';
}

/** A decoded filter operand. */
export type Operand =
  | { t: 'null' }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'boolean'; v: boolean }
  | { t: 'date'; v: string }
  | { t: 'datetime'; v: number }
  | { t: 'range'; v: Range };

export class OperandTypeError extends Error {
  /** Whether Salesforce's message says the value should be quoted (string-typed fields). */
  readonly quoted: boolean;
  constructor(quoted: boolean) {
    super('operand type');
    this.quoted = quoted;
  }
}

export class InvalidIdError extends Error {}
export class InvalidDateError extends Error {}

/** Decodes one literal for a field of `kind`, throwing OperandTypeError when the types disagree. */
export function decodeOperand(
  kind: Kind,
  literalType: string,
  raw: string,
  nValue: number,
  now: Date,
  forLike = false,
): Operand {
  if (literalType === 'NULL') return { t: 'null' };
  switch (kind) {
    case 'string':
    case 'multipicklist':
      if (literalType !== 'STRING') throw new OperandTypeError(true);
      return { t: 'string', v: unquote(raw, forLike) };
    case 'id': {
      if (literalType !== 'STRING') throw new OperandTypeError(true);
      const v = unquote(raw);
      if (v === '') return { t: 'null' };
      if (!isIdShaped(v)) throw new InvalidIdError(v);
      return { t: 'string', v };
    }
    case 'number':
      if (!literalType.startsWith('INTEGER') && !literalType.startsWith('DECIMAL')) throw new OperandTypeError(false);
      // USD5000: a single-currency org compares the number itself.
      return { t: 'number', v: Number(raw.replace(/^[A-Za-z]{3}/, '')) };
    case 'boolean':
      if (literalType !== 'BOOLEAN') throw new OperandTypeError(false);
      return { t: 'boolean', v: raw.toUpperCase() === 'TRUE' };
    case 'date':
    case 'datetime': {
      if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
        const range = dateLiteralRange(raw.split(':')[0] as string, nValue, now);
        if (!range) throw new OperandTypeError(false);
        return { t: 'range', v: range };
      }
      if (kind === 'date' && literalType === 'DATE') {
        if (Number.isNaN(Date.parse(raw)) || new Date(raw).toISOString().slice(0, 10) !== raw)
          throw new InvalidDateError(raw);
        return { t: 'date', v: raw };
      }
      if (kind === 'datetime' && literalType === 'DATETIME') {
        const v = parseDateTime(raw);
        if (Number.isNaN(v)) throw new InvalidDateError(raw);
        return { t: 'datetime', v };
      }
      throw new OperandTypeError(false);
    }
    default:
      throw new OperandTypeError(false);
  }
}

/** Parses "YYYY-MM-DDThh:mm:ss[.sss](Z|±hh[:]mm)" to epoch ms without regexes: it runs per row. */
export function parseDateTime(s: string): number {
  if (s.length < 19) return NaN;
  const num = (from: number, len: number): number => {
    let v = 0;
    for (let i = from; i < from + len; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      v = v * 10 + d;
    }
    return v;
  };
  let ms = Date.UTC(num(0, 4), num(5, 2) - 1, num(8, 2), num(11, 2), num(14, 2), num(17, 2));
  let i = 19;
  if (s[i] === '.') {
    let frac = 0;
    let scale = 100;
    for (i++; i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
      frac += (s.charCodeAt(i) - 48) * scale;
      scale /= 10;
    }
    ms += Math.floor(frac);
  }
  const sign = s[i];
  if (sign === '+' || sign === '-') {
    const hh = num(i + 1, 2);
    const mm = s[i + 3] === ':' ? num(i + 4, 2) : num(i + 3, 2);
    ms -= (sign === '+' ? 1 : -1) * (hh * 60 + mm) * 60_000;
  }
  return ms;
}

/** Midnight UTC of a stored 'YYYY-MM-DD' value. */
export function dateMs(s: string): number {
  return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
}

export function isoDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
