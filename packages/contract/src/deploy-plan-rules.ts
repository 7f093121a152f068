import type { z } from 'zod';
import type { CustomObjectPlan, FieldPlan } from './deploy-plan.ts';

// The rules a single field's shape cannot express: which attributes each type takes, their ranges,
// relationships and the object's sharing model, duplicates. Each problem is one issue with the
// exact path of the attribute at fault, so a caller fixes all of them in one round trip.

type Path = (string | number)[];
export type Report = (path: Path, message: string) => void;

const NUMERIC = new Set(['Number', 'Currency', 'Percent']);
const PICKLISTS = new Set(['Picklist', 'MultiselectPicklist']);
export const RELATIONS = new Set(['Lookup', 'MasterDetail']);
const UNIQUE_OK = new Set(['Text', 'Number', 'Email']);

/** Attributes each type accepts besides the common ones (label, description, help_text, required). */
const ALLOWED: Record<string, readonly string[]> = {
  Text: ['length', 'unique', 'external_id', 'case_sensitive', 'default_value'],
  TextArea: ['default_value'],
  LongTextArea: ['length', 'visible_lines', 'default_value'],
  Number: ['precision', 'scale', 'unique', 'external_id', 'default_value'],
  Currency: ['precision', 'scale', 'default_value'],
  Percent: ['precision', 'scale', 'default_value'],
  Checkbox: ['default_value'],
  Date: ['default_value'],
  DateTime: ['default_value'],
  Email: ['unique', 'external_id', 'default_value'],
  Phone: ['default_value'],
  Url: ['default_value'],
  Picklist: ['values', 'restricted'],
  MultiselectPicklist: ['values', 'restricted', 'visible_lines'],
  Lookup: ['related_to', 'relationship_name', 'relationship_label', 'delete_constraint'],
  MasterDetail: ['related_to', 'relationship_name', 'relationship_label'],
};
const COMMON = new Set(['api_name', 'label', 'type', 'description', 'help_text', 'required']);

function range(report: Report, path: Path, v: number | undefined, lo: number, hi: number): void {
  if (v !== undefined && (v < lo || v > hi)) report(path, `must be between ${lo} and ${hi}`);
}

export function checkField(f: FieldPlan, path: Path, report: Report): void {
  const allowed = new Set(ALLOWED[f.type]);
  for (const key of Object.keys(f)) {
    if (!COMMON.has(key) && !allowed.has(key)) report([...path, key], `does not apply to a ${f.type} field`);
  }
  if (f.type === 'Text') range(report, [...path, 'length'], f.length, 1, 255);
  if (f.type === 'LongTextArea') {
    range(report, [...path, 'length'], f.length, 256, 131_072);
    range(report, [...path, 'visible_lines'], f.visible_lines, 2, 50);
  }
  if (f.type === 'MultiselectPicklist') range(report, [...path, 'visible_lines'], f.visible_lines, 3, 10);
  if (NUMERIC.has(f.type)) {
    range(report, [...path, 'precision'], f.precision, 1, 18);
    const precision = f.precision ?? 18;
    if (f.scale !== undefined && (f.scale < 0 || f.scale > precision))
      report([...path, 'scale'], `must be between 0 and the precision (${precision})`);
  }
  if (f.type === 'Checkbox') {
    if (f.default_value !== undefined && typeof f.default_value !== 'boolean')
      report([...path, 'default_value'], 'must be true or false for a Checkbox');
    if (f.required) report([...path, 'required'], 'a Checkbox is always true or false; it cannot be required');
  }
  if (PICKLISTS.has(f.type)) checkPicklist(f, path, report);
  if (RELATIONS.has(f.type)) {
    if (!f.related_to) report([...path, 'related_to'], `a ${f.type} field needs the object it points to`);
    else if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(f.related_to)) report([...path, 'related_to'], 'an object API name');
    if (f.relationship_name !== undefined && !/^[A-Za-z][A-Za-z0-9_]*$/.test(f.relationship_name))
      report([...path, 'relationship_name'], 'letters, digits and underscores, starting with a letter');
    if (f.relationship_name?.includes('__'))
      report([...path, 'relationship_name'], 'must not contain two consecutive underscores');
  }
  if (f.type === 'MasterDetail' && f.required !== undefined)
    report([...path, 'required'], 'a MasterDetail field is always required; leave required out');
  if (f.type === 'Lookup' && f.required && f.delete_constraint === 'SetNull')
    report([...path, 'delete_constraint'], 'a required Lookup cannot be cleared: use Restrict or Cascade');
  if ((f.unique || f.external_id) && !UNIQUE_OK.has(f.type))
    report([...path, f.unique ? 'unique' : 'external_id'], 'only Text, Number and Email fields can be unique');
  if (f.case_sensitive !== undefined && !f.unique)
    report([...path, 'case_sensitive'], 'applies only to a unique Text field');
}

function checkPicklist(f: FieldPlan, path: Path, report: Report): void {
  if (!f.values || f.values.length === 0) {
    report([...path, 'values'], `a ${f.type} needs at least one value`);
    return;
  }
  const seen = new Set<string>();
  let defaults = 0;
  f.values.forEach((v, i) => {
    const value = typeof v === 'string' ? v : v.value;
    if (seen.has(value.toLowerCase())) report([...path, 'values', i], `duplicate value "${value}"`);
    seen.add(value.toLowerCase());
    if (typeof v !== 'string' && v.default) defaults++;
  });
  if (f.type === 'Picklist' && defaults > 1) report([...path, 'values'], 'at most one value can be the default');
}

/** Object-level rules: duplicates among its fields, relationships, sharing model, the name field. */
export function checkObject(o: CustomObjectPlan, report: Report): void {
  const seen = new Map<string, string>();
  const dup = (list: FieldPlan[], key: string) =>
    list.forEach((f, i) => {
      const name = f.api_name.toLowerCase();
      const first = seen.get(name);
      if (first) report([key, i, 'api_name'], `duplicate field ${f.api_name} (also at ${first})`);
      else seen.set(name, `${key}[${i}]`);
    });
  dup(o.fields ?? [], 'fields');
  dup(o.relationships ?? [], 'relationships');
  (o.relationships ?? []).forEach((r, j) => {
    if (!RELATIONS.has(r.type)) report(['relationships', j, 'type'], 'a relationship is a Lookup or a MasterDetail');
  });
  const all = [...(o.fields ?? []), ...(o.relationships ?? [])];
  const masters = all.filter((f) => f.type === 'MasterDetail').length;
  if (masters > 2) report(['fields'], 'an object can have at most two MasterDetail fields');
  if (masters > 0 && o.sharing_model && o.sharing_model !== 'ControlledByParent')
    report(['sharing_model'], 'an object with a MasterDetail field must be ControlledByParent');
  if (masters === 0 && o.sharing_model === 'ControlledByParent')
    report(['sharing_model'], 'ControlledByParent needs a MasterDetail field');
  const nf = o.name_field;
  if (nf?.type === 'AutoNumber' && !/\{0+\}/.test(nf.display_format ?? ''))
    report(['name_field', 'display_format'], 'an AutoNumber needs a display format holding {0}');
  if (nf?.type === 'Text' && (nf.display_format !== undefined || nf.starting_number !== undefined))
    report(['name_field'], 'display_format and starting_number apply to an AutoNumber name only');
}

/** Duplicate field names within one standard object's list. */
export function checkDuplicates(fields: FieldPlan[], report: Report): void {
  const seen = new Map<string, number>();
  fields.forEach((f, i) => {
    const first = seen.get(f.api_name.toLowerCase());
    if (first !== undefined)
      report(['fields', i, 'api_name'], `duplicate field ${f.api_name} (also at fields[${first}])`);
    else seen.set(f.api_name.toLowerCase(), i);
  });
}

/** `custom_objects[0].fields[2].precision` from Zod's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || 'plan';
}

export interface PlanError {
  field: string;
  message: string;
}

/** Every problem of a Zod failure as `{field, message}`, unknown keys one per key. */
export function planErrors(error: z.ZodError): PlanError[] {
  const out: PlanError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push({ field: formatPath([...issue.path, k]), message: 'unknown attribute' });
    } else {
      out.push({ field: formatPath(issue.path), message: issue.message });
    }
  }
  return out;
}
