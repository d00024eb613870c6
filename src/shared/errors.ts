/** The error JSON contract: { error: { code, message, details? } }. Messages are Chinese. */
import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'LOCKED',
  'CSRF',
  'PASSWORD_CHANGE_REQUIRED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A field-level problem: the path into the request (e.g. ["values", 0, "value"]) and a Chinese message. */
export const ValidationIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

/**
 * Every error answer, whatever the status (400 validation, 401, 403, 404 unknown route or record, 405, 409, 413, 415,
 * 423, 429, 500). `details.issues` lists the fields of a validation error; import errors carry `details.code`.
 */
export const ApiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe('错误应答：code 为错误类别，message 为中文说明，details.issues 列出出错字段');
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
