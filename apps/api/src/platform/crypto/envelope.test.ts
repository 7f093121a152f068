import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { decryptValue, encryptValue, KeyRing, newDataKey } from './envelope.ts';

const k = (kid: string) => ({ kid, key: randomBytes(32) });

test('a value decrypts only with its data key and its associated data', () => {
  const dek = newDataKey();
  const sealed = encryptValue(dek, 'dek-1', '00Dxx!secret-token', 'org:a|connection:c|access_token');
  assert.match(sealed, /^v1\.dek-1\./);
  assert.ok(!sealed.includes('secret-token'));
  assert.equal(decryptValue(dek, sealed, 'org:a|connection:c|access_token'), '00Dxx!secret-token');
  assert.throws(() => decryptValue(dek, sealed, 'org:b|connection:c|access_token'));
  assert.throws(() => decryptValue(dek, sealed, 'org:a|connection:c|refresh_token'));
  assert.throws(() => decryptValue(newDataKey(), sealed, 'org:a|connection:c|access_token'));
  const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
  assert.throws(() => decryptValue(dek, tampered, 'org:a|connection:c|access_token'));
});

test('data keys are wrapped per org; after rotation the old root key still unwraps', () => {
  const old = k('old');
  const ring1 = new KeyRing([old]);
  const dek = newDataKey();
  const w = ring1.wrapDataKey(dek, 'org-a');
  assert.equal(w.rootKid, 'old');
  assert.throws(() => ring1.unwrapDataKey(w.rootKid, w.wrapped, 'org-b'));
  const ring2 = new KeyRing([k('new'), old]);
  assert.deepEqual(ring2.unwrapDataKey(w.rootKid, w.wrapped, 'org-a'), dek);
  const rewrapped = ring2.wrapDataKey(dek, 'org-a');
  assert.equal(rewrapped.rootKid, 'new');
  assert.deepEqual(ring2.unwrapDataKey('new', rewrapped.wrapped, 'org-a'), dek);
  assert.throws(() => new KeyRing([k('only-new')]).unwrapDataKey('old', w.wrapped, 'org-a'), /not configured/);
});
