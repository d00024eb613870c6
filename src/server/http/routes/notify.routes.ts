/** 消息通道: group robots (企业微信/钉钉) and the deliveries of notifications, for the programme's office. Thin. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { listDeliveries, retryDelivery } from '../../services/notify/deliveries';
import {
  createWebhook,
  listWebhooks,
  setWebhookActive,
  testWebhook,
  updateWebhook,
} from '../../services/notify/webhooks';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function notifyRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const o = () => ({ crypto: app.security.crypto });
  r.route({ ...routeOf(API.programmeWebhooks), handler: (req) => listWebhooks(ctxOf(req, db), req.params.id, o()) });
  r.route({
    ...routeOf(API.createWebhook),
    handler: async (req, reply) =>
      reply.status(201).send(await createWebhook(ctxOf(req, db), req.params.id, req.body, o())),
  });
  r.route({
    ...routeOf(API.updateWebhook),
    handler: (req) => updateWebhook(ctxOf(req, db), req.params.id, req.body, o()),
  });
  r.route({
    ...routeOf(API.setWebhookActive),
    handler: (req) => setWebhookActive(ctxOf(req, db), req.params.id, req.body.active, o()),
  });
  r.route({ ...routeOf(API.testWebhook), handler: (req) => testWebhook(ctxOf(req, db), req.params.id, o()) });
  r.route({
    ...routeOf(API.programmeDeliveries),
    handler: (req) => listDeliveries(ctxOf(req, db), req.params.id, req.query),
  });
  r.route({ ...routeOf(API.retryDelivery), handler: (req) => retryDelivery(ctxOf(req, db), req.params.id) });
}
