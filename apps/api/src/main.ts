import { ConfigError } from './config/load-config.ts';
import { startServer } from './server.ts';

// The API alone, configured by the environment (`npm start` goes through scripts/start.ts, which
// adds the embedded Salesforce emulator when no Salesforce connected app is configured).
export async function main(env: Record<string, string | undefined>, extraBanner: string[] = []): Promise<void> {
  try {
    const server = await startServer(env, extraBanner);
    let closing = false;
    const shutdown = async () => {
      if (closing) return;
      closing = true;
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown());
    process.on('SIGTERM', () => void shutdown());
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
}

if (import.meta.main) await main(process.env);
