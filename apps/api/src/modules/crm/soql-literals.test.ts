import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeSoqlString, literal, quoted } from './soql-literals.ts';

test("string escapes follow Salesforce's quoted string escape sequences", () => {
  assert.equal(quoted("O'Brien"), "'O\\'Brien'");
  assert.equal(escapeSoqlString('a\\b'), 'a\\\\b');
  assert.equal(escapeSoqlString('"q"'), '\\"q\\"');
  assert.equal(escapeSoqlString('l1\nl2\r\t\b\f'), 'l1\\nl2\\r\\t\\b\\f');
  assert.equal(escapeSoqlString('nul\u0000 sep\u2028'), 'nul\\u0000 sep\\u2028');
  assert.equal(escapeSoqlString('Zoë 日本 ✓'), 'Zoë 日本 ✓');
  assert.equal(escapeSoqlString("\\'"), "\\\\\\'", 'a backslash before a quote cannot unescape it');
  assert.equal(escapeSoqlString('100% _x'), '100% _x');
  assert.equal(escapeSoqlString('100% _x', true), '100\\% \\_x');
});

test('typed literals: numbers, booleans, dates, datetimes and null; anything else is refused', () => {
  assert.equal(literal(42, null, 'F'), '42');
  assert.equal(literal(-1.25, 'number', 'F'), '-1.25');
  assert.equal(literal('17', 'number', 'F'), '17');
  assert.equal(literal(1e21, 'number', 'F'), '1000000000000000000000');
  assert.equal(literal(true, null, 'F'), 'TRUE');
  assert.equal(literal(null, 'date', 'F'), 'null');
  assert.equal(literal('2024-02-29', 'date', 'F'), '2024-02-29');
  assert.equal(literal('2024-02-29T10:00:00.000Z', 'datetime', 'F'), '2024-02-29T10:00:00.000Z');
  assert.equal(literal('2024-02-29T10:00:00+05:30', 'datetime', 'F'), '2024-02-29T10:00:00+05:30');
  assert.equal(literal(5, 'string', 'F'), "'5'");
  for (const [v, type] of [
    ['1 OR 1=1', 'number'],
    ['1e3', 'number'],
    [Number.NaN, 'number'],
    [true, 'number'],
    ['yes', 'boolean'],
    ['2024-13-01', 'date'],
    ["2024-01-01' OR ''='", 'date'],
    ['2024-01-01', 'datetime'],
    ['TODAY', 'date'],
  ] as const)
    assert.throws(() => literal(v, type, 'F'), /is not a/, `${String(v)} as ${type}`);
});
