import {
  JobAccepted,
  PushLinkBody,
  PushStatusUpdateBody,
  PushHistory,
  PushHistoryBody,
  PushRecordsBody,
  PushStatus,
  PushStatusBody,
  PushSummary,
  PushValidate,
  PushValidateBody,
} from '@sfx/contract';
import { type Alternate, defineRoute, principalOf } from '../../http/define-route.ts';
import type { PushRow } from './push.repo.ts';
import { pushSummary, type PushService } from './push.service.ts';

const tag = 'Push';
const write = { kind: 'user', permissions: ['push.write'] } as const;

type Respond = (status: number, body: Record<string, unknown>) => Alternate;

/** Done → 200 with the counts; still running → 202 with the id to poll push/status with. */
function answer(row: PushRow, respond: Respond) {
  if (row.status === 'queued' || row.status === 'in_progress')
    return respond(202, { id: row.id, status: row.status === 'queued' ? 'queued' : 'in_progress' });
  return pushSummary(row);
}

export function pushRoutes(svc: PushService) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/push/records',
      operationId: 'pushRecords',
      tag,
      auth: write,
      audit: 'push.records',
      summary: "Upsert records into the client's Salesforce by external id (a durable job)",
      description:
        "Records are renamed through the canonical_object's mapping (or sent as-is with object_type +" +
        ' external_id_field), then coerced and checked against the latest topology snapshot: a record' +
        ' that cannot be valid (unknown or read-only field, wrong type, too long, no or duplicated ' +
        'external id) fails with a per-record error without an API call. The rest go by sObject ' +
        'Collections upsert (200 per call, several at once, allOrNone false). JSON bodies hold up to ' +
        "10,000 records (and the server's body limit). Waits up to wait_seconds: done → 200 with the " +
        'counts (records_total = succeeded + failed); otherwise 202 — poll push/status, which also ' +
        'pages the per-record results. The same idempotency_key with the same body returns the first ' +
        'push (nothing sent twice); with another body it is a 409. A stale mapping_version is a 409; ' +
        'an API budget inside the reserve is a 503 with Retry-After.',
      body: PushRecordsBody,
      response: PushSummary,
      otherResponses: { 202: JobAccepted },
      handler: async ({ body, caller, respond, audit }) => {
        const row = await svc.submit(principalOf(caller), { ...body, operation: 'upsert' });
        audit({ targetType: 'push', targetId: row.id, clientId: body.client_id });
        return answer(row, respond);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/push/status-update',
      operationId: 'pushStatusUpdate',
      tag,
      auth: write,
      audit: 'push.status_update',
      summary: 'Update fields on existing records found by external id (never creates one)',
      description:
        'Each update is checked against the latest topology like push/records, then sent as ' +
        'PATCH /sobjects/{object}/{external_id_field}/{value}?updateOnly=true, 25 per composite call ' +
        "(a record that does not exist is that row's NOT_FOUND). A durable job with the wait_seconds " +
        'and idempotency_key contract of push/records; per-record results in push/status.',
      body: PushStatusUpdateBody,
      response: PushSummary,
      otherResponses: { 202: JobAccepted },
      handler: async ({ body, caller, respond, audit }) => {
        const row = await svc.statusUpdate(principalOf(caller), body);
        audit({ targetType: 'push', targetId: row.id, clientId: body.client_id });
        return answer(row, respond);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/push/link',
      operationId: 'pushLink',
      tag,
      auth: write,
      audit: 'push.link',
      summary: "Set lookups between existing records by both sides' external ids",
      description:
        "Each link sets the child's relationship_field with Salesforce's relationship-by-external-id " +
        'syntax ({"Account": {"Ext__c": "A-1"}}), so no record is queried; 25 links per composite call, ' +
        'update-only (a missing child is NOT_FOUND, a missing parent a per-record INVALID_FIELD from ' +
        'Salesforce). Names are checked against the latest topology first.',
      body: PushLinkBody,
      response: PushSummary,
      otherResponses: { 202: JobAccepted },
      handler: async ({ body, caller, respond, audit }) => {
        const row = await svc.link(principalOf(caller), body);
        audit({ targetType: 'push', targetId: row.id, clientId: body.client_id });
        return answer(row, respond);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/push/validate',
      operationId: 'pushValidate',
      tag,
      auth: write,
      audit: null,
      summary: 'Which canonical fields the active mapping covers, checked against the latest topology',
      description:
        'mapped: the target field is in the latest snapshot; mapped_unverified: no snapshot, or the ' +
        'target is missing from it (named in error); unmapped: not in the map. valid is false when a ' +
        'field is unmapped.',
      body: PushValidateBody,
      response: PushValidate,
      handler: async ({ body, caller }) => svc.validate(principalOf(caller), body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/push/status',
      operationId: 'pushStatus',
      tag,
      auth: write,
      audit: null,
      summary: "A push's progress and its per-record results (cursor-paged)",
      description:
        'results: per input row (0-based), its external id, the Salesforce id, created or updated, ' +
        'and error codes and fields. Pass next_cursor back as cursor for the next page.',
      body: PushStatusBody,
      response: PushStatus,
      handler: async ({ body, caller }) => svc.status(principalOf(caller), body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/push/history',
      operationId: 'pushHistory',
      tag,
      auth: write,
      audit: null,
      summary: "The client's pushes, newest first",
      body: PushHistoryBody,
      response: PushHistory,
      handler: async ({ body, caller }) => ({
        data: await svc.history(principalOf(caller), body.client_id, body.limit ?? 50),
      }),
    }),
  ];
}
