/** Small server helpers: ids, JSON columns. (Time comes from the use-case clock, `ctx.now()`.) */
import { randomBytes, randomUUID } from 'node:crypto';

/** A new opaque id. */
export const newId = (): string => randomUUID();

/** A random URL-safe token of `bytes` bytes. */
export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Parse a JSON text column, falling back when empty or malformed. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
