import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

// Login and refresh happen before a tenant is known (the refresh token is the only input), so these
// run in the system scope; every statement is keyed by an id or hash the caller proved it holds.

export async function findLoginUser(db: Kysely<DB>, orgSlug: string, email: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .leftJoin('clients as c', (j) => j.onRef('c.org_id', '=', 'u.org_id').onRef('c.id', '=', 'u.client_id'))
    .select([
      'u.id',
      'u.org_id',
      'u.role',
      'u.client_id',
      'u.password_hash',
      'u.is_active as user_active',
      'o.is_active as org_active',
      'c.is_active as client_active',
    ])
    .where('o.slug', '=', orgSlug)
    .where('u.email', '=', email)
    .executeTakeFirst();
}

export async function findOrgIdBySlug(db: Kysely<DB>, slug: string): Promise<string | null> {
  const r = await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst();
  return r?.id ?? null;
}

export async function createSession(
  db: Kysely<DB>,
  s: {
    id: string;
    orgId: string;
    userId: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
    refreshId: string;
    refreshHash: string;
    now: Date;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: s.id,
        org_id: s.orgId,
        user_id: s.userId,
        created_at: s.now,
        expires_at: s.expiresAt,
        ip: s.ip,
        user_agent: s.userAgent,
      })
      .execute();
    await trx
      .insertInto('refresh_tokens')
      .values({ id: s.refreshId, org_id: s.orgId, session_id: s.id, token_hash: s.refreshHash, created_at: s.now })
      .execute();
  });
}

export async function findRefreshToken(db: Kysely<DB>, hash: string) {
  return db
    .selectFrom('refresh_tokens as r')
    .innerJoin('sessions as s', 's.id', 'r.session_id')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .leftJoin('clients as c', (j) => j.onRef('c.org_id', '=', 'u.org_id').onRef('c.id', '=', 'u.client_id'))
    .select([
      'r.id',
      'r.rotated_at',
      's.id as session_id',
      's.org_id',
      's.user_id',
      's.revoked_at',
      's.expires_at',
      'u.role',
      'u.client_id',
      'u.is_active as user_active',
      'o.is_active as org_active',
      'c.is_active as client_active',
    ])
    .where('r.token_hash', '=', hash)
    .executeTakeFirst();
}

/**
 * Rotates atomically: only one caller can mark a refresh token used. Returns false when someone
 * already did (a replay, or two racing refreshes of one token), which revokes the family.
 */
export async function rotateRefreshToken(
  db: Kysely<DB>,
  r: { oldId: string; sessionId: string; orgId: string; newId: string; newHash: string; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('refresh_tokens')
      .set({ rotated_at: r.now })
      .where('id', '=', r.oldId)
      .where('rotated_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!used) return false;
    await trx
      .insertInto('refresh_tokens')
      .values({ id: r.newId, org_id: r.orgId, session_id: r.sessionId, token_hash: r.newHash, created_at: r.now })
      .execute();
    await trx.updateTable('sessions').set({ last_refreshed_at: r.now }).where('id', '=', r.sessionId).execute();
    return true;
  });
}

export async function revokeSession(db: Kysely<DB>, sessionId: string, now: Date, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}
