// Deploy jobs of one org. Salesforce runs one deploy at a time per org: the others wait Pending. A job
// goes Pending → InProgress (when it reaches the head of the queue) → Succeeded / SucceededPartial /
// Failed / Canceled once its processing time has passed on the emulator's clock. The work itself is
// done at that moment (deploy-engine.ts), so the org changes exactly when the status says so.

export interface DeployOptions {
  allowMissingFiles: boolean;
  autoUpdatePackage: boolean;
  checkOnly: boolean;
  ignoreWarnings: boolean;
  performRetrieve: boolean;
  purgeOnDelete: boolean;
  rollbackOnError: boolean;
  runTests: string[];
  singlePackage: boolean;
  testLevel: string;
}

export interface DeployMessage {
  changed: boolean;
  columnNumber?: number;
  componentType: string;
  created: boolean;
  createdDate: string;
  deleted: boolean;
  fileName: string;
  fullName: string;
  id?: string;
  lineNumber?: number;
  problem?: string;
  problemType?: 'Error' | 'Warning';
  success: boolean;
}

export type DeployStatus =
  | 'Pending'
  | 'InProgress'
  | 'Succeeded'
  | 'SucceededPartial'
  | 'Failed'
  | 'Canceling'
  | 'Canceled';

export interface DeployJob {
  id: string;
  userId: string;
  userName: string;
  options: DeployOptions;
  zip: Uint8Array | undefined;
  status: DeployStatus;
  createdMs: number;
  startMs?: number;
  completedMs?: number;
  lastModifiedMs: number;
  numberComponentsTotal: number;
  numberComponentsDeployed: number;
  numberComponentErrors: number;
  successes: DeployMessage[];
  failures: DeployMessage[];
  errorMessage?: string;
  errorStatusCode?: string;
  stateDetail?: string;
  canceledBy?: string;
  canceledByName?: string;
  /** A quick deploy: the validation it reuses. */
  validatedDeployRequestId?: string;
}

export const DONE: ReadonlySet<DeployStatus> = new Set(['Succeeded', 'SucceededPartial', 'Failed', 'Canceled']);

export function defaultOptions(given: Partial<DeployOptions> = {}): DeployOptions {
  return {
    allowMissingFiles: false,
    autoUpdatePackage: false,
    checkOnly: false,
    ignoreWarnings: false,
    performRetrieve: false,
    purgeOnDelete: false,
    rollbackOnError: false,
    runTests: [],
    singlePackage: false,
    testLevel: 'NoTestRun',
    ...given,
  };
}

export class DeployQueue {
  readonly jobs = new Map<string, DeployJob>();
  timer: ReturnType<typeof setTimeout> | undefined;

  add(job: DeployJob): void {
    this.jobs.set(job.id.slice(0, 15), job);
  }

  get(id: string): DeployJob | undefined {
    return this.jobs.get(id.slice(0, 15));
  }

  running(): DeployJob | undefined {
    for (const j of this.jobs.values()) if (j.status === 'InProgress' || j.status === 'Canceling') return j;
    return undefined;
  }

  nextPending(): DeployJob | undefined {
    for (const j of this.jobs.values()) if (j.status === 'Pending') return j;
    return undefined;
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.jobs.clear();
  }
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** DeployResult as Salesforce returns it (details only when asked for). */
export function deployResult(job: DeployJob, includeDetails: boolean): Record<string, unknown> {
  const done = DONE.has(job.status);
  const out: Record<string, unknown> = {
    id: job.id,
    canceledBy: job.canceledBy,
    canceledByName: job.canceledByName,
    checkOnly: job.options.checkOnly,
    completedDate: iso(job.completedMs),
    createdBy: job.userId.slice(0, 15),
    createdByName: job.userName,
    createdDate: iso(job.createdMs),
    details: includeDetails
      ? {
          componentFailures: job.failures,
          componentSuccesses: job.successes,
          runTestResult: { numFailures: 0, numTestsRun: 0, totalTime: 0 },
        }
      : undefined,
    done,
    errorMessage: job.errorMessage,
    errorStatusCode: job.errorStatusCode,
    ignoreWarnings: job.options.ignoreWarnings,
    lastModifiedDate: iso(job.lastModifiedMs),
    numberComponentErrors: job.numberComponentErrors,
    numberComponentsDeployed: job.numberComponentsDeployed,
    numberComponentsTotal: job.numberComponentsTotal,
    numberTestErrors: 0,
    numberTestsCompleted: 0,
    numberTestsTotal: 0,
    rollbackOnError: job.options.rollbackOnError,
    runTestsEnabled: job.options.testLevel !== 'NoTestRun' && job.options.testLevel !== '',
    startDate: iso(job.startMs),
    stateDetail: job.stateDetail,
    status: job.status,
    success: job.status === 'Succeeded' || job.status === 'SucceededPartial',
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
