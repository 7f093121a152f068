// Snapshots, the state file and their restore: the whole emulator as plain JSON. Tokens are stored
// as their hashes only (see token-store.ts), so a state file holds no usable token.
import { IdGenerator } from '../ids/salesforce-id.ts';
import type { AuthCode, RefreshGrant, Session } from '../auth/token-store.ts';
import { baseSchema } from '../schema/base-schema.ts';
import { makeObjectDef, serializeObjectDef, type ObjectDefInput } from '../schema/object-def.ts';
import { ApiUsage } from './api-usage.ts';
import type { EmulatorState } from './emulator-state.ts';
import { Org, type ConnectedApp, type Credential, type OrgSettings } from './org.ts';
import type { Row } from './record-store.ts';
import type { SerializedMetadata } from '../metadata/org-metadata.ts';

interface SerializedOrg {
  id: string;
  createdMs: number;
  settings: OrgSettings;
  adminUserId: string;
  pod: string;
  idPosition: number;
  schema: {
    overlay: Array<[string, ObjectDefInput | null]>;
    modified: Array<[string, number]>;
    globalModified: number;
    prefixSequence: number;
  };
  tables: Array<{ name: string; rows: Row[]; deleted: Array<[string, number]> }>;
  credentials: Credential[];
  apps: ConnectedApp[];
  autoNumbers: Array<[string, number]>;
  usage: ReturnType<ApiUsage['toJSON']>;
  /** Metadata API components (absent in state files written before it existed). */
  metadata?: SerializedMetadata;
}

export interface SerializedState {
  format: 'sfx-emulator-state/1';
  clockOffsetMs: number;
  orgCounter: number;
  autoApproveUsername: string | null;
  approvals: string[];
  sessions: Array<[string, Session]>;
  refreshTokens: Array<[string, RefreshGrant]>;
  codes: Array<[string, AuthCode]>;
  orgs: SerializedOrg[];
}

export function serializeState(state: EmulatorState): SerializedState {
  return {
    format: 'sfx-emulator-state/1',
    clockOffsetMs: state.clock.offsetMs,
    orgCounter: state.orgCounter,
    autoApproveUsername: state.autoApproveUsername,
    approvals: [...state.approvals],
    sessions: [...state.tokens.sessions.entries()],
    refreshTokens: [...state.tokens.refreshTokens.entries()],
    codes: [...state.tokens.codes.entries()],
    orgs: [...state.orgs.values()].map((org) => {
      const times = org.schema.persistedTimes();
      return {
        id: org.id,
        createdMs: org.createdMs,
        settings: org.settings,
        adminUserId: org.adminUserId,
        pod: org.ids.pod,
        idPosition: org.ids.position,
        schema: {
          overlay: org.schema.overlayEntries().map(([k, def]) => [k, def ? serializeObjectDef(def) : null]),
          ...times,
        },
        tables: org.records.exportTables(),
        credentials: [...org.credentials.values()],
        apps: [...org.apps.values()],
        autoNumbers: [...org.autoNumbers.entries()],
        usage: org.usage.toJSON(),
        metadata: org.metadata.toJSON(),
      };
    }),
  };
}

/** Replaces the state's contents with a serialized snapshot (a deep copy: the snapshot stays reusable). */
export function restoreState(state: EmulatorState, input: SerializedState): void {
  if (input.format !== 'sfx-emulator-state/1') throw new Error(`Unknown state format: ${String(input.format)}`);
  const data = JSON.parse(JSON.stringify(input)) as SerializedState;
  state.orgs.clear();
  state.usernames.clear();
  state.clients.clear();
  state.approvals.clear();
  state.pendingConsents.clear();
  state.frontdoor.clear();
  state.tokens.sessions.clear();
  state.tokens.refreshTokens.clear();
  state.tokens.codes.clear();
  state.clock.offsetMs = data.clockOffsetMs;
  state.orgCounter = data.orgCounter;
  state.autoApproveUsername = data.autoApproveUsername;
  for (const a of data.approvals) state.approvals.add(a);
  for (const [h, s] of data.sessions) state.tokens.sessions.set(h, s);
  for (const [h, g] of data.refreshTokens) state.tokens.refreshTokens.set(h, g);
  for (const [h, c] of data.codes) state.tokens.codes.set(h, c);
  for (const o of data.orgs) {
    const org = new Org(o.id, new IdGenerator(o.pod, o.idPosition), baseSchema(), o.createdMs, o.settings, () =>
      state.clock.now(),
    );
    org.adminUserId = o.adminUserId;
    org.schema.restore(
      o.schema.overlay.map(([k, def]) => [k, def ? makeObjectDef(def) : null]),
      o.schema.modified,
      o.schema.globalModified,
      o.schema.prefixSequence,
    );
    for (const t of o.tables) org.records.importTable(t.name, t.rows, t.deleted);
    for (const c of o.credentials) {
      org.credentials.set(c.userId, c);
      state.usernames.set(c.username.toLowerCase(), { orgId: org.id, userId: c.userId });
    }
    for (const app of o.apps) {
      org.apps.set(app.clientId, app);
      state.clients.set(app.clientId, org.id);
    }
    for (const [k, n] of o.autoNumbers) org.autoNumbers.set(k, n);
    org.usage = ApiUsage.from(o.usage);
    org.metadata.load(o.metadata);
    state.orgs.set(org.id.slice(0, 15), org);
  }
}
