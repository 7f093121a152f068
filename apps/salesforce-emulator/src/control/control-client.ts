// Typed client of the control plane, over HTTP, so it drives an in-process emulator (startEmulator)
// and a standalone one (npm run emulator) alike.
import type { ConnectedAppSpec, OrgSpec, UserSpec } from '../model/emulator-state.ts';
import type { SaveResult } from '../model/errors.ts';
import type { OrgSettings } from '../model/org.ts';
import type { SerializedState } from '../model/state-serializer.ts';
import type { CustomObjectSpec } from '../schema/custom-object-factory.ts';
import type { FieldSpec } from '../schema/field-factory.ts';
import type { FieldDef } from '../schema/types.ts';
import type { DemoOptions, SeedSpec } from '../seed/seeding.ts';
import type { FaultRule, FaultSpec, LatencyRule } from './faults.ts';
import type { RequestLogEntry } from './request-log.ts';
import type { ConnectedAppInfo, OrgInfo } from './control-views.ts';
import type { BulkUsageView } from '../bulk/bulk-limits.ts';

export class ControlError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ControlError';
    this.status = status;
    this.code = code;
  }
}

export interface CreateOrgOptions extends OrgSpec {
  /** 'demo' builds the realistic demo org (user, connected app, records). */
  seed?: 'demo' | 'empty';
  demo?: DemoOptions;
}

export class EmulatorControl {
  readonly url: string;
  readonly #token: string;

  constructor(url: string, token: string) {
    this.url = url.replace(/\/$/, '');
    this.#token = token;
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__emulator${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.#token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) {
      const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ControlError(
        res.status,
        err?.code ?? 'error',
        err?.message ?? `${method} ${path} failed with ${res.status}`,
      );
    }
    return data as T;
  }

  health(): Promise<{ ok: boolean }> {
    return this.#call('GET', '/health');
  }

  // ---- orgs, users, connected apps ----
  createOrg(
    opts: CreateOrgOptions = {},
  ): Promise<OrgInfo & { admin?: { userId: string; username: string; password: string } }> {
    return this.#call('POST', '/orgs', opts);
  }
  listOrgs(): Promise<OrgInfo[]> {
    return this.#call('GET', '/orgs');
  }
  getOrg(orgId: string): Promise<OrgInfo> {
    return this.#call('GET', `/orgs/${orgId}`);
  }
  updateOrg(orgId: string, settings: Partial<OrgSettings>): Promise<OrgInfo> {
    return this.#call('PATCH', `/orgs/${orgId}`, settings);
  }
  deleteOrg(orgId: string): Promise<{ deleted: boolean }> {
    return this.#call('DELETE', `/orgs/${orgId}`);
  }
  /** Deletes all data (keeping users, apps and the org record) and custom schema; resets API usage. */
  resetOrg(orgId: string): Promise<OrgInfo> {
    return this.#call('POST', `/orgs/${orgId}/reset`);
  }
  createUser(orgId: string, user: UserSpec): Promise<{ id: string; username: string }> {
    return this.#call('POST', `/orgs/${orgId}/users`, user);
  }
  createConnectedApp(orgId: string, app: ConnectedAppSpec): Promise<ConnectedAppInfo> {
    return this.#call('POST', `/orgs/${orgId}/connected-apps`, app);
  }
  /** Emulator setting: /authorize approves at once as this user, without the login page. null turns it off. */
  setAutoApprove(username: string | null): Promise<{ username: string | null }> {
    return this.#call('PUT', '/auto-approve', { username });
  }

  // ---- data and schema ----
  insertRecords(orgId: string, object: string, records: Array<Record<string, unknown>>): Promise<SaveResult[]> {
    return this.#call('POST', `/orgs/${orgId}/records`, { object, records });
  }
  seedRecords(
    orgId: string,
    spec: SeedSpec,
  ): Promise<{ created: number; firstId: string | null; lastId: string | null }> {
    return this.#call('POST', `/orgs/${orgId}/seed`, spec);
  }
  addCustomObject(orgId: string, spec: CustomObjectSpec): Promise<Record<string, unknown>> {
    return this.#call('POST', `/orgs/${orgId}/schema/objects`, spec);
  }
  removeCustomObject(orgId: string, name: string): Promise<{ deleted: boolean }> {
    return this.#call('DELETE', `/orgs/${orgId}/schema/objects/${name}`);
  }
  addCustomField(orgId: string, object: string, spec: FieldSpec): Promise<FieldDef> {
    return this.#call('POST', `/orgs/${orgId}/schema/objects/${object}/fields`, spec);
  }
  updateField(orgId: string, object: string, field: string, change: FieldSpec | Partial<FieldDef>): Promise<FieldDef> {
    return this.#call('PATCH', `/orgs/${orgId}/schema/objects/${object}/fields/${field}`, change);
  }
  removeCustomField(orgId: string, object: string, field: string): Promise<{ deleted: boolean }> {
    return this.#call('DELETE', `/orgs/${orgId}/schema/objects/${object}/fields/${field}`);
  }

  // ---- sessions, limits, time ----
  expireSessions(filter: { orgId?: string; userId?: string } = {}): Promise<{ expired: number }> {
    return this.#call('POST', '/sessions/expire', filter);
  }
  revokeRefreshTokens(filter: { orgId?: string; userId?: string } = {}): Promise<{ revoked: number }> {
    return this.#call('POST', '/refresh-tokens/revoke', filter);
  }
  /** Refresh keeps succeeding but every API call answers 401 (tests clients' refresh-loop guards). */
  setSessionsAlwaysInvalid(orgId: string, on: boolean): Promise<OrgInfo> {
    return this.updateOrg(orgId, { sessionsAlwaysInvalid: on });
  }
  getApiUsage(orgId: string): Promise<{ used: number; limit: number; total: number }> {
    return this.#call('GET', `/orgs/${orgId}/api-usage`);
  }
  setApiUsage(orgId: string, used: number): Promise<{ used: number; limit: number; total: number }> {
    return this.#call('PUT', `/orgs/${orgId}/api-usage`, { used });
  }
  expireQueryCursors(orgId: string): Promise<{ expired: number }> {
    return this.#call('POST', `/orgs/${orgId}/query-cursors/expire`);
  }
  /** Moves the emulator's clock forward (sessions, codes, cursors and rolling usage see the new time). */
  advanceClock(ms: number): Promise<{ now: string }> {
    return this.#call('POST', '/clock/advance', { ms });
  }

  // ---- faults, latency, request log ----
  injectFault(spec: FaultSpec): Promise<FaultRule> {
    return this.#call('POST', '/faults', spec);
  }
  listFaults(): Promise<FaultRule[]> {
    return this.#call('GET', '/faults');
  }
  removeFault(id: string): Promise<{ removed: boolean }> {
    return this.#call('DELETE', `/faults/${id}`);
  }
  clearFaults(): Promise<{ cleared: boolean }> {
    return this.#call('DELETE', '/faults');
  }
  setLatency(spec: {
    fixedMs?: number;
    jitterMs?: number;
    path?: string;
    method?: string;
  }): Promise<{ global: { fixedMs: number; jitterMs: number }; rules: LatencyRule[] }> {
    return this.#call('PUT', '/latency', spec);
  }
  clearLatency(): Promise<{ cleared: boolean }> {
    return this.#call('DELETE', '/latency');
  }
  requestLog(filter: { orgId?: string; since?: number; limit?: number } = {}): Promise<RequestLogEntry[]> {
    const q = new URLSearchParams(
      Object.entries(filter)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    return this.#call('GET', `/requests${q.size ? `?${q}` : ''}`);
  }
  clearRequestLog(): Promise<{ cleared: boolean }> {
    return this.#call('DELETE', '/requests');
  }

  // ---- Bulk API 2.0 (src/bulk) ----
  /** Rolling 24-hour Bulk usage: batches, ingested records, query jobs, query result storage (MB). */
  getBulkUsage(orgId: string): Promise<BulkUsageView> {
    return this.#call('GET', `/orgs/${orgId}/bulk-usage`);
  }
  /** Sets usage counted as made now (e.g. batches: 15000 makes the next ingest job fail with ExceededQuota). */
  setBulkUsage(
    orgId: string,
    used: { batches?: number; records?: number; queryJobs?: number; queryStorageMb?: number },
  ): Promise<BulkUsageView> {
    return this.#call('PUT', `/orgs/${orgId}/bulk-usage`, used);
  }
  /** Records per query result page when a client sends no maxRecords (default 50,000). */
  setBulkQueryPageSize(orgId: string, queryPageSize: number): Promise<{ queryPageSize: number }> {
    return this.#call('PUT', `/orgs/${orgId}/bulk-settings`, { queryPageSize });
  }
  /** The next `times` jobs that start processing fail as a whole, with `errorMessage` as the job's errorMessage. */
  failBulkJobs(
    orgId: string,
    opts: { kind?: 'ingest' | 'query'; object?: string; errorMessage?: string; times?: number | 'always' } = {},
  ): Promise<FaultRule> {
    return this.injectFault({
      method: 'PROCESS',
      path: `/__bulk/${opts.kind ?? '*'}/${opts.object ?? '*'}/*`,
      orgId,
      times: opts.times ?? 1,
      action: { type: 'status', status: 500, body: opts.errorMessage },
    });
  }
  /** The next `times` jobs pause `ms` between processing chunks, so UploadComplete/InProgress can be observed. */
  slowBulkJobs(
    orgId: string,
    opts: { ms: number; kind?: 'ingest' | 'query'; object?: string; times?: number | 'always' },
  ): Promise<FaultRule> {
    return this.injectFault({
      method: 'PROCESS',
      path: `/__bulk/${opts.kind ?? '*'}/${opts.object ?? '*'}/*`,
      orgId,
      times: opts.times ?? 1,
      action: { type: 'delay', ms: opts.ms },
    });
  }

  // ---- Metadata API components and deploys (read-only views for tests) ----
  /** Components of a type as listMetadata sees them (custom objects/fields from the schema, the rest stored). */
  listComponents(orgId: string, type: string): Promise<Array<{ type: string; fullName: string; id: string }>> {
    return this.#call('GET', `/orgs/${orgId}/metadata/${encodeURIComponent(type)}`);
  }
  /** One component as readMetadata returns it (an object with its fields, …), or null. */
  readComponent(orgId: string, type: string, fullName: string): Promise<Record<string, unknown> | null> {
    return this.#call('GET', `/orgs/${orgId}/metadata/${encodeURIComponent(type)}/${encodeURIComponent(fullName)}`);
  }
  /** Every deploy of the org with its status and messages (DeployResult with details). */
  listDeploys(orgId: string): Promise<Array<Record<string, unknown>>> {
    return this.#call('GET', `/orgs/${orgId}/deploys`);
  }

  // ---- snapshots ----
  snapshot(): Promise<{ id: string }> {
    return this.#call('POST', '/snapshots');
  }
  restore(snapshotId: string): Promise<{ restored: string }> {
    return this.#call('POST', `/snapshots/${snapshotId}/restore`);
  }
  exportState(): Promise<SerializedState> {
    return this.#call('GET', '/state');
  }
  importState(state: SerializedState): Promise<{ restored: boolean }> {
    return this.#call('PUT', '/state', state);
  }
}
