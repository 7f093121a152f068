import { z } from 'zod';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { PermanentJobError, type JobDefinition } from '../../platform/jobs/job-platform.ts';
import { COLLECTION_MAX, upsertCollection } from '../../salesforce/collections.ts';
import { SalesforceError } from '../../salesforce/sf-errors.ts';
import { COMPOSITE_MAX, type ExternalIdUpdate, updateByExternalId } from '../../salesforce/update-by-external-id.ts';
import type { SalesforceAccess } from '../connections/salesforce-access.ts';
import { mappingById } from '../mappings/mappings.repo.ts';
import { runBulkPush } from './push-bulk.ts';
import {
  countOutcomes,
  failPending,
  findPush,
  pendingRecords,
  type RecordOutcome,
  recordOutcomes,
  setBulkStage,
  updatePush,
} from './push.repo.ts';

export const PushPayload = z.strictObject({ org_id: z.uuid(), push_id: z.uuid() });
export const PUSH_RUN = 'push.run';

export interface PushJobDeps {
  db: Database;
  access: SalesforceAccess;
  clock: Clock;
  log: Logger;
  /** Collection calls in flight at once for one push. */
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * A push as a durable job. Input rows are in push_records; each 200-record collection's outcomes are
 * written with the call that produced them, so a worker killed mid-push resumes with the rows still
 * pending and nothing Salesforce already answered for is sent again. Rows go by external id (upsert),
 * so even a chunk sent just before the kill and resent after it is the same record, not a second one.
 */
export function pushJob(d: PushJobDeps): JobDefinition<z.infer<typeof PushPayload>> {
  return {
    name: PUSH_RUN,
    schema: PushPayload,
    retryLimit: d.retryLimit,
    retryDelaySeconds: d.retryDelaySeconds,
    heartbeatSeconds: 10,
    expireInSeconds: 6 * 3600,
    concurrency: 2,
    handler: async ({ org_id: orgId, push_id: pushId }, ctx) => {
      const push = await d.db.tenant({ orgId }, (trx) => findPush(trx, orgId, pushId));
      if (!push) throw new PermanentJobError('push not found');
      if (!['queued', 'in_progress'].includes(push.status)) return { status: push.status };
      await d.db.tenant({ orgId }, (trx) =>
        updatePush(trx, orgId, pushId, { status: 'in_progress', started_at: d.clock.now(), error_code: null }),
      );
      const finish = async (error?: { kind: string; code: string; message: string }) => {
        await d.db.tenant({ orgId }, async (trx) => {
          if (error) await failPending(trx, orgId, pushId, { code: error.code, message: error.message, fields: [] });
          const c = await countOutcomes(trx, pushId);
          const status = c.failed === 0 ? 'succeeded' : c.succeeded === 0 ? 'failed' : 'partial';
          await updatePush(trx, orgId, pushId, {
            status,
            records_succeeded: c.succeeded,
            records_failed: c.failed,
            error_kind: error?.kind ?? null,
            error_code: error?.code ?? null,
            error_message: error?.message ?? null,
            completed_at: d.clock.now(),
          });
        });
        return { status: 'done' };
      };
      // A mapping deactivated or changed since the push was accepted: its remaining rows are not sent.
      // Checked before each round of collections, so a deactivation mid-push stops it there.
      const mappingProblem = async () => {
        if (!push.mapping_id) return null;
        const m = await d.db.tenant({ orgId }, (trx) => mappingById(trx, orgId, push.mapping_id!));
        if (!m?.is_active)
          return { kind: 'terminal', code: 'MAPPING_DEACTIVATED', message: 'The mapping was deactivated' };
        if (m.mapping_version !== push.mapping_version)
          return {
            kind: 'terminal',
            code: 'MAPPING_VERSION_CHANGED',
            message:
              `The mapping changed (version ${push.mapping_version} → ${m.mapping_version}) ` +
              'before these rows were sent',
          };
        return null;
      };
      try {
        const conn = await d.access.connected(orgId, push.client_id);
        const client = d.access.client(conn);
        if (push.transport === 'bulk') {
          const problem = await mappingProblem();
          if (problem) return finish(problem);
          await runBulkPush({
            db: d.db,
            orgId,
            push,
            client,
            setStage: (jobId, stage, calls) =>
              d.db.tenant({ orgId }, (trx) => setBulkStage(trx, orgId, pushId, jobId, stage, calls)),
          });
          return finish();
        }
        let after = -1;
        let accounted = 0; // calls already written to push_jobs.api_calls_used
        for (;;) {
          const problem = await mappingProblem();
          if (problem) return finish(problem);
          const rows = await d.db.tenant({ orgId }, (trx) =>
            pendingRecords(trx, pushId, after, COLLECTION_MAX * d.concurrency),
          );
          if (rows.length === 0) break;
          after = rows[rows.length - 1]!.seq;
          const chunks: (typeof rows)[] = [];
          // Upserts go 200 per collection; updates and links (update-only, by external id) 25 per composite.
          const size = push.operation === 'upsert' ? COLLECTION_MAX : COMPOSITE_MAX;
          for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
          await mapLimit(chunks, d.concurrency, async (chunk) => {
            let outcomes: RecordOutcome[];
            try {
              const res =
                push.operation === 'upsert'
                  ? await upsertCollection(
                      client,
                      push.object_type,
                      push.external_id_field,
                      chunk.map((r) => r.payload),
                    )
                  : await updateByExternalId(
                      client,
                      chunk.map((r) => r.payload as unknown as ExternalIdUpdate),
                    );
              outcomes = res.map((r, i) => ({
                seq: chunk[i]!.seq,
                status: r.success ? 'succeeded' : 'failed',
                sf_id: r.id,
                created: r.success ? r.created : null,
                errors: r.success ? null : r.errors,
              }));
            } catch (err) {
              // Salesforce refused the whole request (malformed for it): every row in it fails with that.
              if (!(err instanceof SalesforceError) || err.kind !== 'terminal' || err.status === 401) throw err;
              outcomes = chunk.map((r) => ({
                seq: r.seq,
                status: 'failed',
                sf_id: null,
                created: null,
                errors: [{ code: err.errorCode, message: err.sfMessage, fields: [] }],
              }));
            }
            // Chunks run concurrently: each records the calls made since the last record, so the sum is exact.
            const spent = client.calls - accounted;
            accounted = client.calls;
            await d.db.tenant({ orgId }, (trx) => recordOutcomes(trx, orgId, pushId, outcomes, spent));
          });
        }
        return finish();
      } catch (err) {
        const sf = err instanceof SalesforceError ? err : null;
        const retryable = !!sf && (sf.kind === 'transient' || sf.kind === 'limit') && !ctx.lastAttempt;
        if (!sf) d.log.error({ err, pushId }, 'push failed');
        const code =
          sf?.errorCode ??
          (err instanceof Error && err.message.startsWith('The client') ? 'NOT_CONNECTED' : 'INTERNAL_ERROR');
        const message =
          sf?.sfMessage ?? (code === 'NOT_CONNECTED' ? (err as Error).message : 'the push failed unexpectedly');
        if (retryable) {
          await d.db.tenant({ orgId }, (trx) =>
            updatePush(trx, orgId, pushId, {
              status: 'queued',
              error_kind: sf!.kind,
              error_code: code,
              error_message: `${message} (will retry)`.slice(0, 1000),
            }),
          );
          throw err;
        }
        await finish({ kind: sf?.kind ?? 'internal', code, message: message.slice(0, 1000) });
        throw new PermanentJobError(message, { code, kind: sf?.kind ?? 'internal' });
      }
    },
  };
}
