// Parses SOQL with @jetstreamapp/soql-parser-js (the grammar) plus our positional tokens and
// clause skeleton (offsets, boolean structure). Results are cached by SOQL text because they do
// not depend on the schema: the same text always parses the same way.
import {
  parseQuery,
  type FieldType,
  type HavingClause,
  type Query,
  type ValueCondition,
  type ValueFunctionCondition,
  type ValueQueryCondition,
  type ValueWithDateLiteralCondition,
  type ValueWithDateNLiteralCondition,
  type WhereClause,
} from '@jetstreamapp/soql-parser-js';
import { errorOffset, fail, msg } from './errors.ts';
import { type Token, tokenize } from './lexer.ts';
import { LruCache } from './lru-cache.ts';
import { type QueryShape, readSkeleton } from './skeleton.ts';
import { SoqlError } from './types.ts';

export interface ParsedSoql {
  soql: string;
  tokens: Token[];
  ast: Query;
  shape: QueryShape;
}

const cache = new LruCache<ParsedSoql | SoqlError>(500);

export function parseSoql(soql: string): ParsedSoql {
  const hit = cache.get(soql);
  if (hit instanceof SoqlError) throw hit;
  if (hit) return hit;
  try {
    const parsed = parseUncached(soql);
    cache.set(soql, parsed);
    return parsed;
  } catch (err) {
    // Syntax errors are as repeatable as successes; cache them too.
    if (err instanceof SoqlError) cache.set(soql, err);
    throw err;
  }
}

function parseUncached(soql: string): ParsedSoql {
  const tokens = tokenize(soql);
  let ast: Query;
  try {
    ast = parseQuery(soql);
  } catch {
    // Two diagnoses: the grammar's (located by prefixes) and the skeleton reader's, which also
    // catches what the grammar tolerates; Salesforce reports the first problem in the text.
    const bad = locateSyntaxError(soql, tokens);
    try {
      readSkeleton(soql, tokens);
    } catch (err) {
      if ((errorOffset(err) ?? Infinity) <= bad.start) throw err;
    }
    return fail('MALFORMED_QUERY', soql, bad.start, msg.unexpectedToken(bad.text));
  }
  const shape = readSkeleton(soql, tokens);
  return { soql, tokens, ast, shape };
}

/** The library's errors carry no position. A prefix of the query that fails only for running out
 * of input is still viable; the first token after the longest viable prefix is the culprit. */
function locateSyntaxError(soql: string, tokens: Token[]): Token {
  let lo = 0; // tokens[0..lo) is a viable prefix
  let hi = tokens.length - 1; // the full query (up to eof) is not
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (viable(soql.slice(0, (tokens[mid] as Token).start))) lo = mid;
    else hi = mid - 1;
  }
  return tokens[lo] as Token;
}

function viable(prefix: string): boolean {
  try {
    parseQuery(prefix);
    return true;
  } catch (err) {
    const text = err instanceof Error ? err.message : '';
    return /but found: ''|but found --> '' <--/.test(text);
  }
}

/** A comparison in WHERE/HAVING (the library's NegationCondition markers are not conditions). */
export type FieldCondition =
  | ValueCondition
  | ValueWithDateLiteralCondition
  | ValueWithDateNLiteralCondition
  | ValueFunctionCondition
  | ValueQueryCondition;

/** The conditions of a WHERE/HAVING clause in source order (the library's linked-list form). */
export function flattenConditions(clause: WhereClause | HavingClause | undefined): FieldCondition[] {
  const out: FieldCondition[] = [];
  for (let node: WhereClause | HavingClause | undefined = clause; node; ) {
    const left = node.left as unknown as Record<string, unknown> | null;
    if (left && ('field' in left || 'fn' in left)) out.push(left as unknown as FieldCondition);
    node = 'right' in node ? (node.right as WhereClause | HavingClause | undefined) : undefined;
  }
  return out;
}

/** The dotted path a select item names, with any alias qualifier ("a.Owner.Name"). */
export function fieldText(f: FieldType): string {
  const prefix = (f as { objectPrefix?: string }).objectPrefix;
  const path = 'relationships' in f ? [...f.relationships, f.field].join('.') : 'field' in f ? f.field : '';
  return prefix ? `${prefix}.${path}` : path;
}
