-- Salesforce connections (token custody) and topology snapshots.
--
-- Credentials are stored only encrypted: each org has its own data key (DEK), wrapped by a root key
-- from configuration (root_kid names which). Token columns hold "v1.<dek id>.<iv>.<ciphertext+tag>",
-- bound by AES-GCM associated data to the org and connection, so a ciphertext copied elsewhere fails.

CREATE TABLE org_data_keys (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  root_kid text NOT NULL,
  wrapped_key text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz
);
CREATE UNIQUE INDEX org_data_keys_one_active ON org_data_keys (org_id) WHERE is_active;
CREATE INDEX org_data_keys_root ON org_data_keys (root_kid);

CREATE TABLE crm_connections (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'connected', 'reauth_required', 'revoked', 'error')),
  custody text NOT NULL DEFAULT 'builtin' CHECK (custody IN ('builtin', 'nango')),
  environment text NOT NULL DEFAULT 'production' CHECK (environment IN ('production', 'sandbox', 'custom')),
  login_url text NOT NULL,
  api_version text NOT NULL,
  instance_url text,
  sfdc_org_id text,
  sfdc_user_id text,
  access_token_enc text,
  refresh_token_enc text,
  token_dek_id uuid REFERENCES org_data_keys (id),
  token_issued_at timestamptz,
  nango_connection_id text,
  nango_provider_config_key text,
  api_usage_used integer,
  api_usage_limit integer,
  api_usage_at timestamptz,
  error_message text,
  last_used_at timestamptz,
  last_refreshed_at timestamptz,
  connected_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, client_id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE,
  -- a connected builtin connection always has its tokens; a revoked one never keeps them
  CHECK (status <> 'revoked' OR (access_token_enc IS NULL AND refresh_token_enc IS NULL))
);
CREATE TRIGGER crm_connections_updated_at BEFORE UPDATE ON crm_connections FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One row per authorize attempt. Only the state's hash is stored; the PKCE verifier is encrypted.
CREATE TABLE oauth_states (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  connection_id uuid NOT NULL,
  state_hash text NOT NULL UNIQUE,
  code_verifier_enc text NOT NULL,
  dek_id uuid NOT NULL REFERENCES org_data_keys (id),
  redirect_uri text NOT NULL,
  created_by uuid,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, connection_id) REFERENCES crm_connections (org_id, id) ON DELETE CASCADE
);
CREATE INDEX oauth_states_org_connection ON oauth_states (org_id, connection_id);

-- Topology storage is content-addressed: each distinct describe is stored once per org
-- (gzip'd JSON text), a manifest maps object names to describe hashes, and a snapshot points at a
-- manifest. Ten pulls of an unchanged org add ten small snapshot rows and nothing else.
CREATE TABLE topology_blobs (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  hash text NOT NULL,
  content bytea NOT NULL,
  raw_bytes integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, hash)
);

CREATE TABLE topology_manifests (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  hash text NOT NULL,
  objects jsonb NOT NULL,
  describe_errors jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, hash)
);

CREATE TABLE topology_pulls (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id uuid NOT NULL,
  connection_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  requested_by uuid,
  snapshot_id uuid,
  objects_total integer,
  objects_done integer NOT NULL DEFAULT 0,
  api_calls_used integer NOT NULL DEFAULT 0,
  error_kind text CHECK (error_kind IN ('transient', 'limit', 'auth', 'terminal', 'internal')),
  error_code text,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, connection_id) REFERENCES crm_connections (org_id, id) ON DELETE CASCADE
);
CREATE INDEX topology_pulls_org_client ON topology_pulls (org_id, client_id, created_at DESC);

CREATE TABLE topology_snapshots (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id uuid NOT NULL,
  connection_id uuid NOT NULL,
  pull_id uuid,
  version integer NOT NULL CHECK (version > 0),
  manifest_hash text NOT NULL,
  api_version text NOT NULL,
  objects_count integer NOT NULL,
  custom_objects_count integer NOT NULL,
  describe_errors_count integer NOT NULL DEFAULT 0,
  api_calls_used integer NOT NULL DEFAULT 0,
  -- the Date header of the describeGlobal answer: the next pull asks "modified since then?"
  source_checked_at timestamptz NOT NULL,
  pulled_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, client_id, version),
  UNIQUE (org_id, pull_id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, connection_id) REFERENCES crm_connections (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, manifest_hash) REFERENCES topology_manifests (org_id, hash)
);
CREATE INDEX topology_snapshots_org_client ON topology_snapshots (org_id, client_id, version DESC);

ALTER TABLE org_data_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE crm_connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE oauth_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE topology_blobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE topology_manifests ENABLE ROW LEVEL SECURITY;
ALTER TABLE topology_pulls ENABLE ROW LEVEL SECURITY;
ALTER TABLE topology_snapshots ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_org_data_keys ON org_data_keys USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY tenant_oauth_states ON oauth_states USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY tenant_topology_blobs ON topology_blobs USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY tenant_topology_manifests ON topology_manifests USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY tenant_crm_connections ON crm_connections
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()))
  WITH CHECK (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()));
CREATE POLICY tenant_topology_pulls ON topology_pulls
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()))
  WITH CHECK (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()));
CREATE POLICY tenant_topology_snapshots ON topology_snapshots
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()))
  WITH CHECK (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()));

GRANT SELECT, INSERT, UPDATE ON org_data_keys, crm_connections, oauth_states, topology_pulls, topology_snapshots TO sfx_app;
GRANT SELECT, INSERT ON topology_blobs, topology_manifests TO sfx_app;
