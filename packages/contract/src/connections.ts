import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

export const ConnectionStatus = z.enum(['pending', 'connected', 'reauth_required', 'revoked', 'error']);
export const Environment = z.enum(['production', 'sandbox']);
export const Custody = z.enum(['builtin', 'nango']);

export const CreateConnectionBody = z.strictObject({
  client_id: Uuid,
  environment: Environment.optional().describe('Which login host to use (default production).'),
  login_url: z
    .url()
    .max(500)
    .optional()
    .describe('A My Domain login URL (https://<domain>.my.salesforce.com) instead of the standard login host.'),
  custody: Custody.optional().describe('Who holds the tokens: the engine (builtin, default) or Nango.'),
});
export const CreatedConnection = z.object({
  id: Uuid,
  client_id: Uuid,
  status: ConnectionStatus.describe(
    'pending for a new connection; a reconnect keeps the current status until it completes.',
  ),
  authorize_url: z
    .string()
    .describe('Open in a browser: Salesforce login and consent (builtin), or Nango Connect (nango).'),
  expires_at: Timestamp.nullable(),
});

export const ConnectionSummary = z.object({
  id: Uuid,
  client_id: Uuid,
  status: ConnectionStatus,
  instance_url: z.string().nullable(),
  sfdc_org_id: z.string().nullable(),
  environment: Environment,
  last_used_at: Timestamp.nullable(),
  last_refreshed_at: Timestamp.nullable(),
  created_at: Timestamp,
});
export const ConnectionDetail = ConnectionSummary.extend({
  sfdc_user_id: z.string().nullable(),
  custody: Custody,
  login_url: z.string(),
  api_version: z.string(),
  error_message: z.string().nullable(),
  connected_at: Timestamp.nullable(),
  api_usage: z
    .object({ used: z.number().int(), limit: z.number().int(), observed_at: Timestamp })
    .nullable()
    .describe("The last Sforce-Limit-Info reading: the org's daily API requests used and allowed."),
});
export const ConnectionList = z.object({ data: z.array(ConnectionSummary) });
export const ListConnectionsBody = z.strictObject({ client_id: Uuid.optional() });
export const ClientIdBody = z.strictObject({ client_id: Uuid });
export const RefreshedConnection = z.object({
  id: Uuid,
  client_id: Uuid,
  status: ConnectionStatus,
  last_refreshed_at: Timestamp.nullable(),
});
export const RevokedConnection = z.object({
  id: Uuid,
  client_id: Uuid,
  status: z.literal('revoked'),
  salesforce_revoked: z
    .boolean()
    .describe('Whether Salesforce (or Nango) confirmed the revocation; stored tokens are wiped either way.'),
});
export const NangoCallbackBody = z.strictObject({
  client_id: Uuid,
  nango_connection_id: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The connection id Nango assigned (from its auth webhook or Connect UI).'),
});
export const OAuthCallbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});
export const OAuthResultQuery = z.object({
  outcome: z.string().max(40).optional(),
  code: z.string().max(80).optional(),
});
