/** 正式文件: the layouts and a round's document in a layout and format. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { requireActor } from '../../services/context';
import { exportRoundDocument, listLayouts, previewRoundDocument } from '../../services/publish/export-document';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function documentsRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.layouts),
    handler: async (req) => {
      requireActor(ctxOf(req, db));
      return listLayouts().map((l) => ({
        id: l.id,
        name: l.name,
        description: l.description ?? '',
        kind: l.kind,
        builtin: true,
      }));
    },
  });
  r.route({
    ...routeOf(API.roundDocumentPreview),
    handler: async (req) => previewRoundDocument(ctxOf(req, db), req.params.id, req.query.layout),
  });
  r.route({
    ...routeOf(API.roundDocument),
    handler: async (req, reply) => {
      const { buf, name, contentType } = await exportRoundDocument(ctxOf(req, db), {
        roundId: req.params.id,
        layoutId: req.query.layout,
        format: req.query.format,
      });
      const ascii = `document.${req.query.format}`;
      return reply
        .header('content-type', contentType)
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'no-store')
        .send(buf);
    },
  });
}
