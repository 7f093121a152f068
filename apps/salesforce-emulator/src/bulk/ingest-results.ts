// The result CSVs of an ingest job, rendered on request from the uploaded data and the per-row
// ledger (nothing is stored twice). Shapes follow the guide and recorded responses:
//   successfulResults  "sf__Id","sf__Created",<original header>   rows: "001…","true","v1",…
//   failedResults      "sf__Id","sf__Error",<original header>     rows: "","REQUIRED_FIELD_MISSING:…:Name --",…
//   unprocessedrecords <original header>                           rows the job never reached
// The original column names are echoed as uploaded; every value is quoted. The job's column
// delimiter and line ending are used (clients parse results with the job's delimiter).
import { parseSlice } from './csv-slices.ts';
import { CREATED, DELIMITERS, FAILED, LINE_ENDINGS, UNPROCESSED, type IngestJob } from './job-model.ts';

export type ResultKind = 'successful' | 'failed' | 'unprocessed';

const ROWS_PER_PARSE = 1000;

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

function headerCell(name: string, delimiter: string): string {
  return name.includes(delimiter) || /["\r\n]/.test(name) ? quote(name) : name;
}

export function renderResults(job: IngestJob, kind: ResultKind): string {
  const delimiter = DELIMITERS[job.columnDelimiter];
  const eol = LINE_ENDINGS[job.lineEnding];
  const data = job.uploads[0] ?? Buffer.alloc(0);
  const ledger = job.ledger;
  // A job stopped before its rows were read (aborted, or failed on its header or CSV syntax) has
  // every uploaded row unprocessed: the upload is returned as it came.
  if (kind === 'unprocessed' && !ledger) return data.toString('utf8');
  const original = (job.header ?? []).map((h) => headerCell(h, delimiter));
  const sfColumns =
    kind === 'successful' ? ['"sf__Id"', '"sf__Created"'] : kind === 'failed' ? ['"sf__Id"', '"sf__Error"'] : [];
  const parts: string[] = [[...sfColumns, ...original].join(delimiter) + eol];
  if (!ledger) return parts.join('');
  const n = ledger.outcome.length;
  for (let from = 0; from < n; from += ROWS_PER_PARSE) {
    const to = Math.min(n, from + ROWS_PER_PARSE);
    if (!hasAny(ledger.outcome, from, to, kind)) continue;
    const records = parseSlice(data, ledger.starts[from]!, ledger.starts[to]!, job);
    records.forEach((record, k) => {
      const row = from + k;
      const outcome = ledger.outcome[row]!;
      if (!matches(outcome, kind)) return;
      const cells = record.map(quote);
      if (kind === 'successful')
        cells.unshift(quote(ledger.ids[row] ?? ''), outcome === CREATED ? '"true"' : '"false"');
      else if (kind === 'failed') cells.unshift(quote(ledger.ids[row] ?? ''), quote(ledger.errors.get(row) ?? ''));
      parts.push(cells.join(delimiter) + eol);
    });
  }
  return parts.join('');
}

function matches(outcome: number, kind: ResultKind): boolean {
  if (kind === 'failed') return outcome === FAILED;
  if (kind === 'unprocessed') return outcome === UNPROCESSED;
  return outcome !== FAILED && outcome !== UNPROCESSED;
}

function hasAny(outcomes: Uint8Array, from: number, to: number, kind: ResultKind): boolean {
  for (let i = from; i < to; i++) if (matches(outcomes[i]!, kind)) return true;
  return false;
}
