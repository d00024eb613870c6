/** 督办: records per escalated item (黄色督办单, 红色督办单, 挂牌督办), the unit's response, the office's 销号 (issue 11 §2). */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { idParams } from './common';
import { DocumentFileSchema } from './documents';
import { endpoint } from './endpoint';

export const SUPERVISION_LEVEL_VALUES = ['yellow', 'red', 'listed'] as const;
export const SUPERVISION_STATUS_VALUES = ['open', 'responded', 'closed'] as const;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const idOf = (what: string) => z.string().regex(ID, `${what}不存在或无权访问`);
const isoDate = (what: string) =>
  z
    .string({ message: `请填写${what}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}格式应为 YYYY-MM-DD`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    }, `${what}不是有效的日期`);
const text = (what: string, max: number = LIMITS.comment) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过${max}个字符`);
const level = z.enum(SUPERVISION_LEVEL_VALUES, { message: '督办级别应为黄色督办单、红色督办单或挂牌督办' });
const status = z.enum(SUPERVISION_STATUS_VALUES, { message: '督办状态应为待反馈、已反馈或已销号' });
const version = z.number({ message: '缺少督办记录的版本号' }).int().min(1);

export const SupervisionItemSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  roundId: z.string().nullable(),
  roundName: z.string().nullable(),
  projectId: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  orgId: z.string(),
  unit: z.string(),
  reportId: z.string().nullable(),
  level,
  /** 黄色督办单 / 红色督办单 / 挂牌督办. */
  levelLabel: z.string(),
  reason: z.string(),
  status,
  /** 待反馈 / 已反馈 / 已销号. */
  statusLabel: z.string(),
  responseDueDate: z.string(),
  /** Open and past its response deadline. */
  overdue: z.boolean(),
  /** The unit's latest response: 整改措施 and 完成时限. */
  responseMeasures: z.string().nullable(),
  responseCompletionDate: z.string().nullable(),
  respondedAt: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number(),
});

export const SupervisionEventSchema = z.object({
  kind: z.enum(['raised', 'upgraded', 'responded', 'rejected', 'closed']),
  /** 发起督办 / 督办升级 / 单位反馈 / 退回反馈 / 销号. */
  label: z.string(),
  level,
  status,
  text: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});

export const SupervisionDetailSchema = SupervisionItemSchema.extend({
  events: z.array(SupervisionEventSchema),
  abilities: z.object({ respond: z.boolean(), reject: z.boolean(), close: z.boolean() }),
});

export const SupervisionListQuerySchema = z.strictObject({
  programmeId: idOf('实事计划').optional(),
  projectId: idOf('项目').optional(),
  orgId: idOf('单位').optional(),
  level: level.optional(),
  status: status.optional(),
});

export const SupervisionListSchema = z.object({
  items: z.array(SupervisionItemSchema),
  /** counts by level of the listed records that are not closed. */
  openCounts: z.object({ yellow: z.number(), red: z.number(), listed: z.number() }),
  /** The actor may raise records by hand (the office). */
  canRaise: z.boolean(),
});

/** The office raises a record by hand from the project page or a table row. */
export const CreateSupervisionSchema = z.strictObject({
  projectId: idOf('项目'),
  orgId: idOf('单位'),
  reportId: idOf('填报').nullable().optional(),
  level,
  reason: text('督办事由'),
  responseDueDate: isoDate('反馈期限'),
});
export type CreateSupervisionInput = z.infer<typeof CreateSupervisionSchema>;

/** The unit's written response: 整改措施 and 完成时限. */
export const RespondSupervisionSchema = z.strictObject({
  version,
  measures: text('整改措施', LIMITS.reportText),
  completionDate: isoDate('完成时限'),
});
export const RejectSupervisionSchema = z.strictObject({ version, reason: text('退回原因') });
export const CloseSupervisionSchema = z.strictObject({
  version,
  note: z.string().trim().max(LIMITS.comment, `销号说明不能超过${LIMITS.comment}个字符`).optional(),
});

export const SUPERVISION_ENDPOINTS = {
  supervisions: endpoint({
    method: 'GET',
    path: '/api/supervisions',
    summary: '督办记录列表（督查室：本计划全部，可按级别、状态、单位筛选；单位：本单位的；领导：只读）',
    tag: 'supervision',
    query: SupervisionListQuerySchema,
    response: SupervisionListSchema,
  }),
  raiseSupervision: endpoint({
    method: 'POST',
    path: '/api/supervisions',
    summary: '发起督办（督查室：选择级别、督办事由和反馈期限；同一项目同一单位已有较低级别的督办则升级）',
    tag: 'supervision',
    body: CreateSupervisionSchema,
    response: SupervisionDetailSchema,
    status: 201,
  }),
  supervision: endpoint({
    method: 'GET',
    path: '/api/supervisions/:id',
    summary: '督办记录及其全部历史',
    tag: 'supervision',
    params: idParams('督办记录'),
    response: SupervisionDetailSchema,
  }),
  respondSupervision: endpoint({
    method: 'POST',
    path: '/api/supervisions/:id/respond',
    summary: '单位书面反馈（整改措施、完成时限）',
    tag: 'supervision',
    params: idParams('督办记录'),
    body: RespondSupervisionSchema,
    response: SupervisionDetailSchema,
  }),
  rejectSupervision: endpoint({
    method: 'POST',
    path: '/api/supervisions/:id/reject',
    summary: '退回单位的反馈（须填写原因，督办重新待反馈）',
    tag: 'supervision',
    params: idParams('督办记录'),
    body: RejectSupervisionSchema,
    response: SupervisionDetailSchema,
  }),
  closeSupervision: endpoint({
    method: 'POST',
    path: '/api/supervisions/:id/close',
    summary: '销号（督查室认可反馈后办结督办，可填写说明）',
    tag: 'supervision',
    params: idParams('督办记录'),
    body: CloseSupervisionSchema,
    response: SupervisionDetailSchema,
  }),
  supervisionRecordDocx: endpoint({
    method: 'GET',
    path: '/api/supervisions/:id/form.docx',
    summary: '督办单（Word），由督办记录生成：级别、督办事由、反馈期限及单位反馈',
    tag: 'supervision',
    params: idParams('督办记录'),
    response: DocumentFileSchema,
    file: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  }),
};
