// Writes one CSV row through the single write path (model/dml.ts) with the job owner's WriteContext,
// so validation, field-level security, defaults, derived and audit fields and error codes are
// exactly the REST API's. A failure becomes the row's sf__Error, "CODE:message:fields --".
import { canonicalId } from '../ids/salesforce-id.ts';
import { insert, remove, update, upsert } from '../model/dml.ts';
import { ApiError, type DmlError, type SaveResult } from '../model/errors.ts';
import type { WriteContext } from '../model/write-context.ts';
import type { ObjectDef } from '../schema/types.ts';
import { convertCell, NULL_VALUE, xsdType } from './cell-values.ts';
import type { Column, ColumnPlan } from './column-plan.ts';
import { CREATED, FAILED, UPDATED, type IngestOperation } from './job-model.ts';

export interface RowResult {
  outcome: typeof CREATED | typeof UPDATED | typeof FAILED;
  id?: string;
  error?: string;
}

/** Salesforce's sf__Error: "CODE:message:" then each field followed by a space, then "--" (recorded:
 * "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --", "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--"). */
export function formatError(code: string, message: string, fields: readonly string[] = []): string {
  return `${code}:${message}:${fields.map((f) => `${f} `).join('')}--`;
}

const failed = (id: string | undefined, code: string, message: string, fields: readonly string[] = []): RowResult => ({
  outcome: FAILED,
  id,
  error: formatError(code, message, fields),
});

function fromSave(result: SaveResult, created: boolean, fallbackId: string | undefined): RowResult {
  if (result.success) return { outcome: created ? CREATED : UPDATED, id: result.id ?? undefined };
  const e = result.errors[0] as DmlError;
  return failed(result.id ?? fallbackId, e.statusCode, e.message, e.fields);
}

/** The parent id a reference column names, or the row's failure. */
function parentId(ctx: WriteContext, column: Column, text: string): string | RowResult {
  const { target, by } = column.parent!;
  if (by.name === 'Id') {
    const id = canonicalId(text);
    const found = id ? ctx.host.records.get(id) : undefined;
    if (found && found.objectName === target.name && found.row.IsDeleted !== true) return id!;
  } else {
    const ids = ctx.host.records
      .findByValue(target.name, by.name, text, by.caseSensitive)
      .filter((id) => ctx.host.records.get(id)?.row.IsDeleted !== true);
    if (ids.length === 1) return ids[0]!;
    if (ids.length > 1) {
      return failed(
        undefined,
        'DUPLICATE_EXTERNAL_ID',
        `Foreign key external ID: ${text} matched more than one record for field ${by.name} in entity ${target.name}`,
      );
    }
  }
  return failed(
    undefined,
    'INVALID_FIELD',
    `Foreign key external ID: ${text} not found for field ${by.name} in entity ${target.name}`,
  );
}

/** The record values of a row, or the row's failure. */
function rowValues(ctx: WriteContext, plan: ColumnPlan, row: readonly string[]): Record<string, unknown> | RowResult {
  const input: Record<string, unknown> = {};
  for (const column of plan.values) {
    const text = row[column.index] ?? '';
    if (text === '') continue; // empty values are ignored (documented)
    if (text === NULL_VALUE) {
      input[column.field.name] = null;
      continue;
    }
    if (column.parent) {
      const id = parentId(ctx, column, text);
      if (typeof id !== 'string') return id;
      input[column.field.name] = id;
      continue;
    }
    const value = convertCell(column.field, text);
    if (value === undefined) {
      return failed(
        undefined,
        'INVALID_FIELD',
        `Failed to deserialize field at col ${column.index + 1}. Due to, '${text}' is not a valid value for the type ${xsdType(column.field)}`,
        [column.field.name],
      );
    }
    input[column.field.name] = value;
  }
  return input;
}

export function writeRow(
  ctx: WriteContext,
  operation: IngestOperation,
  def: ObjectDef,
  plan: ColumnPlan,
  row: readonly string[],
): RowResult {
  const idText = plan.idIndex === undefined ? undefined : (row[plan.idIndex] ?? '');
  try {
    if (operation === 'delete' || operation === 'hardDelete') {
      if (!idText) return failed(undefined, 'MISSING_ARGUMENT', 'Id not specified in a delete call');
      const result = remove(ctx, def, idText);
      // Hard delete skips the recycle bin: the record is gone at once (its cascade stays in the bin).
      if (result.success && operation === 'hardDelete') ctx.host.records.purge(result.id!);
      return fromSave(result, false, idText);
    }
    const values = rowValues(ctx, plan, row);
    if ('outcome' in values) return { ...(values as RowResult), id: idText || undefined };
    if (operation === 'insert') return fromSave(insert(ctx, def, values), true, undefined);
    if (operation === 'update') {
      if (!idText) return failed(undefined, 'MISSING_ARGUMENT', 'Id not specified in an update call');
      return fromSave(update(ctx, def, idText, values), false, idText);
    }
    const key = plan.key!;
    const keyText = row[key.index] ?? '';
    if (keyText === '' && key.field.name !== 'Id')
      return failed(undefined, 'MISSING_ARGUMENT', `${key.field.name} not specified`);
    const outcome = upsert(ctx, def, key.field, keyText === '' ? null : keyText, values);
    return fromSave(
      outcome.result,
      outcome.result.created === true,
      key.field.name === 'Id' ? keyText || undefined : undefined,
    );
  } catch (err) {
    if (err instanceof ApiError) return failed(idText || undefined, err.errorCode, err.message, err.fields ?? []);
    // An unexpected failure must not leave half a cascade behind or stop the job.
    ctx.host.records.abortAll();
    return failed(idText || undefined, 'UNKNOWN_EXCEPTION', err instanceof Error ? err.message : String(err));
  }
}
