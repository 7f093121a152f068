-- Field mappings (canonical object → Salesforce object) and pushes with their per-record results.

CREATE TABLE field_mappings (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id uuid NOT NULL,
  canonical_object text NOT NULL,
  sfdc_object text NOT NULL,
  field_mappings jsonb NOT NULL,
  external_id_field text,
  mapping_version integer NOT NULL DEFAULT 1,
  is_active boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE
);
-- One active mapping per (client, canonical object); deactivated ones stay as history.
CREATE UNIQUE INDEX field_mappings_one_active ON field_mappings (org_id, client_id, canonical_object) WHERE is_active;

CREATE TABLE push_jobs (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id uuid NOT NULL,
  connection_id uuid NOT NULL,
  operation text NOT NULL CHECK (operation IN ('upsert', 'update', 'link')),
  object_type text NOT NULL,
  external_id_field text NOT NULL,
  canonical_object text,
  mapping_id uuid,
  mapping_version integer,
  transport text NOT NULL CHECK (transport IN ('collections', 'bulk')),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'in_progress', 'succeeded', 'partial', 'failed')),
  idempotency_key text,
  body_hash text NOT NULL,
  records_total integer NOT NULL DEFAULT 0,
  records_succeeded integer NOT NULL DEFAULT 0,
  records_failed integer NOT NULL DEFAULT 0,
  api_calls_used integer NOT NULL DEFAULT 0,
  error_kind text,
  error_code text,
  error_message text,
  requested_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, connection_id) REFERENCES crm_connections (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX push_jobs_idempotency ON push_jobs (org_id, client_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX push_jobs_org_client ON push_jobs (org_id, client_id, created_at DESC);

-- One row per input record, written as the body arrives; the job fills in the outcome. A record is
-- 'pending' until Salesforce answered for it (or local validation failed it), so a killed worker
-- resends only pending rows, and those go by external id (an upsert twice is one record).
CREATE TABLE push_records (
  org_id uuid NOT NULL,
  push_id uuid NOT NULL,
  seq integer NOT NULL,
  external_id text,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  sf_id text,
  created boolean,
  errors jsonb,
  PRIMARY KEY (push_id, seq),
  FOREIGN KEY (org_id, push_id) REFERENCES push_jobs (org_id, id) ON DELETE CASCADE
);
CREATE INDEX push_records_pending ON push_records (push_id, seq) WHERE status = 'pending';

ALTER TABLE field_mappings ENABLE ROW LEVEL SECURITY;
ALTER TABLE push_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE push_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_field_mappings ON field_mappings
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()))
  WITH CHECK (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()));
CREATE POLICY tenant_push_jobs ON push_jobs
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()))
  WITH CHECK (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()));
CREATE POLICY tenant_push_records ON push_records USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

GRANT SELECT, INSERT, UPDATE ON field_mappings, push_jobs, push_records TO sfx_app;
