/** 正式文件: the layouts and a round's document in a layout and format. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { requireActor } from '../../services/context';
import { bulletinDocx, supervisionFormDocx } from '../../services/publish/drafts';
import { exportRoundDocument, listLayouts, previewRoundDocument } from '../../services/publish/export-document';
import { listProgrammeLayouts } from '../../services/publish/layouts';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function documentsRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.layouts),
    handler: async (req) => {
      const ctx = ctxOf(req, db);
      requireActor(ctx);
      if (req.query.programmeId)
        return (await listProgrammeLayouts(ctx, req.query.programmeId)).layouts.map((l) => ({
          id: l.id,
          name: l.name,
          description: l.description,
          kind: l.kind,
          builtin: l.builtin,
        }));
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
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const sendDocx = (reply: FastifyReply, file: { buf: Buffer; name: string }) =>
    reply
      .header('content-type', DOCX)
      .header(
        'content-disposition',
        `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      )
      .header('cache-control', 'no-store')
      .send(file.buf);
  r.route({
    ...routeOf(API.bulletinDocx),
    handler: async (req, reply) => sendDocx(reply, await bulletinDocx(ctxOf(req, db), req.params.id)),
  });
  r.route({
    ...routeOf(API.supervisionFormDocx),
    handler: async (req, reply) =>
      sendDocx(reply, await supervisionFormDocx(ctxOf(req, db), req.params.id, req.query.report)),
  });
}
