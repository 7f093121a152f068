import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

// conflicts/check and conflicts/get: what a deploy plan would run into in the client's org, judged
// against the latest topology snapshot plus the Tooling API facts describe does not carry (active
// validation rules, record-triggered flows, record types, dependencies). Stored, so a deploy can cite it.

export const Severity = z.enum(['green', 'yellow', 'red']);
export type Severity = z.infer<typeof Severity>;

export const FINDING_CATEGORIES = [
  'object',
  'field',
  'field_type',
  'relationship',
  'required_field',
  'validation_rule',
  'record_triggered_flow',
  'record_type',
  'dependency',
  'flow',
  'assignment_rule',
] as const;
export const FindingCategory = z.enum(FINDING_CATEGORIES);

export const Finding = z.object({
  severity: Severity,
  category: FindingCategory,
  object: z.string().nullable().describe('The object concerned (null for plan-wide findings).'),
  field: z.string().nullable(),
  message: z.string().describe('What this means for the deployment, in plain words.'),
});
export type Finding = z.infer<typeof Finding>;

export const ConflictCheckBody = z.strictObject({
  client_id: Uuid,
  deployment_plan: z
    .record(z.string().max(100), z.unknown())
    .describe('A deploy plan (custom objects, workflows or analytics sections); validated like the deploy routes.'),
});

export const ConflictReport = z.object({
  id: Uuid,
  client_id: Uuid,
  snapshot_id: Uuid.describe('The topology snapshot the check ran against; a deploy refuses an older one.'),
  snapshot_version: z.number().int(),
  overall_severity: Severity.describe('red if any finding is red, else yellow if any is yellow, else green.'),
  green_count: z.number().int(),
  yellow_count: z.number().int(),
  red_count: z.number().int(),
  findings: z.array(Finding),
  api_calls_used: z.number().int().describe('Salesforce calls the check spent (snapshot pull not included).'),
  created_at: Timestamp,
});
export type ConflictReport = z.infer<typeof ConflictReport>;

export const ConflictGetBody = z.strictObject({ id: Uuid });
