/**
 * Send a read model a service already serialised (services/publish/read-cache): the gzip bytes when the client accepts
 * them (every browser does), else the JSON text. Fastify sends strings and buffers as they are.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedJson } from '../../services/publish/read-cache';

const acceptsGzip = (req: FastifyRequest) => /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));

export function sendCachedJson(req: FastifyRequest, reply: FastifyReply, body: CachedJson): FastifyReply {
  reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding');
  // biome-ignore lint/suspicious/noExplicitAny: the route's typed reply expects the object these bytes are the JSON of
  if (acceptsGzip(req)) return reply.header('content-encoding', 'gzip').send(body.gzip as any);
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return reply.send(body.json as any);
}
