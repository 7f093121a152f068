import { ConfigError, loadConfig } from './config/load-config.ts';
import { createRuntime } from './runtime.ts';

// Job workers only, no HTTP: run any number of these against the same PostgreSQL.
async function main(): Promise<void> {
  const { config } = loadConfig(process.env);
  if (config.database.kind === 'pglite') {
    process.stderr.write(
      'Note: with embedded PGlite, only one process may open the database; `npm start` already runs the workers.\n',
    );
  }
  const runtime = await createRuntime(config, { workers: true });
  runtime.logger.info('workers started');
  const stop = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  process.stderr.write(
    err instanceof ConfigError ? `Configuration error: ${err.message}\n` : `Failed to start: ${err?.stack ?? err}\n`,
  );
  process.exit(err instanceof ConfigError ? 78 : 1);
});
