import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { dataKeyIdOf, decryptValue, encryptValue, type KeyRing, newDataKey } from '../../platform/crypto/envelope.ts';
import { newId } from '../../platform/ids.ts';

/**
 * Seals and opens stored credentials with the org's data key. Unwrapped data keys are cached in
 * memory by id (a key's id never changes when its root key is rotated, so caches stay valid).
 */
export class TokenVault {
  readonly #ring: KeyRing;
  readonly #deks = new Map<string, Buffer>();

  constructor(ring: KeyRing) {
    this.#ring = ring;
  }

  get ring(): KeyRing {
    return this.#ring;
  }

  async #activeKey(trx: Tx, orgId: string): Promise<{ id: string; key: Buffer }> {
    const row = await trx
      .selectFrom('org_data_keys')
      .select(['id', 'root_kid', 'wrapped_key'])
      .where('org_id', '=', orgId)
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (row) return { id: row.id, key: this.#unwrap(orgId, row) };
    const key = newDataKey();
    const { rootKid, wrapped } = this.#ring.wrapDataKey(key, orgId);
    const id = newId();
    // Two first-time sealers may race: the partial unique index keeps one active key; the loser re-reads.
    const inserted = await sql<{
      id: string;
    }>`insert into org_data_keys (id, org_id, root_kid, wrapped_key) values (${id}, ${orgId}, ${rootKid}, ${wrapped})
      on conflict (org_id) where is_active do nothing returning id`.execute(trx);
    if (inserted.rows.length === 0) return this.#activeKey(trx, orgId);
    this.#deks.set(id, key);
    return { id, key };
  }

  #unwrap(orgId: string, row: { id: string; root_kid: string; wrapped_key: string }): Buffer {
    let key = this.#deks.get(row.id);
    if (!key) {
      key = this.#ring.unwrapDataKey(row.root_kid, row.wrapped_key, orgId);
      this.#deks.set(row.id, key);
    }
    return key;
  }

  async seal(trx: Tx, orgId: string, aad: string, plaintext: string): Promise<{ value: string; dekId: string }> {
    const { id, key } = await this.#activeKey(trx, orgId);
    return { value: encryptValue(key, id, plaintext, `org:${orgId}|${aad}`), dekId: id };
  }

  async open(trx: Tx, orgId: string, aad: string, value: string): Promise<string> {
    const dekId = dataKeyIdOf(value);
    let key = this.#deks.get(dekId);
    if (!key) {
      const row = await trx
        .selectFrom('org_data_keys')
        .select(['id', 'root_kid', 'wrapped_key'])
        .where('org_id', '=', orgId)
        .where('id', '=', dekId)
        .executeTakeFirst();
      if (!row) throw new Error('the data key of this value is missing');
      key = this.#unwrap(orgId, row);
    }
    return decryptValue(key, value, `org:${orgId}|${aad}`);
  }
}

export const aad = {
  accessToken: (connectionId: string) => `connection:${connectionId}|access_token`,
  refreshToken: (connectionId: string) => `connection:${connectionId}|refresh_token`,
  codeVerifier: (stateId: string) => `oauth_state:${stateId}|code_verifier`,
};
