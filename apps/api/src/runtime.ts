import pino, { type Logger } from 'pino';
import type { Config } from './config/load-config.ts';
import { demoEchoJob } from './modules/demo/demo.jobs.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { JwtKeys } from './platform/crypto/jwt.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { JobPlatform } from './platform/jobs/job-platform.ts';
import { loggerOptions } from './platform/logger.ts';
import { createServices, type Services } from './services.ts';

export interface Runtime {
  config: Config;
  db: Database;
  jobs: JobPlatform;
  jwt: JwtKeys;
  logger: Logger;
  clock: Clock;
  services: Services;
  close(): Promise<void>;
}

/**
 * Everything the API and the workers share: database (migrated), job platform, signing keys,
 * logger. main.ts and worker.ts differ only in whether they also serve HTTP.
 */
export async function createRuntime(
  config: Config,
  opts: { workers: boolean; logger?: Logger; clock?: Clock; jobsSchema?: string } = { workers: config.runWorkers },
): Promise<Runtime> {
  const logger = opts.logger ?? pino(loggerOptions(config.logLevel));
  const db = await openDatabase(config.database);
  try {
    await migrate(db, { log: (m) => logger.info(m) });
    const clock = opts.clock ?? systemClock;
    const jobs = new JobPlatform(db, logger, opts.jobsSchema);
    jobs.define(demoEchoJob);
    const services = createServices({ config, db, jobs, clock, logger });
    await jobs.start({ workers: opts.workers });
    const jwt = await new JwtKeys(config.secrets.jwtPrivateKey).init();
    return {
      config,
      db,
      jobs,
      jwt,
      logger,
      clock,
      services,
      async close() {
        await jobs.stop();
        await services.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
