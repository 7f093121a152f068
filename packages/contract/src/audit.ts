import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

export const AuditEvent = z.object({
  id: Uuid,
  occurred_at: Timestamp,
  actor: z.object({
    type: z.enum(['user', 'api_token', 'super_admin', 'system']),
    id: z.string().nullable(),
    user_id: Uuid.nullable(),
  }),
  action: z.string(),
  target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
  client_id: Uuid.nullable(),
  request_id: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  status_code: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export const AuditListBody = z.strictObject({
  client_id: Uuid.optional(),
  actor: z.string().max(100).optional().describe('A user id or an API token id.'),
  action: z
    .string()
    .max(100)
    .regex(/^[a-z_.*-]+$/)
    .optional()
    .describe('Exact action ("clients.create") or a prefix ending in ".*" ("clients.*").'),
  since: Timestamp.optional(),
  limit: z.number().int().min(1).max(1000).optional().describe('Default 100.'),
  before: Uuid.optional().describe('Cursor: return events older than this event id (from next_cursor).'),
});
export const AuditList = z.object({ data: z.array(AuditEvent), next_cursor: Uuid.nullable() });
