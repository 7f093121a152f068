import assert from 'node:assert/strict';
import { test } from 'node:test';

test('typescript runs natively', () => {
  const n: number = 1;
  assert.equal(n, 1);
});
