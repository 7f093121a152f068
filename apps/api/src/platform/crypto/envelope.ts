import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { RootKey } from '../../config/secrets.ts';

// AES-256-GCM envelope encryption. Root keys (configuration) wrap per-org data keys (database);
// data keys encrypt values. Associated data binds every ciphertext to where it belongs, so a value
// moved to another org, connection or column does not decrypt.

const IV_BYTES = 12;
const TAG_BYTES = 16;

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [ivText, bodyText] = sealed.split('.');
  if (!ivText || !bodyText) throw new Error('malformed ciphertext');
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error('malformed ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
}

/** The configured root keys: the first encrypts, all decrypt (so rotation needs no downtime). */
export class KeyRing {
  readonly #keys: Map<string, Buffer>;
  readonly activeKid: string;

  constructor(keys: readonly RootKey[]) {
    if (keys.length === 0) throw new Error('no root keys');
    this.#keys = new Map(keys.map((k) => [k.kid, k.key]));
    this.activeKid = keys[0]!.kid;
  }

  has(kid: string): boolean {
    return this.#keys.has(kid);
  }

  wrapDataKey(dek: Buffer, orgId: string): { rootKid: string; wrapped: string } {
    return { rootKid: this.activeKid, wrapped: seal(this.#keys.get(this.activeKid)!, dek, `dek|org:${orgId}`) };
  }

  unwrapDataKey(rootKid: string, wrapped: string, orgId: string): Buffer {
    const root = this.#keys.get(rootKid);
    if (!root) throw new Error(`root key "${rootKid}" is not configured (ENCRYPTION_KEYS)`);
    return open(root, wrapped, `dek|org:${orgId}`);
  }
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** "v1.<dek id>.<iv>.<ciphertext+tag>" */
export function encryptValue(dek: Buffer, dekId: string, plaintext: string, aad: string): string {
  return `v1.${dekId}.${seal(dek, Buffer.from(plaintext, 'utf8'), aad)}`;
}

export function dataKeyIdOf(value: string): string {
  const [version, dekId] = value.split('.');
  if (version !== 'v1' || !dekId) throw new Error('unsupported ciphertext format');
  return dekId;
}

export function decryptValue(dek: Buffer, value: string, aad: string): string {
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') throw new Error('unsupported ciphertext format');
  return open(dek, `${parts[2]}.${parts[3]}`, aad).toString('utf8');
}
