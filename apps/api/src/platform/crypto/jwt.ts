import { createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, jwtVerify, SignJWT, type JWK } from 'jose';

export interface SessionClaims {
  sub: string;
  org_id: string;
  role: string;
  client_id: string | null;
  sid: string;
}
export interface VerifiedClaims extends SessionClaims {
  exp: number;
}

const ISSUER = 'sfdc-engine-x';
const AUDIENCE = 'sfdc-engine-x';

/** Signs and verifies session access tokens (EdDSA / Ed25519) and publishes the JWKS. */
export class JwtKeys {
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  #kid = '';
  #jwk: JWK | null = null;

  constructor(privateKey: KeyObject) {
    this.#privateKey = privateKey;
    this.#publicKey = createPublicKey(privateKey);
  }

  async init(): Promise<this> {
    const jwk = await exportJWK(this.#publicKey);
    this.#kid = await calculateJwkThumbprint(jwk);
    this.#jwk = { ...jwk, kid: this.#kid, alg: 'EdDSA', use: 'sig' };
    return this;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.#jwk ? [this.#jwk] : [] };
  }

  sign(claims: SessionClaims, ttlSeconds: number, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ org_id: claims.org_id, role: claims.role, client_id: claims.client_id, sid: claims.sid })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.#kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.#privateKey);
  }

  /** Null for anything that is not a valid, unexpired token of ours with every required claim. */
  async verify(token: string, now: Date): Promise<VerifiedClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.#publicKey, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['EdDSA'],
        requiredClaims: ['exp', 'sub', 'iat'],
        currentDate: now,
      });
      const { sub, org_id, role, client_id, sid, exp } = payload;
      if (typeof sub !== 'string' || typeof org_id !== 'string' || typeof role !== 'string' || typeof sid !== 'string')
        return null;
      if ((client_id !== null && typeof client_id !== 'string') || typeof exp !== 'number') return null;
      return { sub, org_id, role, client_id, sid, exp };
    } catch {
      return null;
    }
  }
}
