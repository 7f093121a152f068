// Plans aggregate queries (GROUP BY, aggregate functions, HAVING, COUNT()): every grouped
// expression and aggregate is registered once and referenced by index from the SELECT columns,
// HAVING and ORDER BY. Results are AggregateResult rows keyed by alias, field name or exprN.
import type {
  FieldFunctionExpression,
  FieldType,
  FunctionExp,
  GroupByClause,
  OrderByClause,
  Query,
} from '@jetstreamapp/soql-parser-js';
import {
  accValue,
  type Accumulator,
  aggregate,
  aggregateWithSubtotals,
  asRow,
  type GroupRow,
  type GroupSpec,
  groupValue,
} from './aggregate-run.ts';
import { comparison, type Predicate, type Reject } from './comparators.ts';
import { findOffset, type Getter, offsetAt, pathGetter, type QueryContext } from './context.ts';
import { applyDateFunction, DATE_FUNCTIONS } from './date-functions.ts';
import { fail, msg } from './errors.ts';
import { type SortKey, sortBy, sortKey } from './ordering.ts';
import { type FieldCondition, fieldText, flattenConditions } from './parse-adapter.ts';
import { resolvePath } from './schema-resolve.ts';
import type { QueryShape } from './skeleton.ts';
import type { SoqlField, SoqlResult, SoqlRow } from './types.ts';
import { kindOf } from './values.ts';
import { compileTree, dateFunctionArgument, decodeAll, normalizeOperator } from './where-compiler.ts';

export const AGGREGATE_FUNCTIONS = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

export interface AggregatePlan {
  groups: GroupSpec[];
  accs: Accumulator[];
  columns: Array<{ key: string; get: Getter }>;
  having?: Predicate;
  order: SortKey[];
  limit?: number;
  offset: number;
  countOnly: boolean;
  subtotals?: 'ROLLUP' | 'CUBE';
}

interface Expr {
  get: Getter;
  field?: SoqlField;
}

class Registry {
  readonly groups: GroupSpec[] = [];
  readonly groupKeys: string[] = [];
  readonly groupFields: SoqlField[] = [];
  readonly accs: Accumulator[] = [];
  readonly accKeys: string[] = [];
  subtotals?: 'ROLLUP' | 'CUBE';
  readonly q: QueryContext;
  constructor(q: QueryContext) {
    this.q = q;
  }

  addGroup(clause: GroupByClause, offset: number): void {
    if (this.subtotals) fail('MALFORMED_QUERY', this.q.soql, offset, msg.unexpectedToken(','));
    if ('field' in clause) {
      this.#field(clause.field, offset);
      return;
    }
    const name = (clause.fn.functionName ?? '').toUpperCase();
    if (name === 'ROLLUP' || name === 'CUBE') {
      // All grouped fields must sit inside the one ROLLUP(…)/CUBE(…).
      if (this.groups.length > 0)
        fail('MALFORMED_QUERY', this.q.soql, offset, msg.unexpectedToken(clause.fn.functionName ?? name));
      for (const p of clause.fn.parameters ?? []) {
        if (typeof p !== 'string')
          fail('MALFORMED_QUERY', this.q.soql, offset, msg.unexpectedToken(p.functionName ?? ''));
        this.#field(p, findOffsetAfter(this, p, offset));
      }
      this.subtotals = name;
      return;
    }
    if (!DATE_FUNCTIONS.has(name))
      fail('MALFORMED_QUERY', this.q.soql, offset, msg.unexpectedToken(clause.fn.functionName ?? ''));
    const { key, get } = this.#dateFunction(clause.fn, offset);
    this.#push(key, get, { ...numberField, name: clause.fn.rawValue ?? name }, false);
  }

  #field(text: string, offset: number): void {
    const path = resolvePath(this.q, text, offset);
    if (!path.field.groupable) fail('INVALID_FIELD', this.q.soql, offset, msg.notGroupable(path.field.name));
    this.#push(`F:${path.path.toLowerCase()}`, pathGetter(this.q.run, path), path.field, kindOf(path.field) === 'id');
  }

  /** GROUPING(field): 1 on subtotal rows that roll the field up, else 0. */
  grouping(fn: FunctionExp, offset: number): Expr {
    const arg = fn.parameters?.[0];
    if (typeof arg !== 'string')
      return fail('MALFORMED_QUERY', this.q.soql, offset, msg.unexpectedToken(fn.rawValue ?? 'GROUPING'));
    const key = `F:${resolvePath(this.q, arg, offset).path.toLowerCase()}`;
    const i = this.groupKeys.indexOf(key);
    if (i < 0) fail('MALFORMED_QUERY', this.q.soql, offset, msg.mustGroup(arg));
    return { get: (row) => ((row as unknown as GroupRow).r?.[i] ? 1 : 0), field: numberField };
  }

  /** A function column in SELECT/HAVING/ORDER BY: an aggregate, GROUPING() or a grouped date function. */
  expression(fn: FunctionExp, offset: number): Expr {
    const name = (fn.functionName ?? '').toUpperCase();
    if (AGGREGATE_FUNCTIONS.has(name)) return this.aggregate(fn, offset);
    if (name === 'GROUPING') return this.grouping(fn, offset);
    return this.grouped(fn.rawValue ?? name, fn, offset);
  }

  #push(key: string, get: Getter, field: SoqlField, id: boolean): void {
    this.groupKeys.push(key);
    this.groups.push({ get, id });
    this.groupFields.push(field);
  }

  #dateFunction(fn: FunctionExp, offset: number): { key: string; get: Getter } {
    const name = (fn.functionName ?? '').toUpperCase();
    const { path } = dateFunctionArgument(this.q, fn, offset);
    const inner = pathGetter(this.q.run, path);
    const type = path.field.type;
    return { key: `D:${name}(${path.path.toLowerCase()})`, get: (row) => applyDateFunction(name, inner(row), type) };
  }

  /** A grouped field or date function, as referenced from SELECT/HAVING/ORDER BY. */
  grouped(text: string, fn: FunctionExp | undefined, offset: number): Expr {
    const key = fn ? this.#dateFunction(fn, offset).key : `F:${resolvePath(this.q, text, offset).path.toLowerCase()}`;
    const i = this.groupKeys.indexOf(key);
    if (i < 0) fail('MALFORMED_QUERY', this.q.soql, offset, msg.mustGroup(text));
    return { get: groupValue(i), field: this.groupFields[i] };
  }

  aggregate(fn: FunctionExp, offset: number): Expr {
    const name = (fn.functionName ?? '').toUpperCase();
    const arg = fn.parameters?.[0];
    if (arg === undefined) {
      if (name !== 'COUNT') fail('MALFORMED_QUERY', this.q.soql, offset, msg.unexpectedToken(')'));
      return { get: accValue(this.#acc('A:COUNT()', { fn: 'COUNT', fieldType: 'int' })), field: numberField };
    }
    if (typeof arg !== 'string') fail('MALFORMED_QUERY', this.q.soql, offset, msg.unexpectedToken(fn.rawValue ?? name));
    const argOffset = findOffsetAfter(this, arg, offset);
    const path = resolvePath(this.q, arg, argOffset);
    const numeric = kindOf(path.field) === 'number';
    if (!path.field.aggregatable || ((name === 'SUM' || name === 'AVG') && !numeric)) {
      fail('MALFORMED_QUERY', this.q.soql, argOffset, msg.noAggregate(arg, name));
    }
    const acc: Accumulator = { fn: name, get: pathGetter(this.q.run, path), fieldType: path.field.type };
    const field = name === 'MIN' || name === 'MAX' ? path.field : numberField;
    return { get: accValue(this.#acc(`A:${name}(${path.path.toLowerCase()})`, acc)), field };
  }

  #acc(key: string, acc: Accumulator): number {
    const existing = this.accKeys.indexOf(key);
    if (existing >= 0) return existing;
    this.accKeys.push(key);
    this.accs.push(acc);
    return this.accs.length - 1;
  }
}

/** Salesforce points aggregate errors at the function's argument, e.g. the Id in COUNT(Id). */
const findOffsetAfter = (r: Registry, text: string, offset: number): number => {
  const tok = r.q.run.tokens.findIndex((t) => t.start >= offset);
  return findOffset(r.q.run, tok < 0 ? undefined : tok, text);
};

const numberField: SoqlField = {
  name: 'expr',
  type: 'int',
  label: '',
  relationshipName: null,
  referenceTo: [],
  filterable: true,
  sortable: true,
  groupable: true,
  aggregatable: true,
  custom: false,
  nillable: true,
  soapType: 'xsd:int',
};

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function isAggregateQuery(ast: Query): boolean {
  if (ast.groupBy || ast.having) return true;
  return (ast.fields ?? []).some((f) => f.type === 'FieldFunctionExpression' && isAggregateFunction(f));
}

const isAggregateFunction = (f: FieldFunctionExpression): boolean => {
  const name = f.functionName.toUpperCase();
  return AGGREGATE_FUNCTIONS.has(name) || DATE_FUNCTIONS.has(name);
};

export function planAggregate(q: QueryContext, ast: Query, shape: QueryShape, fields: FieldType[]): AggregatePlan {
  const run = q.run;
  const reg = new Registry(q);
  for (const clause of asArray(ast.groupBy)) {
    reg.addGroup(
      clause,
      findOffset(run, shape.clauses.GROUP, 'field' in clause ? clause.field : (clause.fn.functionName ?? '')),
    );
  }
  const countOnly =
    fields.length === 1 &&
    fields[0]?.type === 'FieldFunctionExpression' &&
    fields[0].functionName.toUpperCase() === 'COUNT' &&
    fields[0].parameters.length === 0;
  const columns: AggregatePlan['columns'] = [];
  let expr = 0;
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the only return is `fail(…)`, which throws
  fields.forEach((f, i) => {
    const offset = offsetAt(run, shape.items[i]?.start ?? shape.selectTok);
    let key: string;
    let e: Expr;
    if (f.type === 'Field' || f.type === 'FieldRelationship') {
      const text = fieldText(f);
      e = reg.grouped(text, undefined, offset);
      key = ('alias' in f && f.alias) || resolvePath(q, text, offset).field.name;
    } else if (f.type === 'FieldFunctionExpression' && AGGREGATE_FUNCTIONS.has(f.functionName.toUpperCase())) {
      if (!countOnly && f.functionName.toUpperCase() === 'COUNT' && f.parameters.length === 0)
        fail('MALFORMED_QUERY', q.soql, offset, msg.countOnly());
      e = reg.aggregate(f, offset);
      key = f.alias ?? `expr${expr++}`;
    } else if (
      f.type === 'FieldFunctionExpression' &&
      (DATE_FUNCTIONS.has(f.functionName.toUpperCase()) || f.functionName.toUpperCase() === 'GROUPING')
    ) {
      e = reg.expression(f, offset);
      key = f.alias ?? `expr${expr++}`;
    } else {
      return fail('MALFORMED_QUERY', q.soql, offset, msg.mustGroup(fieldLabel(f)));
    }
    if (columns.some((c) => c.key.toLowerCase() === key.toLowerCase()))
      fail('MALFORMED_QUERY', q.soql, offset, msg.duplicateAlias(key));
    columns.push({ key, get: e.get });
  });
  if (!countOnly && asArray(ast.groupBy).length === 0 && ast.limit !== undefined) {
    fail('MALFORMED_QUERY', q.soql, offsetAt(run, shape.clauses.LIMIT ?? 0), msg.aggregateLimit());
  }
  if (countOnly && ast.orderBy)
    fail('MALFORMED_QUERY', q.soql, offsetAt(run, shape.clauses.ORDER ?? 0), msg.countOrderBy());
  const having = shape.having ? compileHaving(reg, shape, ast) : undefined;
  const order = asArray(ast.orderBy).map((clause) => orderKey(reg, clause, shape));
  return {
    groups: reg.groups,
    accs: reg.accs,
    columns,
    having,
    order,
    limit: ast.limit,
    offset: ast.offset ?? 0,
    countOnly,
    subtotals: reg.subtotals,
  };
}

const fieldLabel = (f: FieldType): string => ('rawValue' in f && f.rawValue) || ('field' in f ? f.field : f.type);

function compileHaving(reg: Registry, shape: QueryShape, ast: Query): Predicate {
  const conditions = flattenConditions(ast.having);
  const q = reg.q;
  return compileTree(shape.having as NonNullable<QueryShape['having']>, (atom) => {
    const cond = conditions[atom.index] as FieldCondition;
    const offset = offsetAt(q.run, atom.tok);
    const reject: Reject = (code, text) => fail(code, q.soql, offset, text);
    let e: Expr;
    if ('fn' in cond) {
      e = reg.expression(cond.fn, offset);
    } else {
      e = reg.grouped((cond as { field: string }).field, undefined, offset);
    }
    const field = e.field ?? numberField;
    const kind = kindOf(field);
    return comparison(e.get, kind, normalizeOperator(cond.operator), decodeAll(q, field, kind, cond, reject), reject);
  });
}

function orderKey(reg: Registry, clause: OrderByClause, shape: QueryShape): SortKey {
  const run = reg.q.run;
  if ('field' in clause) {
    const e = reg.grouped(clause.field, undefined, findOffset(run, shape.clauses.ORDER, clause.field));
    return sortKey(clause, e.get, e.field);
  }
  const e = reg.expression(clause.fn, findOffset(run, shape.clauses.ORDER, clause.fn.functionName ?? ''));
  return sortKey(clause, e.get, e.field);
}

export function runAggregate(plan: AggregatePlan, rows: Iterable<SoqlRow>): SoqlResult {
  let groups: GroupRow[] = plan.subtotals
    ? aggregateWithSubtotals(rows, plan.groups, plan.accs, plan.subtotals)
    : aggregate(rows, plan.groups, plan.accs);
  if (plan.countOnly && plan.groups.length === 0) {
    const count = Math.max(0, Number(groups[0]?.a[0] ?? 0) - plan.offset);
    return { totalSize: plan.limit === undefined ? count : Math.min(count, plan.limit), records: [] };
  }
  if (plan.having) groups = groups.filter((g) => (plan.having as Predicate)(asRow(g)));
  groups = sortBy(groups, plan.order, asRow);
  groups = groups.slice(plan.offset, plan.limit === undefined ? undefined : plan.offset + plan.limit);
  if (plan.countOnly) return { totalSize: groups.length, records: [] };
  const records = groups.map((g) => {
    const out: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const c of plan.columns) out[c.key] = c.get(asRow(g));
    return out;
  });
  return { totalSize: records.length, records };
}
