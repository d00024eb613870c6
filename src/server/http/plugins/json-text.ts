/** Send JSON that a service already serialised (a cached read model): Fastify sends strings as they are. */
import type { FastifyReply } from 'fastify';

export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  // biome-ignore lint/suspicious/noExplicitAny: the route's typed reply expects the object this text is the JSON of
  return reply.header('content-type', 'application/json; charset=utf-8').send(json as any);
}
