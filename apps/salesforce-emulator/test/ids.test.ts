import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalId, checksum, IdGenerator, normalizeId } from '../src/ids/salesforce-id.ts';

describe('Salesforce ids', () => {
  it('computes the checksum suffix of documented ids', () => {
    // Ids from Salesforce's REST API documentation examples.
    assert.equal(checksum('001D000000IqhSL'), 'IAZ');
    assert.equal(checksum('001xx000003DGb2'), 'AAG');
    assert.equal(checksum('003RO0000016kOu'), 'YAI');
  });

  it('accepts 15- and 18-character ids whose checksum matches', () => {
    assert.equal(normalizeId('001D000000IqhSLIAZ'), '001D000000IqhSL');
    assert.equal(normalizeId('001D000000IqhSLiaz'), '001D000000IqhSL');
    assert.equal(canonicalId('001D000000IqhSL'), '001D000000IqhSLIAZ');
  });

  it('rejects malformed ids', () => {
    // The last is the malformed id of Salesforce's "Status Codes and Error Responses" example.
    for (const bad of [
      '',
      'abc',
      '001D000000IqhSLIA',
      '001D000000IqhSL!AZ',
      '001XXXXXXXXXXXXXXX',
      '-1',
      '001900K0001pPuOAAU',
    ]) {
      assert.equal(normalizeId(bad), undefined, bad);
    }
  });

  it('mints valid, unique, correctly prefixed ids', () => {
    const gen = new IdGenerator('5g');
    const a = gen.next('001');
    const b = gen.next('003');
    assert.match(a, /^0015g0[0-9A-Za-z]{12}$/);
    assert.equal(canonicalId(a), a);
    assert.ok(b.startsWith('0035g0'));
    assert.notEqual(a.slice(6, 15), b.slice(6, 15));
  });
});
