import { z } from 'zod';
import { metadataXml } from './metadata-xml.ts';

// The workflows deploy plan (`workflows/deploy`, `deploy/workflows`): `plan.flows` and
// `plan.assignment_rules`, the original service's keys. Each entry is either raw Metadata API XML
// (`xml_content`, as the original took it, but parsed and checked here) or a small declarative form the
// engine turns into correct XML: a record-triggered flow that sets fields on the saved record, and
// assignment rules for Lead or Case. Every problem comes back at once with its path (400
// `invalid_deploy_plan`), before any Salesforce call.

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;
const reporter =
  (ctx: z.RefinementCtx): Report =>
  (path, message) =>
    ctx.addIssue({ code: 'custom', path, message });

/**
 * Cross-field rules run even when a sibling failed its type (an unknown enum value, say), so one answer
 * lists every problem (as long as the value is an object at all); such a rule therefore reads possibly-
 * unparsed input and only trusts what it checks.
 */
export const ALWAYS = {
  when: (p: { value: unknown }) => !!p.value && typeof p.value === 'object' && !Array.isArray(p.value),
};
export const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Salesforce's unique-name rule: a letter first, letters/digits/_, no `__`, no trailing `_`. */
export function developerName(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _')
    .refine((v) => !v.includes('__'), 'must not contain two consecutive underscores')
    .refine((v) => !v.endsWith('_'), 'must not end with an underscore');
}

/** A field of the flow's object: `Rating`, `Score__c` (no relationship paths). */
export const FieldName = z
  .string()
  .max(80)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a field API name such as Rating or Score__c');

export const FlowValue = z
  .union([
    z.string().max(1000),
    z.number(),
    z.boolean(),
    z.strictObject({ date: z.iso.date() }),
    z.strictObject({ datetime: z.iso.datetime() }),
  ])
  .describe('A text, number or true/false, or {"date": "2026-01-31"} / {"datetime": "2026-01-31T09:00:00Z"}.');
export type FlowValue = z.infer<typeof FlowValue>;

/** Flow comparison operators Salesforce allows in a record-triggered flow's entry conditions. */
export const FLOW_OPERATORS = [
  'EqualTo',
  'NotEqualTo',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqualTo',
  'LessThanOrEqualTo',
  'StartsWith',
  'EndsWith',
  'Contains',
  'IsNull',
  'IsChanged',
] as const;

export const TRIGGERS = { create: 'Create', update: 'Update', create_or_update: 'CreateAndUpdate' } as const;

const FLOW_DECLARATIVE_KEYS = [
  'active',
  'label',
  'description',
  'object',
  'trigger',
  'conditions',
  'condition_logic',
  'set_fields',
];

export const FlowPlan = z
  .strictObject({
    api_name: developerName(80).describe('The flow API name (unique name), e.g. Set_Lead_Rating.'),
    active: z
      .boolean()
      .optional()
      .describe('Declarative: deploy the flow active (default true); raw XML: its <status>.'),
    xml_content: metadataXml('Flow').optional().describe('A whole Flow file; when given, no declarative keys.'),
    label: z.string().trim().min(1).max(255).optional(),
    description: z.string().max(2000).optional(),
    object: z
      .string()
      .max(43)
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an object API name')
      .optional()
      .describe('The object whose records trigger the flow (Lead, Invoice__c, …).'),
    trigger: z
      .enum(Object.keys(TRIGGERS) as [keyof typeof TRIGGERS])
      .optional()
      .describe('Default create_or_update.'),
    conditions: z
      .array(z.strictObject({ field: FieldName, operator: z.enum(FLOW_OPERATORS), value: FlowValue }))
      .max(20)
      .optional()
      .describe('Entry conditions: the flow runs only for records that meet them.'),
    condition_logic: z.enum(['and', 'or']).optional().describe('How conditions combine (default and).'),
    set_fields: z
      .array(z.strictObject({ field: FieldName, value: FlowValue }))
      .min(1)
      .max(50)
      .optional()
      .describe('Fields set on the saved record, before it is saved (a before-save flow: no extra DML).'),
  })
  .superRefine((f, ctx) => {
    const report = reporter(ctx);
    if (f.xml_content !== undefined) {
      for (const k of FLOW_DECLARATIVE_KEYS)
        if (k in f) report([k], 'give either xml_content or the declarative form, not both');
      return;
    }
    if (!f.label) report(['label'], 'a declarative flow needs a label');
    if (!f.object) report(['object'], 'a declarative flow needs the object that triggers it');
    if (!f.set_fields) report(['set_fields'], 'a declarative flow needs at least one field to set');
    const seen = new Set<string>();
    list(f.set_fields).forEach((s, i) => {
      const field = str(s.field).toLowerCase();
      if (field && seen.has(field)) report(['set_fields', i, 'field'], `${str(s.field)} is set twice`);
      seen.add(field);
    });
    list(f.conditions).forEach((c, i) => {
      if (c.operator === 'IsNull' || c.operator === 'IsChanged') {
        if (typeof c.value !== 'boolean') report(['conditions', i, 'value'], `${c.operator} takes true or false`);
      }
      if (c.operator === 'IsChanged' && (f.trigger ?? 'create_or_update') === 'create')
        report(['conditions', i, 'operator'], 'IsChanged needs an update trigger: a new record has no prior value');
    });
  }, ALWAYS)
  .describe('A flow: raw Flow XML, or a record-triggered flow that sets fields on the saved record.');
export type FlowPlan = z.infer<typeof FlowPlan>;

/** A boolean filter may only name criteria 1…n. */
export function booleanFilterProblem(filter: string, n: number): string | null {
  const bad = [...filter.matchAll(/\d+/g)].map((m) => Number(m[0])).filter((i) => i < 1 || i > n);
  return bad.length ? `refers to ${bad.join(', ')}; there are ${n} criteria` : null;
}

/** FilterItem operations (Metadata API, "FilterItem"). */
export const FILTER_OPERATIONS = [
  'equals',
  'notEqual',
  'lessThan',
  'greaterThan',
  'lessOrEqual',
  'greaterOrEqual',
  'contains',
  'notContain',
  'startsWith',
  'includes',
  'excludes',
] as const;

const RuleEntryPlan = z
  .strictObject({
    assigned_to: z.string().trim().min(1).max(255).describe('A username, or a queue developer name.'),
    assigned_to_type: z.enum(['User', 'Queue']),
    criteria: z
      .array(
        z.strictObject({
          field: FieldName.describe('A field of the rule object, e.g. LeadSource.'),
          operation: z.enum(FILTER_OPERATIONS),
          value: z.string().max(255),
        }),
      )
      .max(25)
      .optional()
      .describe('All must match unless boolean_filter says otherwise; none means every record.'),
    boolean_filter: z
      .string()
      .max(255)
      .regex(/^[0-9()\sANDORNTandornt]+$/, 'numbers, parentheses, AND, OR, NOT, e.g. "1 AND (2 OR 3)"')
      .optional(),
  })
  .superRefine((e, ctx) => {
    if (typeof e.boolean_filter !== 'string') return;
    const problem = booleanFilterProblem(e.boolean_filter, list(e.criteria).length);
    if (problem) ctx.addIssue({ code: 'custom', path: ['boolean_filter'], message: problem });
  }, ALWAYS);

export const AssignmentRulesPlan = z
  .strictObject({
    object: z.enum(['Lead', 'Case']).describe('Salesforce has assignment rules for Lead and Case only.'),
    xml_content: metadataXml('AssignmentRules').optional().describe('A whole AssignmentRules file.'),
    rules: z
      .array(
        z.strictObject({
          name: z
            .string()
            .max(120)
            .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, 'letters, digits, spaces, _ and -, starting with a letter or digit'),
          active: z.boolean().optional().describe('At most one rule per object is active (default false).'),
          entries: z.array(RuleEntryPlan).min(1).max(300).describe('Evaluated in order; the first match wins.'),
        }),
      )
      .min(1)
      .max(50)
      .optional(),
  })
  .superRefine((a, ctx) => {
    const report = reporter(ctx);
    if ((a.xml_content === undefined) === (a.rules === undefined))
      report(['rules'], 'give either xml_content or rules');
    const rules = list(a.rules);
    const active = rules.filter((r) => r.active === true).length;
    if (active > 1) report(['rules'], `only one ${str(a.object)} assignment rule can be active; ${active} are`);
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      const name = str(r.name).toLowerCase();
      if (name && seen.has(name)) report(['rules', i, 'name'], `duplicate rule name ${str(r.name)}`);
      seen.add(name);
    });
  }, ALWAYS);
export type AssignmentRulesPlan = z.infer<typeof AssignmentRulesPlan>;

export const WorkflowsPlan = z
  .strictObject({
    flows: z.array(FlowPlan).max(50).optional(),
    assignment_rules: z.array(AssignmentRulesPlan).max(2).optional(),
  })
  .superRefine((p, ctx) => {
    const report = reporter(ctx);
    const flows = list(p.flows);
    const rules = list(p.assignment_rules);
    if (!flows.length && !rules.length) report([], 'the plan deploys nothing: give flows or assignment_rules');
    const names = new Map<string, number>();
    flows.forEach((f, i) => {
      const name = str(f.api_name);
      const prev = names.get(name.toLowerCase());
      if (name && prev !== undefined) report(['flows', i, 'api_name'], `duplicate flow ${name} (flows[${prev}])`);
      names.set(name.toLowerCase(), i);
    });
    const objects = new Map<string, number>();
    rules.forEach((a, i) => {
      const object = str(a.object);
      const prev = objects.get(object);
      if (object && prev !== undefined)
        report(['assignment_rules', i, 'object'], `${object} is also at assignment_rules[${prev}]`);
      objects.set(object, i);
    });
  }, ALWAYS);
export type WorkflowsPlan = z.infer<typeof WorkflowsPlan>;
