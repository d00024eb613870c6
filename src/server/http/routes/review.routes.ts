/** Rounds' lifecycle and review with full control (issue 10 §3): thin routes over services/collect and services/review. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { changeRoundState, extendRound, getRoundDetail, reopenRoundForUnit } from '../../services/collect/close-round';
import { listMyTasks } from '../../services/collect/my-tasks';
import { bulkApprove } from '../../services/review/bulk-approve';
import { actOnAnalysis, getAnalysis } from '../../services/review/lag-analysis';
import { listMissingAnalyses } from '../../services/review/missing-analyses';
import { diffReport } from '../../services/review/report-diff';
import { transitionReport } from '../../services/review/transition-report';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function reviewRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.round), handler: async (req) => getRoundDetail(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.startRound),
    handler: async (req) => changeRoundState(ctxOf(req, db), req.params.id, 'open'),
  });
  r.route({
    ...routeOf(API.archiveRound),
    handler: async (req) => changeRoundState(ctxOf(req, db), req.params.id, 'archive'),
  });
  r.route({
    ...routeOf(API.extendRound),
    handler: async (req) => extendRound(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.reopenUnit),
    handler: async (req) => reopenRoundForUnit(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.bulkApprove),
    handler: async (req) => bulkApprove(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.missingAnalyses),
    handler: async (req) => listMissingAnalyses(ctxOf(req, db), req.params.id),
  });
  r.route({
    ...routeOf(API.revokeApproval),
    handler: async (req) => transitionReport(ctxOf(req, db), req.params.id, 'revoke', req.body),
  });
  r.route({ ...routeOf(API.reportDiff), handler: async (req) => diffReport(ctxOf(req, db), req.params.id, req.query) });
  r.route({ ...routeOf(API.analysis), handler: async (req) => getAnalysis(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.saveAnalysis),
    handler: async (req) => actOnAnalysis(ctxOf(req, db), req.params.id, 'save', req.body),
  });
  r.route({
    ...routeOf(API.submitAnalysis),
    handler: async (req) => actOnAnalysis(ctxOf(req, db), req.params.id, 'submit', req.body),
  });
  r.route({
    ...routeOf(API.returnAnalysis),
    handler: async (req) => actOnAnalysis(ctxOf(req, db), req.params.id, 'return', req.body),
  });
  r.route({
    ...routeOf(API.approveAnalysis),
    handler: async (req) => actOnAnalysis(ctxOf(req, db), req.params.id, 'approve', req.body),
  });
  r.route({ ...routeOf(API.myTasks), handler: async (req) => listMyTasks(ctxOf(req, db)) });
}
