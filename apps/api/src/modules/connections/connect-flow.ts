import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.ts';
import { AppError, Errors } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { sha256Hex } from '../../platform/crypto/tokens.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { NangoClient } from '../../salesforce/nango.ts';
import { exchangeCode, readIdentity, revokeToken, type Identity } from '../../salesforce/oauth.ts';
import { SalesforceError } from '../../salesforce/sf-errors.ts';
import type { SfHttp } from '../../salesforce/sf-http.ts';
import { SsrfError } from '../../salesforce/ssrf-guard.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import type { ConnectionEvents } from './connection-events.ts';
import {
  consumeOauthState,
  findConnection,
  findConnectionByClient,
  insertConnection,
  insertOauthState,
  updateConnection,
  type ConnectionRow,
} from './connections.repo.ts';
import { aad, type TokenVault } from './token-vault.ts';

export type CallbackOutcome = {
  outcome: 'connected' | 'denied' | 'expired' | 'used' | 'invalid' | 'wrong_org' | 'failed';
  code?: string;
  orgId?: string;
  clientId?: string;
  connectionId?: string;
};

export interface ConnectFlowDeps {
  db: Database;
  vault: TokenVault;
  http: SfHttp;
  nango: NangoClient | null;
  clients: ClientsService;
  events: ConnectionEvents;
  config: Config;
  clock: Clock;
  log: Logger;
}

const b64url = (b: Buffer) => b.toString('base64url');

export function createConnectFlow(d: ConnectFlowDeps) {
  const { db, vault, http, config, clock } = d;

  function loginUrlFor(input: {
    environment?: 'production' | 'sandbox' | undefined;
    login_url?: string | undefined;
  }): string {
    if (!input.login_url) return config.salesforce.loginUrls[input.environment ?? 'production'];
    try {
      return http.guard.check(input.login_url).origin;
    } catch (err) {
      if (err instanceof SsrfError)
        throw Errors.invalid(`login_url is not allowed: ${err.message}`, [{ path: 'login_url', message: err.message }]);
      throw err;
    }
  }

  /** Stores the tokens of an authorisation, refusing one that lands in a different Salesforce org. */
  async function complete(
    row: ConnectionRow,
    identity: Identity,
    tokens: { access: string | null; refresh: string | null; instanceUrl: string; nangoId?: string },
    actor: Principal | null,
  ): Promise<CallbackOutcome> {
    if (row.sfdc_org_id && row.sfdc_org_id !== identity.organizationId) {
      await d.events.record({
        orgId: row.org_id,
        clientId: row.client_id,
        connectionId: row.id,
        event: 'connection.reconnect_refused',
        actor,
        details: { expected_sfdc_org_id: row.sfdc_org_id, got_sfdc_org_id: identity.organizationId },
      });
      return { outcome: 'wrong_org' };
    }
    const now = clock.now();
    await db.tenant({ orgId: row.org_id }, async (trx) => {
      const access = tokens.access ? await vault.seal(trx, row.org_id, aad.accessToken(row.id), tokens.access) : null;
      const refresh = tokens.refresh
        ? await vault.seal(trx, row.org_id, aad.refreshToken(row.id), tokens.refresh)
        : null;
      await updateConnection(trx, row.org_id, row.id, {
        status: 'connected',
        instance_url: tokens.instanceUrl,
        sfdc_org_id: identity.organizationId,
        sfdc_user_id: identity.userId,
        access_token_enc: access?.value ?? null,
        refresh_token_enc: refresh?.value ?? null,
        token_dek_id: access?.dekId ?? null,
        token_issued_at: now,
        last_refreshed_at: now,
        connected_at: now,
        revoked_at: null,
        error_message: null,
        ...(tokens.nangoId ? { nango_connection_id: tokens.nangoId } : {}),
      });
    });
    await d.events.record({
      orgId: row.org_id,
      clientId: row.client_id,
      connectionId: row.id,
      event: 'connection.connected',
      actor,
      details: { sfdc_org_id: identity.organizationId, custody: row.custody },
    });
    return { outcome: 'connected' };
  }

  return {
    async create(
      p: Principal,
      input: {
        client_id: string;
        environment?: 'production' | 'sandbox' | undefined;
        login_url?: string | undefined;
        custody?: 'builtin' | 'nango' | undefined;
      },
    ) {
      await d.clients.requireActive(p, input.client_id);
      const custody = input.custody ?? 'builtin';
      if (custody === 'builtin' && !config.salesforce.app)
        throw Errors.invalid(
          'Builtin custody is not configured: set SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET',
        );
      if (custody === 'nango' && !d.nango)
        throw Errors.invalid('Nango custody is not configured: set NANGO_SECRET_KEY');
      const loginUrl = loginUrlFor(input);
      const environment = input.environment ?? 'production';
      const now = clock.now();

      const row = await db.tenant({ orgId: p.orgId, clientId: p.clientId }, async (trx) => {
        const existing = await findConnectionByClient(trx, p.orgId, input.client_id);
        if (!existing) {
          return insertConnection(trx, {
            id: newId(),
            org_id: p.orgId,
            client_id: input.client_id,
            custody,
            environment,
            login_url: loginUrl,
            api_version: config.salesforce.apiVersion,
          });
        }
        if (existing.status === 'connected' && existing.custody !== custody) {
          throw Errors.conflict(
            `The client is connected with ${existing.custody} custody; revoke that connection before switching to ${custody}`,
          );
        }
        const status =
          existing.status === 'connected' || existing.status === 'reauth_required' ? existing.status : 'pending';
        return updateConnection(trx, p.orgId, existing.id, { custody, environment, login_url: loginUrl, status });
      });

      if (custody === 'nango') {
        const session = await d.nango!.createConnectSession({
          organization_id: p.orgId,
          end_user_id: input.client_id,
          sfx_connection_id: row.id,
        });
        return {
          id: row.id,
          client_id: row.client_id,
          status: row.status as 'pending',
          authorize_url: session.connectLink,
          expires_at: session.expiresAt ? new Date(session.expiresAt).toISOString() : null,
        };
      }

      const state = b64url(randomBytes(32));
      const verifier = b64url(randomBytes(48));
      const challenge = b64url(createHash('sha256').update(verifier).digest());
      const expiresAt = new Date(now.getTime() + config.salesforce.stateTtlSeconds * 1000);
      const stateId = newId();
      await db.tenant({ orgId: p.orgId }, async (trx) => {
        const sealed = await vault.seal(trx, p.orgId, aad.codeVerifier(stateId), verifier);
        await insertOauthState(trx, {
          id: stateId,
          org_id: p.orgId,
          connection_id: row.id,
          state_hash: sha256Hex(state),
          code_verifier_enc: sealed.value,
          dek_id: sealed.dekId,
          redirect_uri: config.salesforce.callbackUrl,
          created_by: p.userId,
          expires_at: expiresAt,
        });
      });
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: config.salesforce.app!.clientId,
        redirect_uri: config.salesforce.callbackUrl,
        scope: 'api refresh_token id',
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      return {
        id: row.id,
        client_id: row.client_id,
        status: row.status as 'pending',
        authorize_url: `${loginUrl}/services/oauth2/authorize?${q}`,
        expires_at: expiresAt.toISOString(),
      };
    },

    /** Salesforce's redirect back. Never throws: every outcome becomes a result page. */
    async callback(q: {
      code?: string | undefined;
      state?: string | undefined;
      error?: string | undefined;
    }): Promise<CallbackOutcome> {
      if (!q.state) return { outcome: 'invalid' };
      const found = await consumeOauthState(db.system, sha256Hex(q.state), clock.now());
      if (found.outcome === 'unknown') return { outcome: 'invalid' };
      if (found.outcome !== 'ok') return { outcome: found.outcome };
      const st = found.row;
      const row = await db.tenant({ orgId: st.org_id }, (trx) => findConnection(trx, st.org_id, st.connection_id));
      if (!row) return { outcome: 'invalid' };
      const who = { orgId: row.org_id, clientId: row.client_id, connectionId: row.id };
      if (q.error) return { outcome: q.error === 'access_denied' ? 'denied' : 'failed', code: q.error, ...who };
      if (!q.code) return { outcome: 'invalid', ...who };
      let revokeOnRefusal: string | null = null;
      try {
        const verifier = await db.tenant({ orgId: st.org_id }, (trx) =>
          vault.open(trx, st.org_id, aad.codeVerifier(st.id), st.code_verifier_enc),
        );
        const t = await exchangeCode(http, row.login_url, config.salesforce.app!, {
          code: q.code,
          codeVerifier: verifier,
          redirectUri: st.redirect_uri,
        });
        revokeOnRefusal = t.refresh_token ?? t.access_token;
        const instanceUrl = http.guard.check(t.instance_url).origin;
        const identity = await readIdentity(http, t.id, t.access_token);
        const outcome = await complete(
          row,
          identity,
          { access: t.access_token, refresh: t.refresh_token ?? null, instanceUrl },
          null,
        );
        if (outcome.outcome === 'connected') revokeOnRefusal = null;
        return { ...outcome, ...who };
      } catch (err) {
        const code =
          err instanceof SalesforceError
            ? err.errorCode
            : err instanceof SsrfError
              ? 'INSTANCE_URL_NOT_ALLOWED'
              : 'UNEXPECTED';
        d.log.warn({ err, connectionId: row.id }, 'OAuth callback failed');
        await db.tenant({ orgId: row.org_id }, (trx) =>
          updateConnection(trx, row.org_id, row.id, { error_message: `authorisation failed: ${code}` }),
        );
        return { outcome: 'failed', code, ...who };
      } finally {
        // Tokens we will not keep (wrong org, a failure after the exchange) are revoked, not left alive.
        if (revokeOnRefusal) await revokeToken(http, row.login_url, revokeOnRefusal).catch(() => undefined);
      }
    },

    /** Nango custody: the caller reports the connection Nango created; we read and verify it. */
    async confirmNango(p: Principal, input: { client_id: string; nango_connection_id?: string | undefined }) {
      await d.clients.requireActive(p, input.client_id);
      const row = await db.tenant({ orgId: p.orgId }, (trx) => findConnectionByClient(trx, p.orgId, input.client_id));
      if (!row) throw Errors.notFound('Connection');
      if (row.custody !== 'nango' || !d.nango) throw Errors.invalid('This connection is not in Nango custody');
      const nangoId = input.nango_connection_id ?? row.nango_connection_id;
      if (!nangoId)
        throw Errors.invalid('nango_connection_id is required for the first confirmation', [
          { path: 'nango_connection_id', message: 'required' },
        ]);
      const creds = await d.nango.getConnection(nangoId);
      http.guard.check(creds.instanceUrl);
      const identity = creds.idUrl ? await readIdentity(http, creds.idUrl, creds.accessToken) : null;
      if (!identity)
        throw new AppError('custody_error', 'Nango returned no Salesforce identity URL for this connection');
      const outcome = await complete(
        row,
        identity,
        { access: null, refresh: null, instanceUrl: creds.instanceUrl, nangoId },
        p,
      );
      if (outcome.outcome === 'wrong_org')
        throw Errors.conflict("That Nango connection is for a different Salesforce org than this client's", {
          expected_sfdc_org_id: row.sfdc_org_id,
          got_sfdc_org_id: identity.organizationId,
        });
      return (await db.tenant({ orgId: p.orgId }, (trx) => findConnection(trx, p.orgId, row.id)))!;
    },
  };
}
export type ConnectFlow = ReturnType<typeof createConnectFlow>;
