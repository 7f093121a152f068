// JSON views of the emulator's state for the control plane. Client secrets are returned only when an
// app is created (its creator needs them); listings omit them.
import type { Runtime } from '../http/http-types.ts';
import type { ConnectedApp, Org } from '../model/org.ts';

export interface OrgInfo {
  id: string;
  name: string;
  edition: string;
  instanceUrl: string;
  loginUrl: string;
  adminUserId: string;
  settings: Org['settings'];
  users: Array<{ id: string; username: string }>;
  connectedApps: Array<{ name: string; clientId: string; callbackUrls: string[] }>;
  apiUsage: { used: number; limit: number; total: number };
}

export interface ConnectedAppInfo {
  name: string;
  clientId: string;
  clientSecret: string;
  callbackUrls: string[];
  scopes: string[];
  refreshTokenPolicy: ConnectedApp['refreshTokenPolicy'];
  rotateRefreshTokens: boolean;
  requireSecret: boolean;
  clientCredentialsUser: string | null;
}

export function orgInfo(rt: Runtime, org: Org): OrgInfo {
  const now = rt.state.clock.now();
  return {
    id: org.id,
    name: org.settings.name,
    edition: org.settings.edition,
    instanceUrl: rt.instanceUrl,
    loginUrl: rt.instanceUrl,
    adminUserId: org.adminUserId,
    settings: { ...org.settings },
    users: [...org.credentials.values()].map((c) => ({ id: c.userId, username: c.username })),
    connectedApps: [...org.apps.values()].map((a) => ({
      name: a.name,
      clientId: a.clientId,
      callbackUrls: [...a.callbackUrls],
    })),
    apiUsage: { used: org.usage.used(now), limit: org.settings.apiDailyLimit, total: org.usage.total },
  };
}

export function appInfo(app: ConnectedApp): ConnectedAppInfo {
  return {
    name: app.name,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    callbackUrls: [...app.callbackUrls],
    scopes: [...app.scopes],
    refreshTokenPolicy: app.refreshTokenPolicy,
    rotateRefreshTokens: app.rotateRefreshTokens,
    requireSecret: app.requireSecret,
    clientCredentialsUser: app.clientCredentialsUser,
  };
}
