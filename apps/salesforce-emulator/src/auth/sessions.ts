// Resolves an access token to its org and user. A session ends after the org's session timeout of
// inactivity (each use extends it), when revoked, or when its refresh token is revoked.
import type { EmulatorState } from '../model/emulator-state.ts';
import type { Org } from '../model/org.ts';
import type { Session } from './token-store.ts';

export interface Authenticated {
  org: Org;
  userId: string;
  session: Session;
}

/** The org a token belongs to, without checking expiry (for routing faults and in-flight counts). */
export function orgOfToken(state: EmulatorState, token: string | undefined): Org | undefined {
  if (!token) return undefined;
  const found = state.tokens.session(token);
  return found ? state.org(found.session.orgId) : undefined;
}

export function authenticate(state: EmulatorState, token: string | undefined, touch = true): Authenticated | undefined {
  if (!token) return undefined;
  const found = state.tokens.session(token);
  if (!found) return undefined;
  const { session, hash } = found;
  const org = state.org(session.orgId);
  if (!org) return undefined;
  const now = state.clock.now();
  if (now - session.lastUsedMs > org.settings.sessionTimeoutSeconds * 1000) {
    state.tokens.sessions.delete(hash);
    return undefined;
  }
  if (org.records.get(session.userId)?.row.IsActive === false) return undefined;
  if (touch) session.lastUsedMs = now;
  return { org, userId: session.userId, session };
}
