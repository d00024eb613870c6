/**
 * Structured request logs: one JSON line per request (pino, through Fastify's logger) at `info` —
 * `{"level":30,"time":…,"reqId":"…","msg":"request","method":"GET","url":"/api/…","status":200,"responseTime":3.1,
 * "ip":"…","userId":"u-1"}` — in place of Fastify's two default lines. Never logged: request bodies, the cookie, the
 * CSRF token, and the values of query parameters whose names look secret (token, password, key…). Should anything
 * ever log request headers, pino redacts the cookie, authorization and x-csrf-token headers. Health and readiness
 * probes that succeed are logged at `debug` so a monitor polling every few seconds does not flood the log.
 */
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';

/** Fields pino replaces with "[已隐藏]" wherever they appear at these paths. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  'csrfToken',
  '*.password',
  '*.csrfToken',
];

export type LoggerOption = boolean | { level: string; stream?: { write(msg: string): void } };

/** Fastify's `logger` option: the caller's level (and stream), with redaction. */
export function loggerOptions(logger: LoggerOption | undefined): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? { level: 'info' } : logger;
  return { ...base, redact: { paths: REDACT_PATHS, censor: '[已隐藏]' } };
}

const SECRET_PARAM = /token|passw|secret|csrf|key|sig|session|auth|code|ticket|cookie/i;
const MAX_URL = 500;

/** The URL as logged: values of secret-looking query parameters replaced by ***, at most 500 characters. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  let out = url;
  if (q >= 0) {
    const params = new URLSearchParams(url.slice(q + 1));
    const parts: string[] = [];
    for (const [k, v] of params)
      parts.push(`${encodeURIComponent(k)}=${SECRET_PARAM.test(k) ? '***' : encodeURIComponent(v)}`);
    out = parts.length ? `${url.slice(0, q)}?${parts.join('&')}` : url.slice(0, q);
  }
  return out.length > MAX_URL ? `${out.slice(0, MAX_URL)}…` : out;
}

const PROBES = new Set(['/api/health', '/api/ready']);

/**
 * Fastify's log controller with its two lines per request ("incoming request", "request completed") replaced by
 * one line when the response is finished (after the onResponse hooks); the session resolved by the auth plugin gives
 * the user id. Pass an instance as Fastify's `logController` option.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: req.method,
      url: safeUrl(req.url),
      status: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
      ip: req.ip,
      userId: req.session?.me.id,
      ...(error ? { err: error } : {}),
    };
    if (error) req.log.warn(line, 'request');
    else if (PROBES.has(req.routeOptions.url ?? '') && reply.statusCode < 400) req.log.debug(line, 'request');
    else req.log.info(line, 'request');
  }
}
