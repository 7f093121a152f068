import { CreatedToken, CreateTokenBody, IdBody, RevokedToken, TokenList } from '@sfx/contract';
import { z } from 'zod';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import type { TokensService } from './tokens.service.ts';

const manage = { kind: 'user', permissions: ['org.manage'] } as const;
const tag = 'API tokens';

export function tokensRoutes(tokens: TokensService) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/tokens/create',
      operationId: 'tokensCreate',
      tag,
      auth: manage,
      audit: 'tokens.create',
      summary: 'Create an API token acting as the caller',
      description:
        'The raw token is in this response only; the server keeps its SHA-256 hash. `scopes` narrows it to a subset ' +
        "of the caller's permissions; `client_id` narrows it to one client (such a token never carries org.manage).",
      body: CreateTokenBody,
      response: CreatedToken,
      handler: async ({ body, caller, audit }) => {
        const t = await tokens.create(principalOf(caller), body);
        audit({ targetType: 'api_token', targetId: t.id, details: { scopes: body.scopes ?? null } });
        return t;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tokens/list',
      operationId: 'tokensList',
      tag,
      auth: manage,
      audit: null,
      summary: "List the organization's API tokens (never the token values)",
      body: z.strictObject({ include_inactive: z.boolean().optional().describe('Also list revoked tokens.') }),
      response: TokenList,
      handler: async ({ body, caller }) => ({
        data: await tokens.list(principalOf(caller), body.include_inactive ?? false),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tokens/revoke',
      operationId: 'tokensRevoke',
      tag,
      auth: manage,
      audit: 'tokens.revoke',
      summary: 'Revoke an API token (refused everywhere within a second; idempotent)',
      body: IdBody,
      response: RevokedToken,
      handler: async ({ body, caller, audit }) => {
        audit({ targetType: 'api_token', targetId: body.id });
        return tokens.revoke(principalOf(caller), body.id);
      },
    }),
  ];
}
