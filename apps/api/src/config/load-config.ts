import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EnvSchema, type Env } from './config.schema.ts';
import { ConfigError, resolveSecrets, type Secrets } from './secrets.ts';

export { ConfigError } from './secrets.ts';

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly version: string;
  readonly http: { host: string; port: number; publicUrl: string; bodyLimit: number; trustProxy: boolean };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly dataDir: string;
  readonly database:
    | { kind: 'pglite'; dataDir: string | null; appRole: string }
    | { kind: 'postgres'; url: string; poolMax: number; appRole: string };
  readonly runWorkers: boolean;
  readonly auth: {
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    cacheTtlMs: number;
    login: { windowSeconds: number; maxAttemptsPerIp: number; maxFailuresPerAccount: number };
  };
  readonly secrets: Secrets;
  readonly salesforce: {
    app: { clientId: string; clientSecret: string } | null;
    callbackUrl: string;
    apiVersion: string;
    loginUrls: { production: string; sandbox: string };
    allowedHosts: string[];
    reservePercent: number;
    timeoutMs: number;
    topologyConcurrency: number;
    pushBulkThreshold: number;
    pushConcurrency: number;
    stateTtlSeconds: number;
    maxRetries: number;
  };
  readonly jobs: { retryLimit: number; retryDelaySeconds: number };
  readonly nango: { baseUrl: string; secretKey: string | null; providerConfigKey: string; connectUrl: string };
  readonly demoSeed: boolean;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}

export function parseEnv(raw: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Parse the environment once. Secrets are resolved here (and generated in development). */
export function loadConfig(
  raw: Record<string, string | undefined>,
  opts: { cwd?: string } = {},
): { config: Config; generatedSuperAdminSecret: string | null } {
  const env = parseEnv(raw);
  const dataDir = path.resolve(opts.cwd ?? process.cwd(), env.DATA_DIR);
  const { secrets, generatedSuperAdminSecret } = resolveSecrets(env, dataDir);
  const production = env.NODE_ENV === 'production';
  const host = env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const publicUrl = (env.PUBLIC_URL ?? `http://${publicHost}:${env.PORT}`).replace(/\/$/, '');
  const config: Config = {
    env: env.NODE_ENV,
    version: packageVersion(),
    http: {
      host,
      port: env.PORT,
      publicUrl,
      bodyLimit: env.BODY_LIMIT_BYTES,
      trustProxy: env.TRUST_PROXY,
    },
    logLevel: env.LOG_LEVEL,
    dataDir,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX, appRole: env.DATABASE_APP_ROLE }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite'), appRole: env.DATABASE_APP_ROLE },
    runWorkers: env.RUN_WORKERS ?? !(production && env.DATABASE_URL),
    auth: {
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      cacheTtlMs: env.AUTH_CACHE_TTL_MS,
      login: {
        windowSeconds: env.LOGIN_WINDOW_SECONDS,
        maxAttemptsPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
        maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      },
    },
    secrets,
    salesforce: {
      app:
        env.SALESFORCE_CLIENT_ID && env.SALESFORCE_CLIENT_SECRET
          ? { clientId: env.SALESFORCE_CLIENT_ID, clientSecret: env.SALESFORCE_CLIENT_SECRET }
          : null,
      callbackUrl: env.SALESFORCE_CALLBACK_URL ?? `${publicUrl}/api/connections/oauth/callback`,
      apiVersion: env.SALESFORCE_API_VERSION,
      loginUrls: {
        production: env.SALESFORCE_LOGIN_URL.replace(/\/$/, ''),
        sandbox: env.SALESFORCE_SANDBOX_LOGIN_URL.replace(/\/$/, ''),
      },
      allowedHosts: env.SALESFORCE_ALLOWED_HOSTS.split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      reservePercent: env.SALESFORCE_API_RESERVE_PERCENT,
      timeoutMs: env.SALESFORCE_TIMEOUT_MS,
      topologyConcurrency: env.TOPOLOGY_CONCURRENCY,
      pushBulkThreshold: env.PUSH_BULK_THRESHOLD,
      pushConcurrency: env.PUSH_CONCURRENCY,
      stateTtlSeconds: env.OAUTH_STATE_TTL_SECONDS,
      maxRetries: env.SALESFORCE_MAX_RETRIES,
    },
    jobs: { retryLimit: env.JOB_RETRY_LIMIT, retryDelaySeconds: env.JOB_RETRY_DELAY_SECONDS },
    nango: {
      baseUrl: env.NANGO_BASE_URL.replace(/\/$/, ''),
      secretKey: env.NANGO_SECRET_KEY ?? null,
      providerConfigKey: env.NANGO_PROVIDER_CONFIG_KEY,
      connectUrl: env.NANGO_CONNECT_URL,
    },
    demoSeed: env.DEMO_SEED,
  };
  return { config: Object.freeze(config), generatedSuperAdminSecret };
}
