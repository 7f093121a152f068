import { EventEmitter } from 'node:events';
import { fromPglite, PgBoss, type JobWithMetadata } from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Database } from '../db/database.ts';

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
const FINAL: ReadonlySet<JobState> = new Set(['completed', 'cancelled', 'failed']);

/** Thrown by a handler when retrying cannot help: the job fails at once, with this message as output. */
export class PermanentJobError extends Error {
  readonly details: Record<string, unknown>;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'PermanentJobError';
    this.details = details;
  }
}

export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. */
  attempt: number;
  /** No retry follows if this attempt fails. */
  lastAttempt: boolean;
  signal: AbortSignal;
}

export interface JobDefinition<T> {
  /** Queue name, e.g. "topology.pull". */
  name: string;
  /** Payloads are validated at the worker boundary, never trusted as cast. */
  schema: z.ZodType<T>;
  handler: (data: T, ctx: JobContext) => Promise<unknown>;
  retryLimit?: number;
  /** Seconds before the first retry; doubles with jitter after that. */
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Jobs of this queue running at once in one process. */
  concurrency?: number;
  /**
   * Long jobs send a heartbeat this often (pg-boss does it while the handler runs). A job whose
   * process died stops beating and is retried by the next supervising process, instead of waiting
   * for expireInSeconds.
   */
  heartbeatSeconds?: number;
}

export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  output: unknown;
  retryCount: number;
  createdOn: Date;
  completedOn: Date | null;
}

/**
 * Durable jobs on the same PostgreSQL (or PGlite) as everything else, through pg-boss.
 * Embedded mode runs workers in the API process; production runs `npm run worker` processes.
 */
export class JobPlatform {
  readonly #db: Database;
  readonly #log: Logger;
  // biome-ignore lint/suspicious/noExplicitAny: definitions of every payload type share one map; each validates its own
  readonly #defs = new Map<string, JobDefinition<any>>();
  readonly #done = new EventEmitter();
  readonly #schema: string;
  #boss: PgBoss | null = null;
  #started = false;

  /** `schema` is where pg-boss keeps its tables (separate schemas never see each other's jobs). */
  constructor(db: Database, log: Logger, schema = 'pgboss') {
    this.#db = db;
    this.#log = log;
    this.#schema = schema;
    this.#done.setMaxListeners(0);
  }

  define<T>(def: JobDefinition<T>): void {
    if (this.#started) throw new Error(`define ${def.name} before start()`);
    this.#defs.set(def.name, def);
  }

  get running(): boolean {
    return this.#started;
  }

  async start(opts: { workers: boolean }): Promise<void> {
    // LISTEN/NOTIFY wakes a worker the moment a job is queued; polling stays as the backstop.
    const common = {
      schema: this.#schema,
      supervise: true,
      schedule: false,
      monitorIntervalSeconds: 60,
      superviseIntervalSeconds: 10,
      useListenNotify: true,
    } as const;
    const boss = this.#db.pglite
      ? new PgBoss({ ...common, db: fromPglite(this.#db.pglite), backend: 'pglite' })
      : new PgBoss({ ...common, connectionString: this.#db.url!, max: 4, application_name: 'sfdc-engine-x-jobs' });
    boss.on('error', (err) => this.#log.error({ err }, 'job platform error'));
    await boss.start();
    this.#boss = boss;
    for (const def of this.#defs.values()) {
      await boss.createQueue(def.name, {
        retryLimit: def.retryLimit ?? 3,
        retryDelay: def.retryDelaySeconds ?? 5,
        retryBackoff: true,
        retryDelayMax: 300,
        notify: true,
        expireInSeconds: def.expireInSeconds ?? 900,
        ...(def.heartbeatSeconds ? { heartbeatSeconds: def.heartbeatSeconds } : {}),
      });
      if (opts.workers) await this.#work(boss, def);
    }
    this.#started = true;
  }

  async #work(boss: PgBoss, def: JobDefinition<unknown>): Promise<void> {
    const options = {
      batchSize: 1,
      pollingIntervalSeconds: 0.5,
      notifyPollingIntervalSeconds: 5,
      localConcurrency: def.concurrency ?? 2,
      perJobResults: true,
    } as const;
    await boss.work(def.name, options, async (jobs) => {
      const job = jobs[0];
      if (!job) return [];
      try {
        const parsed = def.schema.safeParse(job.data);
        // A payload that can never be valid is failed for good: retrying it would only burn time.
        if (!parsed.success)
          return [
            {
              id: job.id,
              status: 'deadletter' as const,
              output: { error: `invalid payload: ${parsed.error.message}` },
            },
          ];
        const lastAttempt = job.retryCount >= (def.retryLimit ?? 3);
        const output = await def.handler(parsed.data, {
          jobId: job.id,
          attempt: job.retryCount,
          lastAttempt,
          signal: job.signal,
        });
        return [{ id: job.id, status: 'completed' as const, output: (output ?? null) as object }];
      } catch (err) {
        if (err instanceof PermanentJobError)
          return [{ id: job.id, status: 'deadletter' as const, output: { error: err.message, ...err.details } }];
        this.#log.warn({ err, job: def.name, jobId: job.id, attempt: job.retryCount }, 'job attempt failed');
        throw err;
      } finally {
        // Wake waiters in this process at once; others fall back to polling.
        setImmediate(() => this.#done.emit(job.id));
      }
    });
  }

  async send<T>(
    name: string,
    data: T,
    opts: { singletonKey?: string; startAfterSeconds?: number; id?: string } = {},
  ): Promise<string> {
    const boss = this.#require();
    const def = this.#defs.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    const parsed = def.schema.safeParse(data);
    if (!parsed.success) throw new Error(`invalid payload for ${name}: ${parsed.error.message}`);
    const id = await boss.send(name, parsed.data as object, {
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
    });
    if (!id) throw new Error(`job ${name} was not queued (a singleton is already queued)`);
    return id;
  }

  async get(name: string, id: string): Promise<JobInfo | null> {
    const [job] = (await this.#require().findJobs(name, { id })) as JobWithMetadata<unknown>[];
    if (!job) return null;
    return {
      id: job.id,
      name: job.name,
      state: job.state,
      output: job.output ?? null,
      retryCount: job.retryCount,
      createdOn: job.createdOn,
      completedOn: job.completedOn,
    };
  }

  /** The job once it reaches a final state, or its current state when timeoutMs runs out. */
  async waitFor(name: string, id: string, timeoutMs: number): Promise<JobInfo | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.get(name, id);
      if (!job || FINAL.has(job.state)) return job;
      const left = deadline - Date.now();
      if (left <= 0) return job;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.#done.off(id, done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 250));
        this.#done.once(id, done);
      });
    }
  }

  async stop(opts: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const boss = this.#boss;
    this.#boss = null;
    this.#started = false;
    if (boss) await boss.stop({ graceful: opts.graceful ?? true, timeout: opts.timeoutMs ?? 10_000, close: true });
  }

  #require(): PgBoss {
    if (!this.#boss) throw new Error('job platform is not started');
    return this.#boss;
  }
}
