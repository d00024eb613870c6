/** One report: detail, save, the review transitions. */
import { z } from 'zod';
import { ReportAbilitiesSchema } from '../abilities';
import { LIMITS } from '../limits';
import { ApproveReportSchema, SaveReportSchema, SubmitReportSchema } from '../schemas';
import { REPORT_STATUSES, REVIEW_ACTIONS } from '../statuses';
import { IndicatorCoreSchema, idParams, ProgrammeScheduleSchema, ProjectCoreSchema, RoundRefSchema } from './common';
import { endpoint } from './endpoint';
import { SupervisionItemSchema } from './supervision';

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

/** Numbers a version gives the engine as data (domain/assess NumbersAsData): reported values and a published ratio. */
export const NumbersAsDataSchema = z.object({
  /** Cumulative amounts in their unit (null: the target's unit). */
  values: z.array(z.object({ value: z.number(), unit: z.string().nullable() })).optional(),
  /** A published completion ratio (a fraction, 1.08 for 108%). */
  publishedRatio: z.number().optional(),
});

/** The reviewer's comment per field (progress / numbers / problems / next steps / analysis), stored with the version. */
const fieldComment = z.string().trim().max(LIMITS.comment, `不能超过${LIMITS.comment}个字符`).optional();
export const FieldCommentsSchema = z.strictObject({
  progress: fieldComment,
  numbers: fieldComment,
  problems: fieldComment,
  nextSteps: fieldComment,
  analysis: fieldComment,
});

/** 退回: an overall comment, a comment per field, or both — at least one of them. */
export const ReturnWithCommentsSchema = z
  .strictObject({
    baseVersion: z.number().int().min(0),
    comment: z.string().trim().max(LIMITS.comment, `不能超过${LIMITS.comment}个字符`).optional().default(''),
    fieldComments: FieldCommentsSchema.optional(),
  })
  .refine((r) => r.comment.length > 0 || Object.values(r.fieldComments ?? {}).some((c) => c && c.length > 0), {
    message: '退回时必须填写审核意见（总体意见或分项意见至少一项）',
    path: ['comment'],
  });
export type ReturnWithCommentsInput = z.infer<typeof ReturnWithCommentsSchema>;

/** 撤销审核: before publication, with a reason. */
export const RevokeApprovalSchema = z.strictObject({
  baseVersion: z.number().int().min(0),
  revokeReason: z
    .string({ message: '请填写撤销审核的原因' })
    .trim()
    .min(1, '请填写撤销审核的原因')
    .max(LIMITS.comment, `不能超过${LIMITS.comment}个字符`),
});

/** GET /api/reports/:id/diff?from=&to= (version numbers; default: the returned version against the current one). */
export const ReportDiffQuerySchema = z.strictObject({
  from: z.coerce.number().int('版本号应为整数').min(1, '版本号应大于 0').optional(),
  to: z.coerce.number().int('版本号应为整数').min(1, '版本号应大于 0').optional(),
});

const DiffSegmentSchema = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
const VersionRefSchema = z.object({
  versionNo: z.number(),
  status: z.string(),
  action: z.string(),
  comment: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});
export const ReportDiffSchema = z.object({
  from: VersionRefSchema,
  to: VersionRefSchema,
  changed: z.boolean(),
  fields: z.array(
    z.object({ key: z.string(), label: z.string(), changed: z.boolean(), segments: z.array(DiffSegmentSchema) }),
  ),
  values: z.array(
    z.object({
      indicatorId: z.string(),
      name: z.string(),
      unit: z.string(),
      before: z.number().nullable(),
      after: z.number().nullable(),
      delta: z.number().nullable(),
      changed: z.boolean(),
    }),
  ),
  /** The field comments of the `from` version when it returned the report. */
  fieldComments: z.record(z.string(), z.string()).nullable(),
});

/** The written analysis of a lagging project (滞后分析) as its own document. */
const analysisText = z.string().max(LIMITS.reportText, `不能超过${LIMITS.reportText}个字符`);
export const SaveAnalysisSchema = z.strictObject({
  baseVersion: z.number().int().min(0),
  problems: analysisText,
  subjective: analysisText,
  objective: analysisText,
  plan: analysisText,
  expectedCompletion: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .nullable()
    .optional(),
});
export type SaveAnalysisInput = z.infer<typeof SaveAnalysisSchema>;
export const AnalysisReturnSchema = z.strictObject({
  baseVersion: z.number().int().min(0),
  comment: z.string().trim().min(1, '退回时必须填写审核意见').max(LIMITS.comment, `不能超过${LIMITS.comment}个字符`),
});

export const AnalysisDetailSchema = z.object({
  reportId: z.string(),
  /** Why the report needs an analysis (empty: not required, may still be written, e.g. finished after year end). */
  reasons: z.array(z.string()),
  analysis: z
    .object({
      id: z.string(),
      status: z.enum(REPORT_STATUSES),
      versionNo: z.number(),
      lastComment: z.string().nullable(),
      content: z.object({
        problems: z.string(),
        subjective: z.string(),
        objective: z.string(),
        plan: z.string(),
        expectedCompletion: z.string().nullable(),
      }),
      history: z.array(
        z.object({
          versionNo: z.number(),
          status: z.string(),
          action: z.string(),
          comment: z.string().nullable(),
          by: z.string().nullable(),
          at: z.string(),
        }),
      ),
    })
    .nullable(),
  /** What this actor may do with the analysis now. */
  abilities: z.object({ save: z.boolean(), submit: z.boolean(), return: z.boolean(), approve: z.boolean() }),
});

/** One item of the reporter's home. */
export const TaskSchema = z.object({
  reportId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  roundId: z.string(),
  roundName: z.string(),
  programme: z.string(),
  periodLabel: z.string(),
  status: z.enum(REPORT_STATUSES),
  /** The due date in force for the unit (with its extension). */
  dueDate: z.string(),
  overdue: z.boolean(),
  comment: z.string().nullable(),
  fieldComments: z.record(z.string(), z.string()).nullable(),
  approvedAt: z.string().nullable(),
});
export const MyTasksSchema = z.object({
  toFill: z.array(TaskSchema),
  returned: z.array(TaskSchema),
  overdue: z.array(TaskSchema),
  approved: z.array(TaskSchema),
  /** 督办 of the user's units not yet closed (销号): to answer, or answered and awaiting the office. */
  escalated: z.array(SupervisionItemSchema),
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
  round: RoundRefSchema.extend({
    status: z.string(),
    stateLabel: z.string(),
    /** The due date in force for this unit (its extension, if later). */
    unitDueDate: z.string(),
    reopenedForUnit: z.boolean(),
  }),
  /** The last return's comments per field, and the default pair for the diff view. */
  review: z.object({
    fieldComments: z.record(z.string(), z.string()).nullable(),
    returnedVersion: z.number().nullable(),
    defaultDiff: z.object({ from: z.number(), to: z.number() }).nullable(),
  }),
  /** The written analysis document's state (null: none started). */
  analysis: z.object({ status: z.string(), versionNo: z.number() }).nullable(),
  project: ProjectCoreSchema.extend({
    periodTarget: z.string(),
    shareNote: z.string(),
  }),
  indicators: z.array(IndicatorCoreSchema),
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
      fieldComments: z.record(z.string(), z.string()).nullable(),
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
    /**
     * The shown version's numbers as the engine takes them (domain/assess numbersAsData): the values of its 完成数 /
     * 完成投资 indicators and the published 完成率 of an import. The panel judges a stored version with them, so it
     * shows the stored assessment. Absent fields: none.
     */
    numbers: NumbersAsDataSchema.optional(),
    /**
     * The indicators whose value the engine takes as data (created from an imported 完成数 / 完成投资 column):
     * indicator id → column. The panel judges the values being typed in them as a save would store them.
     */
    dataColumns: z.record(z.string(), z.string()).optional(),
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
    summary: '退回（须填写总体意见或分项意见）',
    tag: 'reports',
    params: report,
    body: ReturnWithCommentsSchema,
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
  revokeApproval: endpoint({
    method: 'POST',
    path: '/api/reports/:id/revoke',
    summary: '撤销审核（发布前，须填写原因；回到已提交）',
    tag: 'reports',
    params: report,
    body: RevokeApprovalSchema,
    response: ReportDetailSchema,
  }),
  reportDiff: endpoint({
    method: 'GET',
    path: '/api/reports/:id/diff',
    summary: '两个版本的差异（默认：退回时的版本与重新提交的版本）',
    tag: 'reports',
    params: report,
    query: ReportDiffQuerySchema,
    response: ReportDiffSchema,
  }),
  analysis: endpoint({
    method: 'GET',
    path: '/api/reports/:id/analysis',
    summary: '滞后分析（单独审核的书面材料）',
    tag: 'reports',
    params: report,
    response: AnalysisDetailSchema,
  }),
  saveAnalysis: endpoint({
    method: 'PUT',
    path: '/api/reports/:id/analysis',
    summary: '保存滞后分析',
    tag: 'reports',
    params: report,
    body: SaveAnalysisSchema,
    response: AnalysisDetailSchema,
  }),
  submitAnalysis: endpoint({
    method: 'POST',
    path: '/api/reports/:id/analysis/submit',
    summary: '提交滞后分析',
    tag: 'reports',
    params: report,
    body: SubmitReportSchema,
    response: AnalysisDetailSchema,
  }),
  returnAnalysis: endpoint({
    method: 'POST',
    path: '/api/reports/:id/analysis/return',
    summary: '退回滞后分析（须填写意见）',
    tag: 'reports',
    params: report,
    body: AnalysisReturnSchema,
    response: AnalysisDetailSchema,
  }),
  approveAnalysis: endpoint({
    method: 'POST',
    path: '/api/reports/:id/analysis/approve',
    summary: '审核通过滞后分析',
    tag: 'reports',
    params: report,
    body: ApproveReportSchema,
    response: AnalysisDetailSchema,
  }),
  myTasks: endpoint({
    method: 'GET',
    path: '/api/my/tasks',
    summary: '我的待办：待填报、被退回、已逾期、近期已审核（跨批次、跨计划）',
    tag: 'reports',
    response: MyTasksSchema,
  }),
};
