/** 结转 (roll-over) of a programme into next year: preview, then create. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { previewRollover, rollover } from '../../services/plan/rollover';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function rolloverRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.rolloverPreview),
    handler: async (req) => previewRollover(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.rollover),
    handler: async (req, reply) => reply.status(201).send(await rollover(ctxOf(req, db), req.params.id, req.body)),
  });
}
