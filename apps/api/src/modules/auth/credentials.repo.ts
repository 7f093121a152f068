import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

export interface TokenRow {
  id: string;
  org_id: string;
  user_id: string;
  token_client_id: string | null;
  user_client_id: string | null;
  role: string;
  scopes: string[] | null;
  expires_at: Date | null;
}

export interface SessionRow {
  id: string;
  org_id: string;
  user_id: string;
  role: string;
  client_id: string | null;
}

// Credential lookups run before any tenant is known, so they use the system scope. Each checks
// everything that can cut a credential off: the token or session itself, the user, the org, and
// the client a company user or narrowed token belongs to.

export async function findActiveToken(db: Kysely<DB>, tokenHash: string, now: Date): Promise<TokenRow | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 't.org_id').onRef('u.id', '=', 't.user_id'))
    .innerJoin('organizations as o', 'o.id', 't.org_id')
    .leftJoin('clients as uc', (j) => j.onRef('uc.org_id', '=', 'u.org_id').onRef('uc.id', '=', 'u.client_id'))
    .leftJoin('clients as tc', (j) => j.onRef('tc.org_id', '=', 't.org_id').onRef('tc.id', '=', 't.client_id'))
    .select([
      't.id',
      't.org_id',
      't.user_id',
      't.client_id as token_client_id',
      'u.client_id as user_client_id',
      'u.role',
      't.scopes',
      't.expires_at',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.is_active', '=', true)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .where('u.is_active', '=', true)
    .where('o.is_active', '=', true)
    .where((eb) => eb.or([eb('u.client_id', 'is', null), eb('uc.is_active', '=', true)]))
    .where((eb) => eb.or([eb('t.client_id', 'is', null), eb('tc.is_active', '=', true)]))
    .executeTakeFirst();
}

export async function findActiveSession(db: Kysely<DB>, sessionId: string, now: Date): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .leftJoin('clients as c', (j) => j.onRef('c.org_id', '=', 'u.org_id').onRef('c.id', '=', 'u.client_id'))
    .select(['s.id', 's.org_id', 's.user_id', 'u.role', 'u.client_id'])
    .where('s.id', '=', sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.is_active', '=', true)
    .where('o.is_active', '=', true)
    .where((eb) => eb.or([eb('u.client_id', 'is', null), eb('c.is_active', '=', true)]))
    .executeTakeFirst();
}

/** Writes batched last_used_at values; never moves a timestamp backwards. */
export async function writeTokenUsage(db: Kysely<DB>, usage: Array<{ id: string; at: Date }>): Promise<void> {
  if (usage.length === 0) return;
  const values = sql.join(usage.map((u) => sql`(${u.id}::uuid, ${u.at.toISOString()}::timestamptz)`));
  await sql`update api_tokens as t set last_used_at = v.at
    from (values ${values}) as v(id, at)
    where t.id = v.id and (t.last_used_at is null or t.last_used_at < v.at)`.execute(db);
}
