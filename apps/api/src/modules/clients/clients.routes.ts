import { ClientDetail, ClientList, CreateClientBody, IdBody, UpdateClientBody } from '@sfx/contract';
import { z } from 'zod';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import type { ClientsService } from './clients.service.ts';

const manage = { kind: 'user', permissions: ['org.manage'] } as const;
const ListBody = z.strictObject({
  include_inactive: z.boolean().optional().describe('Also list deactivated clients.'),
});
const tag = 'Clients';

export function clientsRoutes(clients: ClientsService) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/clients/create',
      operationId: 'clientsCreate',
      tag,
      auth: manage,
      audit: 'clients.create',
      summary: "Create a client (one of the agency's customers, owner of one Salesforce org)",
      description: "A domain is unique among the organization's active clients (409 otherwise).",
      body: CreateClientBody,
      response: ClientDetail.omit({ updated_at: true }),
      handler: async ({ body, caller, audit }) => {
        const c = await clients.create(principalOf(caller), body);
        audit({ targetType: 'client', targetId: c.id, clientId: c.id });
        const { updated_at: _, ...created } = c;
        return created;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/clients/list',
      operationId: 'clientsList',
      tag,
      auth: manage,
      audit: null,
      summary: 'List clients, newest first (active only unless include_inactive)',
      body: ListBody,
      response: ClientList,
      handler: async ({ body, caller }) => ({
        data: (await clients.list(principalOf(caller), body.include_inactive ?? false)).map(
          ({ updated_at: _, ...c }) => c,
        ),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/clients/get',
      operationId: 'clientsGet',
      tag,
      auth: manage,
      audit: null,
      summary: 'Get one client',
      body: IdBody,
      response: ClientDetail,
      handler: async ({ body, caller }) => clients.get(principalOf(caller), body.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/clients/update',
      operationId: 'clientsUpdate',
      tag,
      auth: manage,
      audit: 'clients.update',
      summary: 'Rename a client or change its domain',
      body: UpdateClientBody,
      response: ClientDetail,
      handler: async ({ body, caller, audit }) => {
        audit({ targetType: 'client', targetId: body.id, clientId: body.id });
        return clients.update(principalOf(caller), body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/clients/deactivate',
      operationId: 'clientsDeactivate',
      tag,
      auth: manage,
      audit: 'clients.deactivate',
      summary: 'Deactivate a client',
      description: 'Its company users and client-narrowed API tokens stop working within a second. Idempotent.',
      body: IdBody,
      response: ClientDetail,
      handler: async ({ body, caller, audit }) => {
        audit({ targetType: 'client', targetId: body.id, clientId: body.id });
        return clients.deactivate(principalOf(caller), body.id);
      },
    }),
  ];
}
