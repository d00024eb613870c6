/** Thin routes over services (one line per endpoint of contract/rollup.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { getRollupJson } from '../../services/rollup/rollup';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';
import { sendCachedJson } from '../plugins/json-text';

export function rollupRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.rollup),
    // Served as cached JSON text (services/publish/read-cache): the response schema documents it; tests validate it.
    handler: async (req, reply) => sendCachedJson(req, reply, await getRollupJson(ctxOf(req, db), req.query)),
  });
}
