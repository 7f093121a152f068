// Bulk API 2.0's daily allocations as /limits reports them, and the control plane's view of them.
// Values are a Developer Edition's (also every edition's for these limits): 15,000 batches shared with
// Bulk API 1.0, 150,000,000 ingested records, 10,000 query jobs and 1 TB (976,562 MB) of query results,
// each over a rolling 24 hours.
import { ApiError } from '../model/errors.ts';
import type { Org } from '../model/org.ts';
import { bulkStore, type BulkUsage } from './job-store.ts';

export const DAILY_BATCHES = 15_000;
export const DAILY_RECORDS = 150_000_000;
export const DAILY_QUERY_JOBS = 10_000;
export const DAILY_QUERY_MB = 976_562;
/** Salesforce reports the storage allocation in kilobytes in its error text. */
export const DAILY_QUERY_KB = 1_000_000_000;
export const RECORDS_PER_BATCH = 10_000;

/** The entries /limits shows for Bulk API (replacing the static ones). */
export function bulkLimitEntries(org: Org, nowMs: number): Array<[string, { Max: number; Remaining: number }]> {
  const u = bulkStore(org).usage;
  const remaining = (max: number, used: number) => ({ Max: max, Remaining: Math.max(0, max - used) });
  return [
    ['DailyBulkApiBatches', remaining(DAILY_BATCHES, u.batches.used(nowMs))],
    ['DailyBulkV2QueryFileStorageMB', remaining(DAILY_QUERY_MB, Math.ceil(u.queryKb.used(nowMs) / 1024))],
    ['DailyBulkV2QueryJobs', remaining(DAILY_QUERY_JOBS, u.queryJobs.used(nowMs))],
  ];
}

export interface BulkUsageView {
  batches: { used: number; limit: number };
  records: { used: number; limit: number };
  queryJobs: { used: number; limit: number };
  queryStorageMb: { used: number; limit: number };
}

export function bulkUsageView(org: Org, nowMs: number): BulkUsageView {
  const u = bulkStore(org).usage;
  return {
    batches: { used: u.batches.used(nowMs), limit: DAILY_BATCHES },
    records: { used: u.records.used(nowMs), limit: DAILY_RECORDS },
    queryJobs: { used: u.queryJobs.used(nowMs), limit: DAILY_QUERY_JOBS },
    queryStorageMb: { used: Math.ceil(u.queryKb.used(nowMs) / 1024), limit: DAILY_QUERY_MB },
  };
}

/** Control plane: emulator settings of Bulk API 2.0 (the default query result page size). */
export function setBulkSettings(org: Org, body: Record<string, unknown>): { queryPageSize: number } {
  const store = bulkStore(org);
  if (body.queryPageSize !== undefined) {
    const n = Number(body.queryPageSize);
    if (!Number.isInteger(n) || n < 1)
      throw new ApiError(400, 'INVALID_INPUT', 'queryPageSize must be a positive integer');
    store.queryPageSize = n;
  }
  return { queryPageSize: store.queryPageSize };
}

/** Control plane: sets rolling usage (counted as made now), e.g. to bring an org near a limit. */
export function setBulkUsage(org: Org, nowMs: number, body: Record<string, unknown>): BulkUsageView {
  const u: BulkUsage = bulkStore(org).usage;
  const set = (key: string, counter: { set(now: number, n: number): void }, scale = 1) => {
    if (body[key] === undefined) return;
    const n = Number(body[key]);
    if (!Number.isInteger(n) || n < 0)
      throw new ApiError(400, 'INVALID_INPUT', `${key} must be a non-negative integer`);
    counter.set(nowMs, n * scale);
  };
  set('batches', u.batches);
  set('records', u.records);
  set('queryJobs', u.queryJobs);
  set('queryStorageMb', u.queryKb, 1024);
  return bulkUsageView(org, nowMs);
}
