import { buildApp } from './app.ts';
import { loadConfig } from './config/load-config.ts';
import { ensureDemo } from './modules/demo/demo-seed.ts';
import { createRuntime } from './runtime.ts';

export interface StartedServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Parses the environment, builds everything, listens, and prints what a newcomer needs: where it
 * listens, the super-admin secret on first start, and the demo credentials when DEMO_SEED is on.
 */
export async function startServer(
  env: Record<string, string | undefined>,
  extraBanner: string[] = [],
): Promise<StartedServer> {
  const { config, generatedSuperAdminSecret } = loadConfig(env);
  const runtime = await createRuntime(config, { workers: config.runWorkers });
  const app = await buildApp(runtime);
  try {
    await app.listen({ host: config.http.host, port: config.http.port });
  } catch (err) {
    await runtime.close();
    throw err;
  }
  const base = config.http.publicUrl;
  const db =
    config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `sfdc-engine-x ${config.version} listening on ${base}`,
    `  database:      ${db}`,
    `  job workers:   ${config.runWorkers ? 'in this process' : 'off (run `npm run worker`)'}`,
    `  API reference: ${base}/reference   (OpenAPI: ${base}/openapi.json)`,
  ];
  if (generatedSuperAdminSecret) {
    lines.push(
      '',
      `  First start: generated secrets in ${config.dataDir}/secrets.json (owner-only).`,
      `  Super-admin secret (shown once): ${generatedSuperAdminSecret}`,
    );
  }
  lines.push(...extraBanner);
  if (config.demoSeed) {
    const demo = await ensureDemo(runtime);
    lines.push(
      '',
      `Demo organization (kept in ${config.dataDir}/demo.json):`,
      `  org slug: ${demo.org_slug}   admin: ${demo.email} / ${demo.password}`,
      `  API token: ${demo.api_token}`,
      '',
      'Try it:',
      `  export TOKEN=${demo.api_token}`,
      `  curl -s ${base}/api/auth/me -H "authorization: Bearer $TOKEN"`,
      '  Then follow the README, "Connect a Salesforce org (the demo)".',
    );
  } else if (generatedSuperAdminSecret) {
    lines.push('  Next: create an organization with it — see README "First calls".');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  return {
    url: base,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
