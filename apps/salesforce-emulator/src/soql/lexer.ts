// A positional tokenizer for SOQL. The grammar library validates syntax but reports no
// positions, so this tokenizer supplies the offsets Salesforce quotes in its error messages and
// the token stream the clause skeleton (skeleton.ts) walks.
import { fail, msg } from './errors.ts';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the first character in the SOQL text. */
  start: number;
  end: number;
}

const MAX_SOQL = 100_000;
const MAX_STRING = 4_000;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\d-])/;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)/;
const TWO_CHAR_OPS = new Set(['!=', '<>', '<=', '>=']);
// Escapes SOQL accepts inside quoted strings (\% and \_ only mean something to LIKE).
const ESCAPES = new Set(['n', 'N', 'r', 'R', 't', 'T', 'b', 'B', 'f', 'F', '"', "'", '\\', '%', '_', 'u']);

const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);

/** Tokenizes `soql`, rejecting what Salesforce rejects lexically (length, string limits, bind variables). */
export function tokenize(soql: string): Token[] {
  if (soql.length > MAX_SOQL) fail('MALFORMED_QUERY', soql, undefined, msg.tooLong());
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (c === 39) {
      i = scanString(soql, i);
      tokens.push({ kind: 'string', text: soql.slice(start, i), start, end: i });
      continue;
    }
    if (c >= 48 && c <= 57) {
      const rest = soql.slice(i, i + 40);
      const m = DATETIME.exec(rest) ?? DATE.exec(rest);
      if (m) {
        const kind = m[0].length > 10 ? 'datetime' : 'date';
        i += m[0].length;
        tokens.push({ kind, text: m[0], start, end: i });
        continue;
      }
    }
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(soql.charCodeAt(i + 1)))) {
      const m = NUMBER.exec(soql.slice(i, i + 64)) as RegExpExecArray;
      i += m[0].length;
      tokens.push({ kind: 'number', text: m[0], start, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < soql.length && isIdentPart(soql.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: soql.slice(start, i), start, end: i });
      continue;
    }
    // ":name" is an Apex bind variable; a colon before a number is a LAST_N_DAYS:n suffix.
    if (c === 58 && isIdentStart(nextNonBlank(soql, i + 1))) fail('MALFORMED_QUERY', soql, start, msg.bindVariables());
    const two = soql.slice(i, i + 2);
    i += TWO_CHAR_OPS.has(two) ? 2 : 1;
    tokens.push({ kind: 'punct', text: soql.slice(start, i), start, end: i });
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: soql.length, end: soql.length });
  return tokens;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function nextNonBlank(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  return s.charCodeAt(i);
}

/** Returns the offset after the closing quote; validates escapes and the 4,000-character limit. */
function scanString(soql: string, open: number): number {
  let i = open + 1;
  let length = 0;
  while (i < soql.length) {
    const ch = soql[i];
    if (ch === '\\') {
      const next = soql[i + 1] ?? '';
      if (!ESCAPES.has(next)) {
        const close = soql.indexOf("'", i + 1);
        const raw = soql.slice(open + 1, close === -1 ? soql.length : close);
        fail('MALFORMED_QUERY', soql, open, msg.badEscape(raw, `\\${next}`));
      }
      i += next === 'u' ? 6 : 2;
      length++;
      continue;
    }
    if (ch === "'") {
      if (length > MAX_STRING) fail('MALFORMED_QUERY', soql, open, msg.stringTooLong());
      return i + 1;
    }
    i++;
    length++;
  }
  // An unterminated literal: Salesforce's lexer reports the quote it could not match.
  return fail('MALFORMED_QUERY', soql, open, msg.unexpectedToken("'"));
}

/** Decodes a quoted SOQL string literal (with its quotes). With `forLike`, `\%` and `\_` stay escaped
 * so the LIKE compiler can tell them from wildcards; elsewhere they are the plain characters. */
export function unquote(raw: string, forLike = false): string {
  const body = raw.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i] as string;
    switch (next) {
      case 'n':
      case 'N':
        out += '\n';
        break;
      case 'r':
      case 'R':
        out += '\r';
        break;
      case 't':
      case 'T':
        out += '\t';
        break;
      case 'b':
      case 'B':
        out += '\b';
        break;
      case 'f':
      case 'F':
        out += '\f';
        break;
      case 'u':
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
        i += 4;
        break;
      case '%':
      case '_':
        out += forLike ? `\\${next}` : next;
        break;
      default:
        out += next;
    }
  }
  return out;
}

export const upper = (t: Token | undefined): string => (t && t.kind === 'ident' ? t.text.toUpperCase() : '');
