-- Tenancy and identity: organizations → clients → users, API tokens, sessions, audit.
--
-- Integrity is the database's job, not only the app's: every child of a client carries org_id and
-- references clients(org_id, id), so a row can never point at another org's client.
-- Row-level security is the second wall: every tenant table has a policy keyed on the transaction's
-- app.org_id (and app.client_id for client-scoped callers). The app runs tenant work as the role
-- sfx_app, which neither owns these tables nor bypasses RLS.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sfx_app') THEN
    CREATE ROLE sfx_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- created concurrently by a migration of another database in the same cluster
END $$;

-- The connecting role must be able to SET ROLE sfx_app (superusers always can).
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT sfx_app TO %I', current_user);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION app_client_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.client_id', true), '')::uuid $$;

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE TABLE organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$'),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER organizations_updated_at BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE clients (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  domain text CHECK (length(domain) <= 253),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id)
);
-- A domain is unique among an org's active clients (a deactivated client frees its domain).
CREATE UNIQUE INDEX clients_org_domain_active ON clients (org_id, domain) WHERE is_active AND domain IS NOT NULL;
CREATE INDEX clients_org_created ON clients (org_id, created_at DESC);
CREATE TRIGGER clients_updated_at BEFORE UPDATE ON clients FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE users (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id uuid,
  email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
  name text CHECK (length(name) <= 200),
  role text NOT NULL CHECK (role IN ('org_admin', 'company_admin', 'company_member')),
  password_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, email),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE,
  -- org admins see the whole org; company users belong to exactly one client.
  CHECK ((role = 'org_admin') = (client_id IS NULL))
);
CREATE INDEX users_org_client ON users (org_id, client_id);
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  client_id uuid,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  label text CHECK (length(label) <= 100),
  scopes text[],
  expires_at timestamptz,
  last_used_at timestamptz,
  is_active boolean NOT NULL DEFAULT true,
  revoked_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE
);
CREATE INDEX api_tokens_org_created ON api_tokens (org_id, created_at DESC);
CREATE INDEX api_tokens_org_user ON api_tokens (org_id, user_id);
CREATE INDEX api_tokens_org_client ON api_tokens (org_id, client_id);

-- A session is one refresh-token family: login starts it, every refresh rotates within it,
-- logout or reuse of a rotated token revokes it (and with it the family's access tokens).
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_refreshed_at timestamptz,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  ip text,
  user_agent text CHECK (length(user_agent) <= 500),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_org_user ON sessions (org_id, user_id);

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_org ON refresh_tokens (org_id);

CREATE TABLE audit_events (
  id uuid PRIMARY KEY,
  org_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  client_id uuid,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_token', 'super_admin', 'system')),
  actor_id text,
  actor_user_id uuid,
  action text NOT NULL,
  target_type text,
  target_id text,
  request_id text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  status_code integer,
  details jsonb,
  ip text
);
CREATE INDEX audit_events_org_time ON audit_events (org_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_org_client ON audit_events (org_id, client_id, occurred_at DESC);

-- Fixed-window counters (login throttling); shared by every API process through the database.
CREATE TABLE rate_limit_counters (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- Row-level security on every tenant table.
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_org ON organizations
  USING (id = app_org_id());
CREATE POLICY tenant_clients ON clients
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR id = app_client_id()))
  WITH CHECK (org_id = app_org_id() AND (app_client_id() IS NULL OR id = app_client_id()));
CREATE POLICY tenant_users ON users
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()))
  WITH CHECK (org_id = app_org_id());
CREATE POLICY tenant_api_tokens ON api_tokens
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY tenant_sessions ON sessions
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY tenant_refresh_tokens ON refresh_tokens
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY tenant_audit_events ON audit_events
  USING (org_id = app_org_id() AND (app_client_id() IS NULL OR client_id = app_client_id()))
  WITH CHECK (org_id = app_org_id());

GRANT USAGE ON SCHEMA public TO sfx_app;
GRANT SELECT ON organizations TO sfx_app;
GRANT SELECT, INSERT, UPDATE ON clients, users, api_tokens, sessions, refresh_tokens TO sfx_app;
GRANT SELECT, INSERT ON audit_events TO sfx_app;
