// What ingest and query processing share: yielding to the event loop, the emulator's clock, and
// the processing faults the control plane can inject. A fault rule with method "PROCESS" and a path
// "/__bulk/<ingest|query>/<object>/<jobId>" (globs allowed) is consulted when a job starts: a
// "delay" action slows every chunk of the job by its ms (so InProgress is observable), any other
// action fails the job, with the action's string body as errorMessage.
import type { Runtime } from '../http/http-types.ts';
import type { Org } from '../model/org.ts';
import type { Job } from './job-model.ts';

export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export const DEFAULT_FAILURE = 'InternalServerError : An unexpected error occurred while processing the job';

export type ProcessingFault = { fail: string } | { delayMs: number } | undefined;

export function processingFault(rt: Runtime, org: Org, job: Job): ProcessingFault {
  const rule = rt.faults.take('PROCESS', `/__bulk/${job.kind}/${job.object}/${job.id}`, org.id);
  if (!rule) return undefined;
  const action = rule.action;
  if (action.type === 'delay') return { delayMs: action.ms };
  if (action.type === 'status' && typeof action.body === 'string' && action.body !== '') return { fail: action.body };
  return { fail: DEFAULT_FAILURE };
}

/** Moves a job to a new state, stamping systemModstamp on the emulator's clock. */
export function setState(rt: Runtime, job: Job, state: Job['state']): void {
  job.state = state;
  job.modstampMs = rt.state.clock.now();
}

/** Ends processing: the final state, its time, and the job's processing time. */
export function finish(
  rt: Runtime,
  job: Job,
  state: 'JobComplete' | 'Failed',
  startedMs: number,
  errorMessage?: string,
): void {
  setState(rt, job, state);
  job.processingMs = Math.max(0, job.modstampMs - startedMs);
  if (errorMessage !== undefined && job.kind === 'ingest') job.errorMessage = errorMessage;
  rt.changed();
}
