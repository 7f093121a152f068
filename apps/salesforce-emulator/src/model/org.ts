// One emulated org: its settings, schema overlay, records, users' credentials, connected apps,
// API usage and query cursors. Creating one is cheap: the base schema is shared, not copied.
import type { IdGenerator } from '../ids/salesforce-id.ts';
import type { BaseSchema } from '../schema/base-schema.ts';
import { OrgSchema } from '../schema/org-schema.ts';
import type { FieldAccess } from '../schema/types.ts';
import { fieldAccessFor } from '../metadata/field-access.ts';
import { OrgMetadata } from '../metadata/org-metadata.ts';
import { CursorStore } from '../query/cursor-store.ts';
import { ApiUsage } from './api-usage.ts';
import { RecordStore } from './record-store.ts';
import type { Locator } from './value-coercion.ts';
import { NO_LOCATION, type DmlHost, type WriteContext } from './write-context.ts';

export interface OrgSettings {
  name: string;
  edition: string;
  /** Daily API request allocation (rolling 24 h). */
  apiDailyLimit: number;
  /** Access tokens expire after this much inactivity. */
  sessionTimeoutSeconds: number;
  /** Concurrent requests running longer than longRunningThresholdMs allowed at once; null = unlimited. */
  concurrentLongRunningLimit: number | null;
  longRunningThresholdMs: number;
  /** Emulator setting: /authorize approves at once as this user, without the login page. */
  autoApproveUsername: string | null;
  /** Fault mode: every API call answers 401 even right after a successful refresh. */
  sessionsAlwaysInvalid: boolean;
  queryCursorTtlSeconds: number;
  /** How long a Metadata API deploy stays InProgress on the emulator's clock before it completes. */
  deployProcessingMs: number;
}

export const EDITION_API_LIMITS: Record<string, number> = {
  'Developer Edition': 15000,
  'Enterprise Edition': 100000,
  'Unlimited Edition': 100000,
  'Performance Edition': 100000,
  'Professional Edition': 100000,
};

export function defaultSettings(name: string, edition = 'Developer Edition'): OrgSettings {
  return {
    name,
    edition,
    apiDailyLimit: EDITION_API_LIMITS[edition] ?? 15000,
    sessionTimeoutSeconds: 7200,
    concurrentLongRunningLimit: null,
    longRunningThresholdMs: 20000,
    autoApproveUsername: null,
    sessionsAlwaysInvalid: false,
    queryCursorTtlSeconds: 2 * 24 * 3600,
    deployProcessingMs: 100,
  };
}

export interface Credential {
  userId: string;
  username: string;
  salt: string;
  passwordHash: string;
}

export type RefreshTokenPolicy =
  | { type: 'infinite' }
  | { type: 'immediately' }
  | { type: 'expireAfter'; seconds: number }
  | { type: 'expireIfUnused'; seconds: number };

export interface ConnectedApp {
  name: string;
  clientId: string;
  clientSecret: string;
  callbackUrls: string[];
  scopes: string[];
  refreshTokenPolicy: RefreshTokenPolicy;
  rotateRefreshTokens: boolean;
  requireSecret: boolean;
  /** Username the client-credentials flow runs as; null disables that flow. */
  clientCredentialsUser: string | null;
  createdMs: number;
}

export class Org implements DmlHost {
  readonly id: string;
  readonly createdMs: number;
  settings: OrgSettings;
  readonly schema: OrgSchema;
  readonly records = new RecordStore();
  readonly ids: IdGenerator;
  usage = new ApiUsage();
  readonly credentials = new Map<string, Credential>();
  readonly apps = new Map<string, ConnectedApp>();
  readonly autoNumbers = new Map<string, number>();
  readonly cursors = new CursorStore();
  /** Start times of requests in progress (for the concurrent long-running request limit). */
  readonly inFlight = new Set<{ startMs: number }>();
  adminUserId = '';
  /** Metadata API components, deploys and retrieves (src/metadata). */
  readonly metadata = new OrgMetadata();

  constructor(
    id: string,
    ids: IdGenerator,
    base: BaseSchema,
    createdMs: number,
    settings: OrgSettings,
    now: () => number,
  ) {
    this.id = id;
    this.ids = ids;
    this.createdMs = createdMs;
    this.settings = settings;
    this.schema = new OrgSchema(base, createdMs, now);
    this.schema.onChange((change) => {
      if (change.kind === 'objectRemoved') this.records.dropTable(change.object);
      else if (change.kind === 'fieldRemoved') this.records.dropField(change.object, change.field);
      else if (change.kind === 'fieldChanged') this.records.dropIndexes(change.object, change.field);
    });
  }

  nextAutoNumber(objectName: string, fieldName: string, start: number): number {
    const key = `${objectName}.${fieldName}`;
    const next = (this.autoNumbers.get(key) ?? start - 1) + 1;
    this.autoNumbers.set(key, next);
    return next;
  }

  /** Field-level security of a user: profile and permission-set field permissions (metadata/field-access.ts). */
  fieldAccess(userId: string): FieldAccess {
    return fieldAccessFor(this, userId);
  }

  writeContext(userId: string, nowMs: number, locate: Locator = NO_LOCATION, system = false): WriteContext {
    return { host: this, userId, nowMs, access: this.fieldAccess(userId), locate, system };
  }

  /** Data storage used, counted as Salesforce does for most records: 2 KB each. */
  dataStorageMb(): number {
    let n = 0;
    for (const name of this.records.objectNames()) n += this.records.count(name);
    return Math.ceil((n * 2) / 1024);
  }
}
