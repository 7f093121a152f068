// Submitting, advancing, canceling and quick-deploying deploy jobs, and running one: the plan read
// from the zip is applied to a workspace component by component (each atomic); the workspace is
// committed unless this is a checkOnly validation, or rollbackOnError saw an error (all-or-nothing).
import type { Org } from '../model/org.ts';
import { deleteComponent, saveComponent } from './component-ops.ts';
import { DONE, defaultOptions, type DeployJob, type DeployMessage, type DeployOptions } from './deploy-queue.ts';
import { planDeploy, readZip, type PlannedDelete } from './deploy-package.ts';
import { deployRank } from './metadata-types.ts';
import { commitWorkspace, openWorkspace } from './workspace.ts';

export class MetadataFault extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const TEN_DAYS = 10 * 24 * 3600 * 1000;

function userName(org: Org, userId: string): string {
  const row = org.records.get(userId)?.row;
  return typeof row?.Name === 'string' ? row.Name : [row?.FirstName, row?.LastName].filter(Boolean).join(' ');
}

export function submitDeploy(
  org: Org,
  userId: string,
  clock: () => number,
  zip: Uint8Array,
  options: Partial<DeployOptions>,
  validatedFrom?: string,
): DeployJob {
  const opened = readZip(zip);
  if (!opened.ok && opened.reason === 'empty')
    throw new MetadataFault('INVALID_OPERATION', 'No zip file content passed in');
  if (!opened.ok && opened.reason === 'too-many-files')
    throw new MetadataFault('INVALID_OPERATION', 'Too many files in zip');
  if (!opened.ok && opened.reason === 'too-large')
    throw new MetadataFault(
      'INVALID_OPERATION',
      'Maximum size of request reached. Maximum size of request is 52428800 bytes.',
    );
  const now = clock();
  const job: DeployJob = {
    id: org.ids.next('0Af'),
    userId,
    userName: userName(org, userId),
    options: defaultOptions(options),
    zip,
    status: 'Pending',
    createdMs: now,
    lastModifiedMs: now,
    numberComponentsTotal: 0,
    numberComponentsDeployed: 0,
    numberComponentErrors: 0,
    successes: [],
    failures: [],
    ...(validatedFrom ? { validatedDeployRequestId: validatedFrom } : {}),
  };
  org.metadata.deploys.add(job);
  return job;
}

/** Moves the org's deploys along the emulator's clock; called on every status check and by a timer. */
export function pumpDeploys(org: Org, clock: () => number): void {
  const queue = org.metadata.deploys;
  for (;;) {
    const now = clock();
    const current = queue.running();
    if (current) {
      const readyAt = (current.startMs ?? now) + org.settings.deployProcessingMs;
      if (now < readyAt) {
        if (queue.timer) clearTimeout(queue.timer);
        queue.timer = setTimeout(() => pumpDeploys(org, clock), readyAt - now + 1);
        queue.timer.unref();
        return;
      }
      finish(org, current, now, clock);
      continue;
    }
    const next = queue.nextPending();
    if (!next) return;
    next.status = 'InProgress';
    next.startMs = now;
    next.lastModifiedMs = now;
    next.stateDetail = 'Processing Type: CustomObject';
  }
}

function finish(org: Org, job: DeployJob, now: number, clock: () => number): void {
  if (job.status === 'Canceling') {
    Object.assign(job, {
      status: 'Canceled',
      completedMs: now,
      lastModifiedMs: now,
      zip: undefined,
      stateDetail: undefined,
    });
    return;
  }
  runDeploy(org, job, now);
  job.zip = job.options.checkOnly ? job.zip : undefined; // a validation keeps its zip for a quick deploy
  job.completedMs = Math.max(now, clock()); // after the work, so completedDate - createdDate is the real time taken
  job.lastModifiedMs = job.completedMs;
  job.stateDetail = undefined;
}

export function cancelDeploy(org: Org, id: string, userId: string, clock: () => number): DeployJob {
  pumpDeploys(org, clock);
  const job = org.metadata.deploys.get(id);
  if (!job) throw new MetadataFault('INVALID_ID_FIELD', `Invalid deploy ID: ${id}`);
  if (DONE.has(job.status)) throw new MetadataFault('INVALID_ID_FIELD', 'The deployment has already completed.');
  const now = clock();
  job.canceledBy = userId.slice(0, 15);
  job.canceledByName = userName(org, userId);
  job.lastModifiedMs = now;
  if (job.status === 'Pending') Object.assign(job, { status: 'Canceled', completedMs: now, zip: undefined });
  else job.status = 'Canceling';
  return job;
}

/** deployRecentValidation: a successful checkOnly deploy of the last 10 days, deployed without re-validating. */
export function quickDeploy(org: Org, validationId: string, userId: string, clock: () => number): DeployJob {
  pumpDeploys(org, clock);
  const v = org.metadata.deploys.get(validationId);
  if (!v?.options.checkOnly || v.status !== 'Succeeded' || !v.zip) {
    throw new MetadataFault(
      'INVALID_ID_FIELD',
      `The validation ID ${validationId} isn't valid for a quick deployment.`,
    );
  }
  if (clock() - (v.completedMs ?? 0) > TEN_DAYS)
    throw new MetadataFault(
      'INVALID_ID_FIELD',
      `The validation ID ${validationId} has expired: a validation can be quick-deployed within 10 days.`,
    );
  const job = submitDeploy(org, userId, clock, v.zip, { ...v.options, checkOnly: false }, v.id);
  v.zip = undefined; // one quick deploy per validation
  return job;
}

const UNEXPECTED = () =>
  `UNKNOWN_EXCEPTION: An unexpected error occurred. Please include this ErrorId if you contact support: ` +
  `${Math.floor(Math.random() * 1e9)}-${Math.floor(Math.random() * 1e5)} (${-Math.floor(Math.random() * 1e9)})`;

function runDeploy(org: Org, job: DeployJob, now: number): void {
  const opened = readZip(job.zip ?? new Uint8Array());
  if (!opened.ok) {
    Object.assign(job, { status: 'Failed', errorStatusCode: 'UNKNOWN_EXCEPTION', errorMessage: UNEXPECTED() });
    return;
  }
  const opts = job.options;
  const plan = planDeploy(opened.files, opts.singlePackage);
  const date = new Date(now).toISOString();
  const base = { changed: false, created: false, deleted: false, createdDate: date };
  const successes: DeployMessage[] = plan.manifests.map((m) => ({
    ...base,
    changed: true,
    componentType: '',
    fileName: m,
    fullName: 'package.xml',
    success: true,
  }));
  const failures: DeployMessage[] = [];
  for (const p of plan.problems) {
    if (opts.allowMissingFiles && p.problem.endsWith('but was not found in zipped directory')) continue;
    failures.push({
      ...base,
      componentType: p.componentType,
      fileName: p.fileName,
      fullName: p.fullName,
      problem: p.problem,
      problemType: 'Error',
      success: false,
      ...(p.lineNumber ? { lineNumber: p.lineNumber, columnNumber: p.columnNumber } : {}),
    });
  }
  const ws = openWorkspace(org, job.userId, now);
  const doomed = new Set([...plan.preDeletes, ...plan.postDeletes].map((d) => `${d.type}:${d.fullName}`.toLowerCase()));
  const deleting = (type: string, name: string) => doomed.has(`${type}:${name}`.toLowerCase());
  const remove = (d: PlannedDelete) => {
    const r = deleteComponent(ws, d.type, d.fullName, deleting);
    const msg = {
      ...base,
      componentType: d.type,
      fileName: d.fileName,
      fullName: r.fullName,
      ...(r.id ? { id: r.id } : {}),
    };
    if (r.notFound)
      failures.push({
        ...msg,
        problem: `No ${d.type} named: ${d.fullName} found`,
        problemType: 'Warning',
        success: false,
      });
    else if (!r.success)
      failures.push({
        ...msg,
        problem: r.problems.map((p) => p.message).join(' '),
        problemType: 'Error',
        success: false,
      });
    else successes.push({ ...msg, deleted: true, success: true });
  };
  const byRank = (a: { type: string }, b: { type: string }) => deployRank(a.type) - deployRank(b.type);
  for (const d of [...plan.preDeletes].sort(byRank).reverse()) remove(d);
  for (const s of [...plan.saves].sort(byRank)) {
    const r = saveComponent(ws, s.type, s.record, 'upsert');
    const msg = { ...base, componentType: s.type, fileName: s.fileName, fullName: r.fullName || s.fullName };
    if (r.success) successes.push({ ...msg, changed: r.changed, created: r.created, id: r.id, success: true });
    else
      failures.push({
        ...msg,
        problem: r.problems.map((p) => p.message).join(' '),
        problemType: 'Error',
        success: false,
      });
  }
  for (const d of [...plan.postDeletes].sort(byRank).reverse()) remove(d);
  const errors = failures.filter((f) => f.problemType === 'Error').length;
  const deployed = successes.filter((s) => s.fullName !== 'package.xml' || s.componentType !== '').length;
  const total = plan.saves.length + plan.preDeletes.length + plan.postDeletes.length;
  job.successes = successes;
  job.failures = failures;
  job.numberComponentErrors = errors;
  job.numberComponentsTotal = Math.max(total, deployed + errors);
  job.numberComponentsDeployed = deployed;
  if (errors === 0) job.status = 'Succeeded';
  else if (!opts.rollbackOnError && deployed > 0) job.status = 'SucceededPartial';
  else job.status = 'Failed';
  if (job.status !== 'Failed' && !opts.checkOnly) commitWorkspace(ws);
}
