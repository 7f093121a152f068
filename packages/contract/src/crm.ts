import { z } from 'zod';
import { Uuid } from './common.ts';

/** A field path: an API name, or parent relationships then a field ("Account.Owner.Name"), ≤ 5 hops. */
export const FieldPath = z
  .string()
  .max(600)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,5}$/, 'a field name or relationship path');
const ObjectName = z
  .string()
  .max(120)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a Salesforce object API name');
/** A Salesforce record id: 15 or 18 alphanumeric characters. */
export const SalesforceId = z
  .string()
  .max(18)
  .regex(/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/, 'a 15- or 18-character Salesforce id');

const Scalar = z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]);
export const FilterOp = z.enum([
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'ends_with',
]);
export const Filter = z.strictObject({
  field: FieldPath,
  op: FilterOp,
  value: z.union([Scalar, z.array(Scalar).min(1).max(1000)]),
  type: z
    .enum(['string', 'number', 'boolean', 'date', 'datetime'])
    .optional()
    .describe("The literal's type; default: the field's type in the topology, else the JSON value's type."),
});
const Filters = z.array(Filter).max(50).describe('Joined with AND. Values are typed and escaped, never pasted.');
const Fields = z.array(FieldPath).min(1).max(200);
const Limit = z.number().int().min(1).max(50_000);

export const SoqlBody = z.strictObject({ client_id: Uuid, soql: z.string().trim().min(1).max(20_000) });
export const MoreBody = z.strictObject({ client_id: Uuid, next_records_path: z.string().min(1).max(300) });
export const SearchBody = z.strictObject({
  client_id: Uuid,
  object_name: ObjectName,
  fields: Fields.optional().describe('Default: Id, Name.'),
  filters: Filters.optional(),
  order_by: z
    .array(z.strictObject({ field: FieldPath, direction: z.enum(['asc', 'desc']).optional() }))
    .max(5)
    .optional(),
  limit: Limit.optional(),
  offset: z.number().int().min(0).max(2000).optional().describe('Salesforce allows OFFSET up to 2,000.'),
});
export const CountBody = z.strictObject({ client_id: Uuid, object_name: ObjectName, filters: Filters.optional() });
export const GetRecordBody = z.strictObject({
  client_id: Uuid,
  object_name: ObjectName,
  id: SalesforceId,
  fields: Fields.optional(),
});
export const AssociationsBody = z.strictObject({
  client_id: Uuid,
  source_object: z.enum(['Contact', 'Opportunity']),
  source_ids: z.array(SalesforceId).min(1).max(2000),
  related_object: ObjectName,
  related_fields: Fields,
});
export const ContactRolesBody = z.strictObject({
  client_id: Uuid,
  opportunity_ids: z.array(SalesforceId).min(1).max(2000),
});
export const CampaignMembersBody = z.strictObject({
  client_id: Uuid,
  campaign_id: SalesforceId,
  fields: Fields.optional(),
});
export const LeadConversionsBody = z.strictObject({
  client_id: Uuid,
  filters: Filters.optional(),
  fields: Fields.optional(),
});
export const PipelinesBody = z.strictObject({
  client_id: Uuid,
  object_name: ObjectName.optional().describe('Default: Opportunity.'),
  field_name: ObjectName.optional().describe('Default: StageName.'),
});

export const QueryPage = z.object({
  total_size: z.number().int(),
  done: z.boolean(),
  records: z.array(z.record(z.string(), z.unknown())).describe('Records as Salesforce returned them.'),
  next_records_path: z
    .string()
    .nullable()
    .describe('Pass to query/more (same client) for the next page; null when done.'),
});
export const CountResult = z.object({ count: z.number().int() });
export const RecordResult = z.object({ record: z.record(z.string(), z.unknown()) });
export const PipelineResult = z.object({
  object_name: z.string(),
  field_name: z.string(),
  stages: z.array(z.record(z.string(), z.unknown())),
});
