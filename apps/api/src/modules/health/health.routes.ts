import { Health } from '@sfx/contract';
import { defineRoute } from '../../http/define-route.ts';
import type { Database } from '../../platform/db/database.ts';
import type { JobPlatform } from '../../platform/jobs/job-platform.ts';

export function healthRoutes(deps: { db: Database; jobs: JobPlatform; version: string }) {
  return [
    defineRoute({
      method: 'GET',
      url: '/health',
      operationId: 'health',
      tag: 'Health',
      auth: { kind: 'public' },
      audit: null,
      summary: 'Liveness and readiness: really queries the database',
      description: '503 (status "degraded") when the database does not answer within a second.',
      body: null,
      response: Health,
      otherResponses: { 503: Health },
      handler: async ({ respond }) => {
        const database = (await deps.db.ping(1000)) ? ('ok' as const) : ('down' as const);
        const jobs = deps.jobs.running ? ('ok' as const) : ('down' as const);
        const body = {
          status: database === 'ok' && jobs === 'ok' ? ('ok' as const) : ('degraded' as const),
          checks: { database, jobs },
          version: deps.version,
        };
        return database === 'ok' ? body : respond(503, body);
      },
    }),
  ];
}
