import { AppError, Errors, isUniqueViolation } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { findClient, insertClient, listClients, updateClient, type ClientRow } from './clients.repo.ts';

export interface ClientView {
  id: string;
  name: string;
  domain: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export function clientView(r: ClientRow): ClientView {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    is_active: r.is_active,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

const DUPLICATE_DOMAIN = 'clients_org_domain_active';

function duplicateDomain(err: unknown): never {
  if (isUniqueViolation(err, DUPLICATE_DOMAIN))
    throw Errors.conflict('Another active client of this organization has that domain');
  throw err;
}

/** Company users (and client-narrowed tokens) see their own client and nothing else: anything else is "not found". */
export function assertClientInScope(p: Principal, clientId: string): void {
  if (p.clientId && p.clientId !== clientId) throw Errors.notFound('Client');
}

export function createClientsService(deps: { db: Database }) {
  const { db } = deps;
  const scope = (p: Principal) => ({ orgId: p.orgId, clientId: p.clientId });

  return {
    async create(p: Principal, input: { name: string; domain?: string | null | undefined }): Promise<ClientView> {
      const row = await db
        .tenant(scope(p), (trx) =>
          insertClient(trx, { id: newId(), org_id: p.orgId, name: input.name, domain: input.domain ?? null }),
        )
        .catch(duplicateDomain);
      return clientView(row);
    },

    async list(p: Principal, includeInactive: boolean): Promise<ClientView[]> {
      const rows = await db.tenant(scope(p), (trx) =>
        listClients(trx, p.orgId, { includeInactive, onlyId: p.clientId }),
      );
      return rows.map(clientView);
    },

    async get(p: Principal, id: string): Promise<ClientView> {
      assertClientInScope(p, id);
      const row = await db.tenant(scope(p), (trx) => findClient(trx, p.orgId, id));
      if (!row) throw Errors.notFound('Client');
      return clientView(row);
    },

    /** An active client of the caller's org, visible to the caller; 404 otherwise. */
    async requireActive(p: Principal, id: string): Promise<ClientRow> {
      assertClientInScope(p, id);
      const row = await db.tenant(scope(p), (trx) => findClient(trx, p.orgId, id));
      if (!row?.is_active) throw Errors.notFound('Client');
      return row;
    },

    async update(
      p: Principal,
      input: { id: string; name?: string | undefined; domain?: string | null | undefined },
    ): Promise<ClientView> {
      assertClientInScope(p, input.id);
      const patch: { name?: string; domain?: string | null } = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.domain !== undefined) patch.domain = input.domain;
      const row = await db
        .tenant(scope(p), async (trx) => {
          const current = await findClient(trx, p.orgId, input.id);
          if (!current) return undefined;
          if (!current.is_active) throw new AppError('invalid_request', 'A deactivated client cannot be updated');
          return Object.keys(patch).length === 0 ? current : updateClient(trx, p.orgId, input.id, patch);
        })
        .catch(duplicateDomain);
      if (!row) throw Errors.notFound('Client');
      return clientView(row);
    },

    async deactivate(p: Principal, id: string): Promise<ClientView> {
      assertClientInScope(p, id);
      const row = await db.tenant(scope(p), (trx) => updateClient(trx, p.orgId, id, { is_active: false }));
      if (!row) throw Errors.notFound('Client');
      return clientView(row);
    },
  };
}
export type ClientsService = ReturnType<typeof createClientsService>;
