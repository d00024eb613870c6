/**
 * Parse request input with a shared zod schema; failures become a 400 with a Chinese message naming the field. Route
 * schemas are validated by plugins/contract.ts with the same error; parseInput is for inputs read by hand (multipart).
 */
import type { z } from 'zod';
import { controlCharIssues } from '../../shared/control-chars';
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

/** Inputs read by hand (multipart options, pasted text): control characters are refused first, as for routes. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const control = controlCharIssues(input);
  if (control.length) throw validationError(control);
  const res = schema.safeParse(input ?? {});
  if (!res.success) throw validationError(res.error.issues);
  return res.data;
}
