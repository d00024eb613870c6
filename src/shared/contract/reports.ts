/** One report: detail, save, the review transitions. */
import { z } from 'zod';
import { ReportAbilitiesSchema } from '../abilities';
import { ApproveReportSchema, ReturnReportSchema, SaveReportSchema, SubmitReportSchema } from '../schemas';
import { REPORT_STATUSES, REVIEW_ACTIONS } from '../statuses';
import { idParams, ProgrammeScheduleSchema, ProjectCoreSchema, RoundRefSchema } from './common';
import { endpoint } from './endpoint';

/** The programme's schedule settings: how 序时进度 is computed and the traffic-light bands. */
export const ScheduleSettingsWireSchema = ProgrammeScheduleSchema.partial();

/** What a report is judged against apart from its own text (domain/assess AssessmentBasis). */
export const AssessmentFactsSchema = z.object({
  annualTarget: z.string(),
  periodTarget: z.string(),
  shareNote: z.string(),
  asOf: z.string(),
  schedule: ScheduleSettingsWireSchema.nullable(),
  previous: z.object({ progressText: z.string(), asOf: z.string() }).nullable(),
});

export const ReportDetailSchema = z.object({
  report: z.object({
    id: z.string(),
    status: z.enum(REPORT_STATUSES),
    versionNo: z.number(),
    lastComment: z.string().nullable(),
    unit: z.object({ id: z.string(), name: z.string() }),
    allowedActions: z.array(z.enum(REVIEW_ACTIONS)),
    /** What this actor may do with the report now (its state and the policies). */
    abilities: ReportAbilitiesSchema,
    locked: z.boolean(),
  }),
  round: RoundRefSchema,
  project: ProjectCoreSchema.extend({
    periodTarget: z.string(),
    shareNote: z.string(),
  }),
  indicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      unit: z.string(),
      targetText: z.string(),
      targetValue: z.number().nullable(),
    }),
  ),
  content: z.object({
    progressText: z.string(),
    selfAssessment: z.string().nullable(),
    problems: z.string(),
    nextSteps: z.string(),
    targetAdjustmentNote: z.string(),
    completedAnnualTarget: z.boolean(),
    values: z.array(z.object({ indicatorId: z.string(), value: z.number().nullable(), note: z.string().optional() })),
    lagAnalysis: z
      .object({ problems: z.string(), subjective: z.string(), objective: z.string(), plan: z.string() })
      .nullable(),
  }),
  previous: z
    .object({
      roundName: z.string(),
      periodLabel: z.string(),
      status: z.enum(REPORT_STATUSES),
      progressText: z.string(),
      selfAssessment: z.string().nullable(),
      problems: z.string(),
      nextSteps: z.string(),
      values: z.array(z.object({ indicatorId: z.string(), value: z.number().nullable() })),
    })
    .nullable(),
  history: z.array(
    z.object({
      versionNo: z.number(),
      status: z.enum(REPORT_STATUSES),
      action: z.string(),
      comment: z.string().nullable(),
      by: z.string().nullable(),
      at: z.string(),
    }),
  ),
  statusVocabulary: z.array(z.string()),
  /** What the report is judged against (the unit's share of a split target, else the project's) and how. */
  judge: z.object({
    target: z.string(),
    periodTarget: z.string(),
    basis: z.enum(['project', 'share']),
    /** Everything the report is judged against: the browser panel runs the same pure function as the server. */
    facts: AssessmentFactsSchema,
  }),
});

const report = idParams('填报记录');

export const REPORT_ENDPOINTS = {
  report: endpoint({
    method: 'GET',
    path: '/api/reports/:id',
    summary: '填报详情（内容、上期、版本历史、研判依据）',
    tag: 'reports',
    params: report,
    response: ReportDetailSchema,
  }),
  saveReport: endpoint({
    method: 'PUT',
    path: '/api/reports/:id',
    summary: '保存填报（乐观锁：baseVersion）',
    tag: 'reports',
    params: report,
    body: SaveReportSchema,
    response: ReportDetailSchema,
  }),
  submitReport: endpoint({
    method: 'POST',
    path: '/api/reports/:id/submit',
    summary: '提交审核',
    tag: 'reports',
    params: report,
    body: SubmitReportSchema,
    response: ReportDetailSchema,
  }),
  returnReport: endpoint({
    method: 'POST',
    path: '/api/reports/:id/return',
    summary: '退回（须填写审核意见）',
    tag: 'reports',
    params: report,
    body: ReturnReportSchema,
    response: ReportDetailSchema,
  }),
  approveReport: endpoint({
    method: 'POST',
    path: '/api/reports/:id/approve',
    summary: '审核通过（内容锁定）',
    tag: 'reports',
    params: report,
    body: ApproveReportSchema,
    response: ReportDetailSchema,
  }),
};
