import { ROLE_PERMISSIONS, type Role } from '@sfx/contract';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/load-config.ts';
import { AppError, Errors } from '../../http/errors.ts';
import type { AuditNote, Principal } from '../../http/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JwtKeys } from '../../platform/crypto/jwt.ts';
import { burnPasswordCheck, verifyPassword } from '../../platform/crypto/passwords.ts';
import { newToken, sha256Hex } from '../../platform/crypto/tokens.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { RateLimiter } from '../../platform/rate-limiter.ts';
import {
  createSession,
  findLoginUser,
  findOrgIdBySlug,
  findRefreshToken,
  revokeSession,
  rotateRefreshToken,
} from './sessions.repo.ts';

export const REFRESH_TOKEN_PREFIX = 'sfr_';
const BAD_LOGIN = 'Invalid email, password or organization';
const BAD_REFRESH = 'Invalid, expired or revoked refresh token';

export interface AuthDeps {
  db: Kysely<DB>;
  jwt: JwtKeys;
  clock: Clock;
  limiter: RateLimiter;
  auth: Config['auth'];
}

export function createAuthService(deps: AuthDeps) {
  const { db, jwt, clock, limiter, auth } = deps;

  async function issue(
    s: { sessionId: string; orgId: string; userId: string; role: string; clientId: string | null; now: Date },
    refresh: string,
  ) {
    const access = await jwt.sign(
      { sub: s.userId, org_id: s.orgId, role: s.role, client_id: s.clientId, sid: s.sessionId },
      auth.accessTokenTtlSeconds,
      s.now,
    );
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'bearer' as const,
      expires_in: auth.accessTokenTtlSeconds,
    };
  }

  return {
    /**
     * Throttled per client IP (every attempt) and per account (failures); one generic message for
     * every wrong input so nothing reveals which part was wrong.
     */
    async login(
      input: { email: string; password: string; org_slug: string },
      meta: { ip: string; userAgent: string | null; audit: (n: AuditNote) => void },
    ) {
      const now = clock.now();
      const ip = await limiter.hit(`login:ip:${meta.ip}`, now);
      if (ip.count > auth.login.maxAttemptsPerIp) throw Errors.rateLimited(ip.retryAfterSeconds);
      const accountKey = `login:account:${input.org_slug}:${input.email}`;
      const failures = await limiter.peek(accountKey, now);
      if (failures.count >= auth.login.maxFailuresPerAccount) throw Errors.rateLimited(failures.retryAfterSeconds);

      const user = await findLoginUser(db, input.org_slug, input.email);
      meta.audit({
        orgId: user?.org_id ?? (await findOrgIdBySlug(db, input.org_slug)),
        targetType: 'user',
        targetId: user?.id ?? null,
        details: { email: input.email },
      });
      const usable = user?.user_active && user.org_active && (user.client_id === null || user.client_active);
      const ok = user
        ? await verifyPassword(user.password_hash, input.password)
        : await burnPasswordCheck(input.password).then(() => false);
      if (!user || !ok || !usable) {
        await limiter.hit(accountKey, now);
        throw Errors.unauthorized(BAD_LOGIN);
      }
      await limiter.reset(accountKey);
      const sessionId = newId(now.getTime());
      const refresh = newToken(REFRESH_TOKEN_PREFIX);
      await createSession(db, {
        id: sessionId,
        orgId: user.org_id,
        userId: user.id,
        expiresAt: new Date(now.getTime() + auth.refreshTokenTtlDays * 86_400_000),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        refreshId: newId(now.getTime()),
        refreshHash: sha256Hex(refresh),
        now,
      });
      meta.audit({ orgId: user.org_id, clientId: user.client_id, targetType: 'session', targetId: sessionId });
      return issue(
        { sessionId, orgId: user.org_id, userId: user.id, role: user.role, clientId: user.client_id, now },
        refresh,
      );
    },

    /** Rotates the refresh token. Presenting one that was already rotated revokes the whole family. */
    async refresh(refreshToken: string, audit: (n: AuditNote) => void) {
      const now = clock.now();
      const found = await findRefreshToken(db, sha256Hex(refreshToken));
      if (!found) throw Errors.unauthorized(BAD_REFRESH);
      audit({ orgId: found.org_id, clientId: found.client_id, targetType: 'session', targetId: found.session_id });
      if (found.rotated_at) {
        await revokeSession(db, found.session_id, now, 'refresh_token_reuse');
        throw new AppError('unauthorized', 'Refresh token reuse detected; the session has been revoked', {
          details: { reason: 'refresh_token_reuse' },
        });
      }
      const alive =
        !found.revoked_at &&
        found.expires_at > now &&
        found.user_active &&
        found.org_active &&
        (found.client_id === null || found.client_active);
      if (!alive) throw Errors.unauthorized(BAD_REFRESH);
      const next = newToken(REFRESH_TOKEN_PREFIX);
      const rotated = await rotateRefreshToken(db, {
        oldId: found.id,
        sessionId: found.session_id,
        orgId: found.org_id,
        newId: newId(now.getTime()),
        newHash: sha256Hex(next),
        now,
      });
      if (!rotated) {
        await revokeSession(db, found.session_id, now, 'refresh_token_reuse');
        throw new AppError('unauthorized', 'Refresh token reuse detected; the session has been revoked', {
          details: { reason: 'refresh_token_reuse' },
        });
      }
      return issue(
        {
          sessionId: found.session_id,
          orgId: found.org_id,
          userId: found.user_id,
          role: found.role,
          clientId: found.client_id,
          now,
        },
        next,
      );
    },

    /** Ends the caller's session (session tokens) and/or the session of a refresh token the caller owns. */
    async logout(p: Principal, refreshToken: string | undefined, audit: (n: AuditNote) => void) {
      const now = clock.now();
      const ended: string[] = [];
      if (p.sessionId) {
        await revokeSession(db, p.sessionId, now, 'logout');
        ended.push(p.sessionId);
      }
      if (refreshToken) {
        const found = await findRefreshToken(db, sha256Hex(refreshToken));
        // Someone else's refresh token is ignored, not confirmed: a logout must not be an oracle.
        if (found && found.user_id === p.userId && found.org_id === p.orgId) {
          await revokeSession(db, found.session_id, now, 'logout');
          ended.push(found.session_id);
        }
      }
      audit({ targetType: 'session', targetId: ended[0] ?? null, details: { sessions_ended: ended.length } });
      return { ok: true as const };
    },

    me(p: Principal) {
      return {
        org_id: p.orgId,
        user_id: p.userId,
        role: p.role as Role,
        permissions: ROLE_PERMISSIONS[p.role].filter((perm) => p.permissions.has(perm)),
        client_id: p.clientId,
        auth_method: p.method,
      };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
