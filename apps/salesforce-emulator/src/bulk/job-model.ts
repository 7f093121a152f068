// The jobs Bulk API 2.0 keeps: their settings, state and counters. Ingest jobs keep the uploaded CSV
// once (a Buffer) and, once processed, a compact per-row ledger (outcome, id, error) from which the
// result CSVs are rendered on request; query jobs keep one CSV line per result row.

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
export type LineEnding = 'LF' | 'CRLF';
export type ColumnDelimiter = 'BACKQUOTE' | 'CARET' | 'COMMA' | 'PIPE' | 'SEMICOLON' | 'TAB';

export const DELIMITERS: Record<ColumnDelimiter, string> = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
};
export const LINE_ENDINGS: Record<LineEnding, string> = { LF: '\n', CRLF: '\r\n' };
export const INGEST_OPERATIONS: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];
export const TERMINAL: ReadonlySet<JobState> = new Set(['JobComplete', 'Failed', 'Aborted']);

/** Per-row outcomes of an ingest job (RowLedger.outcome). */
export const UNPROCESSED = 0;
export const CREATED = 1;
export const UPDATED = 2;
export const FAILED = 3;

export interface RowLedger {
  /** Byte offset of each data row, plus the end offset: row i is data[starts[i], starts[i + 1]). */
  starts: number[];
  outcome: Uint8Array;
  /** sf__Id of each row (the new or matched record; the row's Id for failed updates). */
  ids: Array<string | undefined>;
  /** sf__Error of failed rows. */
  errors: Map<number, string>;
}

interface JobBase {
  readonly id: string;
  readonly object: string;
  readonly createdById: string;
  readonly createdMs: number;
  modstampMs: number;
  state: JobState;
  readonly apiVersion: string;
  readonly lineEnding: LineEnding;
  readonly columnDelimiter: ColumnDelimiter;
  numberRecordsProcessed: number;
  /** Wall time between the start and end of processing (totalProcessingTime). */
  processingMs: number;
}

export interface IngestJob extends JobBase {
  readonly kind: 'ingest';
  readonly operation: IngestOperation;
  readonly externalIdFieldName?: string;
  readonly assignmentRuleId?: string;
  /** Every PUT's body; more than one makes the close fail, as on Salesforce. */
  uploads: Buffer[];
  numberRecordsFailed: number;
  errorMessage?: string;
  /** The header row as uploaded (echoed in the result CSVs). */
  header?: string[];
  ledger?: RowLedger;
  /** Set when the job is deleted, so its processing stops. */
  deleted?: boolean;
}

export interface QueryJob extends JobBase {
  readonly kind: 'query';
  readonly operation: 'query' | 'queryAll';
  readonly soql: string;
  /** The header line and one line per record, without line endings. */
  header?: string;
  lines?: string[];
  resultBytes: number;
  deleted?: boolean;
}

export type Job = IngestJob | QueryJob;
