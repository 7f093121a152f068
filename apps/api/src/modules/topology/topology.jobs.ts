import { z } from 'zod';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { PermanentJobError, type JobDefinition } from '../../platform/jobs/job-platform.ts';
import { SalesforceError } from '../../salesforce/sf-errors.ts';
import type { ConnectionEvents } from '../connections/connection-events.ts';
import type { SalesforceAccess } from '../connections/salesforce-access.ts';
import { driftSummary } from './topology-drift.ts';
import { pullTopology, type PreviousPull } from './topology-pull.ts';
import {
  findPull,
  insertBlobs,
  insertSnapshot,
  latestSnapshot,
  readManifest,
  updatePull,
  upsertManifest,
} from './topology.repo.ts';
import { createHash } from 'node:crypto';

export const TopologyPullPayload = z.strictObject({ org_id: z.uuid(), client_id: z.uuid(), pull_id: z.uuid() });
export const TOPOLOGY_PULL = 'topology.pull';

export interface TopologyJobDeps {
  db: Database;
  access: SalesforceAccess;
  events: ConnectionEvents;
  clock: Clock;
  log: Logger;
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
}

/**
 * A pull as a durable job. The snapshot is written in one transaction at the end, so a pull killed
 * half-way leaves no half snapshot: the job is retried (its heartbeat stops) and starts over, and
 * the describes it had already stored are simply found again (content-addressed).
 */
export function topologyPullJob(d: TopologyJobDeps): JobDefinition<z.infer<typeof TopologyPullPayload>> {
  return {
    name: TOPOLOGY_PULL,
    schema: TopologyPullPayload,
    retryLimit: d.retryLimit,
    retryDelaySeconds: d.retryDelaySeconds,
    heartbeatSeconds: 10,
    expireInSeconds: 3600,
    concurrency: 2,
    handler: async ({ org_id: orgId, client_id: clientId, pull_id: pullId }, ctx) => {
      const pull = await d.db.tenant({ orgId }, (trx) => findPull(trx, orgId, pullId));
      if (!pull) throw new PermanentJobError('pull not found');
      if (pull.status === 'succeeded') return { snapshot_id: pull.snapshot_id };
      await d.db.tenant({ orgId }, (trx) =>
        updatePull(trx, orgId, pullId, {
          status: 'running',
          started_at: d.clock.now(),
          error_kind: null,
          error_code: null,
          error_message: null,
        }),
      );
      let calls = 0;
      try {
        const conn = await d.access.connected(orgId, clientId);
        const client = d.access.client(conn);
        const prevRow = await d.db.tenant({ orgId }, (trx) => latestSnapshot(trx, orgId, clientId));
        let previous: PreviousPull | null = null;
        if (prevRow && prevRow.connection_id === conn.id && prevRow.api_version === conn.api_version) {
          const m = await d.db.tenant({ orgId }, (trx) => readManifest(trx, orgId, prevRow.manifest_hash));
          previous = {
            objects: m.objects,
            describeErrors: m.describe_errors,
            customCount: prevRow.custom_objects_count,
            checkedAt: prevRow.source_checked_at,
          };
        }
        let lastProgress = 0;
        const result = await pullTopology({
          client,
          previous,
          concurrency: d.concurrency,
          now: d.clock.now(),
          storeBlobs: (blobs) => d.db.tenant({ orgId }, (trx) => insertBlobs(trx, orgId, blobs)),
          onProgress: async (done, total) => {
            calls = client.calls;
            if (done !== total && Date.now() - lastProgress < 1000) return;
            lastProgress = Date.now();
            await d.db.tenant({ orgId }, (trx) =>
              updatePull(trx, orgId, pullId, {
                objects_total: total,
                objects_done: done,
                api_calls_used: client.calls,
              }),
            );
          },
        });
        calls = client.calls;
        // Canonical order (jsonb does not keep key order), so an unchanged manifest hashes the same.
        const sorted = <T>(o: Record<string, T>) =>
          Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
        const manifestHash = createHash('sha256')
          .update(JSON.stringify([sorted(result.objects), sorted(result.describeErrors)]))
          .digest('hex');
        const snapshotId = newId();
        const now = d.clock.now();
        const objectsCount = Object.keys(result.objects).length + Object.keys(result.describeErrors).length;
        const version = await d.db.tenant({ orgId }, async (trx) => {
          await upsertManifest(trx, orgId, manifestHash, result.objects, result.describeErrors);
          const v = await insertSnapshot(trx, {
            id: snapshotId,
            orgId,
            clientId,
            connectionId: conn.id,
            pullId,
            manifestHash,
            apiVersion: conn.api_version,
            objectsCount,
            customCount: result.customCount,
            errorsCount: Object.keys(result.describeErrors).length,
            apiCalls: calls,
            checkedAt: result.checkedAt,
            pulledAt: now,
          });
          await updatePull(trx, orgId, pullId, {
            status: 'succeeded',
            snapshot_id: snapshotId,
            objects_total: objectsCount,
            objects_done: objectsCount,
            api_calls_used: calls,
            completed_at: now,
          });
          return v;
        });
        await d.events.record({
          orgId,
          clientId,
          connectionId: conn.id,
          event: 'topology.pulled',
          targetType: 'topology_snapshot',
          targetId: snapshotId,
          details: { version, objects_count: objectsCount, api_calls_used: calls, unchanged: result.unchanged },
        });
        if (previous && !result.unchanged) {
          const drift = await driftSummary(d.db, orgId, previous.objects, result.objects);
          if (drift)
            await d.events.record({
              orgId,
              clientId,
              connectionId: conn.id,
              event: 'topology.drift_detected',
              targetType: 'topology_snapshot',
              targetId: snapshotId,
              details: { version_from: prevRow!.version, version_to: version, ...drift },
            });
        }
        return { snapshot_id: snapshotId, version, api_calls_used: calls };
      } catch (err) {
        const sf = err instanceof SalesforceError ? err : null;
        // Transient trouble and an exhausted API budget are retried later (with backoff) until the
        // retry bound; refused credentials and refusals by Salesforce itself fail at once.
        const retryable = !!sf && (sf.kind === 'transient' || sf.kind === 'limit') && !ctx.lastAttempt;
        const code = sf?.errorCode ?? (err instanceof PermanentJobError ? 'PULL_FAILED' : 'INTERNAL_ERROR');
        const message = sf
          ? sf.sfMessage
          : err instanceof Error && err.message.startsWith('The client')
            ? err.message
            : 'the pull failed unexpectedly';
        if (!sf) d.log.error({ err, pullId }, 'topology pull failed');
        await d.db.tenant({ orgId }, (trx) =>
          updatePull(trx, orgId, pullId, {
            status: retryable ? 'queued' : 'failed',
            error_kind: sf?.kind ?? 'internal',
            error_code: code,
            error_message: `${message}${retryable ? ' (will retry)' : ''}`.slice(0, 1000),
            api_calls_used: calls,
            completed_at: retryable ? null : d.clock.now(),
          }),
        );
        if (retryable) throw err;
        throw new PermanentJobError(message, { code, kind: sf?.kind ?? 'internal' });
      }
    },
  };
}
