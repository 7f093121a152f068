import { z } from 'zod';
import { Domain, Email, Label, Name, Password, Timestamp, Uuid } from './common.ts';
import { PERMISSIONS, ROLES } from './permissions.ts';

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
export const Slug = z
  .string()
  .max(50)
  .regex(
    /^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$/,
    'lowercase letters, digits and hyphens; 2-50 characters; no leading or trailing hyphen',
  );

// ---- organizations (super-admin) ----
export const Org = z.object({
  id: Uuid,
  name: z.string(),
  slug: z.string(),
  is_active: z.boolean(),
  created_at: Timestamp,
});
export const CreateOrgBody = z.strictObject({ name: Name, slug: Slug });
export const OrgIdBody = z.strictObject({ id: Uuid });
export const OrgList = z.object({ data: z.array(Org) });

// ---- users ----
export const User = z.object({
  id: Uuid,
  org_id: Uuid,
  email: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
  client_id: Uuid.nullable(),
  is_active: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export const CreatedUser = User.omit({ is_active: true, updated_at: true });
const userFields = {
  email: Email,
  name: Name.nullable().optional(),
  password: Password,
  role: RoleSchema,
  client_id: Uuid.nullable().optional(),
};
export const SuperAdminCreateUserBody = z.strictObject({ org_id: Uuid, ...userFields });
export const CreateUserBody = z.strictObject(userFields);
export const UpdateUserBody = z.strictObject({
  id: Uuid,
  name: Name.nullable().optional(),
  role: RoleSchema.optional(),
  client_id: Uuid.nullable().optional(),
});
export const UserList = z.object({ data: z.array(User) });

// ---- clients ----
export const Client = z.object({
  id: Uuid,
  name: z.string(),
  domain: z.string().nullable(),
  is_active: z.boolean(),
  created_at: Timestamp,
});
export const ClientDetail = Client.extend({ updated_at: Timestamp });
export const CreateClientBody = z.strictObject({ name: Name, domain: Domain.nullable().optional() });
export const UpdateClientBody = z.strictObject({
  id: Uuid,
  name: Name.optional(),
  domain: Domain.nullable().optional(),
});
export const ClientList = z.object({ data: z.array(Client) });

// ---- API tokens ----
export const ExpiresInDays = z.number().int().min(1).max(3650);
export const CreatedToken = z.object({
  id: Uuid,
  token: z.string().describe('The raw token. Shown once; only its SHA-256 hash is stored.'),
  label: z.string().nullable(),
  expires_at: Timestamp.nullable(),
  created_at: Timestamp,
});
export const SuperAdminCreateTokenBody = z.strictObject({
  org_id: Uuid,
  user_id: Uuid,
  label: Label.nullable().optional(),
  expires_in_days: ExpiresInDays.nullable().optional(),
});
export const CreateTokenBody = z.strictObject({
  label: Label.nullable().optional(),
  expires_in_days: ExpiresInDays.nullable().optional(),
  scopes: z.array(PermissionSchema).min(1).max(PERMISSIONS.length).nullable().optional(),
  client_id: Uuid.nullable().optional(),
});
export const TokenSummary = z.object({
  id: Uuid,
  label: z.string().nullable(),
  prefix: z.string(),
  scopes: z.array(PermissionSchema).nullable(),
  client_id: Uuid.nullable(),
  last_used_at: Timestamp.nullable(),
  expires_at: Timestamp.nullable(),
  is_active: z.boolean(),
  created_at: Timestamp,
});
export const TokenList = z.object({ data: z.array(TokenSummary) });
export const RevokedToken = z.object({ id: Uuid, is_active: z.literal(false) });

export const IdBody = z.strictObject({ id: Uuid });
