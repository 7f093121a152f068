import { z } from 'zod';

/** A UUID in a request body; a malformed one fails validation (422). */
export const Uuid = z.uuid().describe('UUID');
/** Timestamps are ISO-8601 UTC strings. */
export const Timestamp = z.iso.datetime({ offset: false }).describe('ISO-8601 UTC timestamp');

/** Human-entered names: bounded, trimmed, never empty. */
export const Name = z.string().trim().min(1).max(200);
export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
/** argon2id has no 72-byte limit, but unbounded input is a CPU cost: 8..256 characters. */
export const Password = z.string().min(8).max(256);
export const Label = z.string().trim().min(1).max(100);
/** A client's web domain, e.g. "acme.com" (lower-cased). */
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name like acme.com');

/** "List" endpoints accept `{}`. */
export const EmptyBody = z.strictObject({});

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
  request_id: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const OkResponse = z.object({ ok: z.literal(true) });
