import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import { routeOf } from '../plugins/contract';

export function systemRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().route({ ...routeOf(API.health), handler: async () => ({ ok: true }) });
}
