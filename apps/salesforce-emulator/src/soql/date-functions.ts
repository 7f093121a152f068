// SOQL date functions (CALENDAR_YEAR(CreatedDate), DAY_ONLY(…), …) for WHERE, GROUP BY and the
// select list. The org time zone is UTC, so convertTimezone() is the identity, and fiscal
// functions equal calendar ones (fiscal year starting in January).
import { dateMs, isoDayOf, parseDateTime } from './values.ts';

const DAY = 86_400_000;

export const DATE_FUNCTIONS = new Set([
  'CALENDAR_MONTH',
  'CALENDAR_QUARTER',
  'CALENDAR_YEAR',
  'DAY_IN_MONTH',
  'DAY_IN_WEEK',
  'DAY_IN_YEAR',
  'DAY_ONLY',
  'FISCAL_MONTH',
  'FISCAL_QUARTER',
  'FISCAL_YEAR',
  'HOUR_IN_DAY',
  'WEEK_IN_MONTH',
  'WEEK_IN_YEAR',
]);

/** Functions that only accept dateTime fields. */
export const DATETIME_ONLY = new Set(['DAY_ONLY', 'HOUR_IN_DAY']);

export function applyDateFunction(name: string, value: unknown, fieldType: string): number | string | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = fieldType === 'date' ? dateMs(value) : parseDateTime(value);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  const month = d.getUTCMonth();
  const dayInYear = Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY) + 1;
  switch (name) {
    case 'CALENDAR_MONTH':
    case 'FISCAL_MONTH':
      return month + 1;
    case 'CALENDAR_QUARTER':
    case 'FISCAL_QUARTER':
      return Math.floor(month / 3) + 1;
    case 'CALENDAR_YEAR':
    case 'FISCAL_YEAR':
      return d.getUTCFullYear();
    case 'DAY_IN_MONTH':
      return d.getUTCDate();
    case 'DAY_IN_WEEK':
      return d.getUTCDay() + 1;
    case 'DAY_IN_YEAR':
      return dayInYear;
    case 'DAY_ONLY':
      return isoDayOf(ms);
    case 'HOUR_IN_DAY':
      return d.getUTCHours();
    case 'WEEK_IN_MONTH':
      return Math.floor((d.getUTCDate() - 1) / 7) + 1;
    case 'WEEK_IN_YEAR':
      return Math.floor((dayInYear - 1) / 7) + 1;
    default:
      return null;
  }
}
