import { ConfigError, loadConfig } from '../config/load-config.ts';
import { KeyRing } from '../platform/crypto/envelope.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';

/**
 * `npm run rotate-keys`: re-wraps every org data key under the active root key (the first in
 * ENCRYPTION_KEYS). Stored tokens are not touched: they stay encrypted under their data keys.
 *
 * Rotation without downtime:
 *   1. put the new key first in ENCRYPTION_KEYS and keep the old one after it: "new:…,old:…";
 *   2. restart the API and workers (they can now read data keys wrapped by either);
 *   3. run `npm run rotate-keys`;
 *   4. remove the old key from ENCRYPTION_KEYS and restart.
 */
export async function rotateKeys(
  env: Record<string, string | undefined>,
): Promise<{ rewrapped: number; activeKid: string; unknownKids: string[] }> {
  const { config } = loadConfig(env);
  const ring = new KeyRing(config.secrets.encryptionKeys);
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    const stale = await db.system
      .selectFrom('org_data_keys')
      .select(['id', 'org_id', 'root_kid', 'wrapped_key'])
      .where('root_kid', '<>', ring.activeKid)
      .execute();
    let rewrapped = 0;
    // A data key wrapped by a root key that is not configured cannot be re-wrapped; it is reported,
    // and the rest still rotate.
    const unknownKids = new Set<string>();
    for (const row of stale) {
      if (!ring.has(row.root_kid)) {
        unknownKids.add(row.root_kid);
        continue;
      }
      const key = ring.unwrapDataKey(row.root_kid, row.wrapped_key, row.org_id);
      const { rootKid, wrapped } = ring.wrapDataKey(key, row.org_id);
      await db.system
        .updateTable('org_data_keys')
        .set({ root_kid: rootKid, wrapped_key: wrapped, rewrapped_at: new Date() })
        .where('id', '=', row.id)
        .where('root_kid', '=', row.root_kid)
        .execute();
      rewrapped++;
    }
    return { rewrapped, activeKid: ring.activeKid, unknownKids: [...unknownKids] };
  } finally {
    await db.close();
  }
}

if (import.meta.main) {
  try {
    const r = await rotateKeys(process.env);
    console.log(`re-wrapped ${r.rewrapped} data key(s) under root key "${r.activeKid}"`);
    if (r.unknownKids.length > 0) {
      console.error(
        `some data keys are wrapped by root keys that ENCRYPTION_KEYS does not hold: ${r.unknownKids.join(', ')}; ` +
          `add them (after the active key) and run again`,
      );
      process.exit(1);
    }
  } catch (err) {
    console.error(
      err instanceof ConfigError ? `Configuration error: ${err.message}` : `Rotation failed: ${(err as Error).message}`,
    );
    process.exit(1);
  }
}
