// OAuth artefacts of the whole emulator: sessions (access tokens), refresh tokens and authorization
// codes. Tokens are opaque, shaped like Salesforce's ("00D…!AQ…", "5Aep861…", "aPrx…"), and only
// their SHA-256 is kept, so neither the state file nor a snapshot holds a usable token.
import { createHash, randomBytes } from 'node:crypto';

export interface Session {
  orgId: string;
  userId: string;
  clientId: string | null;
  scopes: string[];
  issuedMs: number;
  lastUsedMs: number;
  /** The refresh token this session was minted from (revoking it revokes the session). */
  refreshHash: string | null;
}

export interface RefreshGrant {
  orgId: string;
  userId: string;
  clientId: string;
  scopes: string[];
  issuedMs: number;
  lastUsedMs: number;
}

export interface AuthCode {
  orgId: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  expiresMs: number;
}

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(n: number, alphabet = TOKEN_CHARS): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class TokenStore {
  readonly sessions = new Map<string, Session>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly codes = new Map<string, AuthCode>();

  issueSession(session: Session): string {
    const token = `${session.orgId.slice(0, 15)}!AQ${randomChars(4)}${randomChars(90, `${TOKEN_CHARS}._`)}`;
    this.sessions.set(hashToken(token), session);
    return token;
  }

  issueRefresh(grant: RefreshGrant): { token: string; hash: string } {
    const token = `5Aep861${randomChars(80, `${TOKEN_CHARS}.`)}`;
    const hash = hashToken(token);
    this.refreshTokens.set(hash, grant);
    return { token, hash };
  }

  issueCode(code: AuthCode): string {
    const token = `aPrx${randomChars(84, `${TOKEN_CHARS}._`)}==`;
    this.codes.set(hashToken(token), code);
    return token;
  }

  /** Takes a code once: a second exchange of the same code finds nothing. */
  takeCode(token: string): AuthCode | undefined {
    const hash = hashToken(token);
    const code = this.codes.get(hash);
    this.codes.delete(hash);
    return code;
  }

  session(token: string): { hash: string; session: Session } | undefined {
    const hash = hashToken(token);
    const session = this.sessions.get(hash);
    return session ? { hash, session } : undefined;
  }

  refresh(token: string): { hash: string; grant: RefreshGrant } | undefined {
    const hash = hashToken(token);
    const grant = this.refreshTokens.get(hash);
    return grant ? { hash, grant } : undefined;
  }

  revokeRefresh(hash: string): void {
    this.refreshTokens.delete(hash);
    for (const [h, s] of this.sessions) if (s.refreshHash === hash) this.sessions.delete(h);
  }

  /** Removes sessions (and, when asked, refresh tokens) matching a filter. Returns how many went. */
  revokeWhere(filter: (t: { orgId: string; userId: string }) => boolean, refreshTokens: boolean): number {
    let n = 0;
    for (const [h, s] of this.sessions)
      if (filter(s)) {
        this.sessions.delete(h);
        n++;
      }
    if (refreshTokens) {
      for (const [h, g] of this.refreshTokens)
        if (filter(g)) {
          this.revokeRefresh(h);
          n++;
        }
    }
    return n;
  }

  /** A user's refresh tokens for one app, oldest first (for the five-approvals rule). */
  grantsOf(orgId: string, userId: string, clientId: string): Array<[string, RefreshGrant]> {
    return [...this.refreshTokens.entries()]
      .filter(([, g]) => g.orgId === orgId && g.userId === userId && g.clientId === clientId)
      .sort((a, b) => a[1].issuedMs - b[1].issuedMs);
  }

  clearOrg(orgId: string): void {
    this.revokeWhere((t) => t.orgId === orgId, true);
    for (const [h, c] of this.codes) if (c.orgId === orgId) this.codes.delete(h);
  }
}
