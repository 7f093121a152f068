// Each org's Bulk API 2.0 jobs and daily allocations. Kept beside the org (a WeakMap), not in it: jobs
// are transient like Salesforce's (terminal jobs are deleted after 7 days on the emulator's clock)
// and are not part of snapshots or the state file.
import { ApiUsage } from '../model/api-usage.ts';
import type { Org } from '../model/org.ts';
import { type Job, TERMINAL } from './job-model.ts';

const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Salesforce pages results by "a default value based on the service" when maxRecords is absent;
 * the emulator's default, changeable per org through the control plane. */
export const DEFAULT_QUERY_PAGE_SIZE = 50_000;

/** Rolling 24-hour counters, as Salesforce keeps them. */
export interface BulkUsage {
  /** Batches (one per 10,000 ingested records), shared with Bulk API 1.0: DailyBulkApiBatches. */
  batches: ApiUsage;
  /** Records uploaded by ingest jobs (150,000,000 a day). */
  records: ApiUsage;
  /** Query jobs created: DailyBulkV2QueryJobs. */
  queryJobs: ApiUsage;
  /** Query result kilobytes stored: DailyBulkV2QueryFileStorageMB. */
  queryKb: ApiUsage;
}

export class BulkStore {
  private readonly jobs = new Map<string, Job>(); // id15 → job, in creation order
  readonly usage: BulkUsage = {
    batches: new ApiUsage(),
    records: new ApiUsage(),
    queryJobs: new ApiUsage(),
    queryKb: new ApiUsage(),
  };
  /** Records per query result page when the client gives no maxRecords (an emulator setting). */
  queryPageSize = DEFAULT_QUERY_PAGE_SIZE;

  add(job: Job): void {
    this.jobs.set(job.id.slice(0, 15), job);
  }

  get(id: string, nowMs: number): Job | undefined {
    this.sweep(nowMs);
    return /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id) ? this.jobs.get(id.slice(0, 15)) : undefined;
  }

  delete(id: string): void {
    this.jobs.delete(id.slice(0, 15));
  }

  list(nowMs: number, kind: Job['kind']): Job[] {
    this.sweep(nowMs);
    return [...this.jobs.values()].filter((j) => j.kind === kind);
  }

  /** Terminal jobs older than 7 days are deleted, as Salesforce does. */
  private sweep(nowMs: number): void {
    for (const [key, job] of this.jobs) {
      if (TERMINAL.has(job.state) && nowMs - job.modstampMs > RETENTION_MS) this.jobs.delete(key);
    }
  }
}

const stores = new WeakMap<Org, BulkStore>();

/** Org reset: every job is stopped and forgotten, and the daily counters start again. */
export function resetBulkStore(org: Org): void {
  const store = stores.get(org);
  if (!store) return;
  for (const kind of ['ingest', 'query'] as const)
    for (const job of store.list(Number.MAX_SAFE_INTEGER, kind)) job.deleted = true;
  stores.delete(org);
}

export function bulkStore(org: Org): BulkStore {
  let store = stores.get(org);
  if (!store) {
    store = new BulkStore();
    stores.set(org, store);
  }
  return store;
}
