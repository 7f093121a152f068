// Validates a Bulk API 2.0 query when its job is created, with the SOQL engine's own parser and
// planner (so errors are the REST API's INVALID_FIELD, MALFORMED_QUERY, …) plus Bulk 2.0's documented
// restrictions: no GROUP BY, aggregates, OFFSET, TYPEOF, child subqueries or compound fields. It also
// names the CSV columns: canonical field paths in SELECT order ("Id","Account.Name"), as Salesforce
// returns them from API v50.0.
import type { FieldType } from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../model/errors.ts';
import type { Org } from '../model/org.ts';
import { soqlData, soqlSchema } from '../query/soql-adapter.ts';
import { isAggregateQuery } from '../soql/aggregate-plan.ts';
import { queryContext, type RunContext } from '../soql/context.ts';
import { expandFields } from '../soql/fields-function.ts';
import { fieldText, parseSoql } from '../soql/parse-adapter.ts';
import { planRoot } from '../soql/planner.ts';
import { resolvePath } from '../soql/schema-resolve.ts';
import { SoqlError } from '../soql/types.ts';
import { compoundNotSupported, queryFeatureNotSupported, subqueryNotSupported } from './bulk-errors.ts';

export interface QueryColumn {
  /** Header text, e.g. "Account.Name". */
  path: string;
  /** Keys to follow in a REST-shaped record: relationship names, then the field name. */
  keys: string[];
  type: string;
}

export interface QueryPlan {
  object: string;
  columns: QueryColumn[];
}

function restrictions(
  fields: FieldType[],
  ast: { groupBy?: unknown; having?: unknown; offset?: number },
  aggregate: boolean,
): void {
  if (ast.groupBy || ast.having) throw queryFeatureNotSupported('GROUP BY');
  if (aggregate) throw queryFeatureNotSupported('Aggregate queries');
  if (ast.offset !== undefined) throw queryFeatureNotSupported('OFFSET');
  for (const f of fields) {
    if (f.type === 'FieldSubquery') throw subqueryNotSupported();
    if (f.type === 'FieldTypeof') throw queryFeatureNotSupported('TYPEOF');
  }
}

export function planBulkQuery(org: Org, userId: string, soql: string, apiVersion: string): QueryPlan {
  try {
    const parsed = parseSoql(soql);
    const ast = parsed.ast;
    restrictions(ast.fields ?? [], ast, isAggregateQuery(ast));
    const run: RunContext = {
      soql,
      tokens: parsed.tokens,
      schema: soqlSchema(org, org.fieldAccess(userId)),
      data: soqlData(org),
      opts: { apiVersion, includeDeleted: false, now: new Date() },
      urlPrefix: `/services/data/v${apiVersion}/sobjects/`,
    };
    // Planning validates every clause (fields, WHERE, ORDER BY) without reading a row.
    const plan = planRoot(run, ast, parsed.shape);
    const q = queryContext(run, plan.object, ast.sObjectAlias);
    const columns: QueryColumn[] = [];
    for (const entry of expandFields(q, ast, parsed.shape)) {
      const f = entry.f;
      const text = f.type === 'FieldFunctionExpression' ? String(f.parameters[0] ?? '') : fieldText(f);
      const path = resolvePath(q, text, entry.offset);
      if (path.field.type === 'address' || path.field.type === 'location') throw compoundNotSupported();
      columns.push({
        path: path.path,
        keys: [...path.steps.map((s) => s.relName), path.field.name],
        type: path.field.type,
      });
    }
    return { object: plan.object.name, columns };
  } catch (err) {
    if (err instanceof SoqlError) throw new ApiError(err.status, err.errorCode, err.message);
    throw err;
  }
}
