// Processes an ingest job asynchronously once it is UploadComplete: checks the line ending and the
// header, validates the whole CSV slice by slice (malformed CSV fails the job before any row is
// written, so the org is unchanged), then writes rows in short chunks (about 15 ms each) between
// which other requests run, updating numberRecordsProcessed/Failed as it goes. Batches of 10,000
// records consume the daily batch and record allocations; past them the rest stays unprocessed and
// the job fails, as documented.
import type { Runtime } from '../http/http-types.ts';
import type { Org } from '../model/org.ts';
import { DAILY_BATCHES, DAILY_RECORDS, RECORDS_PER_BATCH } from './bulk-limits.ts';
import { planColumns, type ColumnPlan } from './column-plan.ts';
import { cutPoint, CsvParseError, headerLineEnding, parseSlice, scanSlice } from './csv-slices.ts';
import { FAILED, type IngestJob, type RowLedger } from './job-model.ts';
import { finish, processingFault, setState, sleep, turn } from './job-runner.ts';
import { bulkStore } from './job-store.ts';
import { writeRow } from './row-writer.ts';

const SCAN_BYTES = 256 * 1024;
const ROWS_PER_PARSE = 200;
const CHUNK_MS = 15;
const EXCEEDED_QUOTA =
  'ExceededQuota : The job or batch you tried to create exceeds the allowed number for the past 24-hour period.';

class JobStopped extends Error {}

export function startIngest(rt: Runtime, org: Org, job: IngestJob): void {
  void processIngest(rt, org, job).catch((err: unknown) => {
    if (err instanceof JobStopped) return;
    org.records.abortAll();
    if (job.state === 'InProgress' || job.state === 'UploadComplete') {
      finish(
        rt,
        job,
        'Failed',
        job.modstampMs,
        `InternalServerError : ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  });
}

/** Stops when the job was aborted or deleted meanwhile. */
function check(job: IngestJob): void {
  if (job.state !== 'InProgress' || job.deleted) throw new JobStopped();
}

async function processIngest(rt: Runtime, org: Org, job: IngestJob): Promise<void> {
  await turn(); // queued: UploadComplete until the queue picks the job up
  if (job.state !== 'UploadComplete' || job.deleted) return;
  const fault = processingFault(rt, org, job);
  const delayMs = fault && 'delayMs' in fault ? fault.delayMs : 0;
  if (delayMs > 0) await sleep(delayMs);
  if (job.state !== 'UploadComplete' || job.deleted) return;
  const startedMs = rt.state.clock.now();
  setState(rt, job, 'InProgress');
  if (fault && 'fail' in fault) return finish(rt, job, 'Failed', startedMs, fault.fail);
  const data = job.uploads[0] ?? Buffer.alloc(0);
  const ending = headerLineEnding(data);
  if (ending !== undefined && ending !== job.lineEnding) {
    return finish(
      rt,
      job,
      'Failed',
      startedMs,
      `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${job.lineEnding}`,
    );
  }
  const headerEnd = cutPoint(data, 0, 0);
  let header: string[] | undefined;
  try {
    header = parseSlice(data, 0, headerEnd, job)[0];
  } catch (err) {
    if (err instanceof CsvParseError) return finish(rt, job, 'Failed', startedMs, `ClientInputError : ${err.message}`);
    throw err;
  }
  job.header = header ?? [];
  const def = org.schema.getObject(job.object);
  if (!def) return finish(rt, job, 'Failed', startedMs, `InvalidBatch : Unable to find object: ${job.object}`);
  const plan = header ? planColumns(org.schema, def, org.fieldAccess(job.createdById), job, header) : { values: [] };
  if (typeof plan === 'string') return finish(rt, job, 'Failed', startedMs, plan);
  const starts = await indexRows(job, data, headerEnd, job.header.length);
  if (typeof starts === 'string') return finish(rt, job, 'Failed', startedMs, starts);
  const n = starts.length - 1;
  job.ledger = { starts, outcome: new Uint8Array(n), ids: new Array<string | undefined>(n), errors: new Map() };
  const store = bulkStore(org);
  for (let batch = 0; batch < n; batch += RECORDS_PER_BATCH) {
    const size = Math.min(RECORDS_PER_BATCH, n - batch);
    const now = rt.state.clock.now();
    if (store.usage.batches.used(now) + 1 > DAILY_BATCHES || store.usage.records.used(now) + size > DAILY_RECORDS) {
      return finish(rt, job, 'Failed', startedMs, EXCEEDED_QUOTA);
    }
    store.usage.batches.add(now, 1);
    store.usage.records.add(now, size);
    await writeBatch(rt, org, job, plan, data, batch, batch + size, delayMs);
  }
  finish(rt, job, 'JobComplete', startedMs);
}

/** Validates every row (CSV syntax and field count) and returns the byte offset of each, plus the end. */
async function indexRows(job: IngestJob, data: Buffer, from: number, columns: number): Promise<number[] | string> {
  const starts: number[] = [];
  let previousEnd = from;
  let problem: string | undefined;
  for (let pos = from; pos < data.length && problem === undefined; ) {
    const cut = cutPoint(data, pos, SCAN_BYTES);
    try {
      scanSlice(data, pos, cut, job, (record, end) => {
        if (problem === undefined && record.length !== columns) {
          problem =
            `ClientInputError : Invalid record length: expected ${columns} fields, found ${record.length} in ` +
            `record ${starts.length + 1}`;
        }
        starts.push(previousEnd);
        previousEnd = end;
      });
    } catch (err) {
      if (err instanceof CsvParseError) return `ClientInputError : ${err.message}`;
      throw err;
    }
    pos = cut;
    await turn();
    check(job);
  }
  if (problem !== undefined) return problem;
  starts.push(previousEnd);
  return starts;
}

async function writeBatch(
  rt: Runtime,
  org: Org,
  job: IngestJob,
  plan: ColumnPlan,
  data: Buffer,
  from: number,
  to: number,
  delayMs: number,
): Promise<void> {
  const ledger = job.ledger as RowLedger;
  const def = org.schema.getObject(job.object)!;
  let row = from;
  while (row < to) {
    check(job);
    const ctx = org.writeContext(job.createdById, rt.state.clock.now());
    const sliceStart = performance.now();
    while (row < to && performance.now() - sliceStart < CHUNK_MS) {
      const end = Math.min(to, row + ROWS_PER_PARSE);
      const records = parseSlice(data, ledger.starts[row]!, ledger.starts[end]!, job);
      for (const record of records) {
        const result = writeRow(ctx, job.operation, def, plan, record);
        ledger.outcome[row] = result.outcome;
        if (result.id !== undefined) ledger.ids[row] = result.id;
        if (result.outcome === FAILED) {
          ledger.errors.set(row, result.error!);
          job.numberRecordsFailed++;
        }
        job.numberRecordsProcessed++;
        row++;
      }
    }
    rt.changed();
    await (delayMs > 0 ? sleep(delayMs) : turn());
  }
}
