// /services/oauth2/userinfo (OpenID Connect claims), the identity URL /id/{orgId}/{userId}, and
// /services/oauth2/revoke. A bad token on the identity resources is 403 "Bad_OAuth_Token" as on
// Salesforce; revoking a refresh token also revokes the access tokens minted from it.
import { header, jsonResult, type HttpResult, type Incoming, type Runtime, bearerToken } from '../http/http-types.ts';
import type { Row } from '../model/record-store.ts';
import { authenticate } from './sessions.ts';
import { identityUrl } from './token-issuer.ts';

const text = (status: number, body: string): HttpResult => ({
  status,
  headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
  body,
});

function urls(base: string, orgId: string, userId: string, version: string | null): Record<string, string> {
  const v = version ?? '{version}';
  return {
    enterprise: `${base}/services/Soap/c/${v}/${orgId}`,
    metadata: `${base}/services/Soap/m/${v}/${orgId}`,
    partner: `${base}/services/Soap/u/${v}/${orgId}`,
    rest: `${base}/services/data/v${v}/`,
    sobjects: `${base}/services/data/v${v}/sobjects/`,
    search: `${base}/services/data/v${v}/search/`,
    query: `${base}/services/data/v${v}/query/`,
    recent: `${base}/services/data/v${v}/recent/`,
    tooling_soap: `${base}/services/Soap/T/${v}/${orgId}`,
    tooling_rest: `${base}/services/data/v${v}/tooling/`,
    profile: `${base}/${userId}`,
    feeds: `${base}/services/data/v${v}/chatter/feeds`,
    groups: `${base}/services/data/v${v}/chatter/groups`,
    users: `${base}/services/data/v${v}/chatter/users`,
    feed_items: `${base}/services/data/v${v}/chatter/feed-items`,
    feed_elements: `${base}/services/data/v${v}/chatter/feed-elements`,
    custom_domain: base,
  };
}

function requestedVersion(req: Incoming, latest: string): string | null {
  const v = req.query.get('version');
  if (!v) return null;
  return v === 'latest' ? latest : v.replace(/^v/, '');
}

function photos(base: string, _userId: string): Record<string, string> {
  return { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` };
}

export function userinfo(rt: Runtime, req: Incoming): HttpResult {
  const auth = authenticate(rt.state, bearerToken(req.headers));
  if (!auth) return text(403, 'Bad_OAuth_Token');
  const { org, userId } = auth;
  const u = org.records.get(userId)!.row;
  const base = rt.instanceUrl;
  return jsonResult(200, {
    sub: identityUrl(base, org.id, userId),
    user_id: userId,
    organization_id: org.id,
    preferred_username: u.Username,
    nickname: u.CommunityNickname ?? null,
    name: u.Name,
    email: u.Email,
    email_verified: true,
    given_name: u.FirstName ?? null,
    family_name: u.LastName,
    zoneinfo: u.TimeZoneSidKey,
    photos: photos(base, userId),
    profile: `${base}/${userId}`,
    picture: photos(base, userId).picture,
    address: {},
    is_salesforce_integration_user: false,
    urls: urls(base, org.id, userId, requestedVersion(req, rt.latestApiVersion)),
    active: u.IsActive !== false,
    user_type: 'STANDARD',
    language: u.LanguageLocaleKey,
    locale: u.LocaleSidKey,
    utcOffset: -28800000,
    updated_at: String(u.LastModifiedDate ?? '').replace(/\.\d{3}\+0000$/, 'Z'),
    is_app_installed: true,
  });
}

export function identity(rt: Runtime, req: Incoming, orgId: string, userId: string): HttpResult {
  const auth = authenticate(rt.state, bearerToken(req.headers));
  if (!auth) return text(403, 'Bad_OAuth_Token');
  const { org } = auth;
  const found = org.id.slice(0, 15) === orgId.slice(0, 15) ? org.records.get(userId) : undefined;
  if (found?.objectName !== 'User') return text(403, 'Bad_Id');
  const u: Row = found.row;
  const base = rt.instanceUrl;
  return jsonResult(200, {
    id: identityUrl(base, org.id, String(u.Id)),
    asserted_user: String(u.Id) === auth.userId,
    user_id: u.Id,
    organization_id: org.id,
    username: u.Username,
    nick_name: u.CommunityNickname ?? null,
    display_name: u.Name,
    email: u.Email,
    email_verified: true,
    first_name: u.FirstName ?? null,
    last_name: u.LastName,
    timezone: u.TimeZoneSidKey,
    photos: photos(base, String(u.Id)),
    addr_street: u.Street ?? null,
    addr_city: u.City ?? null,
    addr_state: u.State ?? null,
    addr_country: u.Country ?? null,
    addr_zip: u.PostalCode ?? null,
    mobile_phone: u.MobilePhone ?? null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urls(base, org.id, String(u.Id), requestedVersion(req, rt.latestApiVersion)),
    active: u.IsActive !== false,
    user_type: 'STANDARD',
    language: u.LanguageLocaleKey,
    locale: u.LocaleSidKey,
    utcOffset: -28800000,
    last_modified_date: String(u.LastModifiedDate ?? '').replace(/\+0000$/, 'Z'),
    is_app_installed: true,
  });
}

export function revoke(rt: Runtime, req: Incoming): HttpResult {
  const form = new URLSearchParams(req.query);
  const type = header(req.headers, 'content-type') ?? '';
  if (req.body && (type === '' || /x-www-form-urlencoded/i.test(type)))
    for (const [k, v] of new URLSearchParams(req.body)) form.set(k, v);
  const token = form.get('token') ?? '';
  const tokens = rt.state.tokens;
  const session = tokens.session(token);
  if (session) {
    tokens.sessions.delete(session.hash);
    return { status: 200, headers: {}, body: '' };
  }
  const refresh = tokens.refresh(token);
  if (refresh) {
    tokens.revokeRefresh(refresh.hash);
    return { status: 200, headers: {}, body: '' };
  }
  return jsonResult(400, { error: 'unsupported_token_type', error_description: 'this token type is not supported' });
}
