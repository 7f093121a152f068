// Salesforce's query error texts. Positioned errors quote a window of the offending line with a
// caret, then "ERROR at Row:r:Column:c" and the message. The window rule (about 30 characters
// either side of the caret, widened to whole words) was derived from real error bodies quoted in
// public issues (sfdmu, mautic, vlocity, restforce users); see README.md.
import { SoqlError } from './types.ts';

const BEFORE = 30;
const AFTER = 31;

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r';

/** The "\n<window>\n<caret>\nERROR at Row:r:Column:c\n<text>" form for an error at `offset` in `soql`. */
export function positionedMessage(soql: string, offset: number, text: string): string {
  const at = Math.max(0, Math.min(offset, soql.length));
  const lineStart = soql.lastIndexOf('\n', at - 1) + 1;
  const nl = soql.indexOf('\n', at);
  const line = soql.slice(lineStart, nl === -1 ? soql.length : nl);
  const col = at - lineStart;
  const row = countNewlines(soql, lineStart) + 1;
  let from = col - BEFORE;
  if (from <= 0) from = 0;
  else if (!isBlank(line[from]) && !isBlank(line[from - 1])) {
    while (from > 0 && !isBlank(line[from - 1])) from--;
  }
  let to = col + AFTER;
  if (to >= line.length) to = line.length;
  else if (!isBlank(line[to])) {
    while (to < line.length && !isBlank(line[to])) to++;
  }
  return `\n${line.slice(from, to)}\n${' '.repeat(col - from)}^\nERROR at Row:${row}:Column:${col + 1}\n${text}`;
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Throws a SoqlError; positioned when an offset is known, as Salesforce does for parse-time errors. */
export function fail(errorCode: string, soql: string, offset: number | undefined, text: string): never {
  const err = new SoqlError(errorCode, offset === undefined ? text : positionedMessage(soql, offset, text));
  // Kept (non-enumerable) so the parser adapter can pick the earliest of two syntax diagnoses.
  if (offset !== undefined) Object.defineProperty(err, 'offset', { value: offset });
  throw err;
}

export const errorOffset = (err: unknown): number | undefined => (err as { offset?: number } | null)?.offset;

const CUSTOM_FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please " +
  'reference your WSDL or the describe call for the appropriate names.';
const CUSTOM_OBJECT_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference " +
  'your WSDL or the describe call for the appropriate names.';
const CUSTOM_REL_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship " +
  'name. Please reference your WSDL or the describe call for the appropriate names.';

/** The message texts, verbatim from Salesforce responses where they could be found (README lists which). */
export const msg = {
  unexpectedToken: (token: string) => `unexpected token: '${token}'`,
  noSuchColumn: (field: string, entity: string) =>
    `No such column '${field}' on entity '${entity}'. ${CUSTOM_FIELD_HINT}`,
  notSupported: (object: string) => `sObject type '${object}' is not supported. ${CUSTOM_OBJECT_HINT}`,
  relInFieldPath: (rel: string) => `Didn't understand relationship '${rel}' in field path. ${CUSTOM_REL_HINT}`,
  relInFrom: (rel: string) => `Didn't understand relationship '${rel}' in FROM part of query call. ${CUSTOM_REL_HINT}`,
  notFilterable: (field: string) => `field '${field}' can not be filtered in a query call`,
  notGroupable: (field: string) => `field '${field}' can not be grouped in a query call`,
  notSortable: (field: string) => `field '${field}' can not be sorted in a query call`,
  noAggregate: (field: string, fn: string) => `field ${field} does not support aggregate operator ${fn}`,
  mustGroup: (field: string) => `Field must be grouped or aggregated: ${field}`,
  duplicateField: (field: string) => `duplicate field selected: ${field}`,
  duplicateAlias: (alias: string) => `duplicate alias: ${alias}`,
  filterType: (field: string, type: string, quoted: boolean) =>
    `value of filter criterion for field '${field}' must be of type ${type} and ${quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes'}`,
  invalidId: (value: string) => `invalid ID field: ${value}`,
  invalidIdOperator: () => 'invalid operator on id field',
  invalidOperator: (type: string) => `invalid operator on ${type} field`,
  includesOnlyMultipicklist: () => 'includes or excludes operator only valid on multipicklist field',
  fieldsLimit: () => 'The SOQL FIELDS function must have a LIMIT of at most 200',
  fieldsEmpty: () => "'FIELDS(...)' expansion function must result in at least one field being selected.",
  fieldsVersion: () => 'The SOQL FIELDS function is not supported in this version of the API',
  offsetMax: (object: string) => `Maximum SOQL offset allowed for apiName ${object} is 2000`,
  tooLong: () => 'SOQL statements can not be longer than 100000 characters',
  stringTooLong: () => 'String literal exceeds the maximum length of 4000 characters',
  bindVariables: () => 'Bind variables only allowed in Apex code',
  badEscape: (raw: string, seq: string) =>
    `Invalid string literal '${raw}'. Illegal character sequence '${seq}' in string literal.`,
  countOrderBy: () => 'COUNT() cannot be used with ORDER BY',
  aggregateLimit: () => 'LIMIT is not supported with aggregate functions unless the query has a GROUP BY clause',
  countOnly: () => 'COUNT() must be the only element in the SELECT list',
  semiJoinField: (field: string) =>
    `The left operand of a semi join or anti join must be an Id or reference field: ${field}`,
  semiJoinSelect: () => 'The selected field in a semi join or anti join subquery must be an Id or reference field',
  nestedSemiJoin: () => 'Nesting of semi join sub-selects is not supported',
  semiJoinNested: () =>
    'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.',
  notInAggregate: () => 'Aggregate functions are not allowed in a WHERE clause',
  invalidDate: (value: string) => `value of filter criterion is not a valid date: ${value}`,
  unsupported: (what: string) => `${what} is not supported by this Salesforce emulator`,
  unknownException: () => 'An unexpected error occurred. Please include this ErrorId if you contact support: 0-0 (-1)',
};
