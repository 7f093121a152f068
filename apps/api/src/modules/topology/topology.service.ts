import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { gunzipSync } from 'node:zlib';
import { AppError, Errors } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { JobPlatform } from '../../platform/jobs/job-platform.ts';
import { assertClientInScope, type ClientsService } from '../clients/clients.service.ts';
import type { SalesforceAccess } from '../connections/salesforce-access.ts';
import { diffDescribes, diffManifests } from './topology-diff.ts';
import { TOPOLOGY_PULL } from './topology.jobs.ts';
import {
  activePull,
  findPull,
  insertPull,
  listSnapshots,
  readBlobs,
  readManifest,
  snapshotById,
  snapshotByVersion,
} from './topology.repo.ts';

type SnapshotRow = NonNullable<Awaited<ReturnType<typeof snapshotById>>>;
type PullRow = NonNullable<Awaited<ReturnType<typeof findPull>>>;

export function snapshotSummary(s: SnapshotRow) {
  return {
    id: s.id,
    client_id: s.client_id,
    version: s.version,
    objects_count: s.objects_count,
    custom_objects_count: s.custom_objects_count,
    pulled_at: s.pulled_at.toISOString(),
    api_calls_used: s.api_calls_used,
  };
}

/** A failed pull as the HTTP error it deserves: budget and outages are retryable 503s, the rest 502. */
function pullFailure(p: PullRow): AppError {
  const details = { error_code: p.error_code, message: p.error_message, pull_id: p.id };
  if (p.error_kind === 'limit' || p.error_kind === 'transient') {
    return new AppError('salesforce_unavailable', `The topology pull failed: ${p.error_message}`, {
      details,
      headers: { 'retry-after': p.error_kind === 'limit' ? '3600' : '60' },
    });
  }
  if (p.error_kind === 'internal')
    return new AppError('internal_error', 'The topology pull failed unexpectedly', { details: { pull_id: p.id } });
  return new AppError('salesforce_error', `The topology pull failed: ${p.error_message}`, { details });
}

export function createTopologyService(d: {
  db: Database;
  jobs: JobPlatform;
  access: SalesforceAccess;
  clients: ClientsService;
}) {
  const { db } = d;
  const scope = (p: Principal) => ({ orgId: p.orgId, clientId: p.clientId });

  async function snapshotOr404(p: Principal, clientId: string, version?: number): Promise<SnapshotRow> {
    assertClientInScope(p, clientId);
    const s = await db.tenant(scope(p), (trx) => snapshotByVersion(trx, p.orgId, clientId, version));
    if (!s)
      throw version === undefined
        ? Errors.notFound('Topology snapshot')
        : Errors.notFound(`Topology snapshot version ${version}`);
    return s;
  }

  async function describeOf(p: Principal, hash: string): Promise<Record<string, unknown>> {
    const blobs = await db.tenant(scope(p), (trx) => readBlobs(trx, p.orgId, [hash]));
    return JSON.parse(gunzipSync(blobs.get(hash)!).toString('utf8'));
  }

  return {
    /**
     * Queues a pull (or joins the one already running for this client) and waits up to waitSeconds.
     * Done in time: the snapshot. Otherwise: the pull's id and status, for topology/pull-status.
     */
    async pull(p: Principal, clientId: string, waitSeconds: number) {
      await d.clients.requireActive(p, clientId);
      const conn = await d.access.connected(p.orgId, clientId);
      d.access.budget.check(conn.id);
      // Join-or-create under a per-client lock, so two simultaneous requests start one pull, not two.
      const { pull, created } = await db.tenant(scope(p), async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`sfx:topology-pull:${clientId}`}))`.execute(trx);
        const running = await activePull(trx, p.orgId, clientId);
        if (running) return { pull: running, created: false };
        return {
          pull: await insertPull(trx, {
            id: newId(),
            orgId: p.orgId,
            clientId,
            connectionId: conn.id,
            requestedBy: p.userId,
          }),
          created: true,
        };
      });
      if (created)
        await d.jobs.send(TOPOLOGY_PULL, { org_id: p.orgId, client_id: clientId, pull_id: pull.id }, { id: pull.id });
      if (waitSeconds > 0) await d.jobs.waitFor(TOPOLOGY_PULL, pull.id, waitSeconds * 1000);
      return this.pullStatus(p, pull.id);
    },

    async pullStatus(p: Principal, id: string) {
      const pull = await db.tenant(scope(p), (trx) => findPull(trx, p.orgId, id));
      if (!pull || (p.clientId && pull.client_id !== p.clientId)) throw Errors.notFound('Topology pull');
      const snap = pull.snapshot_id
        ? await db.tenant(scope(p), (trx) => snapshotById(trx, p.orgId, pull.snapshot_id!))
        : undefined;
      return { pull, snapshot: snap ?? null, failure: pull.status === 'failed' ? pullFailure(pull) : null };
    },

    history: async (p: Principal, clientId: string) => {
      await d.clients.get(p, clientId); // 404 for a client that is not the caller's
      return db.tenant(scope(p), (trx) => listSnapshots(trx, p.orgId, clientId));
    },

    /** Streams the snapshot, object by object, so a 30 MB topology never sits in memory whole. */
    async stream(
      p: Principal,
      input: { client_id: string; version?: number | undefined; object_names?: string[] | undefined },
    ): Promise<Readable> {
      const snap = await snapshotOr404(p, input.client_id, input.version);
      const m = await db.tenant(scope(p), (trx) => readManifest(trx, p.orgId, snap.manifest_hash));
      const wanted = input.object_names ? new Set(input.object_names.map((n) => n.toLowerCase())) : null;
      const names = Object.keys(m.objects)
        .filter((n) => !wanted || wanted.has(n.toLowerCase()))
        .sort();
      const errors = Object.fromEntries(
        Object.entries(m.describe_errors).filter(([n]) => !wanted || wanted.has(n.toLowerCase())),
      );
      const head = {
        id: snap.id,
        version: snap.version,
        objects_count: snap.objects_count,
        custom_objects_count: snap.custom_objects_count,
        pulled_at: snap.pulled_at.toISOString(),
      };
      const orgId = p.orgId;
      async function* body() {
        yield `${JSON.stringify(head).slice(0, -1)},"snapshot":{"api_version":${JSON.stringify(snap.api_version)},"object_names":${JSON.stringify(names)},"objects":{`;
        for (let i = 0; i < names.length; i += 50) {
          const batch = names.slice(i, i + 50);
          const blobs = await db.tenant(scope(p), (trx) =>
            readBlobs(trx, orgId, [...new Set(batch.map((n) => m.objects[n]!))]),
          );
          yield batch
            .map(
              (n, j) =>
                `${i + j === 0 ? '' : ','}${JSON.stringify(n)}:${gunzipSync(blobs.get(m.objects[n]!)!).toString('utf8')}`,
            )
            .join('');
        }
        yield `},"describe_errors":${JSON.stringify(errors)}}}`;
      }
      return Readable.from(body());
    },

    async picklist(
      p: Principal,
      input: { client_id: string; object_name: string; field_name: string; version?: number | undefined },
    ) {
      const snap = await snapshotOr404(p, input.client_id, input.version);
      const m = await db.tenant(scope(p), (trx) => readManifest(trx, p.orgId, snap.manifest_hash));
      const objectName = Object.keys(m.objects).find((n) => n.toLowerCase() === input.object_name.toLowerCase());
      if (!objectName) throw Errors.notFound(`Object ${input.object_name} in the topology snapshot`);
      const describe = (await describeOf(p, m.objects[objectName]!)) as {
        fields?: Array<{ name: string; picklistValues?: unknown[] }>;
      };
      const field = describe.fields?.find((f) => f.name.toLowerCase() === input.field_name.toLowerCase());
      if (!field) throw Errors.notFound(`Field ${input.field_name} on ${objectName}`);
      return {
        object_name: objectName,
        field_name: field.name,
        values: (field.picklistValues ?? []) as Record<string, unknown>[],
      };
    },

    async diff(
      p: Principal,
      input: { client_id: string; version_a: number; version_b: number; object_names?: string[] | undefined },
    ) {
      const a = await snapshotOr404(p, input.client_id, input.version_a);
      const b = await snapshotOr404(p, input.client_id, input.version_b);
      const [ma, mb] = await db.tenant(scope(p), async (trx) => [
        await readManifest(trx, p.orgId, a.manifest_hash),
        await readManifest(trx, p.orgId, b.manifest_hash),
      ]);
      const only = input.object_names?.length ? new Set(input.object_names) : null;
      const m = diffManifests(ma.objects, mb.objects, only);
      const changed = [];
      // Only objects whose describe hash differs are loaded and compared, a few at a time.
      for (let i = 0; i < m.changed.length; i += 25) {
        const batch = m.changed.slice(i, i + 25);
        const blobs = await db.tenant(scope(p), (trx) =>
          readBlobs(
            trx,
            p.orgId,
            batch.flatMap((n) => [ma.objects[n]!, mb.objects[n]!]),
          ),
        );
        const parse = (h: string) => JSON.parse(gunzipSync(blobs.get(h)!).toString('utf8'));
        for (const n of batch) {
          const d2 = diffDescribes(n, parse(ma.objects[n]!), parse(mb.objects[n]!));
          if (d2.added_fields.length + d2.removed_fields.length + d2.changed_fields.length > 0) changed.push(d2);
        }
      }
      return {
        version_a: a.version,
        version_b: b.version,
        added_objects: m.added,
        removed_objects: m.removed,
        changed_objects: changed,
      };
    },
  };
}
export type TopologyService = ReturnType<typeof createTopologyService>;
