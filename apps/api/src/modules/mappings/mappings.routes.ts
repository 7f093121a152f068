import {
  Mapping,
  MappingCreateBody,
  MappingDeactivated,
  MappingKeyBody,
  MappingList,
  MappingListBody,
  MappingUpdateBody,
} from '@sfx/contract';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import type { MappingsService } from './mappings.service.ts';

const tag = 'Field mappings';
const manage = { kind: 'user', permissions: ['org.manage'] } as const;
const read = { kind: 'user', permissions: ['push.write'] } as const;

export function mappingsRoutes(svc: MappingsService) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/mappings/create',
      operationId: 'mappingsCreate',
      tag,
      auth: manage,
      audit: 'mapping.create',
      summary: 'Map a canonical object onto a Salesforce object for a client',
      description:
        "Checked against the client's latest topology snapshot: the object and every target field " +
        'exist and are createable or updateable, and external_id_field is an External ID (or ' +
        "idLookup) field — otherwise 400 listing every problem. `checks` reports each field's " +
        'Salesforce type and any caveat. One active mapping per client and canonical object: another ' +
        'is a 409.',
      body: MappingCreateBody,
      response: Mapping,
      handler: async ({ body, caller, audit }) => {
        const m = await svc.create(principalOf(caller), body);
        audit({ targetType: 'field_mapping', targetId: m.id, clientId: body.client_id });
        return m;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/mappings/get',
      operationId: 'mappingsGet',
      tag,
      auth: read,
      audit: null,
      summary: "A client's active mapping for a canonical object",
      body: MappingKeyBody,
      response: Mapping,
      handler: async ({ body, caller }) => svc.get(principalOf(caller), body.client_id, body.canonical_object),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/mappings/list',
      operationId: 'mappingsList',
      tag,
      auth: read,
      audit: null,
      summary: "A client's active mappings, by canonical object",
      body: MappingListBody,
      response: MappingList,
      handler: async ({ body, caller }) => ({ data: await svc.list(principalOf(caller), body.client_id) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/mappings/update',
      operationId: 'mappingsUpdate',
      tag,
      auth: manage,
      audit: 'mapping.update',
      summary: 'Change a mapping (bumps mapping_version)',
      description:
        'field_mappings replaces the whole map; external_id_field null clears it. Verified against ' +
        'the latest topology like create. A push pinned to the previous mapping_version is then ' +
        'refused with 409.',
      body: MappingUpdateBody,
      response: Mapping,
      handler: async ({ body, caller, audit }) => {
        const m = await svc.update(principalOf(caller), body);
        audit({ targetType: 'field_mapping', targetId: m.id, clientId: body.client_id });
        return m;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/mappings/deactivate',
      operationId: 'mappingsDeactivate',
      tag,
      auth: manage,
      audit: 'mapping.deactivate',
      summary: 'Deactivate a mapping (a new one may then be created)',
      description: 'Pushes already queued with this mapping fail their remaining records with MAPPING_DEACTIVATED.',
      body: MappingKeyBody,
      response: MappingDeactivated,
      handler: async ({ body, caller, audit }) => {
        const r = await svc.deactivate(principalOf(caller), body.client_id, body.canonical_object);
        audit({ targetType: 'field_mapping', clientId: body.client_id });
        return r;
      },
    }),
  ];
}
