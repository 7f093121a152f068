// Deleting a record moves it to the recycle bin (IsDeleted = true, still visible to queryAll) and
// follows its child relationships as Salesforce does: cascade-delete children go too, restricted
// children block the delete, and plain lookups to it are cleared.
import type { ObjectDef } from '../schema/types.ts';
import { dmlError, type DmlError } from './errors.ts';
import type { Row } from './record-store.ts';
import type { WriteContext } from './write-context.ts';
import { without } from './derived-fields.ts';
import { formatDateTime } from './value-coercion.ts';

export function cascadeDelete(ctx: WriteContext, def: ObjectDef, row: Row, depth = 0): DmlError | undefined {
  const { records, schema } = ctx.host;
  const id = String(row.Id);
  for (const rel of def.childRelationships) {
    const childIds = records.childIds(rel.childSObject, rel.field, id);
    const live = childIds.filter((cid) => records.get(cid)?.row.IsDeleted !== true);
    if (live.length === 0) continue;
    if (rel.restrictedDelete) {
      const child = schema.getObject(rel.childSObject);
      return dmlError(
        'DELETE_FAILED',
        `Your attempt to delete ${String(row.Name ?? id)} could not be completed because it is associated with the ` +
          `following ${child?.labelPlural.toLowerCase() ?? rel.childSObject}.: ${live.map((c) => c.slice(0, 15)).join(', ')}`,
      );
    }
  }
  const deletedMs = ctx.nowMs;
  records.replace(id, { ...row, IsDeleted: true, SystemModstamp: formatDateTime(deletedMs) }, deletedMs);
  if (depth > 10) return undefined;
  for (const rel of def.childRelationships) {
    const child = schema.getObject(rel.childSObject);
    if (!child) continue;
    for (const cid of [...records.childIds(rel.childSObject, rel.field, id)]) {
      const found = records.get(cid);
      if (!found || found.row.IsDeleted === true) continue;
      if (rel.cascadeDelete) {
        const err = cascadeDelete(ctx, child, found.row, depth + 1);
        if (err) return err;
      } else {
        const field = child.fieldMap.get(rel.field.toLowerCase());
        if (field?.nillable)
          records.replace(
            cid,
            without(found.row, (k) => k === rel.field),
          );
      }
    }
  }
  return undefined;
}
