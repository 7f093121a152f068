import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs/job-platform.ts';

/**
 * The smallest real job: proves the platform end to end (durable queue, workers, output, retries,
 * surviving a restart) without any Salesforce in the way.
 */
export const DemoEchoPayload = z.strictObject({
  message: z.string().max(1000),
  fail_times: z.number().int().min(0).max(5).optional(),
});

export const demoEchoJob: JobDefinition<z.infer<typeof DemoEchoPayload>> = {
  name: 'demo.echo',
  schema: DemoEchoPayload,
  retryLimit: 5,
  retryDelaySeconds: 1,
  handler: async (data, ctx) => {
    if (ctx.attempt < (data.fail_times ?? 0)) throw new Error(`planned failure on attempt ${ctx.attempt + 1}`);
    return { echoed: data.message, attempts: ctx.attempt + 1 };
  },
};
