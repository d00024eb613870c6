/**
 * Parse request input with a shared zod schema; failures become a 400 with a Chinese message naming the field. Route
 * schemas are validated by plugins/contract.ts with the same error; parseInput is for inputs read by hand (multipart).
 */
import type { z } from 'zod';
import { describeIssues } from '../../shared/schemas';
import { AppError } from '../errors';

/** The one validation error: Chinese message naming each field, `details.issues` with the field paths. */
export function validationError(issues: readonly z.core.$ZodIssue[]): AppError {
  return new AppError('VALIDATION', describeIssues(issues), {
    issues: issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
      message: i.message,
    })),
  });
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const res = schema.safeParse(input ?? {});
  if (!res.success) throw validationError(res.error.issues);
  return res.data;
}
