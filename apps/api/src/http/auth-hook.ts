import type { FastifyRequest } from 'fastify';
import type { CredentialResolver } from '../modules/auth/credential-resolver.ts';
import { secretsEqual } from '../platform/crypto/tokens.ts';
import type { RouteAuth } from './define-route.ts';
import { Errors } from './errors.ts';

const MAX_CREDENTIAL = 4096;

export function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !/^Bearer\s+/i.test(header)) return null;
  const value = header.replace(/^Bearer\s+/i, '').trim();
  return value.length > 0 && value.length <= MAX_CREDENTIAL ? value : null;
}

/**
 * Authenticates and authorises before the body is even parsed: no credential → 401,
 * insufficient permission → 403. Deny by default: an unknown credential is never "anonymous".
 */
export function makeAuthHook(deps: { resolver: CredentialResolver; superAdminSecret: string }) {
  return (auth: RouteAuth) =>
    async function authHook(request: FastifyRequest): Promise<void> {
      if (auth.kind === 'public') return;
      const bearer = bearerOf(request);
      if (!bearer) throw Errors.unauthorized('Missing bearer credential');
      const isSuperSecret = secretsEqual(bearer, deps.superAdminSecret);
      if (auth.kind === 'super_admin') {
        if (!isSuperSecret) throw Errors.unauthorized('Invalid super-admin credential');
        request.caller = { kind: 'super_admin' };
        return;
      }
      if (isSuperSecret) throw Errors.unauthorized('The super-admin secret is accepted only on /api/super-admin/*');
      const principal = await deps.resolver.resolve(bearer);
      if (!principal) throw Errors.unauthorized('Invalid, expired or revoked credential');
      request.caller = { kind: 'principal', principal };
      for (const needed of auth.permissions) {
        if (!principal.permissions.has(needed)) throw Errors.forbidden(`This call needs the ${needed} permission`);
      }
    };
}
