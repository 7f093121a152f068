import { Jwks, LoginBody, LogoutBody, Me, OkResponse, RefreshBody, TokenPair } from '@sfx/contract';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import type { JwtKeys } from '../../platform/crypto/jwt.ts';
import type { AuthService } from './auth.service.ts';

const tag = 'Auth';

export function authRoutes(auth: AuthService, jwt: JwtKeys) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      operationId: 'authLogin',
      tag,
      auth: { kind: 'public' },
      audit: 'auth.login',
      auditAnonymous: true,
      summary: 'Log in: an EdDSA access token (15 min) and a rotating refresh token',
      description: 'Any wrong input is the same 401. Throttled per client IP and per account (429 with Retry-After).',
      body: LoginBody,
      response: TokenPair,
      handler: async ({ body, request, audit }) =>
        auth.login(body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, audit }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/refresh',
      operationId: 'authRefresh',
      tag,
      auth: { kind: 'public' },
      audit: 'auth.refresh',
      auditAnonymous: true,
      summary: 'Exchange a refresh token for a new token pair',
      description: 'Refresh tokens rotate: each works once. Presenting a rotated one revokes the whole session (401).',
      body: RefreshBody,
      response: TokenPair,
      handler: async ({ body, audit }) => auth.refresh(body.refresh_token, audit),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      operationId: 'authLogout',
      tag,
      auth: { kind: 'user', permissions: [] },
      audit: 'auth.logout',
      summary: 'End the session (its refresh family is revoked; its access tokens stop working within a second)',
      body: LogoutBody,
      response: OkResponse,
      handler: async ({ body, caller, audit }) => auth.logout(principalOf(caller), body.refresh_token, audit),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/me',
      operationId: 'authMe',
      tag,
      auth: { kind: 'user', permissions: [] },
      audit: null,
      summary: 'Who the credential acts as, and what it may do',
      body: null,
      response: Me,
      handler: async ({ caller }) => auth.me(principalOf(caller)),
    }),
    defineRoute({
      method: 'GET',
      url: '/.well-known/jwks.json',
      operationId: 'jwks',
      tag,
      auth: { kind: 'public' },
      audit: null,
      summary: 'Public keys that verify session access tokens (EdDSA)',
      body: null,
      response: Jwks,
      handler: async () => jwt.jwks() as { keys: Record<string, unknown>[] },
    }),
  ];
}
