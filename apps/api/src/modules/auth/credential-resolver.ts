import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@sfx/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { JwtKeys } from '../../platform/crypto/jwt.ts';
import { sha256Hex } from '../../platform/crypto/tokens.ts';
import type { DB } from '../../platform/db/schema.ts';
import { TtlCache } from '../../platform/ttl-cache.ts';
import type { Principal } from '../../http/principal.ts';
import type { TokenUsageTracker } from '../tokens/token-usage.ts';
import { findActiveSession, findActiveToken, type TokenRow } from './credentials.repo.ts';

export const API_TOKEN_PREFIX = 'sfx_';
const API_TOKEN_SHAPE = /^sfx_[A-Za-z0-9_-]{43}$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A token's permissions: its user's role, narrowed by scopes; a client-narrowed token never manages the org. */
export function tokenPermissions(
  role: Role,
  scopes: readonly string[] | null,
  clientNarrowed: boolean,
): Set<Permission> {
  const allowed = new Set<Permission>(ROLE_PERMISSIONS[role]);
  if (scopes) for (const p of [...allowed]) if (!scopes.includes(p)) allowed.delete(p);
  if (clientNarrowed) allowed.delete('org.manage');
  return allowed;
}

function tokenPrincipal(row: TokenRow): Principal | null {
  if (!isRole(row.role)) return null;
  // A company user's token can only ever act within that user's client.
  if (row.user_client_id && row.token_client_id && row.user_client_id !== row.token_client_id) return null;
  const clientId = row.user_client_id ?? row.token_client_id;
  return {
    method: 'api_token',
    orgId: row.org_id,
    userId: row.user_id,
    role: row.role,
    clientId,
    permissions: tokenPermissions(row.role, row.scopes, row.token_client_id !== null),
    tokenId: row.id,
    sessionId: null,
  };
}

/**
 * Turns a bearer credential into a Principal. Verified credentials are cached for at most
 * AUTH_CACHE_TTL_MS (≤ 1 s), so a revoked token, logged-out session or deactivated user/org/client is
 * refused everywhere within a second, while a hot credential costs one lookup a second per process.
 */
export class CredentialResolver {
  readonly #db: Kysely<DB>;
  readonly #jwt: JwtKeys;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #usage: TokenUsageTracker;
  readonly #cache = new TtlCache<Principal>(20_000);

  constructor(deps: { db: Kysely<DB>; jwt: JwtKeys; clock: Clock; cacheTtlMs: number; usage: TokenUsageTracker }) {
    this.#db = deps.db;
    this.#jwt = deps.jwt;
    this.#clock = deps.clock;
    this.#ttlMs = deps.cacheTtlMs;
    this.#usage = deps.usage;
  }

  async resolve(bearer: string): Promise<Principal | null> {
    const now = this.#clock.now();
    if (API_TOKEN_SHAPE.test(bearer)) return this.#viaCache(sha256Hex(bearer), now, () => this.#apiToken(bearer, now));
    if (JWT_SHAPE.test(bearer) && bearer.length < 4096)
      return this.#viaCache(sha256Hex(bearer), now, () => this.#session(bearer, now));
    return null;
  }

  async #viaCache(
    key: string,
    now: Date,
    load: () => Promise<{ principal: Principal; expiresAt: number } | null>,
  ): Promise<Principal | null> {
    let principal = this.#cache.get(key, now.getTime()) ?? null;
    if (!principal) {
      const loaded = await load();
      if (!loaded) return null;
      principal = loaded.principal;
      if (this.#ttlMs > 0) this.#cache.set(key, principal, Math.min(now.getTime() + this.#ttlMs, loaded.expiresAt));
    }
    if (principal.tokenId) this.#usage.record(principal.tokenId, now);
    return principal;
  }

  async #apiToken(raw: string, now: Date): Promise<{ principal: Principal; expiresAt: number } | null> {
    const row = await findActiveToken(this.#db, sha256Hex(raw), now);
    const principal = row ? tokenPrincipal(row) : null;
    if (!row || !principal) return null;
    return { principal, expiresAt: row.expires_at ? row.expires_at.getTime() : Number.MAX_SAFE_INTEGER };
  }

  async #session(jwt: string, now: Date): Promise<{ principal: Principal; expiresAt: number } | null> {
    const claims = await this.#jwt.verify(jwt, now);
    if (!claims || !isRole(claims.role)) return null;
    const row = await findActiveSession(this.#db, claims.sid, now);
    if (!row || row.user_id !== claims.sub || row.org_id !== claims.org_id || !isRole(row.role)) return null;
    // Role and client come from the database, so a changed role applies within a second.
    return {
      principal: {
        method: 'session',
        orgId: row.org_id,
        userId: row.user_id,
        role: row.role,
        clientId: row.client_id,
        permissions: new Set(ROLE_PERMISSIONS[row.role]),
        tokenId: null,
        sessionId: row.id,
      },
      expiresAt: claims.exp * 1000,
    };
  }
}
