/** Chase and escalate (issue 11): thin routes over services/chase. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { chaseRound, getChaseBoard } from '../../services/chase/board';
import { listMyNotifications, readAllNotifications, readNotification } from '../../services/chase/notifications';
import { getChaseRules, setChaseRules } from '../../services/chase/rules';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function chaseRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.chaseRules), handler: async (req) => getChaseRules(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.setChaseRules),
    handler: async (req) => setChaseRules(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({ ...routeOf(API.notifications), handler: async (req) => listMyNotifications(ctxOf(req, db), req.query) });
  r.route({
    ...routeOf(API.readNotification),
    handler: async (req) => readNotification(ctxOf(req, db), req.params.id),
  });
  r.route({ ...routeOf(API.readAllNotifications), handler: async (req) => readAllNotifications(ctxOf(req, db)) });
  r.route({ ...routeOf(API.chaseBoard), handler: async (req) => getChaseBoard(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.chaseRound),
    handler: async (req) => chaseRound(ctxOf(req, db), req.params.id, req.body),
  });
}
