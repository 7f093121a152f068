import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config/load-config.ts';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

/** Whose data a transaction may touch. clientId narrows a client-scoped caller further. */
export interface TenantScope {
  orgId: string;
  clientId?: string | null;
}

/** One session with the database, for multi-statement SQL (migrations) and raw rows. */
export interface RawSession {
  exec(text: string): Promise<void>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /**
   * The named escape hatch: runs as the connecting role, which bypasses row-level security.
   * Only credential lookups, super-admin routes, migrations and the job platform use it.
   */
  readonly system: Kysely<DB>;
  /** A transaction that runs as the app role with app.org_id (and app.client_id) set: RLS applies. */
  tenant<T>(scope: TenantScope, fn: (trx: Tx) => Promise<T>): Promise<T>;
  withSession<T>(fn: (session: RawSession) => Promise<T>): Promise<T>;
  /** The PGlite instance in embedded mode (the job platform shares it); null on PostgreSQL. */
  readonly pglite: PGlite | null;
  readonly url: string | null;
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

function build(
  kind: 'pglite' | 'postgres',
  system: Kysely<DB>,
  appRole: string,
  extra: Pick<Database, 'withSession' | 'pglite' | 'url' | 'close'>,
): Database {
  return {
    kind,
    system,
    ...extra,
    tenant(scope, fn) {
      return system.transaction().execute(async (trx) => {
        // One round trip: the tenant settings and the role switch are all transaction-local.
        await sql`select set_config('app.org_id', ${scope.orgId}, true),
          set_config('app.client_id', ${scope.clientId ?? ''}, true), set_config('role', ${appRole}, true)`.execute(
          trx,
        );
        return fn(trx);
      });
    },
    async ping(timeoutMs) {
      try {
        const r = await withTimeout(sql`select 1 as ok`.execute(system), timeoutMs);
        return r !== 'timeout';
      } catch {
        return false;
      }
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. A
 * lock file with the owner's pid refuses that with a clear message (a stale lock is taken over).
 */
function lockDataDir(dataDir: string): () => void {
  const lock = `${dataDir}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch {
      const pid = Number(readFileSync(lock, 'utf8'));
      let alive = false;
      try {
        if (pid > 0) {
          process.kill(pid, 0);
          alive = true;
        }
      } catch {
        alive = false;
      }
      if (alive) {
        throw new Error(
          `the embedded database in ${dataDir} is in use by process ${pid}; stop it first (PGlite allows one process ` +
            `— use DATABASE_URL for several). If no such process runs, delete ${lock}.`,
        );
      }
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export async function openPglite(dataDir: string | null, appRole: string): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir ?? undefined);
  } catch (err) {
    unlock();
    throw err;
  }
  const system = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return build('pglite', system, appRole, {
    pglite,
    url: null,
    // Through Kysely's connection so the single PGlite session is never shared mid-use.
    withSession: (fn) =>
      system.connection().execute(() =>
        fn({
          exec: async (text) => {
            await pglite.exec(text);
          },
          query: async (text, params) => (await pglite.query(text, params)).rows as never[],
        }),
      ),
    close: async () => {
      await system.destroy();
      unlock();
    },
  });
}

export async function openPostgres(url: string, poolMax: number, appRole: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, application_name: 'sfdc-engine-x' });
  pool.on('error', () => {
    // An idle client died (server restart); the pool replaces it. Health checks report the outage.
  });
  const system = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return build('postgres', system, appRole, {
    pglite: null,
    url,
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (text) => {
            await client.query(text);
          },
          query: async (text, params) => (await client.query(text, params)).rows,
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await system.destroy();
    },
  });
}

export function openDatabase(config: Config['database']): Promise<Database> {
  return config.kind === 'postgres'
    ? openPostgres(config.url, config.poolMax, config.appRole)
    : openPglite(config.dataDir, config.appRole);
}
