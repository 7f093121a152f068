// Turns a parsed query into an executable plan against the schema: the object, the compiled
// filter, candidate ids for selective "Id = / Id IN" filters, sort keys, LIMIT/OFFSET, and either
// a record projection (with child-subquery runners) or an aggregate plan.
import type { FieldType, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import { isAggregateQuery, type AggregatePlan, planAggregate } from './aggregate-plan.ts';
import { findOffset, offsetAt, pathGetter, type QueryContext, queryContext, type RunContext } from './context.ts';
import { fail, msg } from './errors.ts';
import { expandFields, type SelectEntry } from './fields-function.ts';
import { unquote } from './lexer.ts';
import { type SortKey, sortKey } from './ordering.ts';
import { type FieldCondition, fieldText, flattenConditions } from './parse-adapter.ts';
import { addChild, addPath, addTypeof, emptyProjection, type ProjectionNode } from './projection.ts';
import { typeofBranches } from './typeof.ts';
import { resolveChild, resolveObject, resolvePath, stripQualifier } from './schema-resolve.ts';
import type { LogicShape, QueryShape } from './skeleton.ts';
import type { SoqlField, SoqlObject } from './types.ts';
import { childRunner } from './execute.ts';
import { compileWhere, type Predicate } from './where-compiler.ts';

export interface BasePlan {
  object: SoqlObject;
  filter?: Predicate;
  /** Set when the filter pins Id to literals: rows are fetched by id instead of scanned. */
  ids?: string[];
}

export type Plan =
  | (BasePlan & { kind: 'records'; order: SortKey[]; limit?: number; offset: number; projection: ProjectionNode })
  | (BasePlan & { kind: 'aggregate'; aggregate: AggregatePlan });

const MAX_OFFSET = 2000;

export function planRoot(run: RunContext, ast: Query, shape: QueryShape): Plan {
  const object = resolveObject(run.soql, run.schema, ast.sObject ?? '', offsetAt(run, shape.objectTok));
  return planQuery(queryContext(run, object, ast.sObjectAlias), ast, shape);
}

export function planQuery(q: QueryContext, ast: Query | Subquery, shape: QueryShape): Plan {
  const run = q.run;
  const entries = expandFields(q, ast, shape);
  const conditions = flattenConditions(ast.where);
  const where = (): BasePlan => ({
    object: q.object,
    filter: compileWhere(q, shape.where, conditions),
    ids: pinnedIds(q, shape.where, conditions),
  });
  if ((ast.offset ?? 0) > MAX_OFFSET)
    fail('NUMBER_OUTSIDE_VALID_RANGE', run.soql, undefined, msg.offsetMax(q.object.name));
  if (isAggregateQuery(ast as Query)) {
    const base = where();
    return { ...base, kind: 'aggregate', aggregate: planAggregate(q, ast as Query, shape, ast.fields ?? []) };
  }
  // Select items are checked before WHERE, in text order, as Salesforce reports the first problem.
  const projection = emptyProjection();
  for (const entry of entries) addEntry(q, projection, entry);
  const base = where();
  const order = (Array.isArray(ast.orderBy) ? ast.orderBy : ast.orderBy ? [ast.orderBy] : []).map((clause) => {
    const text = 'field' in clause ? clause.field : (clause.fn.rawValue ?? '');
    const offset = findOffset(run, shape.clauses.ORDER, text);
    if (!('field' in clause)) {
      const unsupported = (clause.fn.functionName ?? '').toUpperCase() === 'DISTANCE';
      return fail(
        unsupported ? 'FUNCTIONALITY_NOT_ENABLED' : 'MALFORMED_QUERY',
        run.soql,
        offset,
        unsupported ? msg.unsupported('DISTANCE()') : msg.unexpectedToken(text),
      );
    }
    const path = resolvePath(q, clause.field, offset);
    if (!path.field.sortable) fail('INVALID_FIELD', run.soql, offset, msg.notSortable(path.field.name));
    return sortKey(clause, pathGetter(run, path), path.field);
  });
  return { ...base, kind: 'records', order, limit: ast.limit, offset: ast.offset ?? 0, projection };
}

function addEntry(q: QueryContext, projection: ProjectionNode, entry: SelectEntry): void {
  const { f, offset } = entry;
  const run = q.run;
  switch (f.type) {
    case 'Field':
    case 'FieldRelationship': {
      // Aliases are only for aggregate queries; elsewhere Salesforce's parser stops at them.
      if ('alias' in f && f.alias && entry.item) {
        const aliasTok = run.tokens[entry.item.end - 1];
        fail('MALFORMED_QUERY', run.soql, aliasTok?.start, msg.unexpectedToken(aliasTok?.text ?? f.alias));
      }
      addPath(run, projection, resolvePath(q, fieldText(f), offset));
      return;
    }
    case 'FieldSubquery': {
      const shape = entry.item?.sub as QueryShape;
      const sub = f.subquery;
      const { rel, object } = resolveChild(q, sub.relationshipName, offsetAt(run, shape.objectTok));
      if (isAggregateQuery(sub as Query)) rejectAggregateSubquery(run, sub, shape);
      const child = planQuery(queryContext(run, object, sub.sObjectAlias), sub, shape);
      if (child.kind !== 'records') return;
      addChild(run, projection, rel.relationshipName as string, childRunner(run, child, rel.field));
      return;
    }
    case 'FieldFunctionExpression': {
      const name = f.functionName.toUpperCase();
      const arg = f.parameters[0];
      if ((name === 'TOLABEL' || name === 'CONVERTCURRENCY') && typeof arg === 'string') {
        const path = resolvePath(q, arg, offset);
        const read = name === 'TOLABEL' ? labelReader(pathGetter(run, path), path.field) : undefined;
        addPath(run, projection, path, read);
        return;
      }
      return fail('FUNCTIONALITY_NOT_ENABLED', run.soql, offset, msg.unsupported(`${f.functionName}()`));
    }
    case 'FieldTypeof':
      addTypeof(run, projection, typeofBranches(q, f, offset));
      return;
    default:
      return fail('MALFORMED_QUERY', run.soql, offset, msg.unexpectedToken(String((f as { type: string }).type)));
  }
}

/** Child subqueries return records, never aggregates: the parser stops at GROUP BY or the function. */
function rejectAggregateSubquery(run: RunContext, sub: Subquery, shape: QueryShape): never {
  if (shape.clauses.GROUP !== undefined)
    fail('MALFORMED_QUERY', run.soql, offsetAt(run, shape.clauses.GROUP), msg.unexpectedToken('GROUP'));
  const i = (sub.fields ?? []).findIndex((f) => f.type === 'FieldFunctionExpression');
  const tok = run.tokens[shape.items[Math.max(i, 0)]?.start ?? shape.selectTok];
  return fail('MALFORMED_QUERY', run.soql, tok?.start, msg.unexpectedToken(tok?.text ?? ''));
}

/** toLabel(): the picklist entry's label from the describe, else the stored value. */
function labelReader(
  get: ReturnType<typeof pathGetter>,
  field: SoqlField,
): (row: Parameters<typeof get>[0]) => unknown {
  const labels = new Map<string, string>();
  for (const p of (Array.isArray(field.picklistValues) ? field.picklistValues : []) as Array<{
    value?: string;
    label?: string;
  }>) {
    if (p.value !== undefined && p.label !== undefined) labels.set(p.value, p.label);
  }
  return (row) => {
    const v = get(row);
    return typeof v === 'string' ? (labels.get(v) ?? v) : v;
  };
}

/** Literal ids from a top-level "Id = '…'" or "Id IN (…)" (alone or ANDed with other conditions). */
function pinnedIds(q: QueryContext, where: LogicShape | undefined, conditions: FieldCondition[]): string[] | undefined {
  if (!where) return undefined;
  const atoms = where.kind === 'atom' ? [where] : where.kind === 'and' ? where.items : [];
  for (const atom of atoms) {
    if (atom.kind !== 'atom' || atom.semi) continue;
    const cond = conditions[atom.index] as FieldCondition;
    if (!('field' in cond) || !('value' in cond)) continue;
    const segments = stripQualifier(q, cond.field.split('.'));
    const op = cond.operator.toUpperCase();
    if (segments.length !== 1 || segments[0]?.toLowerCase() !== 'id' || (op !== '=' && op !== 'IN')) continue;
    const values = Array.isArray(cond.value) ? cond.value : [cond.value];
    if (values.every((v) => v.startsWith("'"))) return values.map((v) => unquote(v));
  }
  return undefined;
}

export type { FieldType };
