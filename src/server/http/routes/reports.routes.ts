import type { FastifyInstance } from 'fastify';
import {
  AdjustTargetSchema,
  ApproveReportSchema,
  ReturnReportSchema,
  SaveReportSchema,
  SubmitReportSchema,
} from '../../../shared/schemas';
import type { Db } from '../../db/connect';
import { adjustTarget, getProjectDetail } from '../../services/projects';
import { getReportDetail, saveReport, transitionReport } from '../../services/reports';
import { ctxOf } from '../plugins/auth';
import { parseId, parseInput } from '../validate';

type P = { Params: { id: string } };

export function reportsRoutes(app: FastifyInstance, db: Db) {
  app.get<P>('/api/reports/:id', async (req) => getReportDetail(ctxOf(req, db), parseId(req.params.id, '填报记录')));
  app.put<P>('/api/reports/:id', async (req) =>
    saveReport(ctxOf(req, db), parseId(req.params.id, '填报记录'), parseInput(SaveReportSchema, req.body)),
  );
  const transitions = [
    ['submit', SubmitReportSchema],
    ['return', ReturnReportSchema],
    ['approve', ApproveReportSchema],
  ] as const;
  for (const [action, schema] of transitions)
    app.post<P>(`/api/reports/:id/${action}`, async (req) =>
      transitionReport(ctxOf(req, db), parseId(req.params.id, '填报记录'), action, parseInput(schema, req.body)),
    );
}

export function projectsRoutes(app: FastifyInstance, db: Db) {
  app.get<P>('/api/projects/:id', async (req) => getProjectDetail(ctxOf(req, db), parseId(req.params.id, '项目')));
  app.post<P>('/api/indicators/:id/adjust', async (req) =>
    adjustTarget(ctxOf(req, db), parseId(req.params.id, '指标'), parseInput(AdjustTargetSchema, req.body)),
  );
}
