// Record shapes: attributes, SELECT order, nested parents (null when empty), polymorphic parents,
// child subqueries, canonical names, queryAll, FIELDS(), LIMIT/OFFSET.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeSoql, type SoqlError } from './index.ts';
import { fixtureData, ids, opts, schema } from './test-fixtures.ts';

const data = fixtureData();
const run = (soql: string, extra = {}) => executeSoql(soql, schema, data, opts(extra));
const url = (type: string, id: string, v = '62.0') => `/services/data/v${v}/sobjects/${type}/${id}`;
const attrs = (type: string, id: string, object = type) => ({ type, url: url(object, id) });

describe('plain fields', () => {
  it('renders attributes then fields in SELECT order, with canonical names', () => {
    const result = run(`select NAME, id, billingcity from ACCOUNT where id = '${ids.a1}'`);
    assert.deepEqual(result, {
      totalSize: 1,
      records: [{ attributes: attrs('Account', ids.a1), Name: 'Acme', Id: ids.a1, BillingCity: 'San Francisco' }],
    });
    assert.deepEqual(Object.keys(result.records[0] as object), ['attributes', 'Name', 'Id', 'BillingCity']);
  });
  it('renders empty values as null and keeps stored JSON representations', () => {
    const [r] = run(
      `SELECT BillingCity, AnnualRevenue, CreatedDate, LastActivityDate, IsManufacturer__c, ` +
        `TransmissionSystemOperator__c FROM Account WHERE Id = '${ids.a3}'`,
    ).records;
    assert.deepEqual(r, {
      attributes: attrs('Account', ids.a3),
      BillingCity: null,
      AnnualRevenue: null,
      CreatedDate: '2023-12-31T23:59:59.000+0000',
      LastActivityDate: null,
      IsManufacturer__c: false,
      TransmissionSystemOperator__c: null,
    });
  });
  it('uses the tooling URL base and the requested API version', () => {
    const [r] = executeSoql(
      `SELECT Id FROM Account WHERE Id = '${ids.a1}'`,
      schema,
      data,
      opts({ urlBase: 'tooling', apiVersion: '58.0' }),
    ).records;
    assert.deepEqual(r, {
      attributes: { type: 'Account', url: `/services/data/v58.0/tooling/sobjects/Account/${ids.a1}` },
      Id: ids.a1,
    });
  });
  it('accepts the object name or alias as a field qualifier', () => {
    const a = run(`SELECT Account.Name, a.BillingCity FROM Account a WHERE a.Id = '${ids.a2}'`).records[0];
    assert.deepEqual(a, { attributes: attrs('Account', ids.a2), Name: 'Globex', BillingCity: 'Springfield' });
  });
  it('excludes deleted rows unless includeDeleted (queryAll)', () => {
    assert.equal(run('SELECT Id FROM Account').totalSize, 4);
    const all = run('SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true', { includeDeleted: true });
    assert.deepEqual(all.records, [{ attributes: attrs('Account', ids.a5), Name: 'Old Co', IsDeleted: true }]);
  });
});

describe('parent relationships', () => {
  it('nests parent fields under the relationship name, merging fields and levels', () => {
    const [r] = run(
      `SELECT Id, Account.Name, Name, Account.Owner.Name, Account.Industry FROM Contact WHERE Id = '${ids.c1}'`,
    ).records;
    assert.deepEqual(r, {
      attributes: attrs('Contact', ids.c1),
      Id: ids.c1,
      Account: {
        attributes: attrs('Account', ids.a1),
        Name: 'Acme',
        Owner: { attributes: attrs('User', ids.u1), Name: 'Alice Admin' },
        Industry: 'Technology',
      },
      Name: 'Jane Doe',
    });
  });
  it('renders an empty lookup as null, and an empty second hop as null inside the parent', () => {
    const orphan = run(`SELECT Name, Account.Name, Account.Owner.Name FROM Contact WHERE Id = '${ids.c4}'`).records[0];
    assert.deepEqual(orphan, { attributes: attrs('Contact', ids.c4), Name: 'Orphan', Account: null });
    const noParent = run(`SELECT Parent.Name, Parent.Parent.Name FROM Account WHERE Id = '${ids.a2}'`).records[0];
    assert.deepEqual(noParent, {
      attributes: attrs('Account', ids.a2),
      Parent: { attributes: attrs('Account', ids.a1), Name: 'Acme', Parent: null },
    });
  });
  it('resolves custom relationships with __r', () => {
    const [r] = run(`SELECT Name, Account__r.Name FROM Custom__c WHERE Id = '${ids.x2}'`).records;
    assert.deepEqual(r, {
      attributes: attrs('Custom__c', ids.x2),
      Name: 'X2',
      Account__r: { attributes: attrs('Account', ids.a2), Name: 'Globex' },
    });
  });
  it('renders polymorphic parents with type "Name" and resolves Type to the record\'s object', () => {
    const result = run('SELECT Subject, Owner.Name, Owner.Type, Who.Name, What.Name FROM Task ORDER BY Subject');
    assert.deepEqual(result.records, [
      {
        attributes: attrs('Task', ids.t1),
        Subject: 'Call',
        Owner: { attributes: attrs('Name', ids.u1, 'User'), Name: 'Alice Admin', Type: 'User' },
        Who: { attributes: attrs('Name', ids.c1, 'Contact'), Name: 'Jane Doe' },
        What: { attributes: attrs('Name', ids.o1, 'Opportunity'), Name: 'Acme Deal' },
      },
      {
        attributes: attrs('Task', ids.t2),
        Subject: 'Email',
        Owner: { attributes: attrs('Name', ids.g1, 'Group'), Name: 'Support Queue', Type: 'Group' },
        Who: { attributes: attrs('Name', ids.l1, 'Lead'), Name: 'Lee One' },
        What: null,
      },
    ]);
  });
});

describe('child subqueries', () => {
  for (const withChildren of [false, true]) {
    it(`returns {totalSize, done, records} per parent and null without children (children index: ${withChildren})`, () => {
      const source = fixtureData(withChildren);
      const result = executeSoql(
        "SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'Smith' ORDER BY LastName DESC LIMIT 5) FROM " +
          "Account WHERE Name LIKE 'acme%' ORDER BY Name",
        schema,
        source,
        opts(),
      );
      assert.deepEqual(result, {
        totalSize: 2,
        records: [
          {
            attributes: attrs('Account', ids.a1),
            Name: 'Acme',
            Contacts: {
              totalSize: 1,
              done: true,
              records: [{ attributes: attrs('Contact', ids.c1), LastName: 'Doe' }],
            },
          },
          { attributes: attrs('Account', ids.a4), Name: 'acme labs', Contacts: null },
        ],
      });
    });
  }
  it('supports several subqueries, parent fields inside them, ordering and limits', () => {
    const [r] = run(
      `SELECT Id, (SELECT Name, Owner.Alias FROM Opportunities ORDER BY Amount DESC LIMIT 1), (SELECT Name FROM ` +
        `ChildAccounts ORDER BY Name), (SELECT Name FROM Customs__r) FROM Account WHERE Id = '${ids.a1}'`,
    ).records;
    assert.deepEqual(r, {
      attributes: attrs('Account', ids.a1),
      Id: ids.a1,
      Opportunities: {
        totalSize: 1,
        done: true,
        records: [
          {
            attributes: attrs('Opportunity', ids.o1),
            Name: 'Acme Deal',
            Owner: { attributes: attrs('User', ids.u1), Alias: 'aadmin' },
          },
        ],
      },
      ChildAccounts: {
        totalSize: 2,
        done: true,
        records: [
          { attributes: attrs('Account', ids.a4), Name: 'acme labs' },
          { attributes: attrs('Account', ids.a2), Name: 'Globex' },
        ],
      },
      Customs__r: { totalSize: 1, done: true, records: [{ attributes: attrs('Custom__c', ids.x1), Name: 'X1' }] },
    });
  });
  it('accepts the parent-qualified form and child-qualified field names', () => {
    const [r] = run(
      `SELECT Id, (SELECT Contact.LastName, c.FirstName FROM Account.Contacts c ORDER BY LastName) FROM Account ` +
        `WHERE Id = '${ids.a2}'`,
    ).records;
    assert.deepEqual(r, {
      attributes: attrs('Account', ids.a2),
      Id: ids.a2,
      Contacts: {
        totalSize: 1,
        done: true,
        records: [{ attributes: attrs('Contact', ids.c3), LastName: 'Major', FirstName: 'Mary' }],
      },
    });
  });
  it('includes deleted children only for queryAll', () => {
    const q = `SELECT (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Id = '${ids.a1}'`;
    const live = run(q).records[0] as { Contacts: { totalSize: number } };
    const all = run(q, { includeDeleted: true }).records[0] as { Contacts: { totalSize: number } };
    assert.equal(live.Contacts.totalSize, 2);
    assert.equal(all.Contacts.totalSize, 3);
  });
});

describe('FIELDS()', () => {
  it('FIELDS(STANDARD) expands to standard fields in describe order, without a LIMIT', () => {
    const [r] = run(`SELECT FIELDS(STANDARD) FROM Group WHERE Id = '${ids.g1}'`).records;
    assert.deepEqual(Object.keys(r as object), [
      'attributes',
      'Id',
      'Name',
      'DeveloperName',
      'Type',
      'Email',
      'CreatedDate',
      'CreatedById',
    ]);
  });
  it('FIELDS(CUSTOM) and FIELDS(ALL) need LIMIT <= 200 or an id filter', () => {
    assert.throws(
      () => run('SELECT FIELDS(ALL) FROM Account'),
      (e: SoqlError) =>
        e.errorCode === 'MALFORMED_QUERY' && e.message === 'The SOQL FIELDS function must have a LIMIT of at most 200',
    );
    assert.throws(() => run('SELECT FIELDS(CUSTOM) FROM Account LIMIT 201'), /must have a LIMIT of at most 200/);
    const [r] = run('SELECT Name, FIELDS(CUSTOM) FROM Account ORDER BY Name LIMIT 1').records;
    assert.deepEqual(r, {
      attributes: attrs('Account', ids.a1),
      Name: 'Acme',
      CustomerNumber__c: null,
      IsManufacturer__c: true,
      DataQualityScore__c: null,
      TransmissionSystemOperator__c: 'TSO1;TSO2',
      SalesPartner__c: null,
    });
    assert.equal(run(`SELECT FIELDS(ALL) FROM Account WHERE Id IN ('${ids.a1}', '${ids.a2}')`).totalSize, 2);
    assert.equal(run(`SELECT FIELDS(ALL) FROM Account WHERE Id = '${ids.a1}' OR Id = '${ids.a2}'`).totalSize, 2);
  });
  it('is rejected before API v51.0 and when it selects nothing', () => {
    assert.throws(
      () => run('SELECT FIELDS(STANDARD) FROM Account', { apiVersion: '50.0' }),
      (e: SoqlError) =>
        e.errorCode === 'UNSUPPORTED_API_VERSION' &&
        e.message ===
          '\nSELECT FIELDS(STANDARD) FROM Account\n       ^\nERROR at Row:1:Column:8\nThe SOQL FIELDS function is ' +
            'not supported in this version of the API',
    );
    assert.throws(
      () => run('SELECT FIELDS(CUSTOM) FROM Group LIMIT 1'),
      (e: SoqlError) =>
        e.errorCode === 'MALFORMED_QUERY' &&
        e.message === "'FIELDS(...)' expansion function must result in at least one field being selected.",
    );
    assert.equal(run('SELECT Id, FIELDS(CUSTOM) FROM Group LIMIT 1').totalSize, 1);
  });
  it('works in subqueries', () => {
    const [r] = run(`SELECT Id, (SELECT FIELDS(CUSTOM) FROM Customs__r LIMIT 200) FROM Account WHERE Id = '${ids.a2}'`)
      .records as Array<{ Customs__r: { records: object[] } }>;
    assert.deepEqual(Object.keys(r?.Customs__r.records[0] as object), [
      'attributes',
      'CustomField__c',
      'Account__c',
      'Amount__c',
      'Tags__c',
      'Active__c',
      'Due__c',
      'Notes__c',
    ]);
  });
});

describe('LIMIT, OFFSET and functions', () => {
  it('applies OFFSET then LIMIT after ordering', () => {
    const names = (soql: string) => run(soql).records.map((r) => r.Name);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Name'), ['Acme', 'acme labs', 'Globex', 'Initech']);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1'), ['acme labs', 'Globex']);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Name OFFSET 3'), ['Initech']);
    assert.equal(run('SELECT Name FROM Account LIMIT 0').totalSize, 0);
    assert.equal(run('SELECT Name FROM Account LIMIT 3').totalSize, 3);
  });
  it('reports unsupported location and formatting functions as FUNCTIONALITY_NOT_ENABLED', () => {
    for (const soql of [
      'SELECT FORMAT(AnnualRevenue) FROM Account',
      "SELECT Id FROM Account WHERE DISTANCE(BillingAddress, GEOLOCATION(37.7, -122.4), 'mi') < 20",
      "SELECT Id FROM Account ORDER BY DISTANCE(BillingAddress, GEOLOCATION(37.7, -122.4), 'mi')",
    ]) {
      assert.throws(
        () => run(soql),
        (e: SoqlError) =>
          e.errorCode === 'FUNCTIONALITY_NOT_ENABLED' &&
          /is not supported by this Salesforce emulator$/.test(e.message),
        soql,
      );
    }
  });
  it('toLabel() returns the picklist label under the field name; convertCurrency() the amount', () => {
    const [r] = run(
      `SELECT toLabel(Industry), convertCurrency(AnnualRevenue) FROM Account WHERE Id = '${ids.a1}'`,
    ).records;
    assert.deepEqual(r, {
      attributes: attrs('Account', ids.a1),
      Industry: 'Technology (label)',
      AnnualRevenue: 1000000,
    });
  });
});

describe('TYPEOF', () => {
  it('selects fields per referenced object type, ELSE on the Name object, null when nothing applies', () => {
    const result = run(
      'SELECT Subject, TYPEOF What WHEN Opportunity THEN Name, Amount, Account.Name WHEN Account THEN Phone END, ' +
        'TYPEOF Owner WHEN User THEN Alias ELSE Name, Type END FROM Task ORDER BY Subject',
    );
    assert.deepEqual(result.records, [
      {
        attributes: attrs('Task', ids.t1),
        Subject: 'Call',
        What: {
          attributes: attrs('Opportunity', ids.o1),
          Name: 'Acme Deal',
          Amount: 100000,
          Account: { attributes: attrs('Account', ids.a1), Name: 'Acme' },
        },
        Owner: { attributes: attrs('User', ids.u1), Alias: 'aadmin' },
      },
      {
        attributes: attrs('Task', ids.t2),
        Subject: 'Email',
        What: null,
        Owner: { attributes: attrs('Group', ids.g1), Name: 'Support Queue', Type: 'Group' },
      },
    ]);
  });
  it('rejects TYPEOF on a non-polymorphic relationship or an object the lookup cannot reference', () => {
    assert.throws(
      () => run('SELECT TYPEOF Account WHEN Account THEN Name END FROM Contact'),
      (e: SoqlError) => e.errorCode === 'INVALID_FIELD',
    );
    assert.throws(
      () => run('SELECT TYPEOF What WHEN Lead THEN Name END FROM Task'),
      (e: SoqlError) => e.errorCode === 'INVALID_TYPE',
    );
  });
});
