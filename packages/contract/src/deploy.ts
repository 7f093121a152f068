import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';
import { WaitSeconds } from './topology.ts';

// Deploy routes' envelopes (deploy/custom-objects, deploy/workflows, deploy/analytics, status,
// history, rollback). `plan` is any JSON object here; each route validates it with its plan schema
// (deploy-plan.ts) so that every problem comes back at once as 400 `invalid_deploy_plan`.

export const DEPLOYMENT_STATUSES = [
  'queued',
  'in_progress',
  'succeeded',
  'partial',
  'failed',
  'rolled_back',
  'rollback_failed',
] as const;
export const DeploymentStatus = z.enum(DEPLOYMENT_STATUSES);
export const DeploymentType = z.enum(['custom_objects', 'workflows', 'analytics']);

const PlanObject = z
  .record(z.string().max(100), z.unknown())
  .describe('The deploy plan (see the plan schemas); validated as a whole, every error reported at once.');

export const DeployBody = z.strictObject({
  client_id: Uuid,
  plan: PlanObject,
  conflict_report_id: Uuid.optional().describe('A conflicts/check report for this client; a red one blocks.'),
  allow_red: z.boolean().optional().describe('Deploy even when the conflict report is red (default false).'),
  check_only: z.boolean().optional().describe('Validate in Salesforce without changing the org (default false).'),
  wait_seconds: WaitSeconds.optional(),
});

export const ComponentResult = z.object({
  type: z.string().describe('Metadata type: CustomObject, CustomField, PermissionSet, Flow, …'),
  api_name: z.string().describe('The package.xml member, e.g. Invoice__c.Amount__c.'),
  success: z.boolean(),
  action: z
    .enum(['created', 'changed', 'unchanged', 'deleted'])
    .nullable()
    .describe('What Salesforce did with it (null when it failed or check_only kept the org as it was).'),
  sfdc_id: z.string().nullable(),
  error: z
    .object({
      code: z.string(),
      message: z.string().describe("Salesforce's problem text, verbatim."),
      problem_type: z.string().nullable(),
      line: z.number().nullable(),
      column: z.number().nullable(),
    })
    .nullable(),
});
export type ComponentResult = z.infer<typeof ComponentResult>;

export const Deployment = z.object({
  id: Uuid,
  client_id: Uuid,
  status: DeploymentStatus,
  deployment_type: DeploymentType,
  check_only: z.boolean(),
  conflict_report_id: Uuid.nullable(),
  conflict_check: z
    .enum(['passed', 'overridden', 'not_run'])
    .describe('not_run: no conflict check happened for this deployment (none was given or available).'),
  salesforce_deploy_id: z.string().nullable(),
  api_calls_used: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  result: z.object({ components: z.array(ComponentResult) }).nullable(),
  rollback: z
    .object({
      status: z.enum(['in_progress', 'rolled_back', 'rollback_failed']),
      components: z.array(ComponentResult.extend({ refused: z.string().nullable() })),
    })
    .nullable(),
  created_at: Timestamp,
  deployed_at: Timestamp.nullable(),
  rolled_back_at: Timestamp.nullable(),
});
export type Deployment = z.infer<typeof Deployment>;

export const DeploymentAccepted = z.object({ id: Uuid, status: DeploymentStatus });
export const DeployStatusBody = z.strictObject({ id: Uuid });
export const DeployHistoryBody = z.strictObject({ client_id: Uuid });
export const DeployHistory = z.object({
  data: z.array(
    Deployment.pick({
      id: true,
      deployment_type: true,
      status: true,
      check_only: true,
      created_at: true,
      deployed_at: true,
      rolled_back_at: true,
    }),
  ),
});
export const RollbackBody = z.strictObject({
  id: Uuid,
  force: z.boolean().optional().describe('Delete fields and objects even when they hold records (default false).'),
  wait_seconds: WaitSeconds.optional(),
});
