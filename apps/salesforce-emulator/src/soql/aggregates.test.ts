// COUNT(), aggregate functions, GROUP BY, aliases and exprN, HAVING, ORDER BY on aggregates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeSoql, SoqlError } from './index.ts';
import { fixtureData, ids, opts, schema } from './test-fixtures.ts';

const data = fixtureData();
const run = (soql: string) => executeSoql(soql, schema, data, opts());
const agg = (fields: Record<string, unknown>) => ({ attributes: { type: 'AggregateResult' }, ...fields });

function rejects(soql: string, errorCode: string, message: string | RegExp): void {
  assert.throws(
    () => run(soql),
    (err: unknown) => {
      assert.ok(err instanceof SoqlError);
      assert.equal(err.errorCode, errorCode);
      if (typeof message === 'string') assert.equal(err.message, message);
      else assert.match(err.message, message);
      return true;
    },
  );
}

describe('COUNT()', () => {
  it('reports the count as totalSize with no records', () => {
    assert.deepEqual(run('SELECT COUNT() FROM Contact'), { totalSize: 4, records: [] });
    assert.deepEqual(run("SELECT count() FROM Contact WHERE LeadSource = 'Web'"), { totalSize: 2, records: [] });
    assert.deepEqual(run('SELECT COUNT() FROM Contact LIMIT 3'), { totalSize: 3, records: [] });
    assert.deepEqual(run('SELECT COUNT() FROM Contact WHERE Account.Name = null'), { totalSize: 1, records: [] });
  });
  it('with GROUP BY counts the groups', () => {
    assert.deepEqual(run('SELECT COUNT() FROM Contact GROUP BY LeadSource'), { totalSize: 3, records: [] });
  });
  it('rejects ORDER BY and other select items', () => {
    rejects('SELECT COUNT() FROM Contact ORDER BY Name', 'MALFORMED_QUERY', /COUNT\(\) cannot be used with ORDER BY$/);
    rejects(
      'SELECT COUNT(), Name FROM Contact',
      'MALFORMED_QUERY',
      /COUNT\(\) must be the only element in the SELECT list$/,
    );
  });
});

describe('aggregate functions without GROUP BY', () => {
  it('return one AggregateResult row with implied exprN aliases', () => {
    assert.deepEqual(run('SELECT COUNT(Id), COUNT(Email), COUNT_DISTINCT(LeadSource) FROM Contact'), {
      totalSize: 1,
      records: [agg({ expr0: 4, expr1: 3, expr2: 2 })],
    });
    assert.deepEqual(
      run('SELECT SUM(Amount), AVG(Amount) average, MIN(Amount), MAX(Amount) FROM Opportunity').records,
      [agg({ expr0: 225000, average: 75000, expr1: 50000, expr2: 100000 })],
    );
  });
  it('MIN and MAX keep dates, datetimes and text as stored', () => {
    assert.deepEqual(run('SELECT MIN(CloseDate), MAX(CloseDate) FROM Opportunity').records, [
      agg({ expr0: '2024-05-01', expr1: '2024-08-01' }),
    ]);
    assert.deepEqual(run('SELECT MAX(CreatedDate), MIN(Name), MAX(Name) FROM Account').records, [
      agg({ expr0: '2024-06-15T08:30:00.000+0000', expr1: 'Acme', expr2: 'Initech' }),
    ]);
  });
  it('return one row of zero counts and null sums when nothing matches', () => {
    assert.deepEqual(run("SELECT COUNT(Id), SUM(Amount), MAX(Name) FROM Opportunity WHERE Name = 'none'").records, [
      agg({ expr0: 0, expr1: null, expr2: null }),
    ]);
  });
  it('reject LIMIT without GROUP BY', () => {
    rejects(
      'SELECT MAX(CreatedDate) FROM Account LIMIT 1',
      'MALFORMED_QUERY',
      /LIMIT is not supported with aggregate functions/,
    );
  });
});

describe('GROUP BY', () => {
  it('groups with aliases, exprN and picklist order', () => {
    assert.deepEqual(
      run('SELECT StageName, COUNT(Id) cnt, SUM(Amount) FROM Opportunity GROUP BY StageName ORDER BY StageName')
        .records,
      [
        agg({ StageName: 'Prospecting', cnt: 2, expr0: 50000 }),
        agg({ StageName: 'Closed Won', cnt: 1, expr0: 100000 }),
        agg({ StageName: 'Closed Lost', cnt: 1, expr0: 75000 }),
      ],
    );
  });
  it('keys a grouped relationship field by its field name, with null for empty lookups', () => {
    assert.deepEqual(
      run('SELECT Account.Name, COUNT(Id) FROM Contact GROUP BY Account.Name ORDER BY Account.Name').records,
      [agg({ Name: null, expr0: 1 }), agg({ Name: 'Acme', expr0: 2 }), agg({ Name: 'Globex', expr0: 1 })],
    );
  });
  it('groups by several fields and aliases grouped fields', () => {
    assert.deepEqual(
      run(
        'SELECT LeadSource src, OwnerId, COUNT(Id) n FROM Contact GROUP BY LeadSource, OwnerId ORDER BY LeadSource, OwnerId',
      ).records,
      [
        agg({ src: null, OwnerId: ids.u1, n: 1 }),
        agg({ src: 'Web', OwnerId: ids.u1, n: 1 }),
        agg({ src: 'Web', OwnerId: ids.u2, n: 1 }),
        agg({ src: 'Phone Inquiry', OwnerId: ids.u1, n: 1 }),
      ],
    );
  });
  it('groups by date functions', () => {
    assert.deepEqual(
      run(
        'SELECT CALENDAR_YEAR(CreatedDate), COUNT(Id) FROM Account GROUP BY CALENDAR_YEAR(CreatedDate) ORDER BY CALENDAR_YEAR(CreatedDate)',
      ).records,
      [agg({ expr0: 2023, expr1: 1 }), agg({ expr0: 2024, expr1: 3 })],
    );
  });
  it('filters groups with HAVING on aggregates and grouped fields', () => {
    assert.deepEqual(run('SELECT AccountId, COUNT(Id) FROM Contact GROUP BY AccountId HAVING COUNT(Id) > 1').records, [
      agg({ AccountId: ids.a1, expr0: 2 }),
    ]);
    assert.deepEqual(
      run("SELECT LeadSource, COUNT(Id) FROM Contact GROUP BY LeadSource HAVING LeadSource = 'Web' OR COUNT(Id) > 5")
        .records,
      [agg({ LeadSource: 'Web', expr0: 2 })],
    );
    assert.deepEqual(run('SELECT Industry FROM Account GROUP BY Industry HAVING SUM(AnnualRevenue) > 600000').records, [
      agg({ Industry: 'Technology' }),
    ]);
  });
  it('orders by aggregates, then applies OFFSET and LIMIT', () => {
    assert.deepEqual(
      run('SELECT LeadSource, COUNT(Id) c FROM Contact GROUP BY LeadSource ORDER BY COUNT(Id) DESC, LeadSource')
        .records,
      [agg({ LeadSource: 'Web', c: 2 }), agg({ LeadSource: null, c: 1 }), agg({ LeadSource: 'Phone Inquiry', c: 1 })],
    );
    assert.deepEqual(
      run(
        'SELECT LeadSource, COUNT(Id) c FROM Contact GROUP BY LeadSource ORDER BY COUNT(Id) DESC, LeadSource LIMIT 1 ' +
          'OFFSET 1',
      ).records,
      [agg({ LeadSource: null, c: 1 })],
    );
  });
});

describe('aggregate errors', () => {
  it('a selected field must be grouped or aggregated', () => {
    rejects(
      'SELECT Name, COUNT(Id) FROM Account',
      'MALFORMED_QUERY',
      '\nSELECT Name, COUNT(Id) FROM Account\n       ^\nERROR at Row:1:Column:8\nField must be grouped or ' +
        'aggregated: Name',
    );
    rejects(
      'SELECT Industry, Name FROM Account GROUP BY Industry',
      'MALFORMED_QUERY',
      /Field must be grouped or aggregated: Name$/,
    );
    rejects(
      'SELECT FIELDS(STANDARD), COUNT(Id) FROM Account GROUP BY Id',
      'MALFORMED_QUERY',
      /Field must be grouped or aggregated/,
    );
  });
  it('a function must support the field type, pointing at the field', () => {
    rejects(
      'SELECT SUM(Name) FROM Account',
      'MALFORMED_QUERY',
      '\nSELECT SUM(Name) FROM Account\n           ^\nERROR at Row:1:Column:12\nfield Name does not support ' +
        'aggregate operator SUM',
    );
    rejects(
      'SELECT COUNT(IsManufacturer__c) FROM Account',
      'MALFORMED_QUERY',
      /field IsManufacturer__c does not support aggregate operator COUNT$/,
    );
    rejects(
      'SELECT AVG(CloseDate) FROM Opportunity',
      'MALFORMED_QUERY',
      /field CloseDate does not support aggregate operator AVG$/,
    );
  });
  it('rejects duplicate aliases and grouped fields outside ROLLUP()', () => {
    rejects('SELECT COUNT(Id) x, SUM(Amount) x FROM Opportunity', 'MALFORMED_QUERY', /duplicate alias: x$/);
    rejects(
      'SELECT Type, Rating, COUNT(Id) FROM Account GROUP BY ROLLUP(Type), Rating',
      'MALFORMED_QUERY',
      /unexpected token: ','$/,
    );
    rejects(
      'SELECT Type, Rating, COUNT(Id) FROM Account GROUP BY Rating, ROLLUP(Type)',
      'MALFORMED_QUERY',
      /unexpected token: 'ROLLUP'$/,
    );
  });
});

describe('GROUP BY ROLLUP and CUBE', () => {
  it('ROLLUP adds subtotal rows and a grand total; GROUPING() flags them', () => {
    assert.deepEqual(
      run('SELECT LeadSource, COUNT(Id) cnt, GROUPING(LeadSource) grp FROM Contact GROUP BY ROLLUP(LeadSource)')
        .records,
      [
        agg({ LeadSource: 'Web', cnt: 2, grp: 0 }),
        agg({ LeadSource: 'Phone Inquiry', cnt: 1, grp: 0 }),
        agg({ LeadSource: null, cnt: 1, grp: 0 }),
        agg({ LeadSource: null, cnt: 4, grp: 1 }),
      ],
    );
  });
  it('ROLLUP over two fields subtotals right to left', () => {
    const rows = run(
      'SELECT StageName, IsClosed, COUNT(Id) n, GROUPING(StageName) gs, GROUPING(IsClosed) gc FROM Opportunity GROUP ' +
        'BY ROLLUP(StageName, IsClosed) ORDER BY GROUPING(StageName), GROUPING(IsClosed), StageName',
    ).records;
    assert.deepEqual(rows, [
      agg({ StageName: 'Prospecting', IsClosed: false, n: 2, gs: 0, gc: 0 }),
      agg({ StageName: 'Closed Won', IsClosed: true, n: 1, gs: 0, gc: 0 }),
      agg({ StageName: 'Closed Lost', IsClosed: true, n: 1, gs: 0, gc: 0 }),
      agg({ StageName: 'Prospecting', IsClosed: null, n: 2, gs: 0, gc: 1 }),
      agg({ StageName: 'Closed Won', IsClosed: null, n: 1, gs: 0, gc: 1 }),
      agg({ StageName: 'Closed Lost', IsClosed: null, n: 1, gs: 0, gc: 1 }),
      agg({ StageName: null, IsClosed: null, n: 4, gs: 1, gc: 1 }),
    ]);
  });
  it('CUBE subtotals every combination', () => {
    const rows = run(
      'SELECT IsClosed, IsWon, COUNT(Id) n FROM Opportunity GROUP BY CUBE(IsClosed, IsWon) HAVING GROUPING(IsClosed) ' +
        '= 1',
    ).records;
    assert.deepEqual(rows, [
      agg({ IsClosed: null, IsWon: true, n: 1 }),
      agg({ IsClosed: null, IsWon: false, n: 3 }),
      agg({ IsClosed: null, IsWon: null, n: 4 }),
    ]);
    assert.equal(
      run('SELECT IsClosed, IsWon, COUNT(Id) n FROM Opportunity GROUP BY CUBE(IsClosed, IsWon)').totalSize,
      3 + 2 + 2 + 1,
    );
  });
});
