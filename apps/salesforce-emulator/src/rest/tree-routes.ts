// POST /composite/tree/{type}: nested record trees (children under their child-relationship name),
// all or nothing. 201 {hasErrors:false, results:[{referenceId,id}]} in breadth-first order, or
// 400 {hasErrors:true, results:[{referenceId, errors}]} naming the records that failed.
import { insert } from '../model/dml.ts';
import { ApiError, type DmlError } from '../model/errors.ts';
import type { ObjectDef } from '../schema/types.ts';
import { requireObject } from './describe-routes.ts';
import { objectBody, writeContext, type RestContext, type RestRequest, type RestResponse } from './rest-types.ts';

const MAX_RECORDS = 200;
const MAX_DEPTH = 5;

interface Node {
  def: ObjectDef;
  referenceId: string;
  fields: Record<string, unknown>;
  path: Array<string | number>;
  parent?: { node: Node; field: string };
  children: Node[];
}

function parse(
  ctx: RestContext,
  records: unknown,
  def: ObjectDef,
  path: Array<string | number>,
  depth: number,
  seen: Set<string>,
  parent?: Node,
  field?: string,
): Node[] {
  if (!Array.isArray(records)) throw new ApiError(400, 'JSON_PARSER_ERROR', 'The records list is required.');
  if (depth > MAX_DEPTH)
    throw new ApiError(400, 'INVALID_INPUT', `An sObject tree can be at most ${MAX_DEPTH} levels deep.`);
  return records.map((raw, i) => {
    const rec = (raw ?? {}) as Record<string, unknown>;
    const attrs = (rec.attributes ?? {}) as Record<string, unknown>;
    const referenceId = attrs.referenceId;
    if (typeof referenceId !== 'string' || referenceId === '')
      throw new ApiError(400, 'INVALID_INPUT', 'Every record needs a referenceId in its attributes.');
    if (seen.has(referenceId)) throw new ApiError(400, 'INVALID_INPUT', `Duplicate referenceId: ${referenceId}`);
    seen.add(referenceId);
    if (typeof attrs.type !== 'string' || attrs.type.toLowerCase() !== def.name.toLowerCase()) {
      throw new ApiError(400, 'INVALID_INPUT', `Record ${referenceId}: the type in attributes must be ${def.name}.`);
    }
    const node: Node = { def, referenceId, fields: {}, path: [...path, i], children: [] };
    if (parent && field) node.parent = { node: parent, field };
    for (const [key, value] of Object.entries(rec)) {
      if (key === 'attributes') continue;
      const rel = def.childMap.get(key.toLowerCase());
      if (rel && value && typeof value === 'object' && !Array.isArray(value)) {
        const childDef = ctx.org.schema.getObject(rel.childSObject);
        if (!childDef) continue;
        node.children.push(
          ...parse(
            ctx,
            (value as Record<string, unknown>).records,
            childDef,
            [...path, i, key, 'records'],
            depth + 1,
            seen,
            node,
            rel.field,
          ),
        );
      } else {
        node.fields[key] = value;
      }
    }
    return node;
  });
}

export function createTree(ctx: RestContext, req: RestRequest, typeName: string): RestResponse {
  if (req.method !== 'POST')
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are POST`);
  const def = requireObject(ctx, typeName);
  const body = objectBody(req, 'SObjectTreeRequest');
  const roots = parse(ctx, body.records, def, ['records'], 1, new Set());
  const order: Node[] = [];
  for (let level = roots; level.length > 0; level = level.flatMap((n) => n.children)) order.push(...level);
  if (order.length > MAX_RECORDS)
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      'record limit reached. cannot submit more than 200 records into this call',
    );
  const records = ctx.org.records;
  const savepoint = records.begin();
  const ids = new Map<Node, string>();
  const failures: Array<{ referenceId: string; errors: DmlError[] }> = [];
  try {
    for (const node of order) {
      const input = { ...node.fields };
      if (node.parent) {
        const parentId = ids.get(node.parent.node);
        if (!parentId) continue; // its parent failed: reported there
        input[node.parent.field] = parentId;
      }
      const r = insert(writeContext(ctx, req, node.path), node.def, input);
      if (r.success) ids.set(node, r.id!);
      else failures.push({ referenceId: node.referenceId, errors: r.errors });
    }
  } catch (err) {
    records.rollback(savepoint);
    throw err;
  }
  if (failures.length > 0) {
    records.rollback(savepoint);
    return { status: 400, body: { hasErrors: true, results: failures } };
  }
  records.commit();
  return {
    status: 201,
    body: { hasErrors: false, results: order.map((n) => ({ referenceId: n.referenceId, id: ids.get(n)! })) },
  };
}
