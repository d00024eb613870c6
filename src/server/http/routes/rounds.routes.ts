import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import { XLSX_TYPE } from '../../../shared/contract/table';
import type { Db } from '../../db/connect';
import { setRoundClosed } from '../../services/collect/close-round';
import { listMyReports } from '../../services/collect/my-reports';
import { openRound } from '../../services/collect/open-round';
import { listRounds } from '../../services/collect/rounds';
import { setProgrammeSchedule } from '../../services/plan/programme-settings';
import { listProgrammes } from '../../services/plan/programmes';
import { getConsolidatedTableJson } from '../../services/publish/consolidated-table';
import { exportConsolidatedXlsx } from '../../services/publish/export-table';
import { publishRound } from '../../services/publish/publish-round';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';
import { sendCachedJson } from '../plugins/json-text';

export function roundsRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.programmes), handler: async (req) => listProgrammes(ctxOf(req, db)) });
  r.route({ ...routeOf(API.rounds), handler: async (req) => listRounds(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.programmeSchedule),
    handler: async (req) => setProgrammeSchedule(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.closeRound),
    handler: async (req) => setRoundClosed(ctxOf(req, db), req.params.id, true),
  });
  r.route({
    ...routeOf(API.reopenRound),
    handler: async (req) => setRoundClosed(ctxOf(req, db), req.params.id, false),
  });
  r.route({
    ...routeOf(API.openRound),
    handler: async (req, reply) => reply.status(201).send(await openRound(ctxOf(req, db), req.body)),
  });
  r.route({
    ...routeOf(API.table),
    // Served as cached JSON text (services/read-cache): the response schema documents it; tests validate it.
    handler: async (req, reply) =>
      sendCachedJson(req, reply, await getConsolidatedTableJson(ctxOf(req, db), req.params.id, req.query)),
  });
  r.route({
    ...routeOf(API.tableXlsx),
    handler: async (req, reply) => {
      const { buf, name } = await exportConsolidatedXlsx(ctxOf(req, db), req.params.id);
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
