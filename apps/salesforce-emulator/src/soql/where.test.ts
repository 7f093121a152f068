// WHERE semantics: operators per field type, nulls, LIKE, IN/NOT IN, semi- and anti-joins,
// INCLUDES/EXCLUDES, logic and parentheses, escapes, ids.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeSoql, type SoqlError } from './index.ts';
import { fixtureData, ids, opts, schema } from './test-fixtures.ts';

const data = fixtureData();
const names = (soql: string, extra = {}): unknown[] =>
  executeSoql(soql, schema, data, opts(extra))
    .records.map((r) => r.Name)
    .sort((a, b) => String(a).localeCompare(String(b)));

describe('comparison operators', () => {
  it('compares text case-insensitively', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name = 'ACME'"), ['Acme']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name != 'acme'"), ['acme labs', 'Globex', 'Initech']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name > 'b' AND Name < 'H'"), ['Globex']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name <= 'acme labs'"), ['Acme', 'acme labs']);
  });
  it('compares numbers, currency and percents', () => {
    assert.deepEqual(names('SELECT Name FROM Account WHERE NumberOfEmployees >= 50'), ['Acme', 'Globex']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE AnnualRevenue < 600000.5'), ['acme labs', 'Globex']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE AnnualRevenue = 1000000'), ['Acme']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE Probability != 10'), ['Acme Deal', 'Globex Deal']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE TotalOpportunityQuantity > 2.4'), [
      'Acme Deal',
      'Globex Deal',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE NumberOfEmployees > -1 AND NumberOfEmployees < +60'), [
      'Globex',
      'Initech',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE AnnualRevenue > USD600000'), ['Acme']);
  });
  it('compares booleans, treating an empty checkbox as false', () => {
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsManufacturer__c = TRUE'), ['Acme']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsManufacturer__c != true'), [
      'acme labs',
      'Globex',
      'Initech',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsManufacturer__c = null'), [
      'acme labs',
      'Globex',
      'Initech',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsManufacturer__c != null'), ['Acme']);
  });
  it('compares dates and datetimes with literal values and time zone offsets', () => {
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate = 2024-06-30'), ['Acme Deal']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate > 2024-06-30'), [
      'Acme Upsell',
      'No Account Deal',
    ]);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate <= 2024-06-30'), ['Acme Deal', 'Globex Deal']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = 2024-03-01T00:00:00Z'), ['Globex']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = 2024-03-01T01:00:00+01:00'), ['Globex']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate >= 2024-03-01T00:00:00.000+0000'), [
      'acme labs',
      'Globex',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate < 2024-01-01T00:00:00Z'), ['Initech']);
  });
});

describe('null comparisons', () => {
  it('= null and != null', () => {
    assert.deepEqual(names('SELECT Name FROM Account WHERE Industry = null'), ['Initech']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE Industry != null'), ['Acme', 'acme labs', 'Globex']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE BillingCity = ''"), ['Initech']);
  });
  it('!= and NOT IN match empty values; ordering operators never do', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry != 'Energy'"), ['Acme', 'acme labs', 'Initech']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry NOT IN ('Energy')"), [
      'Acme',
      'acme labs',
      'Initech',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE AnnualRevenue < 1000000000'), [
      'Acme',
      'acme labs',
      'Globex',
    ]);
  });
  it('a parent field on an empty lookup is null (outer join)', () => {
    assert.deepEqual(names('SELECT Name FROM Contact WHERE Account.Name = null'), ['Orphan']);
    assert.deepEqual(names("SELECT Name FROM Contact WHERE LastName = 'Orphan' OR Account.Name = 'Globex'"), [
      'Mary Major',
      'Orphan',
    ]);
  });
});

describe('LIKE', () => {
  it('matches % and _ wildcards case-insensitively against the whole value', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name LIKE 'acme%'"), ['Acme', 'acme labs']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name LIKE '%LAB%'"), ['acme labs']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name LIKE 'Glo_ex'"), ['Globex']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name LIKE 'Glo'"), []);
    assert.deepEqual(names("SELECT Name FROM Account WHERE NOT Name LIKE 'a%'"), ['Globex', 'Initech']);
  });
  it('treats escaped \\% and \\_ literally and regex characters as text', () => {
    const local = fixtureData(false, {
      Account: [
        { Id: ids.a1, Name: '50% off', IsDeleted: false },
        { Id: ids.a2, Name: '50 off', IsDeleted: false },
        { Id: ids.a3, Name: 'a_b (x)', IsDeleted: false },
        { Id: ids.a4, Name: 'axb (x)', IsDeleted: false },
      ],
    });
    const n = (soql: string) => executeSoql(soql, schema, local, opts()).records.map((r) => r.Name);
    assert.deepEqual(n("SELECT Name FROM Account WHERE Name LIKE '50\\%%'"), ['50% off']);
    assert.deepEqual(n("SELECT Name FROM Account WHERE Name LIKE 'a\\_b%'"), ['a_b (x)']);
    assert.deepEqual(n("SELECT Name FROM Account WHERE Name LIKE '%(x)'"), ['a_b (x)', 'axb (x)']);
  });
});

describe('string escapes', () => {
  it("decodes \\' \\\\ \\n \\t and \\u escapes in literals", () => {
    const local = fixtureData(false, {
      Account: [
        { Id: ids.a1, Name: "Bob's BBQ", IsDeleted: false },
        { Id: ids.a2, Name: 'back\\slash', IsDeleted: false },
        { Id: ids.a3, Name: 'line\nbreak\tTab', IsDeleted: false },
        { Id: ids.a4, Name: 'café', IsDeleted: false },
      ],
    });
    const n = (soql: string) => executeSoql(soql, schema, local, opts()).records.map((r) => r.Name);
    assert.deepEqual(n("SELECT Name FROM Account WHERE Name = 'Bob\\'s BBQ'"), ["Bob's BBQ"]);
    assert.deepEqual(n("SELECT Name FROM Account WHERE Name = 'back\\\\slash'"), ['back\\slash']);
    assert.deepEqual(n("SELECT Name FROM Account WHERE Name = 'line\\nbreak\\tTab'"), ['line\nbreak\tTab']);
    assert.deepEqual(n("SELECT Name FROM Account WHERE Name = 'caf\\u00e9'"), ['café']);
  });
});

describe('IN, NOT IN, INCLUDES, EXCLUDES', () => {
  it('IN and NOT IN with literal lists', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry IN ('technology', 'Banking')"), [
      'Acme',
      'acme labs',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE NumberOfEmployees IN (10, 50)'), ['Globex', 'Initech']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE NumberOfEmployees NOT IN (10, 50)'), ['Acme', 'acme labs']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate IN (2024-06-30, 2024-05-01)'), [
      'Acme Deal',
      'Globex Deal',
    ]);
  });
  it("INCLUDES matches any listed value; ';' requires all of a group; EXCLUDES negates", () => {
    assert.deepEqual(names("SELECT Name FROM Custom__c WHERE Tags__c INCLUDES ('red')"), ['X1']);
    assert.deepEqual(names("SELECT Name FROM Custom__c WHERE Tags__c INCLUDES ('Blue;Red', 'Green')"), ['X1', 'X2']);
    assert.deepEqual(names("SELECT Name FROM Custom__c WHERE Tags__c INCLUDES ('Red;Green')"), []);
    assert.deepEqual(names("SELECT Name FROM Custom__c WHERE Tags__c EXCLUDES ('Red')"), ['X2', 'X3']);
    assert.deepEqual(names("SELECT Name FROM Custom__c WHERE Tags__c = 'blue;red'"), ['X1']);
  });
  it('INCLUDES on a field that is not a multi-select picklist, and LIKE on a number, are rejected', () => {
    assert.throws(
      () => names("SELECT Name FROM Account WHERE Industry INCLUDES ('Energy')"),
      (e: SoqlError) =>
        e.errorCode === 'INVALID_QUERY_FILTER_OPERATOR' &&
        e.message.endsWith('\nincludes or excludes operator only valid on multipicklist field'),
    );
    assert.throws(
      () => names("SELECT Name FROM Account WHERE NumberOfEmployees LIKE '1%'"),
      (e: SoqlError) =>
        e.errorCode === 'INVALID_QUERY_FILTER_OPERATOR' && e.message.endsWith('\ninvalid operator on int field'),
    );
  });
});

describe('semi-joins and anti-joins', () => {
  it('Id IN (SELECT lookup FROM child …)', () => {
    assert.deepEqual(
      names("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LeadSource = 'Web')"),
      ['Acme', 'Globex'],
    );
    assert.deepEqual(names('SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Opportunity)'), [
      'acme labs',
      'Initech',
    ]);
  });
  it('lookup IN (SELECT Id FROM parent …) and two semi-joins together', () => {
    assert.deepEqual(
      names("SELECT Name FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy')"),
      ['Mary Major'],
    );
    assert.deepEqual(
      names(
        'SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Id IN (SELECT AccountId FROM ' +
          'Opportunity WHERE IsClosed = false)',
      ),
      ['Acme'],
    );
  });
  it('allows semi-joins only at the top level of WHERE', () => {
    for (const soql of [
      "SELECT Name FROM Account WHERE Name = 'Acme' OR Id IN (SELECT AccountId FROM Contact)",
      'SELECT Name FROM Account WHERE NOT Id IN (SELECT AccountId FROM Contact)',
      "SELECT Name FROM Account WHERE Name = 'x' AND (Phone = null OR Id IN (SELECT AccountId FROM Contact))",
    ]) {
      assert.throws(
        () => names(soql),
        (e: SoqlError) =>
          e.errorCode === 'MALFORMED_QUERY' &&
          e.message.endsWith(
            'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.',
          ),
        soql,
      );
    }
  });
  it('rejects a semi-join on a non-id field or selecting a non-id field', () => {
    assert.throws(
      () => names('SELECT Name FROM Account WHERE Name IN (SELECT Name FROM Contact)'),
      (e: SoqlError) => e.errorCode === 'MALFORMED_QUERY',
    );
    assert.throws(
      () => names('SELECT Name FROM Account WHERE Id IN (SELECT Name FROM Contact)'),
      (e: SoqlError) => e.errorCode === 'MALFORMED_QUERY',
    );
  });
});

describe('logic', () => {
  it('AND, OR, NOT and parentheses', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry = 'Technology' AND NumberOfEmployees > 10"), [
      'Acme',
    ]);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry = 'Energy' OR Industry = null OR Name = 'Acme'"), [
      'Acme',
      'Globex',
      'Initech',
    ]);
    assert.deepEqual(
      names("SELECT Name FROM Account WHERE (Industry = 'Technology' AND Rating = 'Hot') OR NumberOfEmployees = 10"),
      ['Acme', 'Initech'],
    );
    assert.deepEqual(
      names("SELECT Name FROM Account WHERE Industry = 'Technology' AND (Rating = 'Hot' OR NumberOfEmployees = null)"),
      ['Acme', 'acme labs'],
    );
    assert.deepEqual(names("SELECT Name FROM Account WHERE NOT (Industry = 'Technology' OR Industry = null)"), [
      'Globex',
    ]);
    assert.deepEqual(names("SELECT Name FROM Account WHERE (NOT Industry = 'Technology') AND Name != 'Initech'"), [
      'Globex',
    ]);
    assert.deepEqual(names("SELECT Name FROM Account WHERE ((Name = 'Acme'))"), ['Acme']);
  });
});

describe('ids', () => {
  it('matches 15- and 18-character ids, case-insensitively in the checksum only', () => {
    const id15 = ids.a1.slice(0, 15);
    assert.deepEqual(names(`SELECT Name FROM Account WHERE Id = '${id15}'`), ['Acme']);
    assert.deepEqual(names(`SELECT Name FROM Account WHERE Id = '${id15}aaa'`), ['Acme']);
    assert.deepEqual(
      names(`SELECT Name FROM Contact WHERE AccountId IN ('${id15}', '${ids.a2}') AND LastName != 'Smith'`),
      ['Jane Doe', 'Mary Major'],
    );
    assert.deepEqual(names(`SELECT Name FROM Custom__c WHERE Id = '${ids.x1.slice(0, 15)}'`), ['X1']);
    assert.deepEqual(names(`SELECT Name FROM Custom__c WHERE Id = '${ids.x1.toLowerCase()}'`), []);
  });
  it('orders ids for "Id > …" paging and does not return other objects\' records', () => {
    assert.deepEqual(names(`SELECT Name FROM Account WHERE Id > '${ids.a2}'`), ['acme labs', 'Initech']);
    assert.deepEqual(names(`SELECT Name FROM Account WHERE Id = '${ids.c1}'`), []);
    assert.deepEqual(names(`SELECT Name FROM Account WHERE Id = '${ids.a5}'`), []);
    assert.deepEqual(names(`SELECT Name FROM Account WHERE Id = '${ids.a5}'`, { includeDeleted: true }), ['Old Co']);
  });
  it('filters on polymorphic Type', () => {
    const subjects = (soql: string) => executeSoql(soql, schema, data, opts()).records.map((r) => r.Subject);
    assert.deepEqual(subjects("SELECT Subject FROM Task WHERE Who.Type = 'Lead'"), ['Email']);
    assert.deepEqual(subjects("SELECT Subject FROM Task WHERE What.Type IN ('Opportunity', 'Account')"), ['Call']);
    assert.deepEqual(subjects("SELECT Subject FROM Case WHERE Owner.Type = 'Queue'"), []);
    assert.deepEqual(subjects("SELECT Subject FROM Case WHERE Owner.Type = 'Group'"), ['Broken']);
  });
});
