import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Runs `npm start`'s entry (scripts/start.ts) in its own process, until `ready` shows on stdout. */
export async function startDemo(
  env: Record<string, string>,
  ready = 'Try it:',
): Promise<{ stdout: () => string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      SALESFORCE_CLIENT_ID: '',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start: ${err}`)), 90_000);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      if (out.includes(ready)) {
        clearTimeout(timer);
        setTimeout(resolve, 100);
      }
    });
  });
  return {
    stdout: () => out,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
