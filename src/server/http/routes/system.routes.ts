import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { checkReadiness } from '../../ops/readiness';
import { routeOf } from '../plugins/contract';

/** Liveness (`/api/health`: the process answers, nothing is touched) and readiness (`/api/ready`: ops/readiness.ts). */
export function systemRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.health), handler: async () => ({ ok: true }) });
  r.route({
    ...routeOf(API.ready),
    handler: async (req, reply) => {
      const { error, ...readiness } = await checkReadiness(db);
      if (readiness.ready) return readiness;
      req.log.warn({ err: error, reasons: readiness.reasons }, 'not ready');
      // 503 is not a declared answer: send the same shape as JSON text (the serialiser only knows 200).
      return (reply as FastifyReply).code(503).type('application/json; charset=utf-8').send(JSON.stringify(readiness));
    },
  });
}
