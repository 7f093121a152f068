// Renders a stored (sparse) row as the REST API returns a record: attributes first, then fields in
// describe order (or in the order asked for), null where nothing is stored.
import { ApiError } from '../model/errors.ts';
import type { Row } from '../model/record-store.ts';
import type { FieldAccess, ObjectDef } from '../schema/types.ts';

export function recordUrl(apiVersion: string, objectName: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/${objectName}/${id}`;
}

export function renderRecord(
  def: ObjectDef,
  row: Row,
  apiVersion: string,
  fields?: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: def.name, url: recordUrl(apiVersion, def.name, String(row.Id)) },
  };
  if (fields) {
    for (const name of fields) out[name] = row[name] ?? null;
    if (!('Id' in out)) out.Id = row.Id;
  } else {
    for (const f of def.fields) out[f.name] = row[f.name] ?? null;
  }
  return out;
}

/** Canonical names of a `fields=` list, or 400 INVALID_FIELD for an unknown or unreadable one. */
export function resolveFieldList(def: ObjectDef, access: FieldAccess, list: string | null): string[] | undefined {
  if (list === null) return undefined;
  const names: string[] = [];
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (!name) continue;
    const f = def.fieldMap.get(name.toLowerCase());
    if (!f || !access.canRead(def, f)) {
      throw new ApiError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to ` +
          `append the '__c' after the custom field name. Please reference your WSDL or the describe call for the ` +
          `appropriate names.`,
      );
    }
    if (!names.includes(f.name)) names.push(f.name);
  }
  return names;
}

/** Every readable field, in describe order. */
export function readableFields(def: ObjectDef, access: FieldAccess): string[] {
  return def.fields.filter((f) => access.canRead(def, f)).map((f) => f.name);
}
