// POST /services/oauth2/token: authorization_code (+ PKCE code_verifier), refresh_token, password and
// client_credentials grants, with Salesforce's error pairs, always HTTP 400 with
// {"error","error_description"}.
import { createHash, timingSafeEqual } from 'node:crypto';
import { header, jsonResult, type HttpResult, type Incoming, type Runtime } from '../http/http-types.ts';
import type { Org } from '../model/org.ts';
import { grantedScopes, grantsRefresh, issueTokens, refreshUsable } from './token-issuer.ts';

class OAuthError extends Error {
  readonly error: string;
  constructor(error: string, description: string) {
    super(description);
    this.error = error;
  }
}

const fail = (error: string, description: string): never => {
  throw new OAuthError(error, description);
};

export function oauthErrorResult(err: OAuthError): HttpResult {
  return jsonResult(400, { error: err.error, error_description: err.message });
}

function params(req: Incoming): URLSearchParams {
  const out = new URLSearchParams(req.query);
  const type = header(req.headers, 'content-type') ?? '';
  if (req.body && (type === '' || /x-www-form-urlencoded/i.test(type))) {
    for (const [k, v] of new URLSearchParams(req.body)) out.set(k, v);
  }
  return out;
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

function clientCredentials(req: Incoming, p: URLSearchParams): { clientId: string | null; secret: string | null } {
  const basic = /^Basic\s+(\S+)$/i.exec(header(req.headers, 'authorization') ?? '');
  if (basic) {
    const [id, ...secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret.join(':')) };
  }
  return { clientId: p.get('client_id'), secret: p.get('client_secret') };
}

export function tokenEndpoint(rt: Runtime, req: Incoming): HttpResult {
  if (req.method !== 'POST')
    return jsonResult(400, { error: 'invalid_request', error_description: 'must use HTTP POST' });
  try {
    return grant(rt, req, params(req));
  } catch (err) {
    if (err instanceof OAuthError) return oauthErrorResult(err);
    throw err;
  }
}

function grant(rt: Runtime, req: Incoming, p: URLSearchParams): HttpResult {
  const state = rt.state;
  const type = p.get('grant_type');
  if (!type || !['authorization_code', 'refresh_token', 'password', 'client_credentials'].includes(type)) {
    return fail('unsupported_grant_type', 'grant type not supported');
  }
  const { clientId, secret } = clientCredentials(req, p);
  const found = clientId ? state.app(clientId) : undefined;
  if (!found) return fail('invalid_client_id', 'client identifier invalid');
  const { app, org: appOrg } = found;
  if (secret !== null && secret !== '' && !sameSecret(secret, app.clientSecret))
    fail('invalid_client', 'invalid client credentials');
  const now = state.clock.now();
  const issue = (org: Org, userId: string, scopes: string[], withRefresh: boolean, refreshHash?: string) =>
    jsonResult(
      200,
      issueTokens({
        state,
        instanceUrl: rt.instanceUrl,
        org,
        app,
        userId,
        scopes,
        withRefreshToken: withRefresh,
        refreshHash,
      }),
      {
        'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private',
      },
    );

  switch (type) {
    case 'authorization_code': {
      const code = state.tokens.takeCode(p.get('code') ?? '');
      if (!code || code.clientId !== app.clientId) return fail('invalid_grant', 'invalid authorization code');
      if (code.expiresMs <= now) return fail('invalid_grant', 'expired authorization code');
      if (p.get('redirect_uri') !== code.redirectUri)
        return fail('redirect_uri_mismatch', 'redirect_uri must match configuration');
      if (!secret && app.requireSecret) fail('invalid_client', 'invalid client credentials');
      if (code.codeChallenge) {
        const verifier = p.get('code_verifier');
        if (!verifier) return fail('invalid_grant', 'invalid code verifier');
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (challenge !== code.codeChallenge) return fail('invalid_request', 'invalid code verifier');
      }
      const org = state.org(code.orgId);
      if (!org || org.records.get(code.userId)?.row.IsActive === false)
        return fail('invalid_grant', 'authentication failure');
      return issue(org, code.userId, code.scopes, grantsRefresh(code.scopes));
    }
    case 'refresh_token': {
      const found = state.tokens.refresh(p.get('refresh_token') ?? '');
      if (!found || found.grant.clientId !== app.clientId) return fail('invalid_grant', 'expired access/refresh token');
      const { grant: g, hash } = found;
      if (!refreshUsable(app, g, now)) {
        state.tokens.revokeRefresh(hash);
        return fail('invalid_grant', 'expired access/refresh token');
      }
      const org = state.org(g.orgId);
      if (!org || org.records.get(g.userId)?.row.IsActive === false) return fail('invalid_grant', 'inactive user');
      g.lastUsedMs = now;
      if (app.rotateRefreshTokens) {
        // Rotation: a new refresh token replaces this one, which stops working at once.
        state.tokens.refreshTokens.delete(hash);
        return issue(org, g.userId, g.scopes, true);
      }
      return issue(org, g.userId, g.scopes, false, hash);
    }
    case 'password': {
      if (!secret) fail('invalid_client', 'invalid client credentials');
      const user = state.authenticate(p.get('username') ?? '', p.get('password') ?? '');
      if (!user) return fail('invalid_grant', 'authentication failure');
      return issue(
        user.org,
        user.userId,
        grantedScopes(app, p.get('scope')).filter((s) => s !== 'refresh_token' && s !== 'offline_access'),
        false,
      );
    }
    default: {
      if (!secret) fail('invalid_client', 'invalid client credentials');
      const runAs = app.clientCredentialsUser ? state.userByName(app.clientCredentialsUser) : undefined;
      if (!runAs || runAs.org !== appOrg) return fail('invalid_grant', 'no client credentials user enabled');
      return issue(
        appOrg,
        runAs.userId,
        grantedScopes(app, p.get('scope')).filter((s) => s !== 'refresh_token' && s !== 'offline_access'),
        false,
      );
    }
  }
}
