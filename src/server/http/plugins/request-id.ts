/**
 * Request ids: every request gets one (its log lines carry it as `reqId`), every answer echoes it in `x-request-id`,
 * and a 500 shows it so a user can quote it. A well-formed `x-request-id` from the client or the reverse proxy (nginx:
 * `proxy_set_header X-Request-Id $request_id;`) is kept, so the proxy's log and ours share the id; anything else is
 * replaced by a fresh UUID.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,64}$/;

/** Fastify's genReqId: the incoming id when well-formed, else a new UUID. */
export function genReqId(req: IncomingMessage): string {
  const sent = req.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && WELL_FORMED.test(sent) ? sent : randomUUID();
}

/** Echo the id on every answer (404s and errors included). Register before any route. */
export function registerRequestId(app: FastifyInstance) {
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
}
