// Starts an emulator: in-process for tests (port 0), or for the CLI. Returns its URL, the control
// token and a typed control client; optionally seeds the demo org and persists state to a file.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EmulatorControl } from './control/control-client.ts';
import { FaultRegistry, Latency } from './control/faults.ts';
import { RequestLog } from './control/request-log.ts';
import type { Runtime } from './http/http-types.ts';
import { createEmulatorServer } from './http/server.ts';
import { EmulatorState } from './model/emulator-state.ts';
import { restoreState, serializeState, type SerializedState } from './model/state-serializer.ts';
import { DEFAULT_LATEST_API_VERSION } from './rest/versions.ts';
import { baseSchema } from './schema/base-schema.ts';
import { DEMO_DEFAULTS, seedDemoOrg, type DemoInfo, type DemoOptions } from './seed/seeding.ts';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** 'demo' (default for the CLI) seeds a realistic Developer Edition org; 'none' starts empty. */
  seed?: 'demo' | 'none';
  demo?: DemoOptions;
  /** Load state from this file at start (when it exists) and keep it saved there. */
  stateFile?: string;
  /** Global latency added to every request. */
  latency?: { fixedMs?: number; jitterMs?: number };
  /** Enables the control plane. startEmulator generates one when omitted; pass null to disable it. */
  controlToken?: string | null;
  /** The newest API version served (default 68.0, Winter '27). */
  latestApiVersion?: string;
  /** Request body limit in bytes (default 50 MB). */
  maxBodyBytes?: number;
  /** The URL clients use, when it differs from the listening address (e.g. behind a proxy). */
  publicUrl?: string;
}

export interface RunningEmulator {
  url: string;
  controlToken: string | null;
  control: EmulatorControl;
  demo: DemoInfo | null;
  state: EmulatorState;
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = new EmulatorState();
  baseSchema();
  const controlToken = opts.controlToken === null ? null : (opts.controlToken ?? randomBytes(24).toString('base64url'));
  let dirty = false;
  const rt: Runtime = {
    state,
    latestApiVersion: opts.latestApiVersion ?? DEFAULT_LATEST_API_VERSION,
    instanceUrl: '',
    controlToken,
    faults: new FaultRegistry(),
    latency: new Latency(),
    log: new RequestLog(),
    maxBodyBytes: opts.maxBodyBytes ?? 50 * 1024 * 1024,
    changed: () => {
      dirty = true;
    },
  };
  if (opts.latency) rt.latency.set(opts.latency);
  let demo: DemoInfo | null = null;
  if (opts.stateFile && existsSync(opts.stateFile)) {
    const raw = readFileSync(opts.stateFile);
    const text = opts.stateFile.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    restoreState(state, JSON.parse(text) as SerializedState);
  }
  if (opts.seed === 'demo') {
    // A reloaded state keeps its demo org (found by its connected app); otherwise seed one.
    const existing = state.app(opts.demo?.clientId ?? DEMO_DEFAULTS.clientId);
    demo = existing
      ? {
          orgId: existing.org.id,
          username: opts.demo?.username ?? DEMO_DEFAULTS.username,
          password: opts.demo?.password ?? DEMO_DEFAULTS.password,
          clientId: existing.app.clientId,
          clientSecret: existing.app.clientSecret,
          callbackUrls: [...existing.app.callbackUrls],
        }
      : seedDemoOrg(state, opts.demo).info;
  }
  const server = createEmulatorServer(rt);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  rt.instanceUrl =
    opts.publicUrl?.replace(/\/$/, '') ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  const save = () => {
    if (!opts.stateFile || !dirty) return;
    dirty = false;
    const json = JSON.stringify(serializeState(state));
    const tmp = `${opts.stateFile}.tmp`;
    writeFileSync(tmp, opts.stateFile.endsWith('.gz') ? gzipSync(json) : json);
    renameSync(tmp, opts.stateFile);
  };
  const timer = opts.stateFile ? setInterval(save, 2000) : undefined;
  timer?.unref();
  if (opts.stateFile) dirty = true;

  return {
    url: rt.instanceUrl,
    controlToken,
    control: new EmulatorControl(rt.instanceUrl, controlToken ?? ''),
    demo,
    state,
    close: async () => {
      if (timer) clearInterval(timer);
      save();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as typeof server & { destroyAllSockets?: () => void }).destroyAllSockets?.();
      });
    },
  };
}
