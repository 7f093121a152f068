import { z } from 'zod';

const Check = z.enum(['ok', 'down', 'degraded']);
export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ database: Check, jobs: Check }),
  version: z.string(),
});
