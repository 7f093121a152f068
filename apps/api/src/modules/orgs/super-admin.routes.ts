import {
  CreatedToken,
  CreatedUser,
  CreateOrgBody,
  EmptyBody,
  Org,
  OrgIdBody,
  OrgList,
  SuperAdminCreateTokenBody,
  SuperAdminCreateUserBody,
} from '@sfx/contract';
import type { Kysely } from 'kysely';
import { defineRoute } from '../../http/define-route.ts';
import { Errors, isUniqueViolation } from '../../http/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { mintToken } from '../tokens/tokens.service.ts';
import { createUserIn, userView } from '../users/users.service.ts';
import { deactivateOrg, findOrg, findOrgUser, insertOrg, listOrgs, type OrgRow } from './orgs.repo.ts';

const tag = 'Super-admin';
const superAdmin = { kind: 'super_admin' } as const;

const orgView = (o: OrgRow) => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  is_active: o.is_active,
  created_at: o.created_at.toISOString(),
});

export function superAdminRoutes(deps: { db: Database; clock: Clock }) {
  const system: Kysely<DB> = deps.db.system;

  async function requireOrg(id: string): Promise<OrgRow> {
    const org = await findOrg(system, id);
    if (!org) throw Errors.notFound('Organization');
    return org;
  }

  return [
    defineRoute({
      method: 'POST',
      url: '/api/super-admin/orgs',
      operationId: 'superAdminCreateOrg',
      tag,
      auth: superAdmin,
      audit: 'orgs.create',
      summary: 'Create an organization (an agency)',
      description: 'Duplicate slug → 409.',
      body: CreateOrgBody,
      response: Org,
      handler: async ({ body, audit }) => {
        try {
          const org = await insertOrg(system, { id: newId(), name: body.name, slug: body.slug });
          audit({ orgId: org.id, targetType: 'organization', targetId: org.id });
          return orgView(org);
        } catch (err) {
          if (isUniqueViolation(err)) throw Errors.conflict('An organization with this slug already exists');
          throw err;
        }
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/super-admin/orgs/list',
      operationId: 'superAdminListOrgs',
      tag,
      auth: superAdmin,
      audit: null,
      summary: 'List every organization, newest first',
      body: EmptyBody,
      response: OrgList,
      handler: async () => ({ data: (await listOrgs(system)).map(orgView) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/super-admin/orgs/deactivate',
      operationId: 'superAdminDeactivateOrg',
      tag,
      auth: superAdmin,
      audit: 'orgs.deactivate',
      summary: 'Deactivate an organization: every session and API token of it stops working at once',
      body: OrgIdBody,
      response: Org,
      handler: async ({ body, audit }) => {
        audit({ orgId: body.id, targetType: 'organization', targetId: body.id });
        const org = await deactivateOrg(system, body.id, deps.clock.now());
        if (!org) throw Errors.notFound('Organization');
        return orgView(org);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/super-admin/users',
      operationId: 'superAdminCreateUser',
      tag,
      auth: superAdmin,
      audit: 'users.create',
      summary: 'Create a user in any organization (bootstrap the first org_admin)',
      description: 'Unknown org → 404; duplicate email in the org → 409; company roles need a client_id of that org.',
      body: SuperAdminCreateUserBody,
      response: CreatedUser,
      handler: async ({ body, audit }) => {
        const { org_id, ...input } = body;
        await requireOrg(org_id);
        audit({ orgId: org_id });
        const u = userView(await createUserIn(deps.db, org_id, input));
        audit({ orgId: org_id, clientId: u.client_id, targetType: 'user', targetId: u.id });
        const { is_active: _a, updated_at: _u, ...created } = u;
        return created;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/super-admin/tokens',
      operationId: 'superAdminCreateToken',
      tag,
      auth: superAdmin,
      audit: 'tokens.create',
      summary: 'Mint an API token for a user of any organization (the first token of a new org)',
      body: SuperAdminCreateTokenBody,
      response: CreatedToken,
      handler: async ({ body, audit }) => {
        await requireOrg(body.org_id);
        audit({ orgId: body.org_id });
        const user = await findOrgUser(system, body.org_id, body.user_id);
        if (!user?.is_active) throw Errors.notFound('User');
        const t = await mintToken(deps.db, deps.clock.now(), {
          orgId: body.org_id,
          userId: body.user_id,
          clientId: null,
          label: body.label ?? null,
          scopes: null,
          expiresInDays: body.expires_in_days ?? null,
          createdBy: null,
        });
        audit({ orgId: body.org_id, clientId: user.client_id, targetType: 'api_token', targetId: t.id });
        return t;
      },
    }),
  ];
}
