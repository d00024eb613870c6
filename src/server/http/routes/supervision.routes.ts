/** 督办 records (issue 11 §2): thin routes over services/supervision. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { supervisionRecordDocx } from '../../services/supervision/form';
import { actOnSupervision, getSupervision, listSupervisions, raiseByHand } from '../../services/supervision/records';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function supervisionRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.supervisions), handler: async (req) => listSupervisions(ctxOf(req, db), req.query) });
  r.route({
    ...routeOf(API.raiseSupervision),
    handler: async (req, reply) => reply.code(201).send(await raiseByHand(ctxOf(req, db), req.body)),
  });
  r.route({ ...routeOf(API.supervision), handler: async (req) => getSupervision(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.respondSupervision),
    handler: async (req) => actOnSupervision(ctxOf(req, db), req.params.id, { action: 'respond', ...req.body }),
  });
  r.route({
    ...routeOf(API.rejectSupervision),
    handler: async (req) => actOnSupervision(ctxOf(req, db), req.params.id, { action: 'reject', ...req.body }),
  });
  r.route({
    ...routeOf(API.closeSupervision),
    handler: async (req) => actOnSupervision(ctxOf(req, db), req.params.id, { action: 'close', ...req.body }),
  });
  r.route({
    ...routeOf(API.supervisionRecordDocx),
    handler: async (req, reply) => {
      const file = await supervisionRecordDocx(ctxOf(req, db), req.params.id);
      return reply
        .header('content-type', DOCX)
        .header(
          'content-disposition',
          `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.buf);
    },
  });
}
