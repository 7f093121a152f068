import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './start-process.ts';

const root = path.resolve(import.meta.dirname, '../../..');

export interface RunningApi {
  url: string;
  stdout: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the API exactly as `npm start` does (main.ts, embedded defaults), in its own process. */
export async function startApiProcess(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(path.join(tmpdir(), 'sfx-accept-')),
): Promise<RunningApi> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'apps/api/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start: ${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`API exited with ${code}: ${stderr}`)));
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c;
      if (stdout.includes('listening on')) {
        clearTimeout(timer);
        setTimeout(resolve, 50); // let the banner finish printing
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    get stdout() {
      return stdout;
    },
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function api(base: string, method: 'GET' | 'POST', route: string, bearer?: string, body?: unknown) {
  const res = await fetch(base + route, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}
