/** Thin routes over services (one line per endpoint of contract/dashboard.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import { XLSX_TYPE } from '../../../shared/contract/table';
import type { Db } from '../../db/connect';
import { getDashboard } from '../../services/dashboard/overview';
import { exportScoresXlsx, getRanking, getScores, setEvaluationRules } from '../../services/dashboard/ranking';
import { getTrends } from '../../services/dashboard/trends';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function dashboardRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.dashboard), handler: async (req) => getDashboard(ctxOf(req, db), req.query) });
  r.route({ ...routeOf(API.dashboardTrends), handler: async (req) => getTrends(ctxOf(req, db), req.query) });
  r.route({ ...routeOf(API.ranking), handler: async (req) => getRanking(ctxOf(req, db), req.query) });
  r.route({ ...routeOf(API.scores), handler: async (req) => getScores(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.setEvaluationRules),
    handler: async (req) => setEvaluationRules(ctxOf(req, db), req.params.id, req.body.rules),
  });
  r.route({
    ...routeOf(API.scoresXlsx),
    handler: async (req, reply) => {
      const { buf, name } = await exportScoresXlsx(ctxOf(req, db), req.params.id);
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="scores.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(buf);
    },
  });
}
