// Per-record validation with Salesforce's status codes and messages: required fields, text lengths,
// e-mail format, restricted picklists, numeric ranges, lookups (malformed, wrong type, missing,
// deleted) and unique-field duplicates.
import { canonicalId, normalizeId } from '../ids/salesforce-id.ts';
import { MASTER_RECORD_TYPE_ID } from '../schema/describe-completion.ts';
import type { FieldDef, ObjectDef } from '../schema/types.ts';
import { dmlError, type DmlError } from './errors.ts';
import type { Row } from './record-store.ts';
import type { WriteContext } from './write-context.ts';

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const TEXT_LIMITED = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'combobox',
  'encryptedstring',
]);

/** Decimal rounding the way Salesforce stores numbers: half away from zero, in decimal (12.345 → 12.35). */
export function roundHalfUp(value: number, scale: number): number {
  const abs = Math.abs(value);
  const shifted = Math.round(Number(`${abs}e${scale}`));
  return Math.sign(value) * Number(`${shifted}e-${scale}`);
}

/** Fields a create must supply: not nillable, createable, not defaulted by the platform. */
export function missingRequired(def: ObjectDef, row: Row, onlyFields?: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const f of def.fields) {
    if (f.nillable || f.type === 'boolean' || f.calculated || f.autoNumber) continue;
    if (onlyFields ? !onlyFields.has(f.name) || !f.updateable : !f.createable || f.defaultedOnCreate) continue;
    const v = row[f.name];
    if (v === null || v === undefined || v === '') missing.push(f.name);
  }
  return missing;
}

export function requiredError(fields: string[]): DmlError {
  return dmlError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields);
}

/** Validates the values being written; returns the normalised value (ids become 18 characters). */
export function validateValue(
  ctx: WriteContext,
  _def: ObjectDef,
  f: FieldDef,
  value: unknown,
): { value: unknown; error?: DmlError } {
  if (value === null || value === undefined) return { value: null };
  const label = f.label;
  if (TEXT_LIMITED.has(f.type) && typeof value === 'string') {
    if (f.length > 0 && value.length > f.length) {
      return {
        value,
        error: dmlError('STRING_TOO_LONG', `${label}: data value too large: ${value} (max length=${f.length})`, [
          f.name,
        ]),
      };
    }
    if (f.type === 'email' && value !== '' && !EMAIL.test(value)) {
      return { value, error: dmlError('INVALID_EMAIL_ADDRESS', `${label}: invalid email address: ${value}`, [f.name]) };
    }
    if ((f.type === 'picklist' || f.type === 'multipicklist') && f.restrictedPicklist && value !== '') {
      const allowed = new Set(f.picklistValues.filter((p) => p.active).map((p) => p.value));
      const parts = f.type === 'multipicklist' ? value.split(';') : [value];
      const bad = parts.find((p) => !allowed.has(p));
      if (bad !== undefined) {
        return {
          value,
          error: dmlError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${label}: bad value for restricted picklist field: ${bad}`,
            [f.name],
          ),
        };
      }
    }
    return { value };
  }
  if (
    (f.type === 'double' || f.type === 'currency' || f.type === 'percent' || f.type === 'int') &&
    typeof value === 'number'
  ) {
    const intDigits = f.type === 'int' ? 9 : Math.max(1, f.precision - f.scale);
    const rounded = f.type === 'int' ? value : roundHalfUp(value, Math.min(f.scale, 15));
    if (Math.abs(Math.trunc(rounded)) >= 10 ** intDigits) {
      return {
        value,
        error: dmlError(
          'NUMBER_OUTSIDE_VALID_RANGE',
          `${label}: value outside of valid range on numeric field: ${value}`,
          [f.name],
        ),
      };
    }
    return { value: rounded };
  }
  if (f.type === 'reference' && typeof value === 'string') return validateReference(ctx, f, value);
  return { value };
}

function validateReference(ctx: WriteContext, f: FieldDef, value: string): { value: unknown; error?: DmlError } {
  if (value === '') return { value: null };
  const id = canonicalId(value);
  if (!id)
    return { value, error: dmlError('MALFORMED_ID', `${f.label}: id value of incorrect type: ${value}`, [f.name]) };
  if (f.referenceTo.includes('RecordType') && id === MASTER_RECORD_TYPE_ID) return { value: id };
  const targets = f.referenceTo.map((n) => ctx.host.schema.getObject(n)).filter((d): d is ObjectDef => d !== undefined);
  const prefix = id.slice(0, 3);
  if (!targets.some((t) => t.keyPrefix === prefix)) {
    return {
      value,
      error: dmlError('FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${value}`, [f.name]),
    };
  }
  const found = ctx.host.records.get(normalizeId(id)!);
  if (!found) return { value, error: dmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]) };
  if (found.row.IsDeleted === true)
    return { value, error: dmlError('ENTITY_IS_DELETED', 'entity is deleted', [f.name]) };
  return { value: String(found.row.Id) };
}

/** DUPLICATE_VALUE when a unique field's value is already used by another record. */
export function duplicateError(ctx: WriteContext, def: ObjectDef, row: Row): DmlError | undefined {
  for (const f of def.fields) {
    if (!f.unique) continue;
    const v = row[f.name];
    if (v === null || v === undefined || v === '') continue;
    const others = ctx.host.records
      .findByValue(def.name, f.name, String(v), f.caseSensitive)
      .filter((id) => id !== row.Id);
    const live = others.find((id) => ctx.host.records.get(id)?.row.IsDeleted !== true);
    if (live) {
      return dmlError(
        'DUPLICATE_VALUE',
        `duplicate value found: ${f.name} duplicates value on record with id: ${live.slice(0, 15)}`,
        [],
      );
    }
  }
  return undefined;
}
