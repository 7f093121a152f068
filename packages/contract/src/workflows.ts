import { z } from 'zod';
import { Uuid } from './common.ts';
import { WaitSeconds } from './topology.ts';

// workflows/list and workflows/remove. workflows/deploy takes the deploy envelope (deploy.ts) with a
// workflows plan (workflows-plan.ts).

export const WorkflowsListBody = z.strictObject({ client_id: Uuid });

export const FlowSummary = z.object({
  id: z.string().describe('The FlowDefinition id.'),
  api_name: z.string(),
  label: z.string(),
  is_active: z.boolean(),
  active_version_id: z.string().nullable(),
  latest_version_id: z.string().nullable(),
  process_type: z.string().nullable().describe('AutoLaunchedFlow, Flow (screen flow), Workflow, …'),
  trigger_type: z.string().nullable().describe('RecordBeforeSave, RecordAfterSave, Scheduled, … (null: none).'),
  trigger_object: z.string().nullable().describe('The object whose records trigger it.'),
});
export const AssignmentRuleSummary = z.object({
  id: z.string(),
  object_name: z.enum(['Lead', 'Case']),
  name: z.string(),
  active: z.boolean(),
});
export const WorkflowsList = z.object({
  flows: z.array(FlowSummary),
  assignment_rules: z.array(AssignmentRuleSummary),
});

export const WorkflowsRemoveBody = z
  .strictObject({
    client_id: Uuid,
    flow_api_names: z
      .array(
        z
          .string()
          .max(80)
          .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a flow API name'),
      )
      .max(50)
      .optional()
      .describe('Flows to deactivate, then delete (every version).'),
    assignment_rule_objects: z
      .array(z.enum(['Lead', 'Case']))
      .max(2)
      .optional()
      .describe('Objects whose assignment rules are deleted (each deactivated first).'),
    wait_seconds: WaitSeconds.optional(),
  })
  .refine((b) => (b.flow_api_names?.length ?? 0) + (b.assignment_rule_objects?.length ?? 0) > 0, {
    message: 'give at least one flow_api_name or assignment_rule_object',
    path: ['flow_api_names'],
  });
