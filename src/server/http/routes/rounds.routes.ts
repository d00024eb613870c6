import type { FastifyInstance } from 'fastify';
import { OpenRoundSchema } from '../../../shared/schemas';
import type { Db } from '../../db/connect';
import { buildConsolidatedXlsx, consolidatedFileName } from '../../files/export/consolidated-xlsx';
import { insertAudit } from '../../repositories/audit.repo';
import { publishRound } from '../../services/reports';
import { listProgrammes, listRounds, openRound } from '../../services/rounds';
import { getConsolidatedTable, listMyReports } from '../../services/table';
import { ctxOf } from '../plugins/auth';
import { parseId, parseInput } from '../validate';

export function roundsRoutes(app: FastifyInstance, db: Db) {
  app.get('/api/programmes', async (req) => listProgrammes(ctxOf(req, db)));
  app.get<{ Params: { id: string } }>('/api/programmes/:id/rounds', async (req) =>
    listRounds(ctxOf(req, db), parseId(req.params.id, '实事计划')),
  );
  app.post('/api/rounds', async (req, reply) => {
    const round = await openRound(ctxOf(req, db), parseInput(OpenRoundSchema, req.body));
    return reply.status(201).send(round);
  });
  app.get<{ Params: { id: string } }>('/api/rounds/:id/table', async (req) =>
    getConsolidatedTable(ctxOf(req, db), parseId(req.params.id, '填报批次')),
  );
  app.get<{ Params: { id: string } }>('/api/rounds/:id/table.xlsx', async (req, reply) => {
    const ctx = ctxOf(req, db);
    const table = await getConsolidatedTable(ctx, parseId(req.params.id, '填报批次'));
    const buf = await buildConsolidatedXlsx(table, { includeComputed: true });
    await insertAudit(db, {
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
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="table.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(buf);
  });
  app.get<{ Params: { id: string } }>('/api/rounds/:id/my-reports', async (req) =>
    listMyReports(ctxOf(req, db), parseId(req.params.id, '填报批次')),
  );
  app.post<{ Params: { id: string } }>('/api/rounds/:id/publish', async (req) =>
    publishRound(ctxOf(req, db), parseId(req.params.id, '填报批次')),
  );
}
