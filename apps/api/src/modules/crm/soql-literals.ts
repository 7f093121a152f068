// SOQL literals from typed values. Escapes follow Salesforce's "Quoted String Escape Sequences":
// \' \" \\ \n \r \t \b \f and \uXXXX; in LIKE patterns \% and \_ match the characters themselves.
import { Errors } from '../../http/errors.ts';

export type LiteralType = 'string' | 'number' | 'boolean' | 'date' | 'datetime';
export type Scalar = string | number | boolean | null;

const SIMPLE: Record<string, string> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** The body of a quoted SOQL string (no quotes). Other control characters become \uXXXX. */
export function escapeSoqlString(value: string, forLike = false): string {
  let out = '';
  for (const ch of value) {
    const simple = SIMPLE[ch];
    if (simple) out += simple;
    else if (forLike && (ch === '%' || ch === '_')) out += `\\${ch}`;
    else if (isControl(ch.charCodeAt(0))) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** C0 controls, DEL and the Unicode line/paragraph separators: sent as \uXXXX, never raw. */
function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
}

export const quoted = (value: string, forLike = false) => `'${escapeSoqlString(value, forLike)}'`;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATETIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Describe field types grouped by the literal they take. */
export function literalTypeOfField(sfType: string | undefined): LiteralType | null {
  switch (sfType) {
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
    case 'long':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case undefined:
      return null;
    default:
      return 'string';
  }
}

/** One value as a SOQL literal of `type`; anything that cannot be that type is a 400, never pasted. */
export function literal(value: Scalar, type: LiteralType | null, field: string): string {
  if (value === null) return 'null';
  const t = type ?? (typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string');
  const bad = () => Errors.invalid(`Filter on ${field}: ${JSON.stringify(value)} is not a ${t}`, { field });
  switch (t) {
    case 'string':
      return quoted(String(value));
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
      if (typeof value === 'boolean' || (typeof value === 'string' && !/^-?\d+(\.\d+)?$/.test(value))) throw bad();
      if (!Number.isFinite(n)) throw bad();
      // Plain decimal notation: SOQL has no exponent syntax.
      return Number.isInteger(n) ? BigInt(n).toString() : n.toFixed(Math.min(18, decimals(n)));
    }
    case 'boolean':
      if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
      if (value === 'true' || value === 'false') return value.toUpperCase();
      throw bad();
    case 'date':
      if (typeof value === 'string' && DATE.test(value)) return value;
      throw bad();
    case 'datetime':
      if (typeof value === 'string' && DATETIME.test(value)) return value;
      throw bad();
  }
}

function decimals(n: number): number {
  const s = String(n);
  if (!s.includes('e')) return s.split('.')[1]?.length ?? 0;
  return Math.max(0, Number(s.split('e-')[1] ?? 0) + (s.split('e')[0]!.split('.')[1]?.length ?? 0));
}
