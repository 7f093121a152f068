-- query/more continues only the client's own queries: every Salesforce query locator handed out is
-- recorded with its client, and a locator not recorded for the caller's client is a 404. Chunked
-- reads (associations, contact roles) keep their remaining chunk queries here too.
CREATE TABLE crm_query_cursors (
  org_id uuid NOT NULL,
  client_id uuid NOT NULL,
  path text NOT NULL,
  pending jsonb NOT NULL DEFAULT '[]',
  total_size integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, client_id, path),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE
);
CREATE INDEX crm_query_cursors_expiry ON crm_query_cursors (expires_at);

ALTER TABLE crm_query_cursors ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_crm_query_cursors ON crm_query_cursors
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()))
  WITH CHECK (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()));
GRANT SELECT, INSERT, DELETE ON crm_query_cursors TO sfx_app;
