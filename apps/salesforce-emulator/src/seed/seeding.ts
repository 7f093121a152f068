// Bulk seeding and the demo org. Seeded records go through the same DML path as API writes, so they
// are valid, indexed and numbered exactly like records a client creates.
import { insert } from '../model/dml.ts';
import type { EmulatorState } from '../model/emulator-state.ts';
import { ApiError } from '../model/errors.ts';
import type { ConnectedApp, Org } from '../model/org.ts';
import { fromTemplate, GENERATORS, Prng, type Generator } from './generators.ts';

export interface SeedSpec {
  object: string;
  count: number;
  /** A built-in generator: account, contact, lead, opportunity, case. */
  generator?: string;
  /** Or a template ({n} → index, arrays cycle). */
  template?: Record<string, unknown>;
  seed?: number;
}

export const MAX_SEED = 1_000_000;

export function seedRecords(
  state: EmulatorState,
  org: Org,
  spec: SeedSpec,
  userId = org.adminUserId,
): { created: number; firstId: string | null; lastId: string | null } {
  const def = org.schema.getObject(spec.object);
  if (!def) throw new ApiError(404, 'NOT_FOUND', `No object ${spec.object}`);
  if (!(spec.count >= 0 && spec.count <= MAX_SEED))
    throw new ApiError(400, 'INVALID_INPUT', `count must be between 0 and ${MAX_SEED}`);
  let gen: Generator | undefined;
  if (spec.template) gen = fromTemplate(spec.template);
  else gen = GENERATORS[(spec.generator ?? def.name).toLowerCase()];
  if (!gen) throw new ApiError(400, 'INVALID_INPUT', `No generator for ${def.name}: pass a template`);
  const rnd = new Prng(spec.seed ?? 42);
  const nowMs = state.clock.now();
  const accountIds =
    def.name === 'Account' ? [] : [...org.records.scan('Account', false)].slice(0, 5000).map((r) => String(r.Id));
  const ctx = org.writeContext(userId, nowMs);
  let firstId: string | null = null;
  let lastId: string | null = null;
  let created = 0;
  for (let i = 0; i < spec.count; i++) {
    const r = insert(ctx, def, gen(i, { rnd, def, nowMs, accountIds }));
    if (!r.success) {
      throw new ApiError(
        400,
        r.errors[0]!.statusCode,
        `record ${i + 1} of ${spec.count} failed: ${r.errors[0]!.message}`,
      );
    }
    firstId ??= r.id;
    lastId = r.id;
    created++;
  }
  return { created, firstId, lastId };
}

export interface DemoOptions {
  orgName?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  callbackUrls?: string[];
  rotateRefreshTokens?: boolean;
}

export interface DemoInfo {
  orgId: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  callbackUrls: string[];
}

export const DEMO_DEFAULTS = {
  username: 'demo@sfx-emulator.example.com',
  password: 'demo-password-1',
  clientId: '3MVG9sfxEmulatorDemoClientId0000000000000000000000000000000000000000000000000000',
  clientSecret: 'SFXEMULATORDEMOSECRET00000000000000000000000000000000000000000000',
  callbackUrls: ['http://localhost:3000/oauth/callback', 'http://127.0.0.1:3000/oauth/callback'],
};

/** A realistic Developer Edition org: full schema, a demo user, a connected app, a few hundred records. */
export function seedDemoOrg(
  state: EmulatorState,
  opts: DemoOptions = {},
): { org: Org; app: ConnectedApp; info: DemoInfo } {
  const username = opts.username ?? DEMO_DEFAULTS.username;
  const password = opts.password ?? DEMO_DEFAULTS.password;
  const { org } = state.createOrg({
    name: opts.orgName ?? 'SFX Demo Developer Edition',
    admin: { username, password, firstName: 'Demo', lastName: 'User', email: username },
  });
  const app = state.createConnectedApp(org, {
    name: 'sfdc-engine-x',
    clientId: opts.clientId ?? DEMO_DEFAULTS.clientId,
    clientSecret: opts.clientSecret ?? DEMO_DEFAULTS.clientSecret,
    callbackUrls: opts.callbackUrls ?? DEMO_DEFAULTS.callbackUrls,
    rotateRefreshTokens: opts.rotateRefreshTokens ?? false,
  });
  for (const [object, count] of [
    ['Account', 40],
    ['Contact', 120],
    ['Lead', 50],
    ['Opportunity', 60],
    ['Case', 40],
  ] as const) {
    seedRecords(state, org, { object, count, seed: 7 });
  }
  return {
    org,
    app,
    info: {
      orgId: org.id,
      username,
      password,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      callbackUrls: app.callbackUrls,
    },
  };
}
