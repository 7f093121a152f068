import { firstError, SalesforceError } from './sf-errors.ts';
import type { SfHttp, SfResponse } from './sf-http.ts';

/** Salesforce's token response: no expires_in, and `refresh_token` only when granted (and rotated). */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  instance_url: string;
  id: string;
  issued_at?: string;
  scope?: string;
  token_type?: string;
}

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

function oauthError(res: SfResponse): SalesforceError {
  const e = firstError(res.body) ?? {
    errorCode: `HTTP_${res.status}`,
    message: 'the token endpoint refused the request',
  };
  if (res.status >= 500 || res.status === 429)
    return new SalesforceError('transient', e.errorCode, e.message, { status: res.status });
  // invalid_grant: the refresh token (or code) is revoked, expired, or its user lost access.
  if (e.errorCode === 'invalid_grant')
    return new SalesforceError('auth', e.errorCode, e.message, { status: res.status });
  return new SalesforceError('terminal', e.errorCode, e.message, { status: res.status });
}

async function tokenCall(http: SfHttp, loginUrl: string, form: Record<string, string>): Promise<TokenResponse> {
  const res = await http.send(`${loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  if (res.status !== 200) throw oauthError(res);
  const t = res.body as Partial<TokenResponse>;
  if (typeof t?.access_token !== 'string' || typeof t.instance_url !== 'string' || typeof t.id !== 'string') {
    throw new SalesforceError(
      'terminal',
      'INVALID_TOKEN_RESPONSE',
      'the token endpoint answered without access_token, instance_url or id',
    );
  }
  return t as TokenResponse;
}

export function exchangeCode(
  http: SfHttp,
  loginUrl: string,
  app: AppCredentials,
  p: { code: string; codeVerifier: string; redirectUri: string },
) {
  return tokenCall(http, loginUrl, {
    grant_type: 'authorization_code',
    code: p.code,
    client_id: app.clientId,
    client_secret: app.clientSecret,
    redirect_uri: p.redirectUri,
    code_verifier: p.codeVerifier,
  });
}

export function refreshAccessToken(http: SfHttp, loginUrl: string, app: AppCredentials, refreshToken: string) {
  return tokenCall(http, loginUrl, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: app.clientId,
    client_secret: app.clientSecret,
  });
}

/** Revoking a refresh token also revokes every access token issued from it. */
export async function revokeToken(http: SfHttp, loginUrl: string, token: string): Promise<void> {
  const res = await http.send(`${loginUrl}/services/oauth2/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
  if (res.status !== 200) throw oauthError(res);
}

export interface Identity {
  organizationId: string;
  userId: string;
  username: string | null;
}

/** The identity URL (the token response's `id`) names the org and user the token belongs to. */
export async function readIdentity(http: SfHttp, idUrl: string, accessToken: string): Promise<Identity> {
  const res = await http.send(idUrl, { method: 'GET', headers: { authorization: `Bearer ${accessToken}` } });
  if (res.status !== 200) throw oauthError(res);
  const b = res.body as { organization_id?: unknown; user_id?: unknown; username?: unknown };
  if (typeof b?.organization_id !== 'string' || typeof b.user_id !== 'string') {
    throw new SalesforceError('terminal', 'INVALID_IDENTITY', 'the identity URL did not name an organization and user');
  }
  return {
    organizationId: b.organization_id,
    userId: b.user_id,
    username: typeof b.username === 'string' ? b.username : null,
  };
}
