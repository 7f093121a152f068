import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

/** Salesforce API names: letters, digits and underscores (custom ones end in __c, __e, __mdt, …). */
export const ApiName = z
  .string()
  .max(120)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a Salesforce API name');
export const WaitSeconds = z
  .number()
  .int()
  .min(0)
  .max(300)
  .describe("How long to wait for the job before answering 202 (default 30; 0 = don't wait).");
const Version = z.number().int().min(1).max(1_000_000);

export const PullBody = z.strictObject({ client_id: Uuid, wait_seconds: WaitSeconds.optional() });
export const SnapshotSummary = z.object({
  id: Uuid,
  client_id: Uuid,
  version: z.number().int(),
  objects_count: z.number().int(),
  custom_objects_count: z.number().int(),
  pulled_at: Timestamp,
  api_calls_used: z.number().int().describe('Salesforce API calls the pull spent (a composite counts once).'),
});
export const JobAccepted = z.object({
  id: Uuid.describe('The job id: poll the matching status endpoint.'),
  status: z.enum(['queued', 'running', 'in_progress']),
});
export const PullStatusBody = z.strictObject({ id: Uuid });
export const PullStatus = z.object({
  id: Uuid,
  client_id: Uuid,
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  objects_total: z.number().int().nullable(),
  objects_done: z.number().int(),
  api_calls_used: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  snapshot: SnapshotSummary.nullable(),
  created_at: Timestamp,
  completed_at: Timestamp.nullable(),
});

export const GetTopologyBody = z.strictObject({
  client_id: Uuid,
  version: Version.optional().describe('Default: the latest.'),
  object_names: z
    .array(ApiName)
    .min(1)
    .max(2000)
    .optional()
    .describe('Only these objects (the full payload of a real org is tens of MB).'),
});
export const Snapshot = z.object({
  id: Uuid,
  version: z.number().int(),
  objects_count: z.number().int(),
  custom_objects_count: z.number().int(),
  pulled_at: Timestamp,
  snapshot: z.object({
    api_version: z.string(),
    object_names: z.array(z.string()),
    objects: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .describe('Object name → its describe, exactly as Salesforce returned it.'),
    describe_errors: z.record(
      z.string(),
      z.object({ status: z.number(), error_code: z.string(), message: z.string() }),
    ),
  }),
});
export const HistoryBody = z.strictObject({ client_id: Uuid });
export const History = z.object({
  data: z.array(
    z.object({
      id: Uuid,
      version: z.number().int(),
      objects_count: z.number().int(),
      custom_objects_count: z.number().int(),
      pulled_at: Timestamp,
    }),
  ),
});
export const PicklistBody = z.strictObject({
  client_id: Uuid,
  object_name: ApiName,
  field_name: ApiName,
  version: Version.optional(),
});
export const Picklist = z.object({
  object_name: z.string(),
  field_name: z.string(),
  values: z.array(z.record(z.string(), z.unknown())),
});
export const DiffBody = z.strictObject({
  client_id: Uuid,
  version_a: Version,
  version_b: Version,
  object_names: z.array(ApiName).max(2000).optional(),
});
export const Diff = z.object({
  version_a: z.number().int(),
  version_b: z.number().int(),
  added_objects: z.array(z.string()),
  removed_objects: z.array(z.string()),
  changed_objects: z.array(
    z.object({
      name: z.string(),
      added_fields: z.array(z.string()),
      removed_fields: z.array(z.string()),
      changed_fields: z.array(
        z.object({ name: z.string(), changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])) }),
      ),
    }),
  ),
});
