// The clause skeleton of a query, read from the positional tokens. It gives every select item,
// FROM target and WHERE/HAVING condition its source offset (for Salesforce-style error carets),
// and it rebuilds the boolean structure of WHERE/HAVING with Salesforce's rules: AND and OR may
// not be mixed without parentheses, and conditions must be joined by AND/OR. (The grammar
// library flattens conditions into a list and accepts both mistakes.)
import { fail, msg } from './errors.ts';
import { type Token, upper } from './lexer.ts';

export interface AtomShape {
  kind: 'atom';
  /** Position of this condition in the library's flattened condition list. */
  index: number;
  /** Token index where the condition's field (or function) starts. */
  tok: number;
  /** A semi-join/anti-join subquery on the right-hand side. */
  semi?: QueryShape;
}

export type LogicShape = { kind: 'and' | 'or'; items: LogicShape[] } | { kind: 'not'; item: LogicShape } | AtomShape;

export interface ItemShape {
  start: number;
  end: number;
  sub?: QueryShape;
}

export interface QueryShape {
  selectTok: number;
  items: ItemShape[];
  /** Token index of the object (or relationship path) after FROM. */
  objectTok: number;
  where?: LogicShape;
  having?: LogicShape;
  clauses: Partial<Record<Clause, number>>;
}

type Clause = 'WHERE' | 'WITH' | 'USING' | 'GROUP' | 'HAVING' | 'ORDER' | 'LIMIT' | 'OFFSET' | 'FOR' | 'UPDATE';
const CLAUSES = new Set<string>([
  'WHERE',
  'WITH',
  'USING',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FOR',
  'UPDATE',
]);
// Words that cannot be an object alias (SOQL reference, "Alias Notation"), plus the clause words.
const RESERVED = new Set([
  'AND',
  'ASC',
  'DESC',
  'EXCLUDES',
  'FIRST',
  'FROM',
  'GROUP',
  'HAVING',
  'IN',
  'INCLUDES',
  'LAST',
  'LIKE',
  'LIMIT',
  'NOT',
  'NULL',
  'NULLS',
  'OR',
  'SELECT',
  'USING',
  'WHERE',
  'WITH',
  'ORDER',
  'OFFSET',
  'FOR',
  'UPDATE',
]);
const COMPARISONS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);
const WORD_OPERATORS = new Set(['LIKE', 'IN', 'INCLUDES', 'EXCLUDES']);

export function readSkeleton(soql: string, tokens: Token[]): QueryShape {
  const reader = new SkeletonReader(soql, tokens);
  const shape = reader.query();
  reader.expectEnd();
  return shape;
}

class SkeletonReader {
  #pos = 0;
  #atoms = 0;
  readonly #soql: string;
  readonly #tokens: Token[];

  constructor(soql: string, tokens: Token[]) {
    this.#soql = soql;
    this.#tokens = tokens;
  }

  #tok(offset = 0): Token {
    return this.#tokens[Math.min(this.#pos + offset, this.#tokens.length - 1)] as Token;
  }

  #unexpected(token = this.#tok()): never {
    return fail('MALFORMED_QUERY', this.#soql, token.start, msg.unexpectedToken(token.text));
  }

  #expect(text: string): void {
    const t = this.#tok();
    if (t.text.toUpperCase() !== text) this.#unexpected(t);
    this.#pos++;
  }

  expectEnd(): void {
    if (this.#tok().kind !== 'eof') this.#unexpected();
  }

  query(): QueryShape {
    // Condition indexes count per WHERE/HAVING clause; a nested subquery must not disturb ours.
    const outerAtoms = this.#atoms;
    const selectTok = this.#pos;
    this.#expect('SELECT');
    const items: ItemShape[] = [];
    for (;;) {
      items.push(this.#item());
      if (this.#tok().text !== ',') break;
      this.#pos++;
    }
    this.#expect('FROM');
    const shape: QueryShape = { selectTok, items, objectTok: this.#pos, clauses: {} };
    this.#fromTarget();
    for (;;) {
      const word = upper(this.#tok());
      if (!CLAUSES.has(word)) break;
      shape.clauses[word as Clause] = this.#pos;
      this.#pos++;
      if (word === 'WHERE') {
        this.#atoms = 0;
        shape.where = this.#or();
      } else if (word === 'HAVING') {
        this.#atoms = 0;
        shape.having = this.#or();
      } else {
        this.#clauseHead(word);
        this.#skipUntilClause();
      }
    }
    const end = this.#tok();
    if (end.kind !== 'eof' && end.text !== ')') this.#unexpected(end);
    this.#atoms = outerAtoms;
    return shape;
  }

  #item(): ItemShape {
    const start = this.#pos;
    if (this.#tok().text === '(' && upper(this.#tok(1)) === 'SELECT') {
      this.#pos++;
      const sub = this.query();
      this.#expect(')');
      return { start, end: this.#pos, sub };
    }
    if (upper(this.#tok()) === 'TYPEOF') {
      while (upper(this.#tok()) !== 'END' && this.#tok().kind !== 'eof') this.#pos++;
      this.#pos++;
      return { start, end: this.#pos };
    }
    let depth = 0;
    for (;;) {
      const t = this.#tok();
      if (t.kind === 'eof') break;
      if (depth === 0 && (t.text === ',' || upper(t) === 'FROM')) break;
      if (t.text === '(') depth++;
      if (t.text === ')') depth--;
      this.#pos++;
    }
    if (this.#pos === start) this.#unexpected();
    return { start, end: this.#pos };
  }

  /** The fixed words that open each remaining clause ("ORDER BY", "LIMIT <n>", "FOR VIEW", …). */
  #clauseHead(word: string): void {
    const next = (): Token => this.#tok();
    const need = (ok: boolean): void => {
      if (!ok) this.#unexpected(next());
    };
    if (word === 'ORDER' || word === 'GROUP') {
      need(upper(next()) === 'BY');
      this.#pos++;
      need(next().kind === 'ident');
    } else if (word === 'LIMIT' || word === 'OFFSET') {
      need(next().kind === 'number');
    } else if (word === 'USING') {
      need(upper(next()) === 'SCOPE');
      this.#pos++;
      need(next().kind === 'ident');
    } else if (word === 'FOR') {
      need(['VIEW', 'REFERENCE', 'UPDATE'].includes(upper(next())));
    } else if (word === 'UPDATE') {
      need(['TRACKING', 'VIEWSTAT'].includes(upper(next())));
    } else {
      need(next().kind === 'ident');
    }
  }

  /** Object (or Parent.ChildRelationship), an optional alias, and the rare "FROM Contact c, c.Account a" form. */
  #fromTarget(): void {
    if (this.#tok().kind !== 'ident') this.#unexpected();
    this.#pos++;
    while (this.#tok().text === '.' && this.#tok(1).kind === 'ident') this.#pos += 2;
    if (this.#tok().kind === 'ident' && !RESERVED.has(upper(this.#tok()))) this.#pos++;
    if (this.#tok().text === ',') this.#skipUntilClause();
  }

  /** Skips tokens at this nesting level up to the next clause keyword, ')' or the end. */
  #skipUntilClause(): void {
    let depth = 0;
    for (;;) {
      const t = this.#tok();
      if (t.kind === 'eof') return;
      if (depth === 0 && (t.text === ')' || CLAUSES.has(upper(t)))) return;
      if (t.text === '(') depth++;
      if (t.text === ')') depth--;
      this.#pos++;
    }
  }

  #or(): LogicShape {
    const first = this.#unary();
    let op = '';
    const items = [first];
    for (;;) {
      const word = upper(this.#tok());
      if (word !== 'AND' && word !== 'OR') break;
      if (op && word !== op) this.#unexpected();
      op = word;
      this.#pos++;
      items.push(this.#unary());
    }
    return op ? { kind: op === 'AND' ? 'and' : 'or', items } : first;
  }

  #unary(): LogicShape {
    if (upper(this.#tok()) === 'NOT') {
      this.#pos++;
      return { kind: 'not', item: this.#unary() };
    }
    if (this.#tok().text === '(' && upper(this.#tok(1)) !== 'SELECT') {
      this.#pos++;
      const inner = this.#or();
      this.#expect(')');
      return inner;
    }
    return this.#atom();
  }

  #atom(): AtomShape {
    const tok = this.#pos;
    if (this.#tok().kind !== 'ident') this.#unexpected();
    this.#pos++;
    while (this.#tok().text === '.' && this.#tok(1).kind === 'ident') this.#pos += 2;
    if (this.#tok().text === '(') this.#skipParens();
    const op = this.#tok();
    if (COMPARISONS.has(op.text) || WORD_OPERATORS.has(upper(op))) this.#pos++;
    else if (upper(op) === 'NOT' && upper(this.#tok(1)) === 'IN') this.#pos += 2;
    else this.#unexpected(op);
    const atom: AtomShape = { kind: 'atom', index: this.#atoms++, tok };
    if (this.#tok().text === '(') {
      if (upper(this.#tok(1)) === 'SELECT') {
        this.#pos++;
        atom.semi = this.query();
        this.#expect(')');
      } else {
        this.#skipParens();
      }
      return atom;
    }
    if (this.#tok().text === '-' || this.#tok().text === '+') this.#pos++;
    const value = this.#tok();
    if (value.kind === 'eof' || (value.kind === 'punct' && value.text !== '.')) this.#unexpected(value);
    this.#pos++;
    if (this.#tok().text === ':') this.#pos += 2;
    return atom;
  }

  #skipParens(): void {
    let depth = 0;
    do {
      const t = this.#tok();
      if (t.kind === 'eof') this.#unexpected(t);
      if (t.text === '(') depth++;
      if (t.text === ')') depth--;
      this.#pos++;
    } while (depth > 0);
  }
}
