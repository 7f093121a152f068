import { z } from 'zod';
import { Email, Uuid } from './common.ts';
import { PermissionSchema, RoleSchema, Slug } from './tenancy.ts';

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(256),
  org_slug: Slug,
});
export const TokenPair = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int().describe('Seconds until the access token expires.'),
});
export const RefreshBody = z.strictObject({ refresh_token: z.string().min(1).max(200) });
export const LogoutBody = z.strictObject({ refresh_token: z.string().min(1).max(200).optional() });
export const Me = z.object({
  org_id: Uuid,
  user_id: Uuid,
  role: RoleSchema,
  permissions: z.array(PermissionSchema),
  client_id: Uuid.nullable(),
  auth_method: z.enum(['api_token', 'session']),
});
export const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
