// Date literals (ranges relative to opts.now, UTC, weeks from Sunday) and date functions.
// NOW is Saturday 2024-06-15 12:00 UTC.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateLiteralRange } from './date-literals.ts';
import { executeSoql, type SoqlError } from './index.ts';
import { fixtureData, NOW, opts, schema } from './test-fixtures.ts';

const data = fixtureData();
const names = (soql: string): unknown[] =>
  executeSoql(soql, schema, data, opts())
    .records.map((r) => r.Name)
    .sort();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function range(literal: string, n = 0): [string, string] {
  const r = dateLiteralRange(literal, n, NOW);
  assert.ok(r, literal);
  return [day(r.start), day(r.end)];
}

describe('date literal ranges', () => {
  it('days', () => {
    assert.deepEqual(range('TODAY'), ['2024-06-15', '2024-06-16']);
    assert.deepEqual(range('YESTERDAY'), ['2024-06-14', '2024-06-15']);
    assert.deepEqual(range('TOMORROW'), ['2024-06-16', '2024-06-17']);
    assert.deepEqual(range('NEXT_90_DAYS'), ['2024-06-16', '2024-09-14']);
    assert.deepEqual(range('NEXT_N_DAYS', 3), ['2024-06-16', '2024-06-19']);
    assert.deepEqual(range('N_DAYS_AGO', 3), ['2024-06-12', '2024-06-13']);
  });
  it('LAST_90_DAYS and LAST_N_DAYS include today up to the current instant', () => {
    const last90 = dateLiteralRange('LAST_90_DAYS', 0, NOW);
    assert.deepEqual(last90 && [day(last90.start), last90.end], ['2024-03-17', NOW.getTime() + 1]);
    const last7 = dateLiteralRange('LAST_N_DAYS', 7, NOW);
    assert.deepEqual(last7 && [day(last7.start), last7.end], ['2024-06-08', NOW.getTime() + 1]);
  });
  it('weeks start on Sunday', () => {
    assert.deepEqual(range('THIS_WEEK'), ['2024-06-09', '2024-06-16']);
    assert.deepEqual(range('LAST_WEEK'), ['2024-06-02', '2024-06-09']);
    assert.deepEqual(range('NEXT_WEEK'), ['2024-06-16', '2024-06-23']);
    assert.deepEqual(range('LAST_N_WEEKS', 2), ['2024-05-26', '2024-06-09']);
    assert.deepEqual(range('NEXT_N_WEEKS', 2), ['2024-06-16', '2024-06-30']);
    assert.deepEqual(range('N_WEEKS_AGO', 1), ['2024-06-02', '2024-06-09']);
  });
  it('months, quarters and years', () => {
    assert.deepEqual(range('THIS_MONTH'), ['2024-06-01', '2024-07-01']);
    assert.deepEqual(range('LAST_MONTH'), ['2024-05-01', '2024-06-01']);
    assert.deepEqual(range('NEXT_MONTH'), ['2024-07-01', '2024-08-01']);
    assert.deepEqual(range('LAST_N_MONTHS', 2), ['2024-04-01', '2024-06-01']);
    assert.deepEqual(range('NEXT_N_MONTHS', 1), ['2024-07-01', '2024-08-01']);
    assert.deepEqual(range('N_MONTHS_AGO', 1), ['2024-05-01', '2024-06-01']);
    assert.deepEqual(range('THIS_QUARTER'), ['2024-04-01', '2024-07-01']);
    assert.deepEqual(range('LAST_QUARTER'), ['2024-01-01', '2024-04-01']);
    assert.deepEqual(range('NEXT_QUARTER'), ['2024-07-01', '2024-10-01']);
    assert.deepEqual(range('LAST_N_QUARTERS', 1), ['2024-01-01', '2024-04-01']);
    assert.deepEqual(range('NEXT_N_QUARTERS', 2), ['2024-07-01', '2025-01-01']);
    assert.deepEqual(range('N_QUARTERS_AGO', 2), ['2023-10-01', '2024-01-01']);
    assert.deepEqual(range('THIS_YEAR'), ['2024-01-01', '2025-01-01']);
    assert.deepEqual(range('LAST_YEAR'), ['2023-01-01', '2024-01-01']);
    assert.deepEqual(range('NEXT_YEAR'), ['2025-01-01', '2026-01-01']);
    assert.deepEqual(range('LAST_N_YEARS', 2), ['2022-01-01', '2024-01-01']);
    assert.deepEqual(range('NEXT_N_YEARS', 1), ['2025-01-01', '2026-01-01']);
    assert.deepEqual(range('N_YEARS_AGO', 1), ['2023-01-01', '2024-01-01']);
  });
  it('fiscal literals equal calendar ones (fiscal year starting in January)', () => {
    assert.deepEqual(range('THIS_FISCAL_YEAR'), range('THIS_YEAR'));
    assert.deepEqual(range('LAST_FISCAL_QUARTER'), range('LAST_QUARTER'));
    assert.deepEqual(range('NEXT_N_FISCAL_QUARTERS', 2), range('NEXT_N_QUARTERS', 2));
    assert.deepEqual(range('N_FISCAL_YEARS_AGO', 1), range('N_YEARS_AGO', 1));
  });
});

describe('date literals in WHERE', () => {
  it('on date fields: = is within, < before, > after, <= and >= inclusive of the range', () => {
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate = THIS_MONTH'), ['Acme Deal']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate = NEXT_MONTH'), ['Acme Upsell']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate < THIS_MONTH'), ['Globex Deal']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate > THIS_MONTH'), [
      'Acme Upsell',
      'No Account Deal',
    ]);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate <= THIS_MONTH'), ['Acme Deal', 'Globex Deal']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate >= THIS_MONTH'), [
      'Acme Deal',
      'Acme Upsell',
      'No Account Deal',
    ]);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate != THIS_MONTH'), [
      'Acme Upsell',
      'Globex Deal',
      'No Account Deal',
    ]);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:30'), [
      'Acme Deal',
      'Acme Upsell',
    ]);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate = THIS_QUARTER'), [
      'Acme Deal',
      'Globex Deal',
    ]);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CloseDate IN (THIS_MONTH, LAST_MONTH)'), [
      'Acme Deal',
      'Globex Deal',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE LastActivityDate = YESTERDAY'), ['Acme']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE LastActivityDate = LAST_N_DAYS:1'), ['Acme', 'acme labs']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE LastActivityDate = THIS_WEEK'), ['Acme', 'acme labs']);
  });
  it('on datetime fields, in UTC', () => {
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = TODAY'), ['acme labs']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:120'), ['Globex', 'acme labs']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = THIS_YEAR'), ['Acme', 'Globex', 'acme labs']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = LAST_YEAR'), ['Initech']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate < THIS_YEAR'), ['Initech']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = LAST_90_DAYS'), ['acme labs']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = N_DAYS_AGO:0'), ['acme labs']);
  });
});

describe('date functions', () => {
  it('filter on calendar parts of dates and datetimes', () => {
    assert.deepEqual(names('SELECT Name FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2023'), ['Initech']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CALENDAR_MONTH(CloseDate) = 6'), ['Acme Deal']);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE CALENDAR_QUARTER(CloseDate) = 3'), [
      'Acme Upsell',
      'No Account Deal',
    ]);
    assert.deepEqual(names('SELECT Name FROM Opportunity WHERE DAY_IN_WEEK(CloseDate) = 1'), ['Acme Deal']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE HOUR_IN_DAY(CreatedDate) = 10'), ['Acme']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE DAY_ONLY(CreatedDate) = 2024-06-15'), ['acme labs']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE DAY_ONLY(convertTimezone(CreatedDate)) = TODAY'), [
      'acme labs',
    ]);
    assert.deepEqual(
      names('SELECT Name FROM Opportunity WHERE DAY_IN_MONTH(CloseDate) = 1 AND WEEK_IN_YEAR(CloseDate) = 18'),
      ['Globex Deal'],
    );
  });
  it('rejects dateTime-only functions on date fields', () => {
    assert.throws(
      () => names('SELECT Name FROM Opportunity WHERE HOUR_IN_DAY(CloseDate) = 1'),
      (e: SoqlError) => e.errorCode === 'MALFORMED_QUERY',
    );
  });
});
