import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { getPublicTableJson, listPublicRounds } from '../../services/publish/public-table';
import { routeOf } from '../plugins/contract';
import { sendCachedJson } from '../plugins/json-text';

/** Published data only; no login. */
export function publicRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.publicRounds), handler: async () => listPublicRounds(db) });
  r.route({
    ...routeOf(API.publicTable),
    handler: async (req, reply) => sendCachedJson(req, reply, await getPublicTableJson(db, req.params.id)),
  });
}
