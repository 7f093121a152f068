// TYPEOF on a polymorphic lookup: per referenced object type, its own field list (WHEN … THEN),
// ELSE fields for any other type (valid on the "Name" object), null when nothing applies.
import type { FieldTypeOf } from '@jetstreamapp/soql-parser-js';
import { type QueryContext, queryContext } from './context.ts';
import { fail, msg } from './errors.ts';
import { addPath, emptyProjection, type ProjectionNode, type TypeofBranches } from './projection.ts';
import { isPolymorphic, resolvePath } from './schema-resolve.ts';
import type { SoqlObject } from './types.ts';

export function typeofBranches(q: QueryContext, f: FieldTypeOf, offset: number): TypeofBranches {
  const run = q.run;
  const refField = [...q.object.fields()].find((x) => x.relationshipName?.toLowerCase() === f.field.toLowerCase());
  if (!refField || !isPolymorphic(refField)) fail('INVALID_FIELD', run.soql, offset, msg.relInFieldPath(f.field));
  const branches = new Map<string, { node: ProjectionNode }>();
  let otherwise: ProjectionNode | undefined;
  for (const cond of f.conditions) {
    let target: SoqlObject | undefined;
    if (cond.type === 'WHEN') {
      const name = cond.objectType ?? '';
      target = refField.referenceTo.some((r) => r.toLowerCase() === name.toLowerCase())
        ? run.schema.getObject(name)
        : undefined;
      if (!target) fail('INVALID_TYPE', run.soql, offset, msg.notSupported(name));
    } else {
      target = run.schema.getObject('Name') ?? run.schema.getObject(refField.referenceTo[0] as string);
    }
    const node = emptyProjection();
    const scope = queryContext(run, target as SoqlObject, undefined);
    const onName = cond.type !== 'WHEN' && (target as SoqlObject).name === 'Name';
    for (const field of cond.fieldList) addPath(run, node, resolvePath(scope, field, offset), undefined, onName);
    if (cond.type === 'WHEN') branches.set((target as SoqlObject).name.toLowerCase(), { node });
    else otherwise = node;
  }
  return { key: refField.relationshipName as string, refField, branches, otherwise };
}
