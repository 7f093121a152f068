// Everything the emulator holds: orgs, the process-wide indexes Salesforce's login service keeps
// (usernames and connected-app client ids are unique across all orgs), OAuth artefacts and the clock.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { TokenStore, randomChars } from '../auth/token-store.ts';
import { IdGenerator, podFor } from '../ids/salesforce-id.ts';
import { baseSchema } from '../schema/base-schema.ts';
import { Clock } from './clock.ts';
import { insert } from './dml.ts';
import { ApiError } from './errors.ts';
import {
  Org,
  defaultSettings,
  type ConnectedApp,
  type Credential,
  type OrgSettings,
  type RefreshTokenPolicy,
} from './org.ts';

export interface UserSpec {
  username: string;
  password: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  /** 'System Administrator' (default) or 'Standard User'. */
  profile?: string;
}

export interface ConnectedAppSpec {
  name?: string;
  clientId?: string;
  clientSecret?: string;
  callbackUrls: string[];
  scopes?: string[];
  refreshTokenPolicy?: RefreshTokenPolicy;
  rotateRefreshTokens?: boolean;
  requireSecret?: boolean;
  clientCredentialsUser?: string | null;
}

export interface OrgSpec extends Partial<OrgSettings> {
  admin?: UserSpec;
}

const SCRYPT = { N: 1024, r: 8, p: 1 };

export function hashPassword(
  password: string,
  salt = randomBytes(12).toString('hex'),
): { salt: string; passwordHash: string } {
  return { salt, passwordHash: scryptSync(password, salt, 32, SCRYPT).toString('hex') };
}

/** An authorize request waiting for the user's Allow/Deny on the consent page. */
export interface PendingConsent {
  params: Record<string, string>;
  orgId: string;
  userId: string;
  expiresMs: number;
}

export class EmulatorState {
  readonly clock = new Clock();
  readonly tokens = new TokenStore();
  /** "orgId|userId|clientId" of users who approved an app (no consent page next time). */
  readonly approvals = new Set<string>();
  readonly pendingConsents = new Map<string, PendingConsent>();
  /** Browser sessions of the login page (cookie "sfx_sid" → user), like Salesforce's frontdoor session. */
  readonly frontdoor = new Map<string, { orgId: string; userId: string; expiresMs: number }>();
  /** Emulator setting: /authorize approves at once as this user, without the login page (any app). */
  autoApproveUsername: string | null = null;
  readonly orgs = new Map<string, Org>(); // id15 → org
  readonly usernames = new Map<string, { orgId: string; userId: string }>();
  readonly clients = new Map<string, string>(); // clientId → orgId
  orgCounter = 0;

  org(id: string): Org | undefined {
    return this.orgs.get(id.slice(0, 15));
  }

  requireOrg(id: string): Org {
    const org = this.org(id);
    if (!org) throw new ApiError(404, 'NOT_FOUND', `No org ${id}`);
    return org;
  }

  createOrg(spec: OrgSpec = {}): { org: Org; admin: { userId: string; username: string; password: string } } {
    if (spec.admin && this.usernames.has(spec.admin.username.toLowerCase())) {
      throw new ApiError(
        400,
        'DUPLICATE_USERNAME',
        `Duplicate Username. The username ${spec.admin.username} already exists in this or another Salesforce organization.`,
      );
    }
    const n = ++this.orgCounter;
    const ids = new IdGenerator(podFor(n), n * 1_000_000);
    const orgId = ids.next('00D');
    const now = this.clock.now();
    const name = spec.name ?? `Emulated Org ${n}`;
    const base = defaultSettings(name, spec.edition);
    // Only known settings are taken from the spec (the control plane passes its whole body).
    const given = stripUndefined(spec) as Record<string, unknown>;
    const settings = Object.fromEntries(
      Object.entries(base).map(([k, v]) => [k, k in given ? given[k] : v]),
    ) as unknown as OrgSettings;
    const org = new Org(orgId, ids, baseSchema(), now, settings, () => this.clock.now());
    this.orgs.set(orgId.slice(0, 15), org);
    // The first administrator owns the org's own records, so its id is minted before them.
    org.adminUserId = ids.next('005');
    const system = org.writeContext(org.adminUserId, now, undefined, true);
    insert(system, org.schema.getObject('Organization')!, {
      Id: orgId,
      Name: name,
      OrganizationType: settings.edition,
      InstanceName: 'EMU1',
      IsSandbox: false,
      Country: 'US',
      LanguageLocaleKey: 'en_US',
      DefaultLocaleSidKey: 'en_US',
      TimeZoneSidKey: 'America/Los_Angeles',
    });
    for (const profile of ['System Administrator', 'Standard User']) {
      insert(system, org.schema.getObject('Profile')!, { Name: profile, UserType: 'Standard' });
    }
    const password = spec.admin?.password ?? randomChars(16);
    const username = spec.admin?.username ?? `admin-${n}@emulated-${n}.example.com`;
    const userId = this.createUser(
      org,
      { firstName: 'Org', lastName: 'Admin', ...spec.admin, username, password },
      org.adminUserId,
    );
    return { org, admin: { userId, username, password } };
  }

  deleteOrg(id: string): void {
    const org = this.requireOrg(id);
    for (const c of org.credentials.values()) this.usernames.delete(c.username.toLowerCase());
    for (const clientId of org.apps.keys()) this.clients.delete(clientId);
    this.tokens.clearOrg(org.id);
    this.orgs.delete(org.id.slice(0, 15));
  }

  createUser(org: Org, spec: UserSpec, presetId?: string): string {
    const key = spec.username.toLowerCase();
    if (this.usernames.has(key))
      throw new ApiError(
        400,
        'DUPLICATE_USERNAME',
        `Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames ` +
          `must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't ` +
          `need to match the user's email address).`,
      );
    const profileName = spec.profile ?? 'System Administrator';
    const profile = [...org.records.scan('Profile', false)].find((p) => p.Name === profileName);
    const lastName = spec.lastName ?? spec.username.split('@')[0]!;
    const ctx = org.writeContext(org.adminUserId, this.clock.now(), undefined, true);
    const result = insert(ctx, org.schema.getObject('User')!, {
      ...(presetId ? { Id: presetId } : {}),
      Username: spec.username,
      FirstName: spec.firstName ?? null,
      LastName: lastName,
      Email: spec.email ?? spec.username,
      Alias: lastName.slice(0, 8),
      CommunityNickname: `${lastName}${randomChars(4)}`,
      IsActive: true,
      ProfileId: profile?.Id ?? null,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
      UserType: 'Standard',
    });
    if (!result.success || !result.id)
      throw new ApiError(
        400,
        result.errors[0]?.statusCode ?? 'UNKNOWN',
        result.errors[0]?.message ?? 'user not created',
      );
    const credential: Credential = { userId: result.id, username: spec.username, ...hashPassword(spec.password) };
    org.credentials.set(result.id, credential);
    this.usernames.set(key, { orgId: org.id, userId: result.id });
    return result.id;
  }

  /** The user a username and password identify, or undefined (wrong password, unknown, inactive). */
  authenticate(username: string, password: string): { org: Org; userId: string } | undefined {
    const ref = this.usernames.get(username.toLowerCase());
    if (!ref) return undefined;
    const org = this.org(ref.orgId);
    const cred = org?.credentials.get(ref.userId);
    if (!org || !cred) return undefined;
    const { passwordHash } = hashPassword(password, cred.salt);
    if (!timingSafeEqual(Buffer.from(passwordHash, 'hex'), Buffer.from(cred.passwordHash, 'hex'))) return undefined;
    if (org.records.get(ref.userId)?.row.IsActive === false) return undefined;
    return { org, userId: ref.userId };
  }

  userByName(username: string): { org: Org; userId: string } | undefined {
    const ref = this.usernames.get(username.toLowerCase());
    const org = ref ? this.org(ref.orgId) : undefined;
    return ref && org ? { org, userId: ref.userId } : undefined;
  }

  createConnectedApp(org: Org, spec: ConnectedAppSpec): ConnectedApp {
    const clientId =
      spec.clientId ?? `3MVG9${randomChars(80, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._')}`;
    if (this.clients.has(clientId))
      throw new ApiError(400, 'DUPLICATE_VALUE', `A connected app with client id ${clientId} already exists`);
    const app: ConnectedApp = {
      name: spec.name ?? 'Connected App',
      clientId,
      clientSecret: spec.clientSecret ?? randomChars(64, '0123456789ABCDEF'),
      callbackUrls: [...spec.callbackUrls],
      scopes: spec.scopes ?? ['api', 'refresh_token', 'offline_access', 'id', 'openid', 'web', 'full'],
      refreshTokenPolicy: spec.refreshTokenPolicy ?? { type: 'infinite' },
      rotateRefreshTokens: spec.rotateRefreshTokens ?? false,
      requireSecret: spec.requireSecret ?? true,
      clientCredentialsUser: spec.clientCredentialsUser ?? null,
      createdMs: this.clock.now(),
    };
    org.apps.set(clientId, app);
    this.clients.set(clientId, org.id);
    return app;
  }

  app(clientId: string): { org: Org; app: ConnectedApp } | undefined {
    const orgId = this.clients.get(clientId);
    const org = orgId ? this.org(orgId) : undefined;
    const app = org?.apps.get(clientId);
    return org && app ? { org, app } : undefined;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
