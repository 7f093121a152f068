import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config/load-config.ts';
import type { App } from '../../src/http/fastify-types.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { REDACT_PATHS } from '../../src/platform/logger.ts';

export interface TestApp {
  app: App & { routeTable: import('fastify').RouteOptions[] };
  runtime: Runtime;
  config: Config;
  superAdminSecret: string;
  /** Every log line the app wrote, raw JSON. */
  logs: string[];
  close(): Promise<void>;
}

/** A controllable clock: starts at real time, moves only when told. */
export class TestClock implements Clock {
  #t: number;
  constructor(start = Date.now()) {
    this.#t = start;
  }
  now(): Date {
    return new Date(this.#t);
  }
  advance(ms: number): void {
    this.#t += ms;
  }
}

/**
 * Builds the real app on a real database: in-memory PGlite by default, the PostgreSQL at
 * DATABASE_URL when set (CI runs the suite on both). Logs are captured for secret scanning.
 */
export async function startTestApp(
  opts: { env?: Record<string, string>; clock?: Clock; dataDir?: string; workers?: boolean; jobsSchema?: string } = {},
): Promise<TestApp> {
  const dir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'sfx-test-'));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    DATA_DIR: dir,
    LOG_LEVEL: 'info',
    DATABASE_URL: process.env.DATABASE_URL,
    // Login counters live in the database; test processes sharing one PostgreSQL all log in from
    // 127.0.0.1, so the per-IP limit is lifted unless a test sets its own.
    LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
    ...opts.env,
  };
  const { config: loaded } = loadConfig(env);
  const config: Config =
    loaded.database.kind === 'pglite' && !opts.dataDir
      ? { ...loaded, database: { ...loaded.database, dataDir: null } }
      : loaded;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
  // Test files share one PostgreSQL in CI: each app gets its own job queues, or its workers would run
  // other files' jobs (with another emulator and other settings). PGlite is private to the app anyway.
  const jobsSchema =
    opts.jobsSchema ?? (config.database.kind === 'postgres' ? `pgboss_${randomBytes(6).toString('hex')}` : undefined);
  const runtime = await createRuntime(config, {
    workers: opts.workers ?? true,
    logger,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(jobsSchema ? { jobsSchema } : {}),
  });
  const app = await buildApp(runtime);
  await app.ready();
  return {
    app,
    runtime,
    config,
    superAdminSecret: config.secrets.superAdminSecret,
    logs,
    async close() {
      await app.close();
      await runtime.close();
      if (!opts.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
