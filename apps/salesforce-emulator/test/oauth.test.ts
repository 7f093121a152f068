// OAuth 2.0 over HTTP: the web-server flow through the login and consent pages with state and PKCE,
// the token endpoint's grants and errors, refresh-token policies, revoke, userinfo and the identity URL.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/index.ts';
import { call, D, emulator, newOrg, type TestOrg } from './helpers.ts';

let emu: RunningEmulator;
let org: TestOrg;

before(async () => {
  emu = await emulator();
  org = await newOrg(emu);
});
after(() => emu.close());

const form = (params: Record<string, string>) => ({
  raw: new URLSearchParams(params).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Drives the login and consent pages the way a browser would; returns the callback URL. */
async function browserLogin(o: TestOrg, extra: Record<string, string>, password = o.password): Promise<URL> {
  const params = {
    response_type: 'code',
    client_id: o.clientId,
    redirect_uri: o.callbackUrl,
    state: 'xyz 123',
    ...extra,
  };
  const page = await call(emu, 'GET', `/services/oauth2/authorize?${new URLSearchParams(params)}`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(page.text, /<input id="username" name="username"/);
  assert.match(page.text, /<input id="password" name="pw" type="password"/);
  const login = await call(
    emu,
    'POST',
    '/services/oauth2/authorize',
    form({ ...params, action: 'login', username: o.username, pw: password }),
  );
  if (login.status === 302) return new URL(login.headers.get('location')!);
  const pending = /name="pending" value="([^"]+)"/.exec(login.text);
  assert.ok(pending, `consent page expected, got: ${login.text.slice(0, 200)}`);
  assert.match(login.text, /id="oaapprove"/);
  const consent = await call(
    emu,
    'POST',
    '/services/oauth2/authorize',
    form({ pending: pending[1]!, action: 'allow' }),
  );
  assert.equal(consent.status, 302);
  return new URL(consent.headers.get('location')!);
}

async function exchange(o: TestOrg, code: string, extra: Record<string, string> = {}) {
  return call(
    emu,
    'POST',
    '/services/oauth2/token',
    form({
      grant_type: 'authorization_code',
      code,
      client_id: o.clientId,
      client_secret: o.clientSecret,
      redirect_uri: o.callbackUrl,
      ...extra,
    }),
  );
}

describe('web-server flow', () => {
  it('logs in, asks consent, redirects with code and state, and exchanges the code with PKCE', async () => {
    const { verifier, challenge } = pkce();
    const cb = await browserLogin(org, { code_challenge: challenge, scope: 'api refresh_token id' });
    assert.equal(`${cb.origin}${cb.pathname}`, org.callbackUrl);
    assert.equal(cb.searchParams.get('state'), 'xyz 123');
    const code = cb.searchParams.get('code')!;
    assert.match(code, /^aPrx/);
    const res = await exchange(org, code, { code_verifier: verifier });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body), [
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    assert.match(res.body.access_token, new RegExp(`^${org.orgId.slice(0, 15)}!AQ`));
    assert.match(res.body.refresh_token, /^5Aep861/);
    assert.equal(res.body.scope, 'api refresh_token id');
    assert.equal(res.body.instance_url, emu.url);
    assert.match(res.body.id, new RegExp(`^${emu.url}/id/${org.orgId}/005`));
    assert.equal(res.body.token_type, 'Bearer');
    assert.match(res.body.issued_at, /^\d{13}$/);
    // signature = base64(HMAC-SHA256(client secret, id + issued_at))
    assert.equal(
      res.body.signature,
      createHmac('sha256', org.clientSecret)
        .update(res.body.id + res.body.issued_at)
        .digest('base64'),
    );
    assert.equal('expires_in' in res.body, false);
    const again = await exchange(org, code, { code_verifier: verifier });
    assert.deepEqual(again.body, { error: 'invalid_grant', error_description: 'invalid authorization code' });
  });

  it('rejects a wrong or missing code_verifier', async () => {
    const { challenge } = pkce();
    const cb = await browserLogin(org, { code_challenge: challenge });
    const wrong = await exchange(org, cb.searchParams.get('code')!, {
      code_verifier: 'not-the-verifier-not-the-verifier-not-the-verifier',
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error_description, 'invalid code verifier');
    const cb2 = await browserLogin(org, { code_challenge: challenge });
    const missing = await exchange(org, cb2.searchParams.get('code')!);
    assert.deepEqual(missing.body, { error: 'invalid_grant', error_description: 'invalid code verifier' });
  });

  it('shows the login page again on a wrong password and denies with access_denied', async () => {
    const o = await newOrg(emu);
    const params = { response_type: 'code', client_id: o.clientId, redirect_uri: o.callbackUrl, state: 's1' };
    const bad = await call(
      emu,
      'POST',
      '/services/oauth2/authorize',
      form({ ...params, action: 'login', username: o.username, pw: 'wrong' }),
    );
    assert.equal(bad.status, 200);
    assert.match(bad.text, /Please check your username and password/);
    const ok = await call(
      emu,
      'POST',
      '/services/oauth2/authorize',
      form({ ...params, action: 'login', username: o.username, pw: o.password }),
    );
    const pending = /name="pending" value="([^"]+)"/.exec(ok.text)![1]!;
    const deny = await call(emu, 'POST', '/services/oauth2/authorize', form({ pending, action: 'deny' }));
    const cb = new URL(deny.headers.get('location')!);
    assert.equal(cb.searchParams.get('error'), 'access_denied');
    assert.equal(cb.searchParams.get('error_description'), 'end-user denied authorization');
    assert.equal(cb.searchParams.get('state'), 's1');
  });

  it('never redirects to an unregistered callback and rejects unknown clients', async () => {
    const mismatch = await call(
      emu,
      'GET',
      `/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: org.clientId, redirect_uri: `${org.callbackUrl}/evil` })}`,
    );
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.text, /redirect_uri_mismatch/);
    const unknown = await call(
      emu,
      'GET',
      `/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'nope', redirect_uri: org.callbackUrl })}`,
    );
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /invalid_client_id/);
  });

  it('returns tokens in the fragment for the user-agent flow', async () => {
    await emu.control.setAutoApprove(org.username);
    try {
      const res = await call(
        emu,
        'GET',
        `/services/oauth2/authorize?${new URLSearchParams({ response_type: 'token', client_id: org.clientId, redirect_uri: org.callbackUrl, state: 'ua' })}`,
      );
      assert.equal(res.status, 302);
      const fragment = new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1));
      assert.match(fragment.get('access_token')!, /!AQ/);
      assert.equal(fragment.get('instance_url'), emu.url);
      assert.equal(fragment.get('token_type'), 'Bearer');
      assert.equal(fragment.get('state'), 'ua');
    } finally {
      await emu.control.setAutoApprove(null);
    }
  });

  it('approves without a browser when auto-approve is set (an emulator setting)', async () => {
    await emu.control.setAutoApprove(org.username);
    try {
      const res = await call(
        emu,
        'GET',
        `/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: org.clientId, redirect_uri: org.callbackUrl, state: 'auto' })}`,
      );
      assert.equal(res.status, 302);
      const cb = new URL(res.headers.get('location')!);
      assert.equal(cb.searchParams.get('state'), 'auto');
      assert.equal((await exchange(org, cb.searchParams.get('code')!)).status, 200);
    } finally {
      await emu.control.setAutoApprove(null);
    }
  });
});

describe('token endpoint', () => {
  it('answers Salesforce error pairs with HTTP 400', async () => {
    const cases: Array<[Record<string, string>, { error: string; error_description: string }]> = [
      [{ grant_type: 'magic' }, { error: 'unsupported_grant_type', error_description: 'grant type not supported' }],
      [
        { grant_type: 'password', client_id: 'nope' },
        { error: 'invalid_client_id', error_description: 'client identifier invalid' },
      ],
      [
        {
          grant_type: 'password',
          client_id: org.clientId,
          client_secret: 'wrong',
          username: org.username,
          password: org.password,
        },
        { error: 'invalid_client', error_description: 'invalid client credentials' },
      ],
      [
        {
          grant_type: 'password',
          client_id: org.clientId,
          client_secret: org.clientSecret,
          username: org.username,
          password: 'bad',
        },
        { error: 'invalid_grant', error_description: 'authentication failure' },
      ],
      [
        { grant_type: 'refresh_token', client_id: org.clientId, refresh_token: '5Aep861bogus' },
        { error: 'invalid_grant', error_description: 'expired access/refresh token' },
      ],
    ];
    for (const [params, expected] of cases) {
      const res = await call(emu, 'POST', '/services/oauth2/token', form(params));
      assert.equal(res.status, 400, JSON.stringify(params));
      assert.deepEqual(res.body, expected);
    }
  });

  it('refreshes without a new refresh token, or with one when rotation is on', async () => {
    const cb = await browserLogin(org, { scope: 'api refresh_token' });
    const first = await exchange(org, cb.searchParams.get('code')!);
    const refreshed = await call(
      emu,
      'POST',
      '/services/oauth2/token',
      form({
        grant_type: 'refresh_token',
        client_id: org.clientId,
        client_secret: org.clientSecret,
        refresh_token: first.body.refresh_token,
      }),
    );
    assert.equal(refreshed.status, 200);
    assert.equal('refresh_token' in refreshed.body, false);
    assert.notEqual(refreshed.body.access_token, first.body.access_token);
    const o = await newOrg(emu);
    const app = await emu.control.createConnectedApp(o.orgId, {
      callbackUrls: [o.callbackUrl],
      rotateRefreshTokens: true,
    });
    const rot: TestOrg = { ...o, clientId: app.clientId, clientSecret: app.clientSecret };
    const code = (await browserLogin(rot, {})).searchParams.get('code')!;
    const t1 = await exchange(rot, code);
    const t2 = await call(
      emu,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'refresh_token', client_id: rot.clientId, refresh_token: t1.body.refresh_token }),
    );
    assert.match(t2.body.refresh_token, /^5Aep861/);
    const reuse = await call(
      emu,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'refresh_token', client_id: rot.clientId, refresh_token: t1.body.refresh_token }),
    );
    assert.equal(reuse.body.error, 'invalid_grant');
  });

  it('keeps at most five refresh tokens per user and app, revoking the oldest', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++)
      tokens.push((await exchange(org, (await browserLogin(org, {})).searchParams.get('code')!)).body.refresh_token);
    const use = (rt: string) =>
      call(
        emu,
        'POST',
        '/services/oauth2/token',
        form({ grant_type: 'refresh_token', client_id: org.clientId, refresh_token: rt }),
      );
    assert.equal((await use(tokens[0]!)).body.error_description, 'expired access/refresh token');
    assert.equal((await use(tokens[5]!)).status, 200);
  });

  it('expires codes after 15 minutes and refresh tokens by the app policy', async () => {
    const o = await newOrg(emu);
    const app = await emu.control.createConnectedApp(o.orgId, {
      callbackUrls: [o.callbackUrl],
      refreshTokenPolicy: { type: 'expireIfUnused', seconds: 3600 },
    });
    const p: TestOrg = { ...o, clientId: app.clientId, clientSecret: app.clientSecret };
    const stale = (await browserLogin(p, {})).searchParams.get('code')!;
    await emu.control.advanceClock(16 * 60 * 1000);
    assert.deepEqual((await exchange(p, stale)).body, {
      error: 'invalid_grant',
      error_description: 'expired authorization code',
    });
    const t = await exchange(p, (await browserLogin(p, {})).searchParams.get('code')!);
    const use = () =>
      call(
        emu,
        'POST',
        '/services/oauth2/token',
        form({ grant_type: 'refresh_token', client_id: p.clientId, refresh_token: t.body.refresh_token }),
      );
    await emu.control.advanceClock(50 * 60 * 1000);
    assert.equal((await use()).status, 200, 'used within the hour');
    await emu.control.advanceClock(61 * 60 * 1000);
    assert.deepEqual((await use()).body, { error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });

  it('applies the immediate-expiry refresh policy and client credentials', async () => {
    const app = await emu.control.createConnectedApp(org.orgId, {
      callbackUrls: [org.callbackUrl],
      refreshTokenPolicy: { type: 'immediately' },
      clientCredentialsUser: org.username,
    });
    const o: TestOrg = { ...org, clientId: app.clientId, clientSecret: app.clientSecret };
    const t = await exchange(o, (await browserLogin(o, {})).searchParams.get('code')!);
    const refresh = await call(
      emu,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'refresh_token', client_id: o.clientId, refresh_token: t.body.refresh_token }),
    );
    assert.equal(refresh.body.error, 'invalid_grant');
    const cc = await call(
      emu,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'client_credentials', client_id: o.clientId, client_secret: o.clientSecret }),
    );
    assert.equal(cc.status, 200);
    assert.equal('refresh_token' in cc.body, false);
  });
});

describe('sessions, revoke and identity', () => {
  it('expires access tokens after the session timeout and answers 401 INVALID_SESSION_ID', async () => {
    const o = await newOrg(emu, { sessionTimeoutSeconds: 900 });
    assert.equal((await call(emu, 'GET', `${D}/limits`, { token: o.token })).status, 200);
    await emu.control.advanceClock(901_000);
    const res = await call(emu, 'GET', `${D}/limits`, { token: o.token });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Token');
    assert.deepEqual(res.body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('revokes refresh tokens together with their access tokens', async () => {
    const t = await exchange(org, (await browserLogin(org, { scope: 'api refresh_token' })).searchParams.get('code')!);
    const revoked = await call(emu, 'POST', '/services/oauth2/revoke', form({ token: t.body.refresh_token }));
    assert.equal(revoked.status, 200);
    assert.equal((await call(emu, 'GET', `${D}/limits`, { token: t.body.access_token })).status, 401);
    const unknown = await call(emu, 'POST', '/services/oauth2/revoke', form({ token: 'nope' }));
    assert.equal(unknown.status, 400);
  });

  it('serves userinfo and the identity URL', async () => {
    const o = await newOrg(emu);
    const info = await call(emu, 'GET', '/services/oauth2/userinfo', { token: o.token });
    assert.equal(info.body.preferred_username, o.username);
    assert.equal(info.body.organization_id, o.orgId);
    assert.equal(info.body.urls.rest, `${emu.url}/services/data/v{version}/`);
    const id = await call(emu, 'GET', `/id/${o.orgId}/${info.body.user_id}?version=latest`, { token: o.token });
    assert.equal(id.body.username, o.username);
    assert.equal(id.body.urls.rest, `${emu.url}/services/data/v68.0/`);
    assert.equal((await call(emu, 'GET', '/services/oauth2/userinfo', { token: 'bogus' })).status, 403);
  });
});
