import type { PushRecordError } from '../../platform/db/schema.ts';
import type { FieldInfo, ObjectSchema } from './sobject-schema.ts';

const TEXT = new Set([
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'combobox',
  'email',
  'phone',
  'url',
  'id',
  'reference',
  'encryptedstring',
]);
const NUMBER = new Set(['double', 'currency', 'percent']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Value = string | number | boolean | null;
type Coerced = { ok: true; value: Value } | { ok: false; error: PushRecordError };

const fail = (code: string, message: string, field: string): Coerced => ({
  ok: false,
  error: { code, message, fields: [field] },
});

/** One value to what the Salesforce field accepts, or the reason it never could be. */
export function coerceValue(f: FieldInfo, v: Value): Coerced {
  if (v === null) {
    if (!f.nillable && f.type !== 'boolean') return fail('REQUIRED_FIELD_MISSING', `${f.name} cannot be empty`, f.name);
    return { ok: true, value: null };
  }
  if (TEXT.has(f.type)) {
    const s = typeof v === 'string' ? v : String(v);
    if (f.length > 0 && s.length > f.length)
      return fail('STRING_TOO_LONG', `${f.name}: ${s.length} characters, the field holds ${f.length}`, f.name);
    return { ok: true, value: s };
  }
  if (f.type === 'boolean') {
    if (typeof v === 'boolean') return { ok: true, value: v };
    if (v === 'true' || v === 'false') return { ok: true, value: v === 'true' };
    return fail('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.name}: expected a boolean, got ${JSON.stringify(v)}`, f.name);
  }
  if (f.type === 'int' || NUMBER.has(f.type)) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n) || (f.type === 'int' && !Number.isInteger(n)))
      return fail(
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        `${f.name}: expected ${f.type === 'int' ? 'an integer' : 'a number'}, got ${JSON.stringify(v)}`,
        f.name,
      );
    return { ok: true, value: n };
  }
  if (f.type === 'date') {
    if (typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
      return { ok: true, value: v };
    return fail('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.name}: expected a date (YYYY-MM-DD)`, f.name);
  }
  if (f.type === 'datetime') {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)))
      return { ok: true, value: new Date(v).toISOString() };
    return fail('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.name}: expected an ISO-8601 datetime`, f.name);
  }
  return fail('INVALID_FIELD', `${f.name} (${f.type}) cannot be written by a push`, f.name);
}

/**
 * A record (already renamed to Salesforce field names) checked and coerced against the object's
 * describe: unknown, read-only or mistyped fields fail here, before an API call is spent.
 */
export function coerceRecord(
  schema: ObjectSchema,
  record: Record<string, Value>,
  mode: 'upsert' | 'update',
): { ok: true; record: Record<string, Value> } | { ok: false; errors: PushRecordError[] } {
  const out: Record<string, Value> = {};
  const errors: PushRecordError[] = [];
  for (const [key, value] of Object.entries(record)) {
    const f = schema.field(key);
    if (!f) {
      errors.push({ code: 'INVALID_FIELD', message: `No such field ${key} on ${schema.name}`, fields: [key] });
      continue;
    }
    if (!f.createable && !f.updateable) {
      errors.push({
        code: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `${f.name} on ${schema.name} is read-only`,
        fields: [f.name],
      });
      continue;
    }
    if (mode === 'update' && !f.updateable && !f.externalId) {
      errors.push({
        code: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `${f.name} cannot be updated`,
        fields: [f.name],
      });
      continue;
    }
    const c = coerceValue(f, value);
    if (c.ok) out[f.name] = c.value;
    else errors.push(c.error);
  }
  return errors.length ? { ok: false, errors } : { ok: true, record: out };
}
