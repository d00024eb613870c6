/**
 * The only place that maps error codes to HTTP statuses. Unknown errors never leak internals: the client gets a
 * Chinese message and the request id (also in the x-request-id header) to quote; the log gets the stack under the
 * same id.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../../shared/errors';
import { AppError } from '../../errors';
import { ResponseContractError } from './contract';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  LOCKED: 423,
  CSRF: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
};

/** The 500 answer: a Chinese message with the request id to quote, and the id in `details.requestId`. */
export function internalError(req: FastifyRequest, extra: Record<string, unknown> = {}) {
  return {
    error: {
      code: 'INTERNAL' as const,
      message: `服务器内部错误，请稍后再试（如需报告问题，请提供请求编号 ${req.id}）`,
      details: { requestId: req.id, ...extra },
    },
  };
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(STATUS[err.code])
        .send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (err instanceof ResponseContractError) {
      req.log.error({ err }, 'response breaks its schema');
      return reply.status(500).send(internalError(req, { reason: err.message }));
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 413 || (err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' } });
    if (status === 429)
      return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } });
    if (status === 415)
      return reply
        .status(415)
        .send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请使用 application/json' } });
    if (status >= 400 && status < 500)
      return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: '请求格式错误（请提交合法的 JSON）' } });
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(internalError(req));
  });
}
