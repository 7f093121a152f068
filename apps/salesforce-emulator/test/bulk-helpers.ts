// Bulk API 2.0 test helpers: raw HTTP calls bound to one org, and a poll that waits for a job to
// reach a terminal state (jobs process asynchronously, usually within milliseconds).
import type { RunningEmulator } from '../src/index.ts';
import { call, D, type Reply, type TestOrg } from './helpers.ts';

export const INGEST = `${D}/jobs/ingest`;
export const QUERY = `${D}/jobs/query`;

export interface Bulk {
  json(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  csv(method: string, path: string, text: string, contentType?: string): Promise<Reply>;
  /** Creates an ingest job, uploads the CSV, closes it and waits: returns the final JobInfo. */
  ingest(job: Record<string, unknown>, csvText: string): Promise<Record<string, any>>;
  wait(kind: 'ingest' | 'query', id: string): Promise<Record<string, any>>;
  results(id: string, kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords'): Promise<string>;
}

const TERMINAL = new Set(['JobComplete', 'Failed', 'Aborted']);

export function bulk(emu: RunningEmulator, org: TestOrg): Bulk {
  const json = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(emu, method, path, { token: org.token, body, headers });
  const csv = (method: string, path: string, text: string, contentType = 'text/csv') =>
    call(emu, method, path, { token: org.token, raw: text, headers: { 'Content-Type': contentType } });
  const wait = async (kind: 'ingest' | 'query', id: string) => {
    for (let i = 0; i < 400; i++) {
      const r = await json('GET', `${D}/jobs/${kind}/${id}`);
      if (TERMINAL.has(r.body.state)) return r.body;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`job ${id} did not finish`);
  };
  return {
    json,
    csv,
    wait,
    async ingest(job, csvText) {
      const created = await json('POST', INGEST, job);
      if (created.status !== 200) throw new Error(`create: ${created.status} ${created.text}`);
      const id = created.body.id as string;
      const up = await csv('PUT', `${INGEST}/${id}/batches`, csvText);
      if (up.status !== 201) throw new Error(`upload: ${up.status} ${up.text}`);
      const closed = await json('PATCH', `${INGEST}/${id}`, { state: 'UploadComplete' });
      if (closed.status !== 200) throw new Error(`close: ${closed.status} ${closed.text}`);
      return wait('ingest', id);
    },
    async results(id, kind) {
      return (await json('GET', `${INGEST}/${id}/${kind}`)).text;
    },
  };
}
