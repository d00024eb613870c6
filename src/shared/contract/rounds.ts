/** Programmes and their reporting rounds: list, open, publish. */
import { z } from 'zod';
import { ProgrammeAbilitiesSchema, RoundAbilitiesSchema } from '../abilities';
import { LIMITS } from '../limits';
import { ScheduleSettingsSchema } from '../schedule-schema';
import { OpenRoundSchema } from '../schemas';
import { EmptyBodySchema, idParams, ProgrammeScheduleSchema, RoundRefSchema } from './common';
import { endpoint } from './endpoint';

/** A programme's schedule settings in force: how 序时进度 is computed and the traffic-light bands. */

/** GET /api/programmes item. */
export const ProgrammeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  level: z.string(),
  owner: z.string(),
  statusVocabulary: z.array(z.string()),
  abilities: ProgrammeAbilitiesSchema,
  schedule: ProgrammeScheduleSchema,
});

export const RoundSummarySchema = RoundRefSchema.extend({
  programmeId: z.string(),
  status: z.string(),
  /** The one label of the state (domain/collect/round-rules roundStateLabel): 未开启, 填报中, 已关闭, 已归档. */
  stateLabel: z.string(),
  /** Lifecycle actions the state allows now (open, close, reopen, archive, extend, reopenUnit). */
  actions: z.array(z.string()),
  total: z.number(),
  handedIn: z.number(),
  abilities: RoundAbilitiesSchema,
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, '不是有效的日期');
const reasonText = (what: string) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(LIMITS.comment, `不能超过${LIMITS.comment}个字符`);

/** POST /api/rounds: open a round now, or create it as a draft (`draft: true`) to open later. */
export const CreateRoundSchema = OpenRoundSchema.safeExtend({ draft: z.boolean().optional() });

/** Extend the due date of the whole round (no orgId) or of one unit, with a reason. */
export const ExtendRoundSchema = z.strictObject({
  dueDate: isoDate,
  orgId: z.string().min(1).max(64).nullable().optional(),
  extendReason: reasonText('延期原因'),
});
export type ExtendRoundInput = z.infer<typeof ExtendRoundSchema>;

/** Reopen a closed round for one unit, with a reason: that unit may save and submit again. */
export const ReopenUnitSchema = z.strictObject({
  orgId: z.string({ message: '请选择单位' }).min(1, '请选择单位').max(64),
  reopenReason: reasonText('重新开放的原因'),
});
export type ReopenUnitInput = z.infer<typeof ReopenUnitSchema>;

/** Approve many submitted reports of one round in one request (each checked on its own). */
export const BulkApproveSchema = z.strictObject({
  items: z
    .array(z.strictObject({ reportId: z.string().min(1).max(64), baseVersion: z.number().int().min(0) }))
    .min(1, '请先选择要审核通过的填报')
    .max(2000, '一次最多审核2000条'),
  comment: z.string().max(LIMITS.comment, `不能超过${LIMITS.comment}个字符`).optional(),
});
export type BulkApproveInput = z.infer<typeof BulkApproveSchema>;

export const BulkApproveResultSchema = z.object({
  approved: z.array(z.object({ reportId: z.string(), code: z.string(), unit: z.string() })),
  refused: z.array(z.object({ reportId: z.string(), code: z.string().nullable(), reason: z.string() })),
});

/** An extension or a reopening of a round (whole round: orgId null). */
export const RoundExceptionSchema = z.object({
  id: z.string(),
  kind: z.enum(['extend', 'reopen']),
  orgId: z.string().nullable(),
  unit: z.string().nullable(),
  dueDate: z.string().nullable(),
  previousDueDate: z.string().nullable(),
  reason: z.string(),
  by: z.string().nullable(),
  at: z.string(),
});

/** GET /api/rounds/:id: the round page — state, the units reporting in it, extensions and reopenings. */
export const RoundDetailSchema = RoundSummarySchema.extend({
  programmeName: z.string(),
  units: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      dueDate: z.string(),
      reopened: z.boolean(),
      total: z.number(),
      handedIn: z.number(),
    }),
  ),
  exceptions: z.array(RoundExceptionSchema),
});

/** A report whose written analysis (滞后分析) is required but not handed in. */
export const MissingAnalysisSchema = z.object({
  reportId: z.string(),
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  unitId: z.string(),
  unit: z.string(),
  selfAssessment: z.string().nullable(),
  reportStatus: z.string(),
  /** The analysis document's state when one was started (draft / returned), else null. */
  analysisStatus: z.string().nullable(),
  reasons: z.array(z.string()),
});

export const PublishResultSchema = z.object({ published: z.number() });

/** PUT /api/programmes/:id/schedule answer: the settings now in force and the queued re-assessment. */
export const ScheduleResultSchema = z.object({
  schedule: ProgrammeScheduleSchema,
  reassessJobId: z.string(),
});

export const ROUND_ENDPOINTS = {
  programmes: endpoint({
    method: 'GET',
    path: '/api/programmes',
    summary: '实事计划列表',
    tag: 'rounds',
    response: z.array(ProgrammeSummarySchema),
  }),
  rounds: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/rounds',
    summary: '实事计划的填报批次',
    tag: 'rounds',
    params: idParams('实事计划'),
    response: z.array(RoundSummarySchema),
  }),
  programmeSchedule: endpoint({
    method: 'PUT',
    path: '/api/programmes/:id/schedule',
    summary: '设置序时进度计划与红黄绿灯规则（随后在后台重新研判）',
    tag: 'rounds',
    params: idParams('实事计划'),
    body: ScheduleSettingsSchema,
    response: ScheduleResultSchema,
  }),
  openRound: endpoint({
    method: 'POST',
    path: '/api/rounds',
    summary: '开启填报批次（draft: true 时先建为未开启）',
    tag: 'rounds',
    body: CreateRoundSchema,
    response: RoundSummarySchema,
    status: 201,
  }),
  publish: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/publish',
    summary: '发布已审核的填报',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: EmptyBodySchema,
    response: PublishResultSchema,
  }),
  closeRound: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/close',
    summary: '关闭填报批次（不再接受填报、提交和退回；审核与发布照常）',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: EmptyBodySchema,
    response: RoundSummarySchema,
  }),
  round: endpoint({
    method: 'GET',
    path: '/api/rounds/:id',
    summary: '填报批次详情（状态、单位截止日期、延期与重新开放记录）',
    tag: 'rounds',
    params: idParams('填报批次'),
    response: RoundDetailSchema,
  }),
  startRound: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/open',
    summary: '开启未开启的填报批次',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: EmptyBodySchema,
    response: RoundSummarySchema,
  }),
  archiveRound: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/archive',
    summary: '归档已关闭的填报批次（此后只读）',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: EmptyBodySchema,
    response: RoundSummarySchema,
  }),
  extendRound: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/extend',
    summary: '延长报送截止日期（整个批次或某一单位，须填写原因）',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: ExtendRoundSchema,
    response: RoundDetailSchema,
  }),
  reopenUnit: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/reopen-unit',
    summary: '为某一单位重新开放已关闭的批次（须填写原因）',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: ReopenUnitSchema,
    response: RoundDetailSchema,
  }),
  bulkApprove: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/bulk-approve',
    summary: '批量审核通过（逐条检查，返回通过与未通过的原因）',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: BulkApproveSchema,
    response: BulkApproveResultSchema,
  }),
  missingAnalyses: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/missing-analyses',
    summary: '应附滞后分析而未报送的项目',
    tag: 'rounds',
    params: idParams('填报批次'),
    response: z.array(MissingAnalysisSchema),
  }),
  reopenRound: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/reopen',
    summary: '重新开启已关闭的填报批次',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: EmptyBodySchema,
    response: RoundSummarySchema,
  }),
};
