import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { createRuntime } from './runtime.ts';

async function main(): Promise<void> {
  const { config, generatedSuperAdminSecret } = loadConfig(process.env);
  const runtime = await createRuntime(config, { workers: config.runWorkers });
  const app = await buildApp(runtime);
  await app.listen({ host: config.http.host, port: config.http.port });
  const db = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `sfdc-engine-x ${config.version} listening on ${config.http.publicUrl}`,
    `  database:      ${db}`,
    `  job workers:   ${config.runWorkers ? 'in this process' : 'off (run `npm run worker`)'}`,
    `  API reference: ${config.http.publicUrl}/reference   (OpenAPI: ${config.http.publicUrl}/openapi.json)`,
  ];
  if (generatedSuperAdminSecret) {
    lines.push(
      '',
      '  First start: generated secrets in ' + `${config.dataDir}/secrets.json (owner-only).`,
      `  Super-admin secret (shown once): ${generatedSuperAdminSecret}`,
      '  Next: create an organization with it — see README "First calls".',
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    runtime.logger.info({ signal }, 'shutting down');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
