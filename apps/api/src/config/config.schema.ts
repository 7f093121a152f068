import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable the API reads, with its default. Parsed once at startup (main.ts,
 * worker.ts, cli/*), then injected; nothing else reads process.env. The README's configuration
 * table is this schema.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().max(255).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('sfx_app'),
  RUN_WORKERS: bool.optional(),
  JWT_PRIVATE_KEY: z.string().optional(),
  SUPER_ADMIN_SECRET: z.string().optional(),
  ENCRYPTION_KEYS: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100000).default(30),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(1000).default(1000),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  TRUST_PROXY: bool.default(false),
  SALESFORCE_CLIENT_ID: z.string().max(256).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().max(256).optional(),
  SALESFORCE_CALLBACK_URL: z.url().optional(),
  SALESFORCE_API_VERSION: z
    .string()
    .regex(/^\d{2}\.0$/, 'like 62.0')
    .default('62.0'),
  SALESFORCE_LOGIN_URL: z.url().default('https://login.salesforce.com'),
  SALESFORCE_SANDBOX_LOGIN_URL: z.url().default('https://test.salesforce.com'),
  SALESFORCE_ALLOWED_HOSTS: z.string().max(2000).default(''),
  SALESFORCE_API_RESERVE_PERCENT: z.coerce.number().min(0).max(90).default(10),
  SALESFORCE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
  TOPOLOGY_CONCURRENCY: z.coerce.number().int().min(1).max(25).default(6),
  PUSH_BULK_THRESHOLD: z.coerce.number().int().min(1).max(10_000_000).default(2000),
  PUSH_CONCURRENCY: z.coerce.number().int().min(1).max(10).default(4),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(4),
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  SALESFORCE_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  OAUTH_STATE_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  NANGO_BASE_URL: z.url().default('https://api.nango.dev'),
  NANGO_SECRET_KEY: z.string().max(512).optional(),
  NANGO_PROVIDER_CONFIG_KEY: z.string().max(200).default('salesforce'),
  NANGO_CONNECT_URL: z.url().default('https://connect.nango.dev'),
  DEMO_SEED: bool.default(false),
});
export type Env = z.infer<typeof EnvSchema>;

/** Documentation of each variable, for the README and `--help`-style output. */
export const ENV_DOCS: Record<keyof Env, string> = {
  NODE_ENV: '`production` refuses to start without real secrets; `development` (default) generates them.',
  HOST: 'Interface to listen on. Default `127.0.0.1`, or `0.0.0.0` in production.',
  PORT: 'HTTP port (default 3000).',
  PUBLIC_URL: 'Base URL callers use to reach the API (OAuth redirect targets). Default `http://HOST:PORT`.',
  LOG_LEVEL: 'pino log level (default `info`).',
  DATA_DIR: 'Folder for the embedded database and generated secrets (default `./.data`).',
  DATABASE_URL: 'PostgreSQL connection URL. Unset: embedded PGlite in `DATA_DIR/pglite`.',
  DATABASE_POOL_MAX: 'PostgreSQL pool size (default 20).',
  DATABASE_APP_ROLE:
    'Role tenant transactions run as; it must not own the tables or bypass RLS (default `sfx_app`, created by the migrations).',
  RUN_WORKERS:
    'Run job workers inside the API process. Default: yes, except in production with DATABASE_URL (run `npm run ' +
    'worker` there).',
  JWT_PRIVATE_KEY: 'Ed25519 private key (PKCS#8 PEM or JWK JSON) that signs session tokens. Generated in development.',
  SUPER_ADMIN_SECRET: 'Bearer secret for /api/super-admin/* (at least 32 characters). Generated in development.',
  ENCRYPTION_KEYS:
    'Root keys for stored credentials: `kid:base64key[,kid:base64key…]`, 32-byte keys, the first one active. ' +
    'Generated in development.',
  ACCESS_TOKEN_TTL_SECONDS: 'Session access token lifetime (default 900 = 15 minutes).',
  REFRESH_TOKEN_TTL_DAYS: 'Refresh token (session) lifetime (default 30 days).',
  LOGIN_WINDOW_SECONDS: 'Login throttling window (default 900).',
  LOGIN_MAX_ATTEMPTS_PER_IP: 'Login attempts per client IP per window (default 30).',
  LOGIN_MAX_FAILURES_PER_ACCOUNT:
    'Failed logins per account per window before it is locked for the rest of the window (default 5).',
  AUTH_CACHE_TTL_MS:
    'How long a verified credential is cached in-process (≤ 1000 ms, so revocation reaches every process within a second).',
  BODY_LIMIT_BYTES: 'Largest accepted request body (default 1 MiB).',
  TRUST_PROXY: 'Trust X-Forwarded-For for client IPs (default false).',
  SALESFORCE_CLIENT_ID:
    'Consumer key of the connected app clients authorise (builtin custody). Embedded mode registers one with the emulator.',
  SALESFORCE_CLIENT_SECRET: 'Consumer secret of that connected app.',
  SALESFORCE_CALLBACK_URL:
    'OAuth redirect URI registered on the connected app. Default `PUBLIC_URL/api/connections/oauth/callback`.',
  SALESFORCE_API_VERSION: 'Salesforce API version new connections pin (default 62.0).',
  SALESFORCE_LOGIN_URL: 'Login host for production orgs (default https://login.salesforce.com).',
  SALESFORCE_SANDBOX_LOGIN_URL: 'Login host for sandboxes (default https://test.salesforce.com).',
  SALESFORCE_ALLOWED_HOSTS:
    'Comma-separated host:port list exempt from the SSRF guard (http and loopback allowed). Embedded mode adds its emulator.',
  SALESFORCE_API_RESERVE_PERCENT: "Share of a client org's daily API allocation the engine never touches (default 10).",
  SALESFORCE_TIMEOUT_MS: 'Deadline for one Salesforce HTTP call (default 120000).',
  TOPOLOGY_CONCURRENCY: 'Composite describe requests in flight during a topology pull (default 6).',
  PUSH_BULK_THRESHOLD: 'Pushes larger than this go by Bulk API 2.0, not sObject Collections (default 2000).',
  PUSH_CONCURRENCY: 'sObject Collections calls in flight for one push (default 4).',
  JOB_RETRY_LIMIT: 'Retries of a Salesforce job after transient failures or an exhausted API budget (default 4).',
  JOB_RETRY_DELAY_SECONDS: 'First retry delay of such a job; doubles (with jitter) up to 5 minutes (default 30).',
  SALESFORCE_MAX_RETRIES:
    'Immediate retries of an idempotent Salesforce call after a transient failure, with exponential backoff (default 3).',
  OAUTH_STATE_TTL_SECONDS: 'How long an authorize_url stays valid (default 900).',
  NANGO_BASE_URL: 'Nango API base URL for Nango custody (default https://api.nango.dev).',
  NANGO_SECRET_KEY: 'Nango secret key; Nango custody is unavailable without it.',
  NANGO_PROVIDER_CONFIG_KEY: 'Nango integration id for Salesforce (default `salesforce`).',
  NANGO_CONNECT_URL:
    'Nango Connect UI base URL, used when Nango returns no connect_link (default https://connect.nango.dev).',
  DEMO_SEED: 'Create a demo organization, admin and API token on first start (set by the embedded `npm start`).',
};
