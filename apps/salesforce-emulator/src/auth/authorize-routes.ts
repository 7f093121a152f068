// /services/oauth2/authorize: the web-server (response_type=code, with state and PKCE S256) and
// user-agent (response_type=token) flows. An unknown client or a redirect_uri that is not exactly one
// of the app's callback URLs gets an error page (never a redirect); everything else ends in a 302 to
// the callback. The login page, consent page and a browser-session cookie behave like Salesforce's;
// the auto-approve setting (control plane) skips them for tests.
import { randomBytes } from 'node:crypto';
import { header, type HttpResult, type Incoming, type Runtime } from '../http/http-types.ts';
import type { ConnectedApp, Org } from '../model/org.ts';
import { consentPage, errorPage, loginPage } from './login-pages.ts';
import { grantedScopes, issueTokens } from './token-issuer.ts';

const CODE_TTL_MS = 15 * 60 * 1000;
const FRONTDOOR_TTL_MS = 2 * 60 * 60 * 1000;
const AUTH_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'login_hint',
  'display',
  'nonce',
];

const html = (status: number, body: string, headers: Record<string, string> = {}): HttpResult => ({
  status,
  headers: {
    'Content-Type': 'text/html;charset=UTF-8',
    'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private',
    ...headers,
  },
  body,
});

const redirect = (location: string, headers: Record<string, string> = {}): HttpResult => ({
  status: 302,
  headers: { Location: location, ...headers },
});

function withParams(base: string, params: Record<string, string>, fragment = false): string {
  const q = new URLSearchParams(params).toString();
  return fragment ? `${base}#${q}` : `${base}${base.includes('?') ? '&' : '?'}${q}`;
}

function pick(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of AUTH_PARAMS) {
    const v = params.get(k);
    if (v !== null) out[k] = v;
  }
  return out;
}

function cookieSid(req: Incoming): string | undefined {
  const m = /(?:^|;\s*)sfx_sid=([^;]+)/.exec(header(req.headers, 'cookie') ?? '');
  return m ? m[1] : undefined;
}

export function authorizeEndpoint(rt: Runtime, req: Incoming): HttpResult {
  const form = req.method === 'POST' ? new URLSearchParams(req.body ?? '') : new URLSearchParams();
  const action = form.get('action');
  if (req.method === 'POST' && (action === 'allow' || action === 'deny'))
    return consentAnswer(rt, form.get('pending') ?? '', action);
  const params = pick(req.method === 'POST' ? form : req.query);
  const found = params.client_id ? rt.state.app(params.client_id) : undefined;
  if (!found) return html(400, errorPage('invalid_client_id', 'client identifier invalid'));
  const { app } = found;
  const redirectUri = params.redirect_uri ?? '';
  if (!app.callbackUrls.includes(redirectUri))
    return html(400, errorPage('redirect_uri_mismatch', 'redirect_uri must match configuration'));
  const fail = (error: string, description: string) =>
    redirect(
      withParams(
        redirectUri,
        { error, error_description: description, ...(params.state ? { state: params.state } : {}) },
        params.response_type === 'token',
      ),
    );
  if (params.response_type !== 'code' && params.response_type !== 'token')
    return fail('unsupported_response_type', 'response type not supported');
  if (params.code_challenge_method && params.code_challenge_method !== 'S256')
    return fail('invalid_request', 'code challenge method not supported');

  const state = rt.state;
  const auto = state.autoApproveUsername ?? found.org.settings.autoApproveUsername;
  if (auto) {
    const user = state.userByName(auto);
    if (user) return approve(rt, app, params, user.org, user.userId);
  }
  if (req.method === 'POST' && action === 'login') {
    const user = state.authenticate(form.get('username') ?? '', form.get('pw') ?? '');
    if (!user) {
      return html(
        200,
        loginPage(
          params,
          "Please check your username and password. If you still can't log in, contact your Salesforce administrator.",
          form.get('username') ?? '',
        ),
      );
    }
    const sid = randomBytes(24).toString('base64url');
    state.frontdoor.set(sid, {
      orgId: user.org.id,
      userId: user.userId,
      expiresMs: state.clock.now() + FRONTDOOR_TTL_MS,
    });
    const cookie = `sfx_sid=${sid}; Path=/; HttpOnly; SameSite=Lax`;
    return afterLogin(rt, app, params, user.org, user.userId, { 'Set-Cookie': cookie });
  }
  const sid = cookieSid(req);
  const session = sid ? state.frontdoor.get(sid) : undefined;
  if (session && session.expiresMs > state.clock.now() && params.prompt !== 'login') {
    const org = state.org(session.orgId);
    if (org) return afterLogin(rt, app, params, org, session.userId, {});
  }
  return html(200, loginPage(params, undefined, params.login_hint ?? ''));
}

function afterLogin(
  rt: Runtime,
  app: ConnectedApp,
  params: Record<string, string>,
  org: Org,
  userId: string,
  headers: Record<string, string>,
): HttpResult {
  const state = rt.state;
  const approved = state.approvals.has(`${org.id}|${userId}|${app.clientId}`);
  if (approved && params.prompt !== 'consent') {
    const res = approve(rt, app, params, org, userId);
    return { ...res, headers: { ...res.headers, ...headers } };
  }
  const pendingId = randomBytes(18).toString('base64url');
  state.pendingConsents.set(pendingId, { params, orgId: org.id, userId, expiresMs: state.clock.now() + CODE_TTL_MS });
  const username = String(org.records.get(userId)?.row.Username ?? '');
  return html(200, consentPage(app.name, username, grantedScopes(app, params.scope), pendingId), headers);
}

function consentAnswer(rt: Runtime, pendingId: string, action: 'allow' | 'deny'): HttpResult {
  const state = rt.state;
  const pending = state.pendingConsents.get(pendingId);
  state.pendingConsents.delete(pendingId);
  if (!pending || pending.expiresMs <= state.clock.now())
    return html(400, errorPage('invalid_request', 'the authorization request has expired, start again'));
  const found = state.app(pending.params.client_id ?? '');
  const org = state.org(pending.orgId);
  if (!found || !org) return html(400, errorPage('invalid_client_id', 'client identifier invalid'));
  const p = pending.params;
  if (action === 'deny') {
    return redirect(
      withParams(
        p.redirect_uri!,
        {
          error: 'access_denied',
          error_description: 'end-user denied authorization',
          ...(p.state ? { state: p.state } : {}),
        },
        p.response_type === 'token',
      ),
    );
  }
  state.approvals.add(`${org.id}|${pending.userId}|${found.app.clientId}`);
  return approve(rt, found.app, p, org, pending.userId);
}

function approve(rt: Runtime, app: ConnectedApp, params: Record<string, string>, org: Org, userId: string): HttpResult {
  const state = rt.state;
  const scopes = grantedScopes(app, params.scope);
  const redirectUri = params.redirect_uri!;
  if (params.response_type === 'token') {
    const tokens = issueTokens({
      state,
      instanceUrl: rt.instanceUrl,
      org,
      app,
      userId,
      scopes,
      withRefreshToken: false,
    });
    const frag: Record<string, string> = {};
    for (const [k, v] of Object.entries(tokens)) frag[k] = String(v);
    if (params.state) frag.state = params.state;
    return redirect(withParams(redirectUri, frag, true));
  }
  const code = state.tokens.issueCode({
    orgId: org.id,
    userId,
    clientId: app.clientId,
    redirectUri,
    scopes,
    codeChallenge: params.code_challenge ?? null,
    expiresMs: state.clock.now() + CODE_TTL_MS,
  });
  return redirect(withParams(redirectUri, { code, ...(params.state ? { state: params.state } : {}) }));
}
