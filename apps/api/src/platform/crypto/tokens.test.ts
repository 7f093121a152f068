import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '../ids.ts';
import { TtlCache } from '../ttl-cache.ts';
import { newToken, secretsEqual, sha256Hex } from './tokens.ts';

test('tokens carry their prefix and 256 random bits', () => {
  const a = newToken('sfx_');
  const b = newToken('sfx_');
  assert.match(a, /^sfx_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, b);
  assert.equal(Buffer.from(a.slice(4), 'base64url').length, 32);
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('secretsEqual compares any lengths without throwing', () => {
  assert.equal(secretsEqual('same', 'same'), true);
  assert.equal(secretsEqual('same', 'different-length'), false);
  assert.equal(secretsEqual('', 'x'), false);
});

test('ids are RFC 9562 UUIDv7, time-ordered', () => {
  const ids = [newId(1_000), newId(2_000), newId(3_000)];
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual([...ids].sort(), ids);
});

test('TtlCache expires entries and stays within its bound', () => {
  const c = new TtlCache<number>(2);
  c.set('a', 1, 100);
  assert.equal(c.get('a', 50), 1);
  assert.equal(c.get('a', 100), undefined);
  c.set('x', 1, 1000);
  c.set('y', 2, 1000);
  c.set('z', 3, 1000);
  assert.equal(c.get('x', 0), undefined);
  assert.equal(c.get('z', 0), 3);
});
