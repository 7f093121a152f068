// "@{referenceId.path}" substitution for composite subrequests: "." selects a key, "[n]" an array
// element, each applied recursively ("@{NewAccount.BillingAddress.city}", "@{q.records[0].Id}").
// A whole-string reference keeps the referenced value's JSON type; one inside a string is interpolated.
import { ApiError } from '../model/errors.ts';

const REF = /@\{([^}]*)\}/g;

export type ResultLookup = (referenceId: string) => { ok: boolean; body: () => unknown } | undefined;

function invalid(expr: string, refId: string): ApiError {
  return new ApiError(
    400,
    'PROCESSING_HALTED',
    `Invalid reference specified. No value for ${expr} found in ${refId}. Provided referenceId ('${expr}') must ` +
      `start with a letter or a number, and it can contain only letters, numbers and underscores ('_').`,
  );
}

function resolve(expr: string, lookup: ResultLookup): unknown {
  const m = /^([A-Za-z0-9_]+)(.*)$/.exec(expr);
  const refId = m ? m[1]! : expr;
  const result = lookup(refId);
  if (!m || !result?.ok) throw invalid(expr, refId);
  let value: unknown = result.body();
  let rest = m[2]!;
  while (rest.length > 0) {
    const step = /^\.([^.[\]]+)|^\[(\d+)\]/.exec(rest);
    if (!step) throw invalid(expr, refId);
    rest = rest.slice(step[0].length);
    if (value === null || typeof value !== 'object') throw invalid(expr, refId);
    const key = step[1] ?? Number(step[2]);
    if (!(key in (value as Record<string | number, unknown>))) throw invalid(expr, refId);
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function asText(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function substituteText(text: string, lookup: ResultLookup): string {
  return text.replace(REF, (_m, expr: string) => asText(resolve(expr, lookup)));
}

export function substituteValue(value: unknown, lookup: ResultLookup): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{([^}]*)\}$/.exec(value);
    if (whole) return resolve(whole[1]!, lookup);
    return value.includes('@{') ? substituteText(value, lookup) : value;
  }
  if (Array.isArray(value)) return value.map((v) => substituteValue(v, lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteValue(v, lookup);
    return out;
  }
  return value;
}

export const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;
