import { CreatedUser, CreateUserBody, IdBody, UpdateUserBody, User, UserList } from '@sfx/contract';
import { z } from 'zod';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import type { UsersService } from './users.service.ts';

const manage = { kind: 'user', permissions: ['org.manage'] } as const;
const tag = 'Users';

export function usersRoutes(users: UsersService) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/users/create',
      operationId: 'usersCreate',
      tag,
      auth: manage,
      audit: 'users.create',
      summary: "Create a user in the caller's organization",
      description:
        'org_admin must not have a client_id (400); company_admin and company_member must (400). A client of another ' +
        'organization is a 404; a duplicate email a 409.',
      body: CreateUserBody,
      response: CreatedUser,
      handler: async ({ body, caller, audit }) => {
        const u = await users.create(principalOf(caller), body);
        audit({ targetType: 'user', targetId: u.id, clientId: u.client_id });
        const { is_active: _a, updated_at: _u, ...created } = u;
        return created;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/list',
      operationId: 'usersList',
      tag,
      auth: manage,
      audit: null,
      summary: 'List users, newest first (active only unless include_inactive)',
      body: z.strictObject({ include_inactive: z.boolean().optional() }),
      response: UserList,
      handler: async ({ body, caller }) => ({
        data: await users.list(principalOf(caller), body.include_inactive ?? false),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/update',
      operationId: 'usersUpdate',
      tag,
      auth: manage,
      audit: 'users.update',
      summary: "Change a user's name, role or client",
      description:
        "Takes effect for the user's existing sessions and tokens within a second. Demoting the last active " +
        'org_admin is a 409.',
      body: UpdateUserBody,
      response: User,
      handler: async ({ body, caller, audit }) => {
        audit({ targetType: 'user', targetId: body.id, details: { role: body.role ?? null } });
        return users.update(principalOf(caller), body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/deactivate',
      operationId: 'usersDeactivate',
      tag,
      auth: manage,
      audit: 'users.deactivate',
      summary: 'Deactivate a user, revoking all their sessions and API tokens at once',
      description: 'Idempotent. Deactivating the last active org_admin is a 409.',
      body: IdBody,
      response: User,
      handler: async ({ body, caller, audit }) => {
        audit({ targetType: 'user', targetId: body.id });
        return users.deactivate(principalOf(caller), body.id);
      },
    }),
  ];
}
