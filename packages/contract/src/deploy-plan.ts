import { z } from 'zod';
import { checkDuplicates, checkField, checkObject, type Report } from './deploy-plan-rules.ts';

// The custom-objects deploy plan (`deploy/custom-objects`): `plan.custom_objects` and
// `plan.standard_object_fields`, the original service's request shapes. The route accepts any JSON
// object as `plan` and the service validates it with `CustomObjectsPlan`, collecting every error
// with its path (`custom_objects[0].fields[2].precision`) into one 400 `invalid_deploy_plan` before
// any Salesforce call and before any deployment row exists. Limits are Salesforce's own
// (Metadata API CustomField / CustomObject reference, "Custom Field Attributes").

/** Salesforce's developer-name rule: a letter first, letters/digits/underscores, no `__`, no trailing `_`. */
function developerNameProblem(name: string, max: number): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return 'must start with a letter and hold only letters, digits and _';
  if (name.includes('__')) return 'must not contain two consecutive underscores';
  if (name.endsWith('_')) return 'must not end with an underscore';
  if (name.length > max) return `must be at most ${max} characters before the __c suffix`;
  return null;
}

/** A custom API name: a developer name (≤ 40 characters) followed by `__c`. */
export const CustomApiName = z
  .string()
  .max(200)
  .superRefine((v, ctx) => {
    if (v.length > 43) {
      ctx.addIssue({ code: 'custom', message: 'must be at most 40 characters before the __c suffix' });
      return;
    }
    if (!v.endsWith('__c')) {
      ctx.addIssue({ code: 'custom', message: 'must end with __c' });
      return;
    }
    const problem = developerNameProblem(v.slice(0, -3), 40);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('Custom API name: letters, digits and single underscores, ≤ 40 characters, then __c.');

/** A standard object's API name (Account, Lead, …): a developer name without suffix. */
export const StandardObjectName = z
  .string()
  .max(40)
  .superRefine((v, ctx) => {
    const problem = developerNameProblem(v, 40);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Issues added inside a nested schema's refinement get the nested path prefixed by Zod. */
function reporter(ctx: z.RefinementCtx): Report {
  return (path, message) => ctx.addIssue({ code: 'custom', path, message });
}

const FieldLabel = z.string().trim().min(1).max(40);
const Description = z.string().max(1000);

export const FIELD_TYPES = [
  'Text',
  'TextArea',
  'LongTextArea',
  'Number',
  'Currency',
  'Percent',
  'Checkbox',
  'Date',
  'DateTime',
  'Email',
  'Phone',
  'Url',
  'Picklist',
  'MultiselectPicklist',
  'Lookup',
  'MasterDetail',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const PicklistValue = z.union([
  z.string().trim().min(1).max(255),
  z.strictObject({
    value: z.string().trim().min(1).max(255).describe('The API value (fullName).'),
    label: z.string().trim().min(1).max(255).optional().describe('Default: the value.'),
    default: z.boolean().optional().describe('Selected by default (no value is unless one says so).'),
  }),
]);

const FieldShape = z.strictObject({
  api_name: CustomApiName,
  label: FieldLabel,
  type: z.enum(FIELD_TYPES),
  description: Description.optional(),
  help_text: z.string().max(510).optional().describe('Shown as the field-level help (inlineHelpText).'),
  required: z.boolean().optional(),
  unique: z.boolean().optional().describe('Text, Number, Email only.'),
  external_id: z.boolean().optional().describe('Text, Number, Email only; what push upserts by.'),
  case_sensitive: z.boolean().optional().describe('Unique Text only.'),
  length: z.number().int().optional().describe('Text 1–255 (default 255); LongTextArea 256–131072 (32768).'),
  precision: z.number().int().optional().describe('Number/Currency/Percent: 1–18 (default 18).'),
  scale: z.number().int().optional().describe('0–precision (default 0; Currency 2).'),
  visible_lines: z.number().int().optional().describe('LongTextArea 2–50 (3); MultiselectPicklist 3–10 (4).'),
  default_value: z
    .union([z.boolean(), z.string().max(255), z.number()])
    .optional()
    .describe('Checkbox: true/false (default false). Others: a formula literal, e.g. "\'Open\'" or 0.'),
  values: z.array(PicklistValue).max(1000).optional().describe('Picklist/MultiselectPicklist values (1–1000).'),
  restricted: z.boolean().optional().describe('Picklists: refuse values outside the list (default true).'),
  related_to: z.string().max(43).optional().describe('Lookup/MasterDetail: the parent object API name.'),
  relationship_name: z.string().max(40).optional().describe('Default: the field name without __c.'),
  relationship_label: z.string().trim().min(1).max(80).optional().describe('Default: the plural of the label.'),
  delete_constraint: z
    .enum(['SetNull', 'Restrict', 'Cascade'])
    .optional()
    .describe('Lookup only: what deleting the parent does (default SetNull; Restrict if required).'),
});
export type FieldPlan = z.infer<typeof FieldShape>;
export const FieldPlan = FieldShape.superRefine((f, ctx) => checkField(f, [], reporter(ctx))).describe(
  'One custom field.',
);

export const SHARING_MODELS = ['Private', 'Read', 'ReadWrite', 'ReadWriteTransfer', 'FullAccess', 'ControlledByParent'];

export const CustomObjectPlan = z
  .strictObject({
    api_name: CustomApiName,
    label: FieldLabel,
    plural_label: FieldLabel.optional().describe('Default: label + "s".'),
    description: Description.optional(),
    sharing_model: z
      .enum(SHARING_MODELS as [string, ...string[]])
      .optional()
      .describe('Default ReadWrite; ControlledByParent (the only one allowed) when the object has a MasterDetail.'),
    name_field: z
      .strictObject({
        label: FieldLabel,
        type: z.enum(['Text', 'AutoNumber']),
        display_format: z.string().max(30).optional().describe('AutoNumber: e.g. "INV-{0000}" (must hold {0…}).'),
        starting_number: z.number().int().min(0).max(999_999_999).optional(),
      })
      .optional()
      .describe('Default: Text, labelled "<label> Name".'),
    fields: z.array(FieldPlan).max(500).optional(),
    relationships: z
      .array(FieldPlan)
      .max(40)
      .optional()
      .describe('Lookup/MasterDetail fields, kept apart as the original service did; same shape as fields.'),
  })
  .superRefine((o, ctx) => checkObject(o, reporter(ctx)));
export type CustomObjectPlan = z.infer<typeof CustomObjectPlan>;

export const StandardObjectFieldsPlan = z
  .strictObject({
    object: StandardObjectName.describe('A standard object (Account, Contact, Lead, …).'),
    fields: z.array(FieldPlan).min(1).max(500),
  })
  .superRefine((s, ctx) => {
    const report = reporter(ctx);
    if (s.object.endsWith('__c')) report(['object'], 'custom objects belong in custom_objects');
    checkDuplicates(s.fields, report);
    s.fields.forEach((f, j) => {
      if (f.type === 'MasterDetail')
        report(['fields', j, 'type'], 'a standard object cannot be the detail of a MasterDetail');
    });
  });
export type StandardObjectFieldsPlan = z.infer<typeof StandardObjectFieldsPlan>;

const MAX_COMPONENTS = 5000;

/**
 * The custom-objects plan. Every rule runs on every part that parsed, so one answer lists every
 * problem. Zero components is an error (the original answered 200 with a failed deployment).
 */
export const CustomObjectsPlan = z
  .strictObject({
    custom_objects: z.array(CustomObjectPlan).max(200).optional(),
    standard_object_fields: z.array(StandardObjectFieldsPlan).max(100).optional(),
  })
  .superRefine((plan, ctx) => {
    const report = reporter(ctx);
    const seen = new Map<string, number>();
    let components = 0;
    (plan.custom_objects ?? []).forEach((o, i) => {
      const prev = seen.get(o.api_name.toLowerCase());
      if (prev !== undefined)
        report(['custom_objects', i, 'api_name'], `duplicate object ${o.api_name} (custom_objects[${prev}])`);
      seen.set(o.api_name.toLowerCase(), i);
      components += 1 + (o.fields?.length ?? 0) + (o.relationships?.length ?? 0);
    });
    const std = new Map<string, number>();
    (plan.standard_object_fields ?? []).forEach((s, i) => {
      const prev = std.get(s.object.toLowerCase());
      if (prev !== undefined)
        report(['standard_object_fields', i, 'object'], `${s.object} is also at standard_object_fields[${prev}]`);
      std.set(s.object.toLowerCase(), i);
      components += s.fields.length;
    });
    if (components === 0) report([], 'the plan deploys nothing: give custom_objects or standard_object_fields');
    if (components > MAX_COMPONENTS)
      report([], `the plan holds ${components} components; at most ${MAX_COMPONENTS} per deployment`);
  });
export type CustomObjectsPlan = z.infer<typeof CustomObjectsPlan>;
