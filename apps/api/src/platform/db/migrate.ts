import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');
const LOCK_KEY = 7_239_011; // any constant; serialises migrators across processes on PostgreSQL

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const version = Number(file.slice(0, 4));
    if (seen.has(version)) throw new Error(`two migrations share version ${version}`);
    seen.add(version);
    const sql = readFileSync(path.join(dir, file), 'utf8');
    return { version, name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/**
 * Applies pending numbered .sql migrations, each in its own transaction, recorded in
 * schema_migrations. Idempotent; refuses to run when an applied file was edited afterwards.
 */
export async function migrate(
  db: Database,
  opts: { dir?: string; log?: (msg: string) => void } = {},
): Promise<string[]> {
  const migrations = readMigrations(opts.dir);
  return db.withSession(async (s) => {
    await s.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await s.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const rows = await s.query<{ version: number; checksum: string; name: string }>(
        'select version, checksum, name from schema_migrations',
      );
      const applied = new Map(rows.map((r) => [Number(r.version), r]));
      const done: string[] = [];
      for (const m of migrations) {
        const prior = applied.get(m.version);
        if (prior) {
          if (prior.checksum !== m.checksum) {
            throw new Error(
              `migration ${m.name} changed after it was applied; add a new migration instead of editing it`,
            );
          }
          continue;
        }
        await s.exec('BEGIN');
        try {
          await s.exec(m.sql);
          await s.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
            m.version,
            m.name,
            m.checksum,
          ]);
          await s.exec('COMMIT');
        } catch (err) {
          await s.exec('ROLLBACK');
          throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
        }
        opts.log?.(`applied ${m.name}`);
        done.push(m.name);
      }
      return done;
    } finally {
      await s.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
}
