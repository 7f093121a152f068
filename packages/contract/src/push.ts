import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';
import { ApiName, WaitSeconds } from './topology.ts';

/** A canonical (caller-side) object or field name: the original accepted any string; we bound it. */
const CanonicalName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "-" and "." (starting with a letter)');
const FieldMap = z
  .record(CanonicalName, ApiName)
  .refine((m) => Object.keys(m).length >= 1 && Object.keys(m).length <= 800, '1 to 800 fields')
  .describe('Canonical field name → Salesforce field API name.');

export const MappingCreateBody = z.strictObject({
  client_id: Uuid,
  canonical_object: CanonicalName,
  sfdc_object: ApiName,
  field_mappings: FieldMap,
  external_id_field: ApiName.nullable().optional(),
});
export const MappingKeyBody = z.strictObject({ client_id: Uuid, canonical_object: CanonicalName });
export const MappingListBody = z.strictObject({ client_id: Uuid });
export const MappingUpdateBody = z.strictObject({
  client_id: Uuid,
  canonical_object: CanonicalName,
  sfdc_object: ApiName.optional(),
  field_mappings: FieldMap.optional().describe('Replaces the whole map.'),
  external_id_field: ApiName.nullable().optional().describe('null clears it; absent leaves it.'),
});
export const FieldCheck = z.object({
  canonical: z.string(),
  sfdc_field: z.string(),
  status: z.enum(['ok', 'type_warning']),
  sfdc_type: z.string(),
  note: z.string().nullable(),
});
export const Mapping = z.object({
  id: Uuid,
  client_id: Uuid,
  canonical_object: z.string(),
  sfdc_object: z.string(),
  field_mappings: z.record(z.string(), z.string()),
  external_id_field: z.string().nullable(),
  mapping_version: z.number().int(),
  is_active: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  checks: z
    .array(FieldCheck)
    .optional()
    .describe('Per mapped field, what the latest topology snapshot says about it (create and update only).'),
});
export const MappingList = z.object({ data: z.array(Mapping) });
export const MappingDeactivated = z.object({ success: z.literal(true), canonical_object: z.string() });

/** A field value as JSON carries it; coerced to the Salesforce field's type before sending. */
const FieldValue = z.union([z.string().max(131_072), z.number(), z.boolean(), z.null()]);
export const PushRecord = z.record(z.string().min(1).max(120), FieldValue);
export const PUSH_JSON_MAX_RECORDS = 10_000;

export const PushRecordsBody = z.strictObject({
  client_id: Uuid,
  object_type: z
    .union([ApiName, z.literal('')])
    .optional()
    .describe("Default: the mapping's sfdc_object."),
  external_id_field: z
    .union([ApiName, z.literal('')])
    .optional()
    .describe("Default: the mapping's external_id_field."),
  canonical_object: CanonicalName.nullable().optional(),
  mapping_version: z.number().int().min(1).nullable().optional().describe('Optimistic lock: a stale one is a 409.'),
  records: z.array(PushRecord).max(PUSH_JSON_MAX_RECORDS),
  idempotency_key: z.string().min(1).max(200).optional(),
  wait_seconds: WaitSeconds.optional(),
});
export const PushValidateBody = z.strictObject({
  client_id: Uuid,
  canonical_object: CanonicalName,
  field_names: z.array(z.string().min(1).max(120)).max(800),
});
export const PushValidate = z.object({
  valid: z.boolean(),
  mapping_version: z.number().int().nullable(),
  sfdc_object: z.string().nullable(),
  error: z.string().nullable(),
  fields: z.record(z.string(), z.enum(['mapped', 'mapped_unverified', 'unmapped'])),
});
export const PushStatusUpdateBody = z.strictObject({
  client_id: Uuid,
  object_type: ApiName,
  external_id_field: ApiName,
  updates: z
    .array(z.strictObject({ external_id: z.string().min(1).max(255), fields: PushRecord }))
    .min(1)
    .max(PUSH_JSON_MAX_RECORDS),
  idempotency_key: z.string().min(1).max(200).optional(),
  wait_seconds: WaitSeconds.optional(),
});
export const PushLinkBody = z.strictObject({
  client_id: Uuid,
  links: z
    .array(
      z.strictObject({
        child_object: ApiName,
        child_external_id_field: ApiName,
        child_external_id: z.string().min(1).max(255),
        relationship_field: ApiName.describe('The lookup field on the child, e.g. AccountId or Parent__c.'),
        parent_object: ApiName,
        parent_external_id_field: ApiName,
        parent_external_id: z.string().min(1).max(255),
      }),
    )
    .min(1)
    .max(PUSH_JSON_MAX_RECORDS),
  idempotency_key: z.string().min(1).max(200).optional(),
  wait_seconds: WaitSeconds.optional(),
});
export const PushSummary = z.object({
  id: Uuid,
  status: z.enum(['queued', 'in_progress', 'succeeded', 'partial', 'failed']),
  operation: z.enum(['upsert', 'update', 'link']),
  object_type: z.string(),
  transport: z.enum(['collections', 'bulk']),
  records_total: z.number().int(),
  records_succeeded: z.number().int(),
  records_failed: z.number().int(),
  api_calls_used: z.number().int().describe('Salesforce API calls this push spent.'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  created_at: Timestamp,
  completed_at: Timestamp.nullable(),
});
export const PushStatusBody = z.strictObject({
  id: Uuid,
  cursor: z.number().int().min(0).optional().describe('next_cursor of the previous page.'),
  limit: z.number().int().min(1).max(1000).optional().describe('Results per page (default 200).'),
  only_failed: z.boolean().optional(),
});
export const PushRecordResult = z.object({
  row: z.number().int().describe('0-based position of the record in the request.'),
  external_id: z.string().nullable(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  sf_id: z.string().nullable(),
  created: z.boolean().nullable(),
  errors: z.array(z.object({ code: z.string(), message: z.string(), fields: z.array(z.string()) })),
});
export const PushStatus = PushSummary.extend({
  client_id: Uuid,
  results: z.array(PushRecordResult),
  next_cursor: z.number().int().nullable(),
});
export const PushHistoryBody = z.strictObject({ client_id: Uuid, limit: z.number().int().min(1).max(200).optional() });
export const PushHistory = z.object({ data: z.array(PushSummary) });
