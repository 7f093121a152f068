// Engine invariants: how rows are fetched (by id, by the model's child index, by scan), the parse
// cache, multi-line positions, and rows never being mutated (fixture rows are frozen).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeSoql, type SoqlData, SoqlError } from './index.ts';
import { LruCache } from './lru-cache.ts';
import { fixtureData, ids, opts, schema } from './test-fixtures.ts';

function spy(data: SoqlData): { data: SoqlData; calls: string[] } {
  const calls: string[] = [];
  const wrapped: SoqlData = {
    scan: (o, d) => {
      calls.push(`scan ${o}`);
      return data.scan(o, d);
    },
    get: (i, d) => {
      calls.push('get');
      return data.get(i, d);
    },
  };
  if (data.children)
    wrapped.children = (c, f, p, d) => {
      calls.push(`children ${c}.${f}`);
      return (data.children as NonNullable<SoqlData['children']>)(c, f, p, d);
    };
  return { data: wrapped, calls };
}

describe('row access paths', () => {
  it('fetches rows pinned by Id = / Id IN through data.get, without scanning', () => {
    const { data, calls } = spy(fixtureData());
    const result = executeSoql(
      `SELECT Name FROM Account WHERE Id IN ('${ids.a1}', '${ids.a1.slice(0, 15)}', '${ids.c1}') AND Name != null`,
      schema,
      data,
      opts(),
    );
    assert.deepEqual(
      result.records.map((r) => r.Name),
      ['Acme'],
    );
    assert.deepEqual(calls, ['get', 'get']);
  });
  it('uses data.children for subqueries when the model provides it', () => {
    const { data, calls } = spy(fixtureData(true));
    executeSoql('SELECT Name, (SELECT Name FROM Contacts) FROM Account', schema, data, opts());
    assert.deepEqual(calls, [
      'scan Account',
      'children Contact.AccountId',
      'children Contact.AccountId',
      'children Contact.AccountId',
      'children Contact.AccountId',
    ]);
  });
  it('otherwise scans the child object once per query', () => {
    const { data, calls } = spy(fixtureData(false));
    executeSoql('SELECT Name, (SELECT Name FROM Contacts) FROM Account', schema, data, opts());
    assert.deepEqual(calls, ['scan Account', 'scan Contact']);
  });
  it('stops scanning once an unsorted LIMIT is satisfied', () => {
    let seen = 0;
    const base = fixtureData();
    const data: SoqlData = {
      ...base,
      scan: function* (o, d) {
        for (const row of base.scan(o, d)) {
          seen++;
          yield row;
        }
      },
    };
    assert.equal(executeSoql('SELECT Id FROM Account LIMIT 2', schema, data, opts()).totalSize, 2);
    assert.equal(seen, 2);
  });
});

describe('parse cache', () => {
  it('returns identical results for repeated and distinct texts, and caches errors', () => {
    const data = fixtureData();
    const q = "SELECT Name FROM Account WHERE Name LIKE 'a%' ORDER BY Name";
    assert.deepEqual(executeSoql(q, schema, data, opts()), executeSoql(q, schema, data, opts()));
    const bad = 'SELECT Id FROM Account WHERE';
    const first = (() => {
      try {
        executeSoql(bad, schema, data, opts());
      } catch (e) {
        return e;
      }
    })();
    const second = (() => {
      try {
        executeSoql(bad, schema, data, opts());
      } catch (e) {
        return e;
      }
    })();
    assert.ok(first instanceof SoqlError && second instanceof SoqlError);
    assert.equal(first.message, second.message);
  });
  it('plans against the current schema on every call', () => {
    const data = fixtureData();
    const q = 'SELECT Id, Secret__c FROM Account';
    assert.throws(() => executeSoql(q, schema, data, opts()), /No such column 'Secret__c'/);
    const extended = {
      getObject: (name: string) => {
        const o = schema.getObject(name);
        if (o?.name !== 'Account') return o;
        const secret = {
          ...(o.getField('Name') as NonNullable<ReturnType<typeof o.getField>>),
          name: 'Secret__c',
          custom: true,
        };
        return {
          ...o,
          name: o.name,
          keyPrefix: o.keyPrefix,
          queryable: o.queryable,
          getField: (n: string) => (n.toLowerCase() === 'secret__c' ? secret : o.getField(n)),
          fields: () => [...o.fields(), secret],
          getChildRelationship: (n: string) => o.getChildRelationship(n),
        };
      },
    };
    assert.equal(executeSoql(q, extended, data, opts()).totalSize, 4);
  });
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.size, 2);
  });
});

describe('positions in multi-line queries', () => {
  it('reports the row and column of the offending field', () => {
    assert.throws(
      () => executeSoql('SELECT Id,\n  Nmae\nFROM Account', schema, fixtureData(), opts()),
      (e: SoqlError) =>
        e.errorCode === 'INVALID_FIELD' &&
        e.message.startsWith('\n  Nmae\n  ^\nERROR at Row:2:Column:3\nNo such column'),
    );
  });
});
