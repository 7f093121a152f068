import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EnvSchema } from './config.schema.ts';

test('the README documents every environment variable the API reads', () => {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const missing = Object.keys(EnvSchema.shape).filter((name) => !readme.includes(`\`${name}\``));
  assert.deepEqual(missing, []);
});
