import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './config.schema.ts';

export interface RootKey {
  kid: string;
  key: Buffer;
}
export interface Secrets {
  jwtPrivateKey: KeyObject;
  superAdminSecret: string;
  /** First one is active for new encryptions; the others still decrypt (rotation). */
  encryptionKeys: RootKey[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const PLACEHOLDER = /(change[-_ ]?me|secret|password|example|default|dummy|placeholder|xxxx|test|todo)/i;

/** A secret that looks like something typed from a tutorial must not protect production. */
export function looksDefault(value: string): boolean {
  return value.length < 32 || PLACEHOLDER.test(value) || new Set(value).size < 10;
}

export function parseJwtKey(raw: string): KeyObject {
  const text = raw.trim();
  let key: KeyObject;
  try {
    key = text.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(text), format: 'jwk' })
      : createPrivateKey(text.replace(/\\n/g, '\n'));
  } catch {
    throw new ConfigError('JWT_PRIVATE_KEY is not a valid PKCS#8 PEM or JWK private key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError('JWT_PRIVATE_KEY must be an Ed25519 key (EdDSA)');
  return key;
}

export function parseEncryptionKeys(raw: string): RootKey[] {
  const keys = raw.split(',').map((part, i) => {
    const [kid, b64] = part.trim().split(':');
    if (!kid || !b64 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) {
      throw new ConfigError(
        `ENCRYPTION_KEYS entry ${i + 1} must look like kid:base64key (kid: letters, digits, - or _)`,
      );
    }
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32)
      throw new ConfigError(`ENCRYPTION_KEYS key "${kid}" must decode to 32 bytes (got ${key.length})`);
    if (new Set(key).size < 8) throw new ConfigError(`ENCRYPTION_KEYS key "${kid}" is not random`);
    return { kid, key };
  });
  if (new Set(keys.map((k) => k.kid)).size !== keys.length)
    throw new ConfigError('ENCRYPTION_KEYS has duplicate key ids');
  return keys;
}

export function generateSecrets(): { jwk: string; superAdminSecret: string; encryptionKeys: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    jwk: JSON.stringify(privateKey.export({ format: 'jwk' })),
    superAdminSecret: `sfsa_${randomBytes(32).toString('base64url')}`,
    encryptionKeys: `k${Date.now().toString(36)}:${randomBytes(32).toString('base64')}`,
  };
}

/** Production: every secret from the environment, none default-looking. */
function fromEnvStrict(env: Env): Secrets {
  const missing = (['JWT_PRIVATE_KEY', 'SUPER_ADMIN_SECRET', 'ENCRYPTION_KEYS'] as const).filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new ConfigError(
      `NODE_ENV=production needs ${missing.join(', ')}. Development mode generates them; production never does.`,
    );
  }
  if (looksDefault(env.SUPER_ADMIN_SECRET!)) {
    throw new ConfigError('SUPER_ADMIN_SECRET looks like a default or placeholder: use at least 32 random characters');
  }
  return {
    jwtPrivateKey: parseJwtKey(env.JWT_PRIVATE_KEY!),
    superAdminSecret: env.SUPER_ADMIN_SECRET!,
    encryptionKeys: parseEncryptionKeys(env.ENCRYPTION_KEYS!),
  };
}

/**
 * Development and test: secrets come from the environment when set, else from DATA_DIR/secrets.json,
 * generated (owner-only permissions) on first start. Returns the super-admin secret when it was just
 * generated, so the caller can print it once.
 */
function fromFile(env: Env, dataDir: string): { secrets: Secrets; generatedSuperAdminSecret: string | null } {
  const file = path.join(dataDir, 'secrets.json');
  let generated: string | null = null;
  if (!existsSync(file)) {
    const s = generateSecrets();
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(
      file,
      JSON.stringify(
        { jwt_private_key: s.jwk, super_admin_secret: s.superAdminSecret, encryption_keys: s.encryptionKeys },
        null,
        2,
      ),
      { mode: 0o600 },
    );
    chmodSync(file, 0o600);
    generated = s.superAdminSecret;
  }
  let stored: { jwt_private_key: string; super_admin_secret: string; encryption_keys: string };
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError(`${file} is not valid JSON; fix or delete it (a new one is generated on start)`);
  }
  const superAdminSecret = env.SUPER_ADMIN_SECRET ?? stored.super_admin_secret;
  if (superAdminSecret.length < 16) throw new ConfigError('SUPER_ADMIN_SECRET must be at least 16 characters');
  return {
    secrets: {
      jwtPrivateKey: parseJwtKey(env.JWT_PRIVATE_KEY ?? stored.jwt_private_key),
      superAdminSecret,
      encryptionKeys: parseEncryptionKeys(env.ENCRYPTION_KEYS ?? stored.encryption_keys),
    },
    generatedSuperAdminSecret: env.SUPER_ADMIN_SECRET ? null : generated,
  };
}

export function resolveSecrets(
  env: Env,
  dataDir: string,
): { secrets: Secrets; generatedSuperAdminSecret: string | null } {
  if (env.NODE_ENV === 'production') return { secrets: fromEnvStrict(env), generatedSuperAdminSecret: null };
  return fromFile(env, dataDir);
}
