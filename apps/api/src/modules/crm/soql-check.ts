// query/soql: the text must parse as one SELECT (a real SOQL grammar, not keyword filters), and every
// object, field, relationship path and subquery in it must exist in the client's latest topology.
import {
  type FieldType,
  type FunctionExp,
  type HavingClause,
  parseQuery,
  type Query,
  type Subquery,
  type WhereClause,
} from '@jetstreamapp/soql-parser-js';
import { Errors } from '../../http/errors.ts';
import type { NameResolver } from './name-resolver.ts';

const LITERAL_PARAM = /^('.*'|-?\d+(\.\d+)?)$/s;
const FIELDS_ARGS = new Set(['ALL', 'STANDARD', 'CUSTOM']);

export function parseSelect(soql: string): Query {
  let ast: Query;
  try {
    ast = parseQuery(soql);
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0]!.slice(0, 300);
    throw Errors.invalid(`Not a valid SOQL SELECT: ${reason}`, { reason });
  }
  if (!ast.sObject) throw Errors.invalid('Not a valid SOQL SELECT: no FROM object');
  return ast;
}

/** Checks a parsed query; throws a 400 naming the first unknown name. */
export async function checkQuery(ast: Query, names: NameResolver): Promise<void> {
  const object = names.object(ast.sObject!);
  await checkBody(ast, object, ast.sObjectAlias, names);
}

async function checkBody(q: Query | Subquery, object: string, alias: string | undefined, names: NameResolver) {
  if (q.for === 'UPDATE') throw Errors.invalid('FOR UPDATE (record locking) is not available to API queries');
  const field = (path: string) => names.field(object, stripAlias(path, alias));
  for (const f of q.fields ?? []) await checkField(f, object, alias, names);
  await checkWhere(q.where, object, alias, names);
  await checkHaving(q.having, object, alias, names);
  for (const o of [q.orderBy ?? []].flat()) {
    if ('field' in o && o.field) await field(o.field);
    else if ('fn' in o) await checkFn(o.fn, object, alias, names);
  }
  for (const g of [q.groupBy ?? []].flat()) {
    if ('field' in g && g.field) await field(g.field);
    else if ('fn' in g) await checkFn(g.fn, object, alias, names);
  }
}

function stripAlias(path: string, alias: string | undefined): string {
  if (alias && path.toLowerCase().startsWith(`${alias.toLowerCase()}.`)) return path.slice(alias.length + 1);
  return path;
}

async function checkField(f: FieldType, object: string, alias: string | undefined, names: NameResolver) {
  switch (f.type) {
    case 'Field':
      await names.field(object, stripAlias(f.field, alias));
      return;
    case 'FieldRelationship': {
      const rels =
        alias && f.relationships[0]?.toLowerCase() === alias.toLowerCase() ? f.relationships.slice(1) : f.relationships;
      await names.field(object, [...rels, f.field].join('.'));
      return;
    }
    case 'FieldFunctionExpression':
      await checkFn(f, object, alias, names);
      return;
    case 'FieldSubquery': {
      const child = await names.child(object, f.subquery.relationshipName);
      await checkBody(f.subquery, child, undefined, names);
      return;
    }
    case 'FieldTypeof':
      await names.field(object, f.field.includes('.') ? f.field : `${f.field}Id`).catch(async () => {
        // TYPEOF names a polymorphic relationship (What, Who, Owner); its id field carries the name.
        throw Errors.invalid(`Invalid TYPEOF relationship ${f.field} on ${object}`, { field: f.field });
      });
      for (const c of f.conditions) {
        const target = c.objectType ? names.object(c.objectType) : null;
        for (const name of c.fieldList) if (target) await names.field(target, name);
      }
      return;
  }
}

async function checkFn(fn: FunctionExp, object: string, alias: string | undefined, names: NameResolver) {
  const isFields = fn.functionName?.toUpperCase() === 'FIELDS';
  for (const p of fn.parameters ?? []) {
    if (typeof p !== 'string') await checkFn(p, object, alias, names);
    else if (isFields) {
      if (!FIELDS_ARGS.has(p.toUpperCase())) throw Errors.invalid(`FIELDS() takes ALL, STANDARD or CUSTOM, not ${p}`);
    } else if (!LITERAL_PARAM.test(p)) await names.field(object, stripAlias(p, alias));
  }
}

async function checkWhere(w: WhereClause | undefined, object: string, alias: string | undefined, names: NameResolver) {
  for (let node: WhereClause | undefined = w; node; node = 'right' in node ? node.right : undefined) {
    const left = node.left as Record<string, unknown> | null;
    if (left) await checkCondition(left, object, alias, names);
  }
}

async function checkHaving(
  h: HavingClause | undefined,
  object: string,
  alias: string | undefined,
  names: NameResolver,
) {
  for (let node: HavingClause | undefined = h; node; node = 'right' in node ? node.right : undefined)
    await checkCondition(node.left as unknown as Record<string, unknown>, object, alias, names);
}

async function checkCondition(
  c: Record<string, unknown>,
  object: string,
  alias: string | undefined,
  names: NameResolver,
) {
  if (typeof c.field === 'string') await names.field(object, stripAlias(c.field, alias));
  if (c.fn) await checkFn(c.fn as FunctionExp, object, alias, names);
  const literalType = [c.literalType].flat();
  if (literalType.includes('APEX_BIND_VARIABLE')) throw Errors.invalid('Apex bind variables are not allowed');
  // A semi-join or anti-join: its own object and fields are checked the same way.
  if (c.valueQuery) await checkQuery(c.valueQuery as Query, names);
}
