import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { getReportDetail } from '../../services/collect/report-detail';
import { saveReport } from '../../services/collect/save-report';
import { adjustTarget } from '../../services/plan/adjust-target';
import { getProjectDetail } from '../../services/plan/project-detail';
import { transitionReport } from '../../services/review/transition-report';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function reportsRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.report), handler: async (req) => getReportDetail(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.saveReport),
    handler: async (req) => saveReport(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.submitReport),
    handler: async (req) => transitionReport(ctxOf(req, db), req.params.id, 'submit', req.body),
  });
  r.route({
    ...routeOf(API.returnReport),
    handler: async (req) => transitionReport(ctxOf(req, db), req.params.id, 'return', req.body),
  });
  r.route({
    ...routeOf(API.approveReport),
    handler: async (req) => transitionReport(ctxOf(req, db), req.params.id, 'approve', req.body),
  });
}

export function projectsRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.project), handler: async (req) => getProjectDetail(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.adjustTarget),
    handler: async (req) => adjustTarget(ctxOf(req, db), req.params.id, req.body),
  });
}
