import {
  ClientIdBody,
  ConnectionDetail,
  ConnectionList,
  CreateConnectionBody,
  CreatedConnection,
  IdBody,
  ListConnectionsBody,
  NangoCallbackBody,
  OAuthCallbackQuery,
  OAuthResultQuery,
  RefreshedConnection,
  RevokedConnection,
} from '@sfx/contract';
import { z } from 'zod';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import type { ConnectFlow } from './connect-flow.ts';
import { connectionDetail, connectionSummary } from './connection-views.ts';
import type { ConnectionsService } from './connections.service.ts';
import { renderResultPage } from './result-page.ts';

const tag = 'Connections';
const read = { kind: 'user', permissions: ['connections.read'] } as const;
const write = { kind: 'user', permissions: ['connections.write'] } as const;

export function connectionsRoutes(svc: ConnectionsService, flow: ConnectFlow) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/connections/create',
      operationId: 'connectionsCreate',
      tag,
      auth: write,
      audit: 'connections.create',
      summary: "Start connecting a client's Salesforce org: returns the authorize_url its admin opens",
      description:
        'Builtin custody: the OAuth 2.0 web-server flow with state and PKCE (S256); the state is stored hashed and ' +
        'the PKCE verifier never leaves the server. The URL expires after OAUTH_STATE_TTL_SECONDS. Nango ' +
        'custody: a Nango Connect link, confirmed afterwards with connections/callback. One connection per ' +
        'client; calling this again reconnects.',
      body: CreateConnectionBody,
      response: CreatedConnection,
      handler: async ({ body, caller, audit }) => {
        const c = await flow.create(principalOf(caller), body);
        audit({
          targetType: 'connection',
          targetId: c.id,
          clientId: c.client_id,
          details: { custody: body.custody ?? 'builtin', environment: body.environment ?? 'production' },
        });
        return c;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/connections/oauth/callback',
      operationId: 'connectionsOAuthCallback',
      tag,
      auth: { kind: 'public' },
      audit: 'connections.oauth_callback',
      auditAnonymous: true,
      raw: true,
      summary: "Salesforce's OAuth redirect target (not called by API clients)",
      description:
        'Exchanges the code, reads the identity URL, refuses a reconnect into a different Salesforce org, stores the ' +
        'tokens encrypted, then redirects (303) to a result page that says what happened.',
      body: null,
      query: OAuthCallbackQuery,
      response: z.string(),
      handler: async ({ query, reply, audit }) => {
        const r = await flow.callback(query);
        if (r.orgId)
          audit({
            orgId: r.orgId,
            clientId: r.clientId ?? null,
            targetType: 'connection',
            targetId: r.connectionId ?? null,
            details: { outcome: r.outcome, code: r.code ?? null },
          });
        const q = new URLSearchParams({ outcome: r.outcome, ...(r.code ? { code: r.code } : {}) });
        void reply.redirect(`/api/connections/oauth/result?${q}`, 303);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/connections/oauth/result',
      operationId: 'connectionsOAuthResult',
      tag,
      auth: { kind: 'public' },
      audit: null,
      raw: true,
      summary: 'The human-readable result of an authorisation (HTML)',
      body: null,
      query: OAuthResultQuery,
      response: z.string(),
      handler: async ({ query, reply }) => {
        const page = renderResultPage(query.outcome, query.code);
        void reply
          .code(page.status)
          .header('cache-control', 'no-store')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .type('text/html; charset=utf-8')
          .send(page.html);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/connections/callback',
      operationId: 'connectionsNangoCallback',
      tag,
      auth: write,
      audit: 'connections.confirm',
      summary: 'Nango custody: confirm the connection Nango created for a client',
      description:
        'Reads the connection from Nango, verifies the Salesforce identity (a different org than before is a 409) ' +
        'and marks it connected.',
      body: NangoCallbackBody,
      response: ConnectionDetail,
      handler: async ({ body, caller, audit }) => {
        const row = await flow.confirmNango(principalOf(caller), body);
        audit({ targetType: 'connection', targetId: row.id, clientId: row.client_id });
        return connectionDetail(row);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/connections/list',
      operationId: 'connectionsList',
      tag,
      auth: read,
      audit: null,
      summary: "List connections (company users see only their own client's)",
      body: ListConnectionsBody,
      response: ConnectionList,
      handler: async ({ body, caller }) => ({
        data: (await svc.list(principalOf(caller), body.client_id)).map(connectionSummary),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/connections/get',
      operationId: 'connectionsGet',
      tag,
      auth: read,
      audit: null,
      summary: 'One connection, with its API usage reading',
      body: IdBody,
      response: ConnectionDetail,
      handler: async ({ body, caller }) => connectionDetail(await svc.get(principalOf(caller), body.id)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/connections/refresh',
      operationId: 'connectionsRefresh',
      tag,
      auth: write,
      audit: 'connections.refresh',
      summary: 'Force a token refresh now',
      description:
        'A refresh token Salesforce rejects (invalid_grant) marks the connection reauth_required and answers 502 ' +
        "with Salesforce's error in details.",
      body: ClientIdBody,
      response: RefreshedConnection,
      handler: async ({ body, caller, audit }) => {
        audit({ targetType: 'connection', clientId: body.client_id });
        const row = await svc.refresh(principalOf(caller), body.client_id);
        audit({ targetId: row.id });
        return {
          id: row.id,
          client_id: row.client_id,
          status: row.status as 'connected',
          last_refreshed_at: row.last_refreshed_at?.toISOString() ?? null,
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/connections/revoke',
      operationId: 'connectionsRevoke',
      tag,
      auth: write,
      audit: 'connections.revoke',
      summary: 'Revoke at Salesforce (or Nango) and wipe the stored tokens',
      body: ClientIdBody,
      response: RevokedConnection,
      handler: async ({ body, caller, audit, request }) => {
        audit({ targetType: 'connection', clientId: body.client_id });
        const r = await svc.revoke(principalOf(caller), body.client_id, request.id);
        audit({ targetId: r.row.id });
        return {
          id: r.row.id,
          client_id: r.row.client_id,
          status: 'revoked' as const,
          salesforce_revoked: r.remoteRevoked,
        };
      },
    }),
  ];
}
