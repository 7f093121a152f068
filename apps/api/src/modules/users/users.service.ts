import type { Role } from '@sfx/contract';
import { Errors, isUniqueViolation } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { hashPassword } from '../../platform/crypto/passwords.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { findClient } from '../clients/clients.repo.ts';
import {
  countActiveAdmins,
  findUser,
  insertUser,
  listUsers,
  revokeUserCredentials,
  updateUser,
  type UserRow,
} from './users.repo.ts';

export function userView(r: UserRow) {
  return {
    id: r.id,
    org_id: r.org_id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    client_id: r.client_id,
    is_active: r.is_active,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}
export type UserView = ReturnType<typeof userView>;

export interface NewUser {
  email: string;
  name?: string | null | undefined;
  password: string;
  role: Role;
  client_id?: string | null | undefined;
}

/** org_admins see the whole org; company roles belong to exactly one client. */
function checkRoleClient(role: Role, clientId: string | null): void {
  if (role === 'org_admin' && clientId)
    throw Errors.invalid('org_admin users cannot have a client_id', [
      { path: 'client_id', message: 'must be absent for org_admin' },
    ]);
  if (role !== 'org_admin' && !clientId)
    throw Errors.invalid(`${role} users must have a client_id`, [
      { path: 'client_id', message: `required for ${role}` },
    ]);
}

async function requireActiveClient(trx: Tx, orgId: string, clientId: string | null): Promise<void> {
  if (!clientId) return;
  const client = await findClient(trx, orgId, clientId);
  if (!client?.is_active) throw Errors.notFound('Client');
}

/** Shared by users/create and super-admin/users. The password is hashed before the transaction opens. */
export async function createUserIn(db: Database, orgId: string, input: NewUser): Promise<UserRow> {
  const clientId = input.client_id ?? null;
  checkRoleClient(input.role, clientId);
  const password_hash = await hashPassword(input.password);
  try {
    return await db.tenant({ orgId }, async (trx) => {
      await requireActiveClient(trx, orgId, clientId);
      return insertUser(trx, {
        id: newId(),
        org_id: orgId,
        client_id: clientId,
        email: input.email,
        name: input.name ?? null,
        role: input.role,
        password_hash,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw Errors.conflict('A user with this email already exists in the organization');
    throw err;
  }
}

export function createUsersService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  /** Refuses to leave an organization without an active org_admin. */
  async function keepAnAdmin(trx: Tx, orgId: string, current: UserRow): Promise<void> {
    if (current.role === 'org_admin' && current.is_active && (await countActiveAdmins(trx, orgId)) <= 1) {
      throw Errors.conflict("This is the organization's last active org_admin");
    }
  }

  return {
    create: async (p: Principal, input: NewUser) => userView(await createUserIn(db, p.orgId, input)),

    list: async (p: Principal, includeInactive: boolean) =>
      (await db.tenant({ orgId: p.orgId }, (trx) => listUsers(trx, p.orgId, includeInactive))).map(userView),

    async update(
      p: Principal,
      input: {
        id: string;
        name?: string | null | undefined;
        role?: Role | undefined;
        client_id?: string | null | undefined;
      },
    ) {
      const row = await db.tenant({ orgId: p.orgId }, async (trx) => {
        const current = await findUser(trx, p.orgId, input.id);
        if (!current) throw Errors.notFound('User');
        if (!current.is_active) throw Errors.invalid('A deactivated user cannot be updated');
        const role = input.role ?? (current.role as Role);
        // Promoting to org_admin drops the client unless one is (wrongly) given explicitly.
        const clientId =
          input.client_id !== undefined ? input.client_id : role === 'org_admin' ? null : current.client_id;
        checkRoleClient(role, clientId);
        await requireActiveClient(trx, p.orgId, clientId);
        if (role !== 'org_admin') await keepAnAdmin(trx, p.orgId, current);
        const patch: { name?: string | null; role?: string; client_id?: string | null } = { role, client_id: clientId };
        if (input.name !== undefined) patch.name = input.name;
        return updateUser(trx, p.orgId, input.id, patch);
      });
      if (!row) throw Errors.notFound('User');
      return userView(row);
    },

    async deactivate(p: Principal, id: string) {
      const row = await db.tenant({ orgId: p.orgId }, async (trx) => {
        const current = await findUser(trx, p.orgId, id);
        if (!current) throw Errors.notFound('User');
        if (!current.is_active) return current;
        await keepAnAdmin(trx, p.orgId, current);
        await revokeUserCredentials(trx, p.orgId, id, clock.now(), 'user_deactivated');
        return updateUser(trx, p.orgId, id, { is_active: false });
      });
      if (!row) throw Errors.notFound('User');
      return userView(row);
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
