/** zod request schemas shared by the server (validation) and the web forms. Unknown fields are rejected. */
import { z } from 'zod';
import { LIMITS } from './limits';
import { PERIOD_TYPES } from './statuses';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, '不是有效的日期');
const text = (max: number) => z.string().max(max, `不能超过${max}个字符`);

/** Chinese labels for field names, used in validation messages. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  programmeId: '实事计划',
  name: '名称',
  periodType: '周期类型',
  periodKey: '期次',
  asOf: '截至日期',
  dueDate: '报送截止日期',
  progressText: '落实情况',
  selfAssessment: '进度自评',
  problems: '存在问题',
  nextSteps: '下一步工作',
  targetAdjustmentNote: '年度目标调整情况',
  completedAnnualTarget: '是否完成年度目标',
  values: '指标数值',
  indicatorId: '指标',
  value: '数值',
  note: '说明',
  baseVersion: '基准版本号',
  comment: '审核意见',
  lagAnalysis: '滞后分析',
  subjective: '主观原因',
  objective: '客观原因',
  plan: '下一步工作计划',
  newText: '调整后目标',
  newValue: '调整后目标值',
  reason: '调整原因',
  approvedBy: '批准机关',
  approvedAt: '批准日期',
  text: '粘贴的内容',
  fileName: '文件名',
  // Rounds and review (issue 10 §3)
  revokeReason: '撤销原因',
  extendReason: '延期原因',
  reopenReason: '重新开放原因',
  orgId: '单位',
  draft: '暂不开启',
  fieldComments: '分项意见',
  progress: '落实情况意见',
  numbers: '指标数值意见',
  analysis: '滞后分析意见',
  items: '要审核的填报',
  reportId: '填报记录',
  expectedCompletion: '预计完成日期',
  from: '比较的起始版本',
  to: '比较的目标版本',
};

export const LoginSchema = z.strictObject({
  username: z.string().min(1, '请输入用户名').max(LIMITS.usernameMax, `不能超过${LIMITS.usernameMax}个字符`),
  password: z.string().min(1, '请输入密码').max(LIMITS.passwordMax, `不能超过${LIMITS.passwordMax}个字符`),
});
export type LoginInput = z.infer<typeof LoginSchema>;

/** Changing one's password; the policy itself (shared/password-policy.ts) is checked by the server with the account. */
export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(LIMITS.passwordMax, `不能超过${LIMITS.passwordMax}个字符`),
  newPassword: z.string().min(1, '请输入新密码').max(LIMITS.passwordMax, `不能超过${LIMITS.passwordMax}个字符`),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const OpenRoundSchema = z
  .strictObject({
    programmeId: z.string().min(1).max(64),
    name: text(LIMITS.shortText).optional(),
    periodType: z.enum(PERIOD_TYPES, { message: '应为 month/quarter/half/year 之一' }),
    periodKey: z
      .string()
      .regex(/^\d{4}(-(M(0[1-9]|1[0-2])|Q[1-4]|H[12]))?$/, '期次格式应为 2023-Q3、2023-M08、2023-H1 或 2023'),
    asOf: isoDate,
    dueDate: isoDate,
  })
  .refine((r) => r.dueDate >= r.asOf, { message: '报送截止日期不能早于截至日期', path: ['dueDate'] });
export type OpenRoundInput = z.infer<typeof OpenRoundSchema>;

export const LagAnalysisSchema = z.strictObject({
  problems: text(LIMITS.reportText),
  subjective: text(LIMITS.reportText),
  objective: text(LIMITS.reportText),
  plan: text(LIMITS.reportText),
});
export type LagAnalysis = z.infer<typeof LagAnalysisSchema>;

export const ReportValueSchema = z.strictObject({
  indicatorId: z.string().min(1).max(64),
  value: z.number().finite().nullable(),
  note: text(LIMITS.shortText).optional(),
});

export const SaveReportSchema = z.strictObject({
  baseVersion: z.number().int().min(0),
  progressText: text(LIMITS.reportText),
  selfAssessment: text(20).nullable(),
  problems: text(LIMITS.reportText),
  nextSteps: text(LIMITS.reportText),
  targetAdjustmentNote: text(LIMITS.reportText).optional().default(''),
  completedAnnualTarget: z.boolean().optional().default(false),
  values: z.array(ReportValueSchema).max(50).optional().default([]),
  lagAnalysis: LagAnalysisSchema.nullable().optional(),
});
export type SaveReportInput = z.infer<typeof SaveReportSchema>;

export const SubmitReportSchema = z.strictObject({ baseVersion: z.number().int().min(0) });
export const ReturnReportSchema = z.strictObject({
  baseVersion: z.number().int().min(0),
  comment: z.string().trim().min(1, '退回时必须填写审核意见').max(LIMITS.comment, `不能超过${LIMITS.comment}个字符`),
});
export const ApproveReportSchema = z.strictObject({
  baseVersion: z.number().int().min(0),
  comment: text(LIMITS.comment).optional(),
});

/** Turn zod issues into one Chinese sentence naming each field. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[]) {
  return issues
    .map((i) => {
      const key = i.path.filter((p) => typeof p === 'string').at(-1) as string | undefined;
      const label = key ? (FIELD_LABELS[key] ?? key) : '请求';
      // Users read the Chinese label and the row (第N项), never the internal path (values.0.value).
      const index = i.path.filter((p) => typeof p === 'number').at(-1) as number | undefined;
      const where = i.path.length ? `字段“${label}”${index === undefined ? '' : `（第${index + 1}项）`}` : '请求';
      const msg =
        i.code === 'unrecognized_keys'
          ? `包含不允许的字段：${i.message.replace(/^.*?:\s*/, '')}`
          : i.code === 'invalid_type' && /received undefined/.test(i.message)
            ? '为必填项'
            : i.message;
      return `${where}${msg}`;
    })
    .join('；');
}

/** Options sent with an import preview or commit (the file itself travels as multipart or as pasted text). */
export const ImportOptionsSchema = z.strictObject({
  programmeId: z.string().min(1).max(64).optional(),
  periodKey: z
    .string()
    .regex(/^\d{4}(-(M(0[1-9]|1[0-2])|Q[1-4]|H[12]))?$/, '期次格式应为 2023-Q3、2023-M08、2023-H1 或 2023')
    .nullable()
    .optional(),
  asOf: isoDate.nullable().optional(),
  mapping: z
    .array(
      z.strictObject({
        header: z.string().max(200).optional(),
        column: z.number().int().min(0).max(500).optional(),
        table: z.number().int().min(0).max(500).optional(),
        field: z.string().max(40).nullable(),
      }),
    )
    .max(200)
    .optional(),
  unitMapping: z.record(z.string().max(200), z.string().max(64)).optional(),
  createUnits: z.array(z.string().min(1).max(200)).max(500).optional(),
  /** Re-import: ids of the previewed differences with existing data to apply (nothing else is changed). */
  accept: z.array(z.string().max(400)).max(50_000, '接受的差异过多').optional(),
  /** Re-import: the approving body of accepted annual-target changes (年度目标调整). */
  approvedBy: z.string().trim().max(LIMITS.shortText, `批准机关不能超过${LIMITS.shortText}个字符`).optional(),
  /** Re-import: the reason recorded with accepted target changes (default 导入调整). */
  adjustReason: z.string().trim().max(LIMITS.comment, `调整原因不能超过${LIMITS.comment}个字符`).optional(),
});
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

export const PasteImportSchema = z.strictObject({
  text: z
    .string()
    .min(1, '粘贴的内容是空的')
    .max(20 * 1024 * 1024, '粘贴的内容过大'),
  fileName: z.string().max(200).optional(),
  options: ImportOptionsSchema.optional(),
});

/** 年度目标调整: the new target of an indicator, why, and who approved it. */
export const AdjustTargetSchema = z.strictObject({
  newText: z.string().trim().min(1, '请填写调整后的目标').max(LIMITS.targetText, `不能超过${LIMITS.targetText}个字符`),
  newValue: z.number().finite().nullable(),
  reason: z.string().trim().min(1, '请填写调整原因').max(LIMITS.comment, `不能超过${LIMITS.comment}个字符`),
  approvedBy: z
    .string()
    .trim()
    .min(1, '请填写批准机关或会议')
    .max(LIMITS.shortText, `不能超过${LIMITS.shortText}个字符`),
  approvedAt: isoDate,
});
export type AdjustTargetInput = z.infer<typeof AdjustTargetSchema>;
