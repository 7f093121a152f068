import {
  Diff,
  DiffBody,
  GetTopologyBody,
  History,
  HistoryBody,
  JobAccepted,
  Picklist,
  PicklistBody,
  PullBody,
  PullStatus,
  PullStatusBody,
  Snapshot,
  SnapshotSummary,
} from '@sfx/contract';
import { defineRoute, principalOf } from '../../http/define-route.ts';
import { snapshotSummary, type TopologyService } from './topology.service.ts';

const tag = 'Topology';
const read = { kind: 'user', permissions: ['topology.read'] } as const;

export function topologyRoutes(svc: TopologyService) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/topology/pull',
      operationId: 'topologyPull',
      tag,
      auth: { kind: 'user', permissions: ['topology.read', 'connections.write'] },
      audit: 'topology.pull',
      summary: "Pull the client org's schema into a new versioned snapshot (a durable job)",
      description:
        "Reads describeGlobal and every object's describe, 25 per composite call and conditionally on the previous " +
        'pull (an unchanged org costs one API call). Waits up to wait_seconds (default 30): done in time → 200 ' +
        "with the snapshot; otherwise 202 with the pull's id — poll topology/pull-status. A pull already running " +
        'for the client is joined, not duplicated.',
      body: PullBody,
      response: SnapshotSummary,
      otherResponses: { 202: JobAccepted },
      handler: async ({ body, caller, respond, audit }) => {
        const r = await svc.pull(principalOf(caller), body.client_id, body.wait_seconds ?? 30);
        audit({ targetType: 'topology_pull', targetId: r.pull.id, clientId: body.client_id });
        if (r.failure) throw r.failure;
        if (r.snapshot) return snapshotSummary(r.snapshot);
        return respond(202, { id: r.pull.id, status: r.pull.status });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/topology/pull-status',
      operationId: 'topologyPullStatus',
      tag,
      auth: read,
      audit: null,
      summary: 'Progress and outcome of a topology pull',
      body: PullStatusBody,
      response: PullStatus,
      handler: async ({ body, caller }) => {
        const { pull, snapshot } = await svc.pullStatus(principalOf(caller), body.id);
        return {
          id: pull.id,
          client_id: pull.client_id,
          status: pull.status as 'queued',
          objects_total: pull.objects_total,
          objects_done: pull.objects_done,
          api_calls_used: pull.api_calls_used,
          error: pull.error_code ? { code: pull.error_code, message: pull.error_message ?? '' } : null,
          snapshot: snapshot ? snapshotSummary(snapshot) : null,
          created_at: pull.created_at.toISOString(),
          completed_at: pull.completed_at?.toISOString() ?? null,
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/topology/get',
      operationId: 'topologyGet',
      tag,
      auth: read,
      audit: null,
      stream: true,
      summary: "A snapshot: every object's full describe (streamed; object_names limits it)",
      body: GetTopologyBody,
      response: Snapshot,
      handler: async ({ body, caller, reply }) => {
        const stream = await svc.stream(principalOf(caller), body);
        void reply.type('application/json; charset=utf-8').send(stream);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/topology/history',
      operationId: 'topologyHistory',
      tag,
      auth: read,
      audit: null,
      summary: "The client's snapshots, newest first (no payload)",
      body: HistoryBody,
      response: History,
      handler: async ({ body, caller }) => ({
        data: (await svc.history(principalOf(caller), body.client_id)).map((s) => ({
          id: s.id,
          version: s.version,
          objects_count: s.objects_count,
          custom_objects_count: s.custom_objects_count,
          pulled_at: s.pulled_at.toISOString(),
        })),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/topology/picklist',
      operationId: 'topologyPicklist',
      tag,
      auth: read,
      audit: null,
      summary: "A picklist field's values in a snapshot (from the database, no Salesforce call)",
      body: PicklistBody,
      response: Picklist,
      handler: async ({ body, caller }) => svc.picklist(principalOf(caller), body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/topology/diff',
      operationId: 'topologyDiff',
      tag,
      auth: read,
      audit: null,
      summary: 'What changed between two snapshots',
      description:
        'Added and removed objects and fields, and per field the changed properties as [before, after]: type, ' +
        'length, precision, scale, nillable, picklist values (active), referenceTo, externalId, unique, label.',
      body: DiffBody,
      response: Diff,
      handler: async ({ body, caller }) => svc.diff(principalOf(caller), body),
    }),
  ];
}
