import { planErrors } from '@sfx/contract';
import type { z } from 'zod';
import { AppError } from '../../http/errors.ts';

/** 400 `invalid_deploy_plan` with every problem as `{field, message}` (details.errors). */
export function invalidPlan(error: z.ZodError): AppError {
  const errors = planErrors(error);
  return new AppError('invalid_deploy_plan', `The deploy plan has ${errors.length} problem(s)`, {
    details: { errors },
  });
}

/** Validates a plan section; throws invalidPlan() with every problem. */
export function parsePlan<T>(schema: z.ZodType<T>, plan: unknown): T {
  const r = schema.safeParse(plan);
  if (!r.success) throw invalidPlan(r.error);
  return r.data;
}
