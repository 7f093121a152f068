import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface NangoConnection {
  accessToken: string;
  refreshToken: string;
  instanceUrl: string;
  idUrl: string;
}

/**
 * A small Nango-API-compatible server (the endpoints the engine uses: POST /connect/sessions,
 * GET/DELETE /connections/{id}). Like Nango, it holds the Salesforce tokens and refreshes them
 * against Salesforce (here the emulator) when asked with force_refresh=true, answering 424 when the
 * refresh token is refused.
 */
export class FakeNango {
  readonly secret = `nango-secret-${randomBytes(8).toString('hex')}`;
  readonly connections = new Map<string, NangoConnection>();
  readonly sessions: Array<{ token: string; tags: Record<string, string>; allowed: string[] }> = [];
  readonly calls: Array<{ method: string; path: string }> = [];
  #server: Server | null = null;
  url = '';

  readonly salesforce: { loginUrl: string; clientId: string; clientSecret: string };

  constructor(salesforce: { loginUrl: string; clientId: string; clientSecret: string }) {
    this.salesforce = salesforce;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      void this.#handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(body === undefined ? '' : JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.#server?.close(r));
  }

  /**
   * What Nango does when the end user completes Connect: the OAuth web-server flow (the caller has
   * set the emulator to auto-approve as the user), tokens kept by Nango.
   */
  async authorize(connectionId: string, redirectUri: string): Promise<void> {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: this.salesforce.clientId,
      redirect_uri: redirectUri,
      scope: 'api refresh_token id',
    });
    const res = await fetch(`${this.salesforce.loginUrl}/services/oauth2/authorize?${q}`, { redirect: 'manual' });
    const code = new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('code');
    if (!code) throw new Error(`authorize gave no code (${res.status})`);
    const t = await this.#token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    this.connections.set(connectionId, {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      instanceUrl: t.instance_url,
      idUrl: t.id,
    });
  }

  async #token(form: Record<string, string>): Promise<any> {
    const res = await fetch(`${this.salesforce.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...form,
        client_id: this.salesforce.clientId,
        client_secret: this.salesforce.clientSecret,
      }),
    });
    const body = await res.json();
    if (!res.ok) throw Object.assign(new Error('grant refused'), { body });
    return body;
  }

  async #handle(req: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const url = new URL(req.url ?? '/', 'http://x');
    this.calls.push({ method: req.method ?? '', path: url.pathname });
    if (req.headers.authorization !== `Bearer ${this.secret}`)
      return { status: 401, body: { error: { code: 'unauthorized', message: 'bad secret' } } };
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method === 'POST' && url.pathname === '/connect/sessions') {
      const body = JSON.parse(raw);
      const token = `nango_connect_session_${randomBytes(12).toString('hex')}`;
      this.sessions.push({ token, tags: body.tags ?? {}, allowed: body.allowed_integrations ?? [] });
      return {
        status: 201,
        body: {
          data: {
            token,
            expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
            connect_link: `https://connect.nango.dev?session_token=${token}`,
          },
        },
      };
    }
    const m = /^\/connections\/([^/]+)$/.exec(url.pathname);
    const conn = m ? this.connections.get(decodeURIComponent(m[1]!)) : undefined;
    if (m && !conn)
      return { status: 404, body: { error: { code: 'unknown_connection', message: 'No connection found' } } };
    if (m && req.method === 'DELETE') {
      this.connections.delete(decodeURIComponent(m[1]!));
      return { status: 204 };
    }
    if (m && req.method === 'GET' && conn) {
      if (url.searchParams.get('force_refresh') === 'true') {
        try {
          const t = await this.#token({ grant_type: 'refresh_token', refresh_token: conn.refreshToken });
          conn.accessToken = t.access_token;
          conn.instanceUrl = t.instance_url;
        } catch {
          return {
            status: 424,
            body: {
              error: {
                code: 'refresh_token_external_error',
                message: 'The external API returned an error when trying to refresh the access token',
              },
            },
          };
        }
      }
      return {
        status: 200,
        body: {
          id: 1,
          connection_id: m[1],
          provider_config_key: url.searchParams.get('provider_config_key'),
          provider: 'salesforce',
          connection_config: { instance_url: conn.instanceUrl },
          credentials: {
            type: 'OAUTH2',
            access_token: conn.accessToken,
            refresh_token: conn.refreshToken,
            raw: { instance_url: conn.instanceUrl, id: conn.idUrl },
          },
        },
      };
    }
    return { status: 404, body: { error: { code: 'not_found', message: 'no route' } } };
  }
}
