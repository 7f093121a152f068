import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './load-config.ts';
import { looksDefault } from './secrets.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sfx-cfg-'));
const jwk = () => JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
const goodProd = () => ({
  NODE_ENV: 'production',
  DATA_DIR: tmp(),
  JWT_PRIVATE_KEY: jwk(),
  SUPER_ADMIN_SECRET: randomBytes(32).toString('base64url'),
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
});

test('development generates secrets once, owner-only, and reports the super-admin secret only then', () => {
  const dir = tmp();
  const first = loadConfig({ DATA_DIR: dir });
  assert.ok(first.generatedSuperAdminSecret);
  assert.equal(first.config.secrets.superAdminSecret, first.generatedSuperAdminSecret);
  const file = path.join(dir, 'secrets.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const second = loadConfig({ DATA_DIR: dir });
  assert.equal(second.generatedSuperAdminSecret, null);
  assert.equal(second.config.secrets.superAdminSecret, first.config.secrets.superAdminSecret);
  assert.ok(readFileSync(file, 'utf8').includes(first.config.secrets.superAdminSecret));
});

test('embedded defaults: PGlite under DATA_DIR, loopback, workers in-process', () => {
  const dir = tmp();
  const { config } = loadConfig({ DATA_DIR: dir });
  assert.deepEqual(config.database, { kind: 'pglite', dataDir: path.join(dir, 'pglite'), appRole: 'sfx_app' });
  assert.equal(config.http.host, '127.0.0.1');
  assert.equal(config.http.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(config.runWorkers, true);
  assert.equal(config.auth.accessTokenTtlSeconds, 900);
});

test('production refuses to start without its secrets, naming what is missing', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() }),
    (e: Error) => e instanceof ConfigError && /JWT_PRIVATE_KEY, SUPER_ADMIN_SECRET, ENCRYPTION_KEYS/.test(e.message),
  );
});

test('production refuses default-looking or malformed secrets', () => {
  for (const secret of [
    'changeme',
    'x'.repeat(40),
    'my-super-secret-password-for-production-use',
    'aaaaaaaaaabbbbbbbbbbccccccccccdd',
  ]) {
    assert.throws(() => loadConfig({ ...goodProd(), SUPER_ADMIN_SECRET: secret }), /SUPER_ADMIN_SECRET/, secret);
  }
  assert.throws(
    () => loadConfig({ ...goodProd(), ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}` }),
    /not random/,
  );
  assert.throws(
    () => loadConfig({ ...goodProd(), ENCRYPTION_KEYS: `k1:${randomBytes(16).toString('base64')}` }),
    /32 bytes/,
  );
  assert.throws(() => loadConfig({ ...goodProd(), JWT_PRIVATE_KEY: 'not a key' }), /JWT_PRIVATE_KEY/);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  assert.throws(() => loadConfig({ ...goodProd(), JWT_PRIVATE_KEY: rsa }), /Ed25519/);
});

test('production with good secrets starts, on 0.0.0.0, workers off when there is a DATABASE_URL', () => {
  const { config, generatedSuperAdminSecret } = loadConfig({ ...goodProd(), DATABASE_URL: 'postgres://u@db/x' });
  assert.equal(generatedSuperAdminSecret, null);
  assert.equal(config.http.host, '0.0.0.0');
  assert.equal(config.runWorkers, false);
  assert.equal(config.database.kind, 'postgres');
});

test('invalid values are reported clearly', () => {
  assert.throws(
    () => loadConfig({ DATA_DIR: tmp(), PORT: 'eighty' }),
    (e: Error) => e instanceof ConfigError && /PORT/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATA_DIR: tmp(), DATABASE_URL: 'mysql://x' }), /postgres/);
  assert.throws(() => loadConfig({ DATA_DIR: tmp(), AUTH_CACHE_TTL_MS: '5000' }), /AUTH_CACHE_TTL_MS/);
});

test('looksDefault catches typed-in secrets and accepts random ones', () => {
  assert.equal(looksDefault(randomBytes(32).toString('base64url')), false);
  assert.equal(looksDefault('short'), true);
  assert.equal(looksDefault('please-change-me-before-going-live-0123456789'), true);
});
