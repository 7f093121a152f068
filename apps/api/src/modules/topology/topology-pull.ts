import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { CompositeSubresponse, SalesforceClient } from '../../salesforce/sf-client.ts';
import { SalesforceError } from '../../salesforce/sf-errors.ts';
import type { DescribeErrors } from './topology.repo.ts';

export interface PreviousPull {
  objects: Record<string, string>;
  describeErrors: DescribeErrors;
  customCount: number;
  checkedAt: Date;
}

export interface PullResult {
  objects: Record<string, string>;
  describeErrors: DescribeErrors;
  customCount: number;
  /** Salesforce's clock when it answered describeGlobal: the next pull asks "modified since then?". */
  checkedAt: Date;
  /** describeGlobal said nothing changed since the previous pull. */
  unchanged: boolean;
}

export interface Blob {
  hash: string;
  content: Buffer;
  rawBytes: number;
}

const BATCH = 25; // subrequests per composite call: Salesforce's maximum

function httpDate(d: Date): string {
  return d.toUTCString();
}

function serverTime(headers: { get(n: string): string | null }, fallback: Date): Date {
  const date = headers.get('date');
  const t = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(t) ? fallback : new Date(t);
}

export function blobOf(describe: unknown): Blob {
  const text = JSON.stringify(describe);
  const raw = Buffer.from(text, 'utf8');
  return { hash: createHash('sha256').update(raw).digest('hex'), content: gzipSync(raw), rawBytes: raw.length };
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

/**
 * Reads an org's schema with the fewest calls Salesforce allows:
 *  1. describeGlobal, conditional on the previous pull: a 304 means no object's metadata changed
 *     (Salesforce also counts permission and label changes), so the previous manifest stands: 1 call.
 *  2. otherwise every object's describe, 25 per composite call (one API call each), a few in flight,
 *     each subrequest conditional on the previous pull, so unchanged objects answer 304 with no body.
 * A describe that fails is recorded in describeErrors; it does not fail the pull.
 */
export async function pullTopology(opts: {
  client: SalesforceClient;
  previous: PreviousPull | null;
  concurrency: number;
  now: Date;
  storeBlobs: (blobs: Blob[]) => Promise<void>;
  onProgress?: (done: number, total: number) => Promise<void> | void;
}): Promise<PullResult> {
  const { client, previous } = opts;
  const global = await client.getJson<{ sobjects?: Array<{ name: string; custom?: boolean }> }>(
    client.dataPath('/sobjects'),
    previous ? { 'If-Modified-Since': httpDate(previous.checkedAt) } : undefined,
  );
  const checkedAt = serverTime(global.headers, opts.now);
  if (global.status === 304 && previous) {
    return {
      objects: previous.objects,
      describeErrors: previous.describeErrors,
      customCount: previous.customCount,
      checkedAt,
      unchanged: true,
    };
  }
  const sobjects = global.body?.sobjects;
  if (!Array.isArray(sobjects))
    throw new SalesforceError('terminal', 'INVALID_RESPONSE', 'describeGlobal answered without sobjects');

  const names = sobjects.map((s) => s.name).filter((n): n is string => typeof n === 'string');
  const customCount = sobjects.filter((s) => s.custom === true).length;
  const objects: Record<string, string> = {};
  const describeErrors: DescribeErrors = {};
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += BATCH) batches.push(names.slice(i, i + BATCH));
  let done = 0;
  await opts.onProgress?.(0, names.length);

  await mapLimit(batches, opts.concurrency, async (batch) => {
    const answers = await client.composite(
      batch.map((name, i) => {
        const conditional = previous?.objects[name]
          ? { httpHeaders: { 'If-Modified-Since': httpDate(previous.checkedAt) } }
          : {};
        return {
          method: 'GET' as const,
          url: client.dataPath(`/sobjects/${encodeURIComponent(name)}/describe`),
          referenceId: `d${i}`,
          ...conditional,
        };
      }),
    );
    const blobs: Blob[] = [];
    batch.forEach((name, i) => {
      const r = answers.find((a) => a.referenceId === `d${i}`) as CompositeSubresponse | undefined;
      if (r?.httpStatusCode === 200) {
        const blob = blobOf(r.body);
        objects[name] = blob.hash;
        blobs.push(blob);
      } else if (r?.httpStatusCode === 304 && previous?.objects[name]) {
        objects[name] = previous.objects[name]!;
      } else {
        const first = Array.isArray(r?.body) ? (r.body[0] as { errorCode?: string; message?: string }) : undefined;
        describeErrors[name] = {
          status: r?.httpStatusCode ?? 0,
          error_code: first?.errorCode ?? 'NO_RESPONSE',
          message: first?.message ?? 'no describe returned',
        };
      }
    });
    await opts.storeBlobs(blobs);
    done += batch.length;
    await opts.onProgress?.(done, names.length);
  });
  return { objects, describeErrors, customCount, checkedAt, unchanged: false };
}
