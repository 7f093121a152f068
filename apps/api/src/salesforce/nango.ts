import { firstError, SalesforceError } from './sf-errors.ts';
import type { SfHttp, SfResponse } from './sf-http.ts';

export interface NangoConfig {
  baseUrl: string;
  secretKey: string;
  providerConfigKey: string;
  connectUrl: string;
}

export interface NangoCredentials {
  accessToken: string;
  instanceUrl: string;
  /** The identity URL from Salesforce's token response (raw.id), naming the org and user. */
  idUrl: string | null;
}

function nangoError(res: SfResponse, what: string): SalesforceError {
  const e = firstError(res.body) ??
    firstError((res.body as { error?: unknown })?.error) ?? {
      errorCode: `NANGO_HTTP_${res.status}`,
      message: `Nango could not ${what}`,
    };
  if (res.status === 404)
    return new SalesforceError('terminal', 'nango_connection_not_found', e.message || 'Nango has no such connection', {
      status: 404,
    });
  // 424: Nango could not refresh the token (the refresh token was rejected) — the user must reconnect.
  if (res.status === 424) return new SalesforceError('auth', 'nango_refresh_exhausted', e.message, { status: 424 });
  if (res.status >= 500 || res.status === 429)
    return new SalesforceError('transient', e.errorCode, e.message, { status: res.status });
  return new SalesforceError('terminal', e.errorCode, e.message, { status: res.status });
}

/** Nango holds the tokens in this custody mode; the engine asks it for them. */
export class NangoClient {
  readonly #http: SfHttp;
  readonly #cfg: NangoConfig;

  constructor(http: SfHttp, cfg: NangoConfig) {
    this.#http = http;
    this.#cfg = cfg;
  }

  get providerConfigKey(): string {
    return this.#cfg.providerConfigKey;
  }

  #headers(json = false): Record<string, string> {
    return { authorization: `Bearer ${this.#cfg.secretKey}`, ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  // Nango's base URL is operator configuration, not customer input: no Salesforce-domain check,
  // but the connect-time private-address check still applies unless its host is allowed.
  async createConnectSession(
    tags: Record<string, string>,
  ): Promise<{ token: string; expiresAt: string | null; connectLink: string }> {
    const res = await this.#http.send(
      `${this.#cfg.baseUrl}/connect/sessions`,
      {
        method: 'POST',
        headers: this.#headers(true),
        body: JSON.stringify({ tags, allowed_integrations: [this.#cfg.providerConfigKey] }),
      },
      { checkUrl: false },
    );
    if (res.status !== 200 && res.status !== 201) throw nangoError(res, 'create a connect session');
    const data = (res.body as { data?: { token?: unknown; expires_at?: unknown; connect_link?: unknown } })?.data;
    if (typeof data?.token !== 'string')
      throw new SalesforceError('terminal', 'nango_invalid_response', 'Nango answered without a session token');
    const link =
      typeof data.connect_link === 'string'
        ? data.connect_link
        : `${this.#cfg.connectUrl}?session_token=${encodeURIComponent(data.token)}`;
    return {
      token: data.token,
      expiresAt: typeof data.expires_at === 'string' ? data.expires_at : null,
      connectLink: link,
    };
  }

  async getConnection(connectionId: string, opts: { forceRefresh?: boolean } = {}): Promise<NangoCredentials> {
    const q = new URLSearchParams({
      provider_config_key: this.#cfg.providerConfigKey,
      ...(opts.forceRefresh ? { force_refresh: 'true' } : {}),
    });
    const res = await this.#http.send(
      `${this.#cfg.baseUrl}/connections/${encodeURIComponent(connectionId)}?${q}`,
      { method: 'GET', headers: this.#headers() },
      { checkUrl: false },
    );
    if (res.status !== 200) throw nangoError(res, 'read the connection');
    const c = res.body as {
      credentials?: { access_token?: unknown; raw?: { instance_url?: unknown; id?: unknown } };
      connection_config?: { instance_url?: unknown };
    };
    const accessToken = c?.credentials?.access_token;
    const instanceUrl = c?.connection_config?.instance_url ?? c?.credentials?.raw?.instance_url;
    if (typeof accessToken !== 'string' || typeof instanceUrl !== 'string') {
      throw new SalesforceError(
        'terminal',
        'nango_invalid_credentials',
        'Nango returned no access token or instance_url for this connection',
      );
    }
    const idUrl = c.credentials?.raw?.id;
    return {
      accessToken,
      instanceUrl: instanceUrl.replace(/\/$/, ''),
      idUrl: typeof idUrl === 'string' ? idUrl : null,
    };
  }

  async deleteConnection(connectionId: string): Promise<void> {
    const q = new URLSearchParams({ provider_config_key: this.#cfg.providerConfigKey });
    const res = await this.#http.send(
      `${this.#cfg.baseUrl}/connections/${encodeURIComponent(connectionId)}?${q}`,
      { method: 'DELETE', headers: this.#headers() },
      { checkUrl: false },
    );
    if (res.status >= 300 && res.status !== 404) throw nangoError(res, 'delete the connection');
  }
}
