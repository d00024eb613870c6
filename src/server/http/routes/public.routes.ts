import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { publicRoundPublication, publicRounds } from '../../services/disclosure/public-read';
import { routeOf } from '../plugins/contract';

/** Published snapshots only (政务公开); no login. The HTML pages are under /gk/ (disclosure.routes.ts). */
export function publicRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.publicRounds), handler: async () => publicRounds(db) });
  r.route({
    ...routeOf(API.publicTable),
    handler: async (req) => publicRoundPublication(db, req.params.id, req.server.clock().toISOString().slice(0, 10)),
  });
}
