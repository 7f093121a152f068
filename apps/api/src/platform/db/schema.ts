import type { ColumnType, Generated } from 'kysely';

// Kysely's view of the tables (snake_case, as in SQL). Mapping to API shapes happens in each repo.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface OrganizationsTable {
  id: string;
  name: string;
  slug: string;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ClientsTable {
  id: string;
  org_id: string;
  name: string;
  domain: string | null;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface UsersTable {
  id: string;
  org_id: string;
  client_id: string | null;
  email: string;
  name: string | null;
  role: string;
  password_hash: string;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ApiTokensTable {
  id: string;
  org_id: string;
  user_id: string;
  client_id: string | null;
  token_hash: string;
  prefix: string;
  label: string | null;
  scopes: string[] | null;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  is_active: Generated<boolean>;
  revoked_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
}
export interface SessionsTable {
  id: string;
  org_id: string;
  user_id: string;
  created_at: Timestamp;
  last_refreshed_at: NullableTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}
export interface RefreshTokensTable {
  id: string;
  org_id: string;
  session_id: string;
  token_hash: string;
  created_at: Timestamp;
  rotated_at: NullableTimestamp;
}
export interface AuditEventsTable {
  id: string;
  org_id: string | null;
  client_id: string | null;
  occurred_at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  outcome: string;
  status_code: number | null;
  details: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  ip: string | null;
}
export interface RateLimitCountersTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface OrgDataKeysTable {
  id: string;
  org_id: string;
  root_kid: string;
  wrapped_key: string;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  rewrapped_at: NullableTimestamp;
}
export interface CrmConnectionsTable {
  id: string;
  org_id: string;
  client_id: string;
  status: Generated<string>;
  custody: Generated<string>;
  environment: Generated<string>;
  login_url: string;
  api_version: string;
  instance_url: string | null;
  sfdc_org_id: string | null;
  sfdc_user_id: string | null;
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  token_dek_id: string | null;
  token_issued_at: NullableTimestamp;
  nango_connection_id: string | null;
  nango_provider_config_key: string | null;
  api_usage_used: number | null;
  api_usage_limit: number | null;
  api_usage_at: NullableTimestamp;
  error_message: string | null;
  last_used_at: NullableTimestamp;
  last_refreshed_at: NullableTimestamp;
  connected_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface OauthStatesTable {
  id: string;
  org_id: string;
  connection_id: string;
  state_hash: string;
  code_verifier_enc: string;
  dek_id: string;
  redirect_uri: string;
  created_by: string | null;
  expires_at: Timestamp;
  consumed_at: NullableTimestamp;
  created_at: Timestamp;
}
export interface TopologyBlobsTable {
  org_id: string;
  hash: string;
  content: Buffer;
  raw_bytes: number;
  created_at: Timestamp;
}
export interface TopologyManifestsTable {
  org_id: string;
  hash: string;
  objects: ColumnType<Record<string, string>, string, string>;
  describe_errors: ColumnType<Record<string, { status: number; error_code: string; message: string }>, string, string>;
  created_at: Timestamp;
}
export interface TopologyPullsTable {
  id: string;
  org_id: string;
  client_id: string;
  connection_id: string;
  status: Generated<string>;
  requested_by: string | null;
  snapshot_id: string | null;
  objects_total: number | null;
  objects_done: Generated<number>;
  api_calls_used: Generated<number>;
  error_kind: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
}
export interface TopologySnapshotsTable {
  id: string;
  org_id: string;
  client_id: string;
  connection_id: string;
  pull_id: string | null;
  version: number;
  manifest_hash: string;
  api_version: string;
  objects_count: number;
  custom_objects_count: number;
  describe_errors_count: Generated<number>;
  api_calls_used: Generated<number>;
  source_checked_at: Timestamp;
  pulled_at: Timestamp;
}

export interface FieldMappingsTable {
  id: string;
  org_id: string;
  client_id: string;
  canonical_object: string;
  sfdc_object: string;
  field_mappings: ColumnType<Record<string, string>, string, string>;
  external_id_field: string | null;
  mapping_version: Generated<number>;
  is_active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface PushJobsTable {
  id: string;
  org_id: string;
  client_id: string;
  connection_id: string;
  operation: string;
  object_type: string;
  external_id_field: string;
  canonical_object: string | null;
  mapping_id: string | null;
  mapping_version: number | null;
  transport: string;
  status: Generated<string>;
  idempotency_key: string | null;
  body_hash: string;
  records_total: Generated<number>;
  records_succeeded: Generated<number>;
  records_failed: Generated<number>;
  api_calls_used: Generated<number>;
  error_kind: string | null;
  error_code: string | null;
  error_message: string | null;
  bulk_job_id: string | null;
  bulk_stage: string | null;
  requested_by: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
}
export interface PushRecordsTable {
  org_id: string;
  push_id: string;
  seq: number;
  external_id: string | null;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<string>;
  sf_id: string | null;
  created: boolean | null;
  errors: ColumnType<PushRecordError[] | null, string | null, string | null>;
}
export interface PushRecordError {
  code: string;
  message: string;
  fields: string[];
}

export interface CrmQueryCursorsTable {
  org_id: string;
  client_id: string;
  path: string;
  pending: ColumnType<string[], string | undefined, string>;
  total_size: Generated<number>;
  expires_at: Timestamp;
  created_at: Generated<Timestamp>;
}

export interface DB {
  organizations: OrganizationsTable;
  clients: ClientsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  audit_events: AuditEventsTable;
  rate_limit_counters: RateLimitCountersTable;
  org_data_keys: OrgDataKeysTable;
  crm_connections: CrmConnectionsTable;
  oauth_states: OauthStatesTable;
  topology_blobs: TopologyBlobsTable;
  topology_manifests: TopologyManifestsTable;
  topology_pulls: TopologyPullsTable;
  topology_snapshots: TopologySnapshotsTable;
  field_mappings: FieldMappingsTable;
  push_jobs: PushJobsTable;
  push_records: PushRecordsTable;
  crm_query_cursors: CrmQueryCursorsTable;
}
