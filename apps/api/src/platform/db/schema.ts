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

export interface DB {
  organizations: OrganizationsTable;
  clients: ClientsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  audit_events: AuditEventsTable;
  rate_limit_counters: RateLimitCountersTable;
}
