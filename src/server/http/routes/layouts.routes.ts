/** 版式: a programme's layouts, the office's own ones (create, save a version, archive) and the preview of an unsaved one. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { requireActor } from '../../services/context';
import { previewRoundDocument } from '../../services/publish/export-document';
import {
  archiveLayout,
  createLayout,
  getLayout,
  listProgrammeLayouts,
  parseLayoutInput,
  updateLayout,
} from '../../services/publish/layouts';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function layoutsRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.programmeLayouts),
    handler: async (req) => listProgrammeLayouts(ctxOf(req, db), req.params.id),
  });
  r.route({
    ...routeOf(API.createLayout),
    handler: async (req, reply) => reply.status(201).send(await createLayout(ctxOf(req, db), req.params.id, req.body)),
  });
  r.route({
    ...routeOf(API.layout),
    handler: async (req) => getLayout(ctxOf(req, db), req.params.id, req.query.version),
  });
  r.route({
    ...routeOf(API.saveLayout),
    handler: async (req) => updateLayout(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.archiveLayout),
    handler: async (req) => archiveLayout(ctxOf(req, db), req.params.id),
  });
  r.route({
    ...routeOf(API.previewUnsavedLayout),
    handler: async (req) => {
      const ctx = ctxOf(req, db);
      requireActor(ctx);
      return previewRoundDocument(ctx, req.params.id, parseLayoutInput(req.body.layout));
    },
  });
}
