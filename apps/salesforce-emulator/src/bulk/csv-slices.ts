// Reading uploaded CSV in slices, so a 200,000-row job never holds the event loop for long and never
// holds all rows parsed at once. A quick quote-aware scan finds safe cut points (record boundaries
// of well-formed CSV); csv-parse parses each slice strictly, so malformed input fails in the slice
// that contains it, at the same place a whole-file parse would.
import { CsvError, parse } from 'csv-parse/sync';
import { DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from './job-model.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface CsvFormat {
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
}

/** The line ending of the header row: "CRLF", "LF", or undefined when the data is one line. */
export function headerLineEnding(data: Buffer): LineEnding | undefined {
  let inQuote = false;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === LF && !inQuote) return i > 0 && data[i - 1] === CR ? 'CRLF' : 'LF';
  }
  return undefined;
}

/** The first record boundary at or after `from + minBytes` (the end of data when none). `from` must
 * be a record start, where no quote is open. */
export function cutPoint(data: Buffer, from: number, minBytes: number): number {
  let inQuote = false;
  const target = from + minBytes;
  for (let i = from; i < data.length; i++) {
    const c = data[i];
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === LF && !inQuote && i + 1 >= target) return i + 1;
  }
  return data.length;
}

function options(format: CsvFormat, onRecord?: (record: string[], end: number) => void) {
  return {
    delimiter: DELIMITERS[format.columnDelimiter],
    record_delimiter: LINE_ENDINGS[format.lineEnding],
    quote: '"',
    escape: '"',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: onRecord
      ? (record: string[], ctx: { bytes: number }) => {
          onRecord(record, ctx.bytes);
          return null;
        }
      : undefined,
  };
}

/** Parses data[start, end) into records. Throws CsvParseError for malformed CSV. */
export function parseSlice(data: Buffer, start: number, end: number, format: CsvFormat): string[][] {
  try {
    return parse(data.subarray(start, end), options(format)) as string[][];
  } catch (err) {
    throw toParseError(err);
  }
}

/** Visits each record of data[start, end) with its end offset (absolute), keeping none. */
export function scanSlice(
  data: Buffer,
  start: number,
  end: number,
  format: CsvFormat,
  visit: (record: string[], end: number) => void,
): void {
  try {
    parse(
      data.subarray(start, end),
      options(format, (record, bytes) => visit(record, start + bytes)),
    );
  } catch (err) {
    throw toParseError(err);
  }
}

/** A CSV syntax error, with the message Salesforce's CSV reader uses for it. */
export class CsvParseError extends Error {}

function toParseError(err: unknown): Error {
  if (!(err instanceof CsvError)) return err as Error;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvParseError('EOF reached before closing an opened quote');
    case 'INVALID_OPENING_QUOTE':
      return new CsvParseError('Found unescaped quote. A value with quote should be within a quote');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvParseError('Not expecting more text after end quote');
    default:
      return new CsvParseError(err.message);
  }
}
