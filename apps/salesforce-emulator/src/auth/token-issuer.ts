// Builds Salesforce's token response: access_token, refresh_token (when granted), signature (HMAC-SHA256
// of id + issued_at keyed by the client secret), scope, instance_url, id, token_type and issued_at —
// and no expires_in, which Salesforce never sends. Also enforces refresh-token policies: at most five
// approvals per user per app (the sixth revokes the oldest) and the app's expiry rule.
import { createHmac } from 'node:crypto';
import type { EmulatorState } from '../model/emulator-state.ts';
import type { ConnectedApp, Org } from '../model/org.ts';
import type { RefreshGrant } from './token-store.ts';

export const MAX_APPROVALS_PER_APP = 5;

export interface IssueOptions {
  state: EmulatorState;
  instanceUrl: string;
  org: Org;
  app: ConnectedApp;
  userId: string;
  scopes: string[];
  /** Issue a new refresh token alongside (authorization_code grants with refresh_token scope, rotation). */
  withRefreshToken: boolean;
  /** The refresh token the new session hangs off (refresh grants). */
  refreshHash?: string | null;
}

export function identityUrl(instanceUrl: string, orgId: string, userId: string): string {
  return `${instanceUrl}/id/${orgId}/${userId}`;
}

export function grantsRefresh(scopes: string[]): boolean {
  return scopes.includes('refresh_token') || scopes.includes('offline_access');
}

export function issueTokens(o: IssueOptions): Record<string, unknown> {
  const now = o.state.clock.now();
  let refresh: { token: string; hash: string } | undefined;
  if (o.withRefreshToken) {
    const existing = o.state.tokens.grantsOf(o.org.id, o.userId, o.app.clientId);
    for (const [hash] of existing.slice(0, Math.max(0, existing.length - (MAX_APPROVALS_PER_APP - 1))))
      o.state.tokens.revokeRefresh(hash);
    const grant: RefreshGrant = {
      orgId: o.org.id,
      userId: o.userId,
      clientId: o.app.clientId,
      scopes: o.scopes,
      issuedMs: now,
      lastUsedMs: now,
    };
    refresh = o.state.tokens.issueRefresh(grant);
  }
  const accessToken = o.state.tokens.issueSession({
    orgId: o.org.id,
    userId: o.userId,
    clientId: o.app.clientId,
    scopes: o.scopes,
    issuedMs: now,
    lastUsedMs: now,
    refreshHash: refresh?.hash ?? o.refreshHash ?? null,
  });
  const id = identityUrl(o.instanceUrl, o.org.id, o.userId);
  const issuedAt = String(now);
  const body: Record<string, unknown> = { access_token: accessToken };
  if (refresh) body.refresh_token = refresh.token;
  body.signature = createHmac('sha256', o.app.clientSecret)
    .update(id + issuedAt)
    .digest('base64');
  body.scope = o.scopes.join(' ');
  body.instance_url = o.instanceUrl;
  body.id = id;
  body.token_type = 'Bearer';
  body.issued_at = issuedAt;
  return body;
}

/** Whether a refresh token may still be used under the app's refresh-token policy. */
export function refreshUsable(app: ConnectedApp, grant: RefreshGrant, nowMs: number): boolean {
  const p = app.refreshTokenPolicy;
  switch (p.type) {
    case 'infinite':
      return true;
    case 'immediately':
      return false;
    case 'expireAfter':
      return nowMs - grant.issuedMs < p.seconds * 1000;
    case 'expireIfUnused':
      return nowMs - grant.lastUsedMs < p.seconds * 1000;
  }
}

/** Scopes granted: those requested that the app allows, or all of the app's when none are requested. */
export function grantedScopes(app: ConnectedApp, requested: string | null | undefined): string[] {
  const asked = (requested ?? '').split(/[\s+]+/).filter(Boolean);
  if (asked.length === 0) return [...app.scopes];
  const allowed = asked.filter((s) => app.scopes.includes(s) || app.scopes.includes('full'));
  return allowed.length ? allowed : [...app.scopes];
}
