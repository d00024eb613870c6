/** Parse request input with a shared zod schema; failures become a 400 with a Chinese message naming the field. */
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

const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Route ids: short, safe tokens only. */
export function parseId(id: unknown, what = '记录'): string {
  if (typeof id !== 'string' || !ID.test(id)) throw new AppError('NOT_FOUND', `${what}不存在或无权访问`);
  return id;
}
