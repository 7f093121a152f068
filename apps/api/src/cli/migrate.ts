import { ConfigError, loadConfig } from '../config/load-config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';

// `npm run migrate`: applies pending migrations (the API also does this on start).
try {
  const { config } = loadConfig(process.env);
  const db = await openDatabase(config.database);
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(
    err instanceof ConfigError ? `Configuration error: ${err.message}` : `Migration failed: ${(err as Error).message}`,
  );
  process.exit(1);
}
