// `npm start`: the API on its embedded defaults. Unless a real Salesforce connected app is
// configured (SALESFORCE_CLIENT_ID), it also starts the Salesforce emulator in this process with a
// demo org, registers the engine's connected app there, and lets the API create a demo organization.
// This file composes the two apps; neither imports the other.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator } from '@sfx/salesforce-emulator';
import { main } from '../apps/api/src/main.ts';

const env = { ...process.env };
const production = env.NODE_ENV === 'production';
const wantsEmulator = !production && !env.SALESFORCE_CLIENT_ID && env.EMULATOR !== 'off';
const banner: string[] = [];

if (wantsEmulator) {
  const dataDir = path.resolve(env.DATA_DIR || './.data');
  const dir = path.join(dataDir, 'emulator');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const appFile = path.join(dir, 'connected-app.json');
  if (!existsSync(appFile)) {
    const app = {
      client_id: `3MVG9sfx${randomBytes(24).toString('base64url')}`,
      client_secret: randomBytes(32).toString('hex'),
    };
    writeFileSync(appFile, JSON.stringify(app, null, 2), { mode: 0o600 });
    chmodSync(appFile, 0o600);
  }
  const app = JSON.parse(readFileSync(appFile, 'utf8')) as { client_id: string; client_secret: string };
  const port = Number(env.EMULATOR_PORT || 4010);
  const apiPort = env.PORT || '3000';
  const publicUrl = (env.PUBLIC_URL || `http://127.0.0.1:${apiPort}`).replace(/\/$/, '');
  let emulator;
  try {
    emulator = await startEmulator({
      port,
      host: '127.0.0.1',
      seed: 'demo',
      stateFile: path.join(dir, 'state.json.gz'),
      demo: {
        clientId: app.client_id,
        clientSecret: app.client_secret,
        callbackUrls: [`${publicUrl}/api/connections/oauth/callback`],
      },
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    process.stderr.write(
      code === 'EADDRINUSE'
        ? `Port ${port} is taken; set EMULATOR_PORT to another port (or EMULATOR=off).\n`
        : `Could not start the emulator: ${(err as Error).message}\n`,
    );
    process.exit(1);
  }
  const host = new URL(emulator.url).host;
  Object.assign(env, {
    SALESFORCE_CLIENT_ID: app.client_id,
    SALESFORCE_CLIENT_SECRET: app.client_secret,
    SALESFORCE_LOGIN_URL: emulator.url,
    SALESFORCE_SANDBOX_LOGIN_URL: emulator.url,
    SALESFORCE_ALLOWED_HOSTS: [env.SALESFORCE_ALLOWED_HOSTS, host].filter(Boolean).join(','),
    DEMO_SEED: env.DEMO_SEED ?? 'true',
  });
  const demoUser = emulator.demo?.username ?? 'demo@sfx-emulator.example.com';
  const demoPassword = emulator.demo?.password ?? 'demo-password-1';
  banner.push(
    '',
    `Salesforce emulator (embedded, state in ${dir}) on ${emulator.url}`,
    `  demo Salesforce login: ${demoUser} / ${demoPassword}`,
  );
  const stop = () => void emulator.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main(env, banner);
