import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import { XLSX_TYPE } from '../../../shared/contract/table';
import type { Db } from '../../db/connect';
import { buildConsolidatedXlsx, consolidatedFileName } from '../../files/export/consolidated-xlsx';
import { insertAudit } from '../../repositories/audit.repo';
import { publishRound } from '../../services/reports';
import { listProgrammes, listRounds, openRound } from '../../services/rounds';
import { getConsolidatedTable, getConsolidatedTableJson, listMyReports } from '../../services/table';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';
import { sendJsonText } from '../plugins/json-text';

export function roundsRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.programmes), handler: async (req) => listProgrammes(ctxOf(req, db)) });
  r.route({ ...routeOf(API.rounds), handler: async (req) => listRounds(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.openRound),
    handler: async (req, reply) => reply.status(201).send(await openRound(ctxOf(req, db), req.body)),
  });
  r.route({
    ...routeOf(API.table),
    // Served as cached JSON text (services/read-cache): the response schema documents it; tests validate it.
    handler: async (req, reply) => sendJsonText(reply, await getConsolidatedTableJson(ctxOf(req, db), req.params.id)),
  });
  r.route({
    ...routeOf(API.tableXlsx),
    handler: async (req, reply) => {
      const ctx = ctxOf(req, db);
      const table = await getConsolidatedTable(ctx, req.params.id, 'export:table');
      const buf = await buildConsolidatedXlsx(table, { includeComputed: true });
      await insertAudit(db, {
        at: ctx.now().toISOString(),
        actorId: ctx.actor?.id ?? null,
        actorName: ctx.actor?.displayName ?? null,
        action: 'table.export',
        entity: 'round',
        entityId: table.round.id,
        after: { rows: table.rows.length, format: 'xlsx' },
        ip: req.ip,
      });
      const name = consolidatedFileName(table);
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="table.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(buf);
    },
  });
  r.route({ ...routeOf(API.myReports), handler: async (req) => listMyReports(ctxOf(req, db), req.params.id) });
  r.route({ ...routeOf(API.publish), handler: async (req) => publishRound(ctxOf(req, db), req.params.id) });
}
