// Relative date literals (TODAY, LAST_N_DAYS:n, …) as half-open UTC instant ranges [start, end).
// The org time zone is UTC and the fiscal year starts in January (Salesforce's defaults), so the
// FISCAL literals equal their calendar counterparts. Ranges follow the SOQL reference's table:
// LAST_N_DAYS:n and LAST_90_DAYS include today up to the current instant; every other LAST_N_*
// ends where the current unit begins; NEXT_N_* starts at the next unit; weeks start on Sunday.

export interface Range {
  start: number;
  end: number;
}

const DAY = 86_400_000;

export function dateLiteralRange(literal: string, n: number, now: Date): Range | undefined {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = Date.UTC(y, m, now.getUTCDate());
  const week = today - now.getUTCDay() * DAY;
  const month = (k: number): number => Date.UTC(y, m + k, 1);
  const quarter = (k: number): number => Date.UTC(y, Math.floor(m / 3) * 3 + 3 * k, 1);
  const year = (k: number): number => Date.UTC(y + k, 0, 1);
  const upToNow = now.getTime() + 1;
  const name = literal.toUpperCase().replace('_FISCAL', '');
  switch (name) {
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_WEEK':
      return { start: week - 7 * DAY, end: week };
    case 'THIS_WEEK':
      return { start: week, end: week + 7 * DAY };
    case 'NEXT_WEEK':
      return { start: week + 7 * DAY, end: week + 14 * DAY };
    case 'LAST_MONTH':
      return { start: month(-1), end: month(0) };
    case 'THIS_MONTH':
      return { start: month(0), end: month(1) };
    case 'NEXT_MONTH':
      return { start: month(1), end: month(2) };
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY, end: upToNow };
    case 'NEXT_90_DAYS':
      return { start: today + DAY, end: today + 91 * DAY };
    case 'THIS_QUARTER':
      return { start: quarter(0), end: quarter(1) };
    case 'LAST_QUARTER':
      return { start: quarter(-1), end: quarter(0) };
    case 'NEXT_QUARTER':
      return { start: quarter(1), end: quarter(2) };
    case 'THIS_YEAR':
      return { start: year(0), end: year(1) };
    case 'LAST_YEAR':
      return { start: year(-1), end: year(0) };
    case 'NEXT_YEAR':
      return { start: year(1), end: year(2) };
    case 'LAST_N_DAYS':
      return { start: today - n * DAY, end: upToNow };
    case 'NEXT_N_DAYS':
      return { start: today + DAY, end: today + (n + 1) * DAY };
    case 'N_DAYS_AGO':
      return { start: today - n * DAY, end: today - (n - 1) * DAY };
    case 'LAST_N_WEEKS':
      return { start: week - 7 * n * DAY, end: week };
    case 'NEXT_N_WEEKS':
      return { start: week + 7 * DAY, end: week + 7 * (n + 1) * DAY };
    case 'N_WEEKS_AGO':
      return { start: week - 7 * n * DAY, end: week - 7 * (n - 1) * DAY };
    case 'LAST_N_MONTHS':
      return { start: month(-n), end: month(0) };
    case 'NEXT_N_MONTHS':
      return { start: month(1), end: month(n + 1) };
    case 'N_MONTHS_AGO':
      return { start: month(-n), end: month(-n + 1) };
    case 'LAST_N_QUARTERS':
      return { start: quarter(-n), end: quarter(0) };
    case 'NEXT_N_QUARTERS':
      return { start: quarter(1), end: quarter(n + 1) };
    case 'N_QUARTERS_AGO':
      return { start: quarter(-n), end: quarter(-n + 1) };
    case 'LAST_N_YEARS':
      return { start: year(-n), end: year(0) };
    case 'NEXT_N_YEARS':
      return { start: year(1), end: year(n + 1) };
    case 'N_YEARS_AGO':
      return { start: year(-n), end: year(-n + 1) };
    default:
      return undefined;
  }
}

/** The same range on calendar days ('YYYY-MM-DD' strings, end exclusive) for date fields: a day is
 * in the range when its midnight is. */
export function dayRange(range: Range): { start: string; end: string } {
  return { start: isoDay(Math.ceil(range.start / DAY) * DAY), end: isoDay(Math.ceil(range.end / DAY) * DAY) };
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
