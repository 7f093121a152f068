import type { Permission } from '@sfx/contract';
import { Errors } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { newToken, sha256Hex } from '../../platform/crypto/tokens.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { API_TOKEN_PREFIX } from '../auth/credential-resolver.ts';
import { findClient } from '../clients/clients.repo.ts';
import { insertToken, listTokens, revokeToken, type TokenRow } from './tokens.repo.ts';
import type { TokenUsageTracker } from './token-usage.ts';

const DAY_MS = 86_400_000;
// What tokens/list shows of a token: enough to recognise it, never enough to use it.
const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;

export function tokenSummary(r: TokenRow) {
  return {
    id: r.id,
    label: r.label,
    prefix: r.prefix,
    scopes: (r.scopes as Permission[] | null) ?? null,
    client_id: r.client_id,
    last_used_at: r.last_used_at?.toISOString() ?? null,
    expires_at: r.expires_at?.toISOString() ?? null,
    is_active: r.is_active,
    created_at: r.created_at.toISOString(),
  };
}

export interface MintInput {
  orgId: string;
  userId: string;
  clientId: string | null;
  label: string | null;
  scopes: Permission[] | null;
  expiresInDays: number | null;
  createdBy: string | null;
}

/** Creates a token and returns the raw value, which exists only in this response. */
export async function mintToken(db: Database, now: Date, m: MintInput) {
  const raw = newToken(API_TOKEN_PREFIX);
  const row = await db.tenant({ orgId: m.orgId }, async (trx) => {
    if (m.clientId) {
      const client = await findClient(trx, m.orgId, m.clientId);
      if (!client?.is_active) throw Errors.notFound('Client');
    }
    return insertToken(trx, {
      id: newId(now.getTime()),
      org_id: m.orgId,
      user_id: m.userId,
      client_id: m.clientId,
      token_hash: sha256Hex(raw),
      prefix: raw.slice(0, DISPLAY_PREFIX_LENGTH),
      label: m.label,
      scopes: m.scopes,
      expires_at: m.expiresInDays ? new Date(now.getTime() + m.expiresInDays * DAY_MS) : null,
      created_by: m.createdBy,
    });
  });
  return {
    id: row.id,
    token: raw,
    label: row.label,
    expires_at: row.expires_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

export function createTokensService(deps: { db: Database; clock: Clock; usage: TokenUsageTracker }) {
  const { db, clock, usage } = deps;
  return {
    /**
     * A new token acts as the calling user, never with more than the caller has: requested scopes
     * must be a subset of the caller's permissions, and a narrowed caller's token is narrowed too.
     */
    async create(
      p: Principal,
      input: {
        label?: string | null | undefined;
        expires_in_days?: number | null | undefined;
        scopes?: Permission[] | null | undefined;
        client_id?: string | null | undefined;
      },
    ) {
      const scopes = input.scopes ? [...new Set(input.scopes)] : null;
      const beyond = scopes?.filter((s) => !p.permissions.has(s)) ?? [];
      if (beyond.length > 0)
        throw Errors.invalid(`scopes must be a subset of your permissions; you lack: ${beyond.join(', ')}`, [
          { path: 'scopes', message: `not yours to grant: ${beyond.join(', ')}` },
        ]);
      const clientId = input.client_id ?? p.clientId;
      if (p.clientId && clientId !== p.clientId) throw Errors.notFound('Client');
      if (clientId && scopes?.includes('org.manage'))
        throw Errors.invalid('A token narrowed to a client cannot carry org.manage', [
          { path: 'scopes', message: 'org.manage is organization-wide' },
        ]);
      const inherited = scopes ?? (p.method === 'api_token' ? [...p.permissions] : null);
      return mintToken(db, clock.now(), {
        orgId: p.orgId,
        userId: p.userId,
        clientId,
        label: input.label ?? null,
        scopes: inherited,
        expiresInDays: input.expires_in_days ?? null,
        createdBy: p.userId,
      });
    },

    async list(p: Principal, includeInactive: boolean) {
      await usage.flush();
      const rows = await db.tenant({ orgId: p.orgId }, (trx) => listTokens(trx, p.orgId, includeInactive));
      return rows.map(tokenSummary);
    },

    async revoke(p: Principal, id: string) {
      const found = await db.tenant({ orgId: p.orgId }, (trx) => revokeToken(trx, p.orgId, id, clock.now()));
      if (!found) throw Errors.notFound('API token');
      return { id, is_active: false as const };
    },
  };
}
export type TokensService = ReturnType<typeof createTokensService>;
