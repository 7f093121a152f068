// FIELDS(ALL | STANDARD | CUSTOM): expands to the object's visible fields in describe order.
// ALL and CUSTOM are "unbounded": Salesforce requires LIMIT n (n <= 200) or a WHERE clause that
// pins at most 200 ids ("Id IN (…)" or "Id = … OR Id = …"). Available from API v51.0.
import type { FieldType, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import { offsetAt, type QueryContext } from './context.ts';
import { fail, msg } from './errors.ts';
import { type FieldCondition, flattenConditions } from './parse-adapter.ts';
import type { ItemShape, LogicShape, QueryShape } from './skeleton.ts';

export interface SelectEntry {
  f: FieldType;
  offset: number;
  /** The select item's token range (absent for fields produced by FIELDS()). */
  item?: ItemShape;
}

const MAX_BOUNDED = 200;

export function expandFields(q: QueryContext, ast: Query | Subquery, shape: QueryShape): SelectEntry[] {
  const run = q.run;
  const out: SelectEntry[] = [];
  let unbounded = false;
  (ast.fields ?? []).forEach((f, i) => {
    const item = shape.items[i];
    const offset = offsetAt(run, item?.start ?? shape.selectTok);
    if (f.type !== 'FieldFunctionExpression' || f.functionName.toUpperCase() !== 'FIELDS') {
      out.push({ f, offset, item });
      return;
    }
    if (Number.parseFloat(run.opts.apiVersion) < 51)
      fail('UNSUPPORTED_API_VERSION', run.soql, offset, msg.fieldsVersion());
    const mode = String(f.parameters[0] ?? '').toUpperCase();
    if (mode !== 'STANDARD') unbounded = true;
    for (const field of q.object.fields()) {
      if (mode === 'ALL' || (mode === 'CUSTOM') === field.custom)
        out.push({ f: { type: 'Field', field: field.name }, offset });
    }
  });
  if (out.length === 0) fail('MALFORMED_QUERY', run.soql, undefined, msg.fieldsEmpty());
  if (unbounded && !isBounded(ast, shape)) fail('MALFORMED_QUERY', run.soql, undefined, msg.fieldsLimit());
  return out;
}

function isBounded(ast: Query | Subquery, shape: QueryShape): boolean {
  if (ast.limit !== undefined && ast.limit <= MAX_BOUNDED) return true;
  const where: LogicShape | undefined = shape.where;
  if (!where) return false;
  const atoms = where.kind === 'atom' ? [where] : where.kind === 'or' ? where.items : [];
  if (atoms.length === 0 || atoms.some((a) => a.kind !== 'atom')) return false;
  const conditions = flattenConditions(ast.where);
  let ids = 0;
  for (const atom of atoms) {
    const cond = conditions[(atom as { index: number }).index] as FieldCondition;
    if (!('field' in cond) || cond.field.split('.').pop()?.toLowerCase() !== 'id' || !('value' in cond)) return false;
    const op = cond.operator.toUpperCase();
    if (op !== '=' && op !== 'IN') return false;
    ids += Array.isArray(cond.value) ? cond.value.length : 1;
  }
  return ids <= MAX_BOUNDED;
}
