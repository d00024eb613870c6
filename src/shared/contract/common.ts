/** Building blocks shared by the per-resource contract files. */
import { z } from 'zod';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `{ id }` path parameters. A malformed id answers 404 "…不存在或无权访问" like an unknown one (the server maps a
 * params validation failure to NOT_FOUND with this message), so ids cannot be probed.
 */
export const idParams = (what: string) =>
  z.strictObject({ id: z.string().regex(ID, `${what}不存在或无权访问`).describe(`${what} id`) });

/** `{ ok: true }`. */
export const OkSchema = z.object({ ok: z.boolean() });

/** A request without a body (state-changing POSTs such as logout or publish): nothing or `{}`. */
export const EmptyBodySchema = z.strictObject({});

/** ISO-8601 timestamp or YYYY-MM-DD date as text. */
export const isoText = z.string();
