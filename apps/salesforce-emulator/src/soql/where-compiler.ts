// Compiles a WHERE (or semi-join) condition tree into one row predicate, once per query: field
// paths are resolved, literals decoded and type-checked, and semi-join subqueries evaluated into
// id sets before any row is looked at.
import type { FunctionExp, Query, ValueQueryCondition } from '@jetstreamapp/soql-parser-js';
import { comparison, type Predicate, type Reject } from './comparators.ts';
import { type Getter, offsetAt, pathGetter, type QueryContext, queryContext } from './context.ts';
import { applyDateFunction, DATE_FUNCTIONS, DATETIME_ONLY } from './date-functions.ts';
import { fail, msg } from './errors.ts';
import { idKey } from './ids.ts';
import { type FieldCondition, flattenConditions } from './parse-adapter.ts';
import { type FieldPath, resolveObject, resolvePath } from './schema-resolve.ts';
import type { AtomShape, LogicShape, QueryShape } from './skeleton.ts';
import type { SoqlField } from './types.ts';
import {
  decodeOperand,
  InvalidDateError,
  InvalidIdError,
  type Kind,
  kindOf,
  type Operand,
  OperandTypeError,
  soapTypeName,
} from './values.ts';

export type { Predicate } from './comparators.ts';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

export function compileWhere(
  q: QueryContext,
  logic: LogicShape | undefined,
  conditions: FieldCondition[],
): Predicate | undefined {
  if (!logic) return undefined;
  // Semi-joins may only be the whole WHERE or one of its top-level ANDed conditions.
  const topLevel = new Set((logic.kind === 'and' ? logic.items : [logic]).filter((n) => n.kind === 'atom'));
  return compileTree(logic, (atom) => {
    if (atom.semi && !topLevel.has(atom))
      fail('MALFORMED_QUERY', q.soql, offsetAt(q.run, atom.tok), msg.semiJoinNested());
    return compileAtom(q, atom, conditions[atom.index] as FieldCondition);
  });
}

/** AND/OR/NOT over atoms compiled by `atomOf` (shared by WHERE and HAVING). */
export function compileTree(node: LogicShape, atomOf: (atom: AtomShape) => Predicate): Predicate {
  switch (node.kind) {
    case 'and': {
      const parts = node.items.map((n) => compileTree(n, atomOf));
      return parts.length === 2
        ? both(parts[0] as Predicate, parts[1] as Predicate)
        : (row) => parts.every((p) => p(row));
    }
    case 'or': {
      const parts = node.items.map((n) => compileTree(n, atomOf));
      return (row) => parts.some((p) => p(row));
    }
    case 'not': {
      const inner = compileTree(node.item, atomOf);
      return (row) => !inner(row);
    }
    default:
      return atomOf(node);
  }
}

const both =
  (a: Predicate, b: Predicate): Predicate =>
  (row) =>
    a(row) && b(row);

function compileAtom(q: QueryContext, atom: AtomShape, cond: FieldCondition): Predicate {
  const offset = offsetAt(q.run, atom.tok);
  const reject: Reject = (code, text) => fail(code, q.soql, offset, text);
  const op = normalizeOperator(cond.operator);
  if ('fn' in cond) return compileFunctionAtom(q, cond.fn, op, cond, offset, reject);
  const path = resolvePath(q, (cond as { field: string }).field, offset);
  if (!path.field.filterable) reject('INVALID_FIELD', msg.notFilterable(path.field.name));
  const get = pathGetter(q.run, path);
  if (cond.literalType === 'SUBQUERY') return semiJoin(q, atom, cond as ValueQueryCondition, path, get, op, reject);
  const kind = kindOfPath(path);
  // The operator is checked before the operand: Id LIKE '001%' is an operator error, not an id error.
  if (op === 'LIKE' && kind === 'id') reject('INVALID_QUERY_FILTER_OPERATOR', msg.invalidIdOperator());
  if (op === 'LIKE' && kind !== 'string' && kind !== 'multipicklist')
    reject('INVALID_QUERY_FILTER_OPERATOR', msg.invalidOperator(path.field.type));
  const operands = decodeAll(q, path.field, kind, cond, reject);
  return comparison(get, kind, op, operands, reject);
}

function kindOfPath(path: FieldPath): Kind {
  const last = path.steps[path.steps.length - 1];
  // "What.Type" holds an object name, compared like any picklist text.
  return last?.polymorphic && path.field.name === 'Type' ? 'string' : kindOf(path.field);
}

export function normalizeOperator(op: string): string {
  const upper = op.toUpperCase().replace(/\s+/g, ' ');
  return upper === '<>' ? '!=' : upper;
}

export function decodeAll(
  q: QueryContext,
  field: SoqlField,
  kind: Kind,
  cond: FieldCondition,
  reject: Reject,
): Operand[] {
  const raw = 'value' in cond ? cond.value : undefined;
  const values = Array.isArray(raw) ? raw : [raw ?? ''];
  const types = cond.literalType;
  const nValues = 'dateLiteralVariable' in cond ? cond.dateLiteralVariable : undefined;
  const forLike = cond.operator.toUpperCase() === 'LIKE';
  return values.map((value, i) => {
    const literalType = (Array.isArray(types) ? types[i] : types) ?? 'STRING';
    const n = Array.isArray(nValues) ? nValues[i] : nValues;
    try {
      return decodeOperand(kind, literalType, String(value), Number(n ?? 0), q.run.opts.now, forLike);
    } catch (err) {
      if (err instanceof OperandTypeError)
        return reject('INVALID_FIELD', msg.filterType(field.name, soapTypeName(field), err.quoted));
      if (err instanceof InvalidIdError) return reject('INVALID_QUERY_FILTER_OPERATOR', msg.invalidId(err.message));
      if (err instanceof InvalidDateError) return reject('MALFORMED_QUERY', msg.invalidDate(err.message));
      throw err;
    }
  });
}

/** CALENDAR_YEAR(CreatedDate) = 2024, DAY_ONLY(CreatedDate) = TODAY, … */
function compileFunctionAtom(
  q: QueryContext,
  fn: FunctionExp,
  op: string,
  cond: FieldCondition,
  offset: number,
  reject: Reject,
): Predicate {
  const name = (fn.functionName ?? '').toUpperCase();
  if (AGGREGATES.has(name)) reject('MALFORMED_QUERY', msg.notInAggregate());
  if (name === 'DISTANCE') reject('FUNCTIONALITY_NOT_ENABLED', msg.unsupported('DISTANCE()'));
  if (!DATE_FUNCTIONS.has(name)) reject('MALFORMED_QUERY', msg.unexpectedToken(fn.functionName ?? ''));
  const { path } = dateFunctionArgument(q, fn, offset);
  const fieldType = path.field.type;
  if (fieldType !== 'datetime' && (fieldType !== 'date' || DATETIME_ONLY.has(name))) {
    reject('MALFORMED_QUERY', `${name} can not be applied to field '${path.field.name}' of type ${fieldType}`);
  }
  const inner = pathGetter(q.run, path);
  const get: Getter = (row) => applyDateFunction(name, inner(row), fieldType);
  const kind: Kind = name === 'DAY_ONLY' ? 'date' : 'number';
  const pseudo: SoqlField = {
    ...path.field,
    name: fn.rawValue ?? name,
    type: kind === 'date' ? 'date' : 'int',
    soapType: kind === 'date' ? 'xsd:date' : 'xsd:int',
  };
  return comparison(get, kind, op, decodeAll(q, pseudo, kind, cond, reject), reject);
}

/** The field inside a date function, unwrapping convertTimezone() (UTC org: the identity). */
export function dateFunctionArgument(q: QueryContext, fn: FunctionExp, offset: number): { path: FieldPath } {
  let arg = fn.parameters?.[0];
  if (arg && typeof arg !== 'string' && (arg.functionName ?? '').toLowerCase() === 'converttimezone')
    arg = arg.parameters?.[0];
  if (typeof arg !== 'string') return fail('MALFORMED_QUERY', q.soql, offset, msg.unexpectedToken(fn.rawValue ?? ''));
  return { path: resolvePath(q, arg, offset) };
}

/** Id IN (SELECT AccountId FROM Contact WHERE …): the subquery runs once, into a set of ids. */
function semiJoin(
  q: QueryContext,
  atom: AtomShape,
  cond: ValueQueryCondition,
  path: FieldPath,
  get: Getter,
  op: string,
  reject: Reject,
): Predicate {
  if (q.inSemiJoin) reject('MALFORMED_QUERY', msg.nestedSemiJoin());
  if (path.steps.length > 0 || kindOf(path.field) !== 'id') reject('MALFORMED_QUERY', msg.semiJoinField(path.path));
  const sub = atom.semi as QueryShape;
  const ids = semiJoinIds(q, cond.valueQuery, sub);
  const member = (row: Parameters<Predicate>[0]): boolean => {
    const v = get(row);
    return typeof v === 'string' && v !== '' && ids.has(idKey(v));
  };
  return op === 'NOT IN' ? (row) => !member(row) : member;
}

function semiJoinIds(q: QueryContext, query: Query, shape: QueryShape): Set<string> {
  const run = q.run;
  const object = resolveObject(q.soql, q.schema, query.sObject ?? '', offsetAt(run, shape.objectTok));
  const sq: QueryContext = { ...queryContext(run, object, query.sObjectAlias), inSemiJoin: true };
  const item = shape.items[0];
  const selected = query.fields?.[0];
  const itemOffset = offsetAt(run, item?.start ?? shape.selectTok);
  if (!selected || query.fields?.length !== 1 || selected.type !== 'Field')
    fail('MALFORMED_QUERY', q.soql, itemOffset, msg.semiJoinSelect());
  const target = resolvePath(sq, selected.field, itemOffset);
  if (target.steps.length > 0 || kindOf(target.field) !== 'id')
    fail('MALFORMED_QUERY', q.soql, itemOffset, msg.semiJoinSelect());
  const filter = compileWhere(sq, shape.where, flattenConditions(query.where));
  const read = pathGetter(run, target);
  const ids = new Set<string>();
  for (const row of run.data.scan(object.name, run.opts.includeDeleted)) {
    if (filter && !filter(row)) continue;
    const v = read(row);
    if (typeof v === 'string' && v !== '') ids.add(idKey(v));
  }
  return ids;
}
