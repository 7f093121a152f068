// Error codes and messages, checked against Salesforce's texts. The positionedMessage cases
// replay real error bodies quoted in public issues (mautic/mautic#13406, vlocityinc/vlocity_build
// #364 and #446, forcedotcom/cli#1356, roblesterjr04/EloquentSalesForce#68).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { positionedMessage } from './errors.ts';
import { executeSoql, SoqlError } from './index.ts';
import { fixtureData, opts, schema } from './test-fixtures.ts';

const data = fixtureData();
const run = (soql: string, extra = {}) => executeSoql(soql, schema, data, opts(extra));

function rejects(soql: string, errorCode: string, message: string | RegExp, extra = {}): void {
  assert.throws(
    () => run(soql, extra),
    (err: unknown) => {
      assert.ok(err instanceof SoqlError, `expected SoqlError, got ${String(err)}`);
      assert.equal(err.errorCode, errorCode);
      assert.equal(err.status, 400);
      if (typeof message === 'string') assert.equal(err.message, message);
      else assert.match(err.message, message);
      return true;
    },
  );
}

const FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please " +
  'reference your WSDL or the describe call for the appropriate names.';
const OBJECT_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference " +
  'your WSDL or the describe call for the appropriate names.';
const REL_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship " +
  'name. Please reference your WSDL or the describe call for the appropriate names.';

describe('positioned message window (real Salesforce bodies)', () => {
  it('quotes the whole line when it is short', () => {
    assert.equal(
      positionedMessage('SELECT Id, Nme FROM Account', 11, 'x'),
      '\nSELECT Id, Nme FROM Account\n           ^\nERROR at Row:1:Column:12\nx',
    );
  });
  it('keeps about 30 characters before the caret, widened to whole words', () => {
    const soql =
      'select Id, Company,Email,LastName,SF_date__c, ConvertedContactId from Lead where LastModifiedDate > 2024-06-11T12:00:00Z';
    assert.equal(
      positionedMessage(soql, soql.indexOf('SF_date__c'), 'm'),
      `\nselect Id, Company,Email,LastName,SF_date__c, ConvertedContactId from\n${' '.repeat(34)}^\nERROR at Row:1:Column:35\nm`,
    );
    const tooling = 'Select Id, vlocity_cmt__GlobalKey__c from vlocity_cmt____VlocityTrackingGroup__c';
    assert.equal(
      positionedMessage(tooling, 42, 'm'),
      `\nvlocity_cmt__GlobalKey__c from vlocity_cmt____VlocityTrackingGroup__c\n${' '.repeat(31)}^\nERROR at Row:1:Column:43\nm`,
    );
  });
  it('ends about 31 characters after the caret, at a word end or inside blanks', () => {
    const soql = "Select Value from OmniInteractionConfig where DeveloperName = 'Default'";
    assert.equal(
      positionedMessage(soql, 18, 'm'),
      `\nSelect Value from OmniInteractionConfig where DeveloperName\n${' '.repeat(18)}^\nERROR at Row:1:Column:19\nm`,
    );
    const padded =
      `SELECT Id, Name, Competitor__c, Opportunity__r.Name, Opportunity__r.Id, ` +
      `Stage${' '.repeat(40)}FROM Opportunity_Competitor__c`;
    const at = padded.indexOf('Stage');
    assert.equal(
      positionedMessage(padded, at, 'm'),
      `\nOpportunity__r.Name, Opportunity__r.Id, Stage${' '.repeat(26)}\n${' '.repeat(40)}^\nERROR at Row:1:Column:${at + 1}\nm`,
    );
  });
  it('reports the row and column within a multi-line query', () => {
    const soql =
      "SELECT Id, Email, Name\nFROM Contact\nWHERE AccountId = '0014000000p6XlS' AND LastName LIKE 'test' OR email " +
      "LIKE 'test'";
    const at = soql.indexOf(' OR ') + 1;
    assert.equal(
      positionedMessage(soql, at, "unexpected token: 'OR'"),
      `\n'0014000000p6XlS' AND LastName LIKE 'test' OR email LIKE 'test'\n${' '.repeat(43)}^\nERROR at ` +
        `Row:3:Column:62\nunexpected token: 'OR'`,
    );
  });
});

describe('MALFORMED_QUERY for syntax errors', () => {
  it('rejects a trailing semicolon', () => {
    rejects(
      'SELECT Id FROM Account;',
      'MALFORMED_QUERY',
      "\nSELECT Id FROM Account;\n                      ^\nERROR at Row:1:Column:23\nunexpected token: ';'",
    );
  });
  it('rejects trailing garbage and a missing logical operator', () => {
    rejects(
      "SELECT Id FROM Account WHERE Name = 'x' garbage",
      'MALFORMED_QUERY',
      /ERROR at Row:1:Column:41\nunexpected token: 'garbage'$/,
    );
    rejects(
      'SELECT Id FROM Account WHERE Name = null Phone = null',
      'MALFORMED_QUERY',
      /Column:42\nunexpected token: 'Phone'$/,
    );
  });
  it('rejects DML and other statements', () => {
    rejects(
      "DELETE FROM Account WHERE Name = 'x'",
      'MALFORMED_QUERY',
      /ERROR at Row:1:Column:1\nunexpected token: 'DELETE'$/,
    );
    rejects("UPDATE Account SET Name = 'x'", 'MALFORMED_QUERY', /unexpected token: 'UPDATE'$/);
  });
  it('rejects mixing AND and OR without parentheses, at the second operator', () => {
    rejects(
      "SELECT Id FROM Account WHERE Name = 'a' AND Phone = null OR Industry = null",
      'MALFORMED_QUERY',
      /Column:58\nunexpected token: 'OR'$/,
    );
  });
  it('reports the end of input as <EOF>', () => {
    rejects(
      'SELECT Id FROM',
      'MALFORMED_QUERY',
      "\nSELECT Id FROM\n              ^\nERROR at Row:1:Column:15\nunexpected token: '<EOF>'",
    );
    rejects('SELECT Id FROM Account WHERE', 'MALFORMED_QUERY', /unexpected token: '<EOF>'$/);
  });
  it('rejects misplaced tokens', () => {
    rejects('SELECT Id, FROM Account', 'MALFORMED_QUERY', /Column:12\nunexpected token: 'FROM'$/);
    rejects('SELECT Id FROM Account OFFSET 1 LIMIT 2', 'MALFORMED_QUERY', /Column:33\nunexpected token: 'LIMIT'$/);
    rejects('SELECT Id FROM Account WHERE Name = "x"', 'MALFORMED_QUERY', /unexpected token: '"'$/);
    rejects(
      "SELECT Id FROM Account WHERE Name = 'unterminated",
      'MALFORMED_QUERY',
      /Column:37\nunexpected token: '''$/,
    );
  });
  it('rejects Apex bind variables and bad string escapes', () => {
    rejects(
      'SELECT Id FROM Account WHERE Name = :name',
      'MALFORMED_QUERY',
      /Column:37\nBind variables only allowed in Apex code$/,
    );
    rejects(
      "SELECT Id FROM Account WHERE Name = 'a\\qb'",
      'MALFORMED_QUERY',
      /Invalid string literal 'a\\qb'. Illegal character sequence '\\q' in string literal.$/,
    );
  });
  it('enforces the 100,000-character statement and 4,000-character string limits', () => {
    rejects(
      `SELECT Id FROM Account WHERE Name != '${'x'.repeat(99_990)}'`,
      'MALFORMED_QUERY',
      'SOQL statements can not be longer than 100000 characters',
    );
    rejects(
      `SELECT Id FROM Account WHERE Name = '${'x'.repeat(4001)}'`,
      'MALFORMED_QUERY',
      /Column:37\nString literal exceeds the maximum length of 4000 characters$/,
    );
    assert.equal(run(`SELECT Id FROM Account WHERE Name = '${'x'.repeat(4000)}'`).totalSize, 0);
  });
  it('rejects aliases outside aggregate queries', () => {
    rejects('SELECT Name n FROM Account', 'MALFORMED_QUERY', /Column:13\nunexpected token: 'n'$/);
  });
});

describe('schema errors', () => {
  it('INVALID_TYPE for an unknown or non-queryable object', () => {
    rejects(
      'SELECT Id FROM Acount',
      'INVALID_TYPE',
      `\nSELECT Id FROM Acount\n               ^\nERROR at Row:1:Column:16\nsObject type 'Acount' is not supported. ${OBJECT_HINT}`,
    );
    rejects('SELECT Id FROM Name', 'INVALID_TYPE', /sObject type 'Name' is not supported/);
  });
  it('INVALID_FIELD for an unknown column, at the column', () => {
    rejects(
      'SELECT Id, Nme FROM Account',
      'INVALID_FIELD',
      `\nSELECT Id, Nme FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nme' on entity ` +
        `'Account'. ${FIELD_HINT}`,
    );
    rejects(
      'SELECT Id FROM Account ORDER BY Nmae',
      'INVALID_FIELD',
      /Column:33\nNo such column 'Nmae' on entity 'Account'/,
    );
  });
  it('names the parent entity for a bad field on a relationship, pointing at the path', () => {
    rejects(
      'SELECT Id, Account.Nme FROM Contact',
      'INVALID_FIELD',
      /Column:12\nNo such column 'Nme' on entity 'Account'/,
    );
    rejects('SELECT Owner.Nickname__c FROM Case', 'INVALID_FIELD', /No such column 'Nickname__c' on entity 'Name'/);
  });
  it('INVALID_FIELD for an unknown relationship in a field path', () => {
    rejects(
      'SELECT Acount.Name FROM Contact',
      'INVALID_FIELD',
      `\nSELECT Acount.Name FROM Contact\n       ^\nERROR at Row:1:Column:8\nDidn't understand relationship 'Acount' ` +
        `in field path. ${REL_HINT}`,
    );
    rejects('SELECT Name.Foo FROM Contact', 'INVALID_FIELD', /Didn't understand relationship 'Name' in field path/);
  });
  it('INVALID_TYPE for an unknown child relationship in a subquery', () => {
    rejects(
      'SELECT Id, (SELECT Id FROM Contactz) FROM Account',
      'INVALID_TYPE',
      `\nSELECT Id, (SELECT Id FROM Contactz) FROM Account\n                           ^\nERROR at ` +
        `Row:1:Column:28\nDidn't understand relationship 'Contactz' in FROM part of query call. ${REL_HINT}`,
    );
  });
  it('rejects a string literal for a number field and a number for a text field', () => {
    rejects(
      "SELECT Id FROM Account WHERE NumberOfEmployees = '5'",
      'INVALID_FIELD',
      /Column:30\nvalue of filter criterion for field 'NumberOfEmployees' must be of type int and should not be enclosed in quotes$/,
    );
    rejects(
      "SELECT Id FROM Account WHERE AnnualRevenue > '5'",
      'INVALID_FIELD',
      /field 'AnnualRevenue' must be of type double and should not be enclosed in quotes$/,
    );
    rejects(
      'SELECT Id FROM Account WHERE Name = 5',
      'INVALID_FIELD',
      /field 'Name' must be of type string and should be enclosed in quotes$/,
    );
    rejects(
      "SELECT Id FROM Account WHERE IsManufacturer__c = 'true'",
      'INVALID_FIELD',
      /field 'IsManufacturer__c' must be of type boolean and should not be enclosed in quotes$/,
    );
    rejects(
      "SELECT Id FROM Opportunity WHERE CloseDate = '2024-01-01'",
      'INVALID_FIELD',
      /field 'CloseDate' must be of type date and should not be enclosed in quotes$/,
    );
    rejects(
      'SELECT Id FROM Account WHERE CreatedDate > 2024-01-01',
      'INVALID_FIELD',
      /field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes$/,
    );
    rejects(
      'SELECT Id FROM Opportunity WHERE CloseDate > 2024-01-01T00:00:00Z',
      'INVALID_FIELD',
      /field 'CloseDate' must be of type date/,
    );
    rejects(
      'SELECT Id FROM Account WHERE Name = TODAY',
      'INVALID_FIELD',
      /field 'Name' must be of type string and should be enclosed in quotes$/,
    );
  });
  it('INVALID_QUERY_FILTER_OPERATOR for malformed ids and LIKE on ids', () => {
    rejects(
      "SELECT Id FROM Account WHERE Id = '123'",
      'INVALID_QUERY_FILTER_OPERATOR',
      /Column:30\ninvalid ID field: 123$/,
    );
    rejects(
      "SELECT Id FROM Contact WHERE AccountId IN ('001000000000001', 'nope')",
      'INVALID_QUERY_FILTER_OPERATOR',
      /invalid ID field: nope$/,
    );
    rejects(
      "SELECT Id FROM Account WHERE Id LIKE '001%'",
      'INVALID_QUERY_FILTER_OPERATOR',
      /invalid operator on id field$/,
    );
  });
  it('INVALID_FIELD for non-filterable, non-sortable and non-groupable fields', () => {
    rejects(
      "SELECT Id FROM Account WHERE Description = 'x'",
      'INVALID_FIELD',
      /Column:30\nfield 'Description' can not be filtered in a query call$/,
    );
    rejects(
      'SELECT Id FROM Account ORDER BY Description',
      'INVALID_FIELD',
      /Column:33\nfield 'Description' can not be sorted in a query call$/,
    );
    rejects(
      'SELECT AnnualRevenue, COUNT(Id) FROM Account GROUP BY AnnualRevenue',
      'INVALID_FIELD',
      /Column:55\nfield 'AnnualRevenue' can not be grouped in a query call$/,
    );
  });
  it('INVALID_FIELD for a duplicated field, without a position', () => {
    rejects('SELECT Id, Name, id FROM Account', 'INVALID_FIELD', 'duplicate field selected: Id');
    rejects('SELECT Id, FIELDS(STANDARD) FROM Account', 'INVALID_FIELD', 'duplicate field selected: Id');
  });
  it('NUMBER_OUTSIDE_VALID_RANGE for OFFSET above 2,000', () => {
    rejects(
      'SELECT Id FROM Account LIMIT 10 OFFSET 2001',
      'NUMBER_OUTSIDE_VALID_RANGE',
      'Maximum SOQL offset allowed for apiName Account is 2000',
    );
    assert.equal(run('SELECT Id FROM Account LIMIT 10 OFFSET 2000').totalSize, 0);
  });
  it('never leaks a raw exception', () => {
    for (const soql of [
      '',
      ' ',
      'SELECT',
      'SELECT FROM Account',
      '(((',
      'SELECT Id FROM Account WHERE Id IN ()',
      'SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:',
    ] as const) {
      assert.throws(() => run(soql), SoqlError, soql);
    }
  });
});

describe('error order', () => {
  it('reports a bad select item before a bad WHERE field', () => {
    rejects('SELECT Nme FROM Account WHERE Foo = 1', 'INVALID_FIELD', /Column:8\nNo such column 'Nme'/);
  });
  it('rejects aggregates in child subqueries at the function or GROUP', () => {
    rejects(
      'SELECT Id, (SELECT COUNT(Id) FROM Contacts) FROM Account',
      'MALFORMED_QUERY',
      /Column:20\nunexpected token: 'COUNT'$/,
    );
    rejects(
      'SELECT Id, (SELECT LeadSource FROM Contacts GROUP BY LeadSource) FROM Account',
      'MALFORMED_QUERY',
      /Column:45\nunexpected token: 'GROUP'$/,
    );
  });
});
