// Per-execution state shared by the compilers: the SOQL text and tokens (for error offsets), the
// schema and data views, the run options, and value getters for resolved field paths.
import type { Token } from './lexer.ts';
import type { FieldPath, Scope } from './schema-resolve.ts';
import type { SoqlData, SoqlObject, SoqlRow, SoqlRunOptions, SoqlSchema } from './types.ts';

export interface RunContext {
  soql: string;
  tokens: Token[];
  schema: SoqlSchema;
  data: SoqlData;
  opts: SoqlRunOptions;
  /** "/services/data/v62.0/sobjects/" or the tooling equivalent. */
  urlPrefix: string;
}

export interface QueryContext extends Scope {
  run: RunContext;
  /** True inside semi-join subqueries, which may not nest further semi-joins. */
  inSemiJoin?: boolean;
}

export type Getter = (row: SoqlRow) => unknown;

export function queryContext(run: RunContext, object: SoqlObject, alias: string | undefined): QueryContext {
  return { soql: run.soql, schema: run.schema, object, alias, run };
}

export const offsetAt = (run: RunContext, tok: number): number => (run.tokens[tok] as Token).start;

/** Reads a path's value from a row, following lookups through data.get(); null when any hop is
 * empty (Salesforce's outer-join semantics for parent fields). On a polymorphic hop, "Type" is
 * the referenced record's object name. */
export function pathGetter(run: RunContext, path: FieldPath): Getter {
  const name = path.field.name;
  if (path.steps.length === 0) return (row) => row[name] ?? null;
  const { data, opts } = run;
  const refs = path.steps.map((s) => s.refField.name);
  const last = path.steps[path.steps.length - 1];
  const typeOfLast = !!last && last.polymorphic && name === 'Type';
  return (row) => {
    let current: SoqlRow = row;
    let objectName = '';
    for (const ref of refs) {
      const id = current[ref];
      if (typeof id !== 'string' || id === '') return null;
      const hit = data.get(id, opts.includeDeleted);
      if (!hit) return null;
      current = hit.row;
      objectName = hit.objectName;
    }
    return typeOfLast ? objectName : (current[name] ?? null);
  };
}

/** Offset of the first occurrence of a (dotted) name at or after token `fromTok`; used for clauses
 * whose items the skeleton does not track one by one (GROUP BY, ORDER BY). */
export function findOffset(run: RunContext, fromTok: number | undefined, dotted: string): number {
  const tokens = run.tokens;
  const parts = dotted.toLowerCase().split('.');
  const start = fromTok ?? 0;
  for (let i = start; i < tokens.length; i++) {
    if (
      parts.every(
        (p, k) => tokens[i + 2 * k]?.text.toLowerCase() === p && (k === 0 || tokens[i + 2 * k - 1]?.text === '.'),
      )
    ) {
      return (tokens[i] as Token).start;
    }
  }
  return (tokens[start] as Token | undefined)?.start ?? 0;
}
