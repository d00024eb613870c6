/** Chase and escalate (issue 11): chase rules, the notification centre, the chase board and one-click 催办. */
import { z } from 'zod';
import { EmptyBodySchema, idParams } from './common';
import { endpoint } from './endpoint';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM（如 22:00）');
const days = (what: string, max = 365) =>
  z
    .number({ message: `请填写${what}（天数）` })
    .int(`${what}应为整数天`)
    .min(0, `${what}不能为负数`)
    .max(max, `${what}不能超过${max}天`);
const rounds = z.number({ message: '请填写期数' }).int('期数应为整数').min(1, '期数至少为1').max(12, '期数不能超过12');
const escalationLevel = z.enum(['chase', 'yellow', 'red', 'listed'], {
  message: '督办级别应为催办、黄色、红色或挂牌督办',
});
const ruleId = z.string().trim().min(1, '请填写规则编号').max(40, '规则编号不能超过40个字符');

export const EscalationRuleSchema = z.discriminatedUnion(
  'trigger',
  [
    z.strictObject({
      id: ruleId,
      trigger: z.literal('overdueDays'),
      days: days('逾期天数'),
      level: escalationLevel,
      enabled: z.boolean(),
    }),
    z.strictObject({
      id: ruleId,
      trigger: z.literal('lagRounds'),
      rounds,
      severeOnly: z.boolean(),
      minGapPoints: z.number().min(0, '百分点不能为负数').max(100, '百分点不能超过100').nullable(),
      level: escalationLevel,
      enabled: z.boolean(),
    }),
    z.strictObject({
      id: ruleId,
      trigger: z.literal('contradictedRounds'),
      rounds,
      level: escalationLevel,
      enabled: z.boolean(),
    }),
    z.strictObject({
      id: ruleId,
      trigger: z.literal('returnedNotResubmitted'),
      days: days('退回后天数'),
      level: escalationLevel,
      enabled: z.boolean(),
    }),
    z.strictObject({
      id: ruleId,
      trigger: z.literal('missingLagAnalysis'),
      days: days('截止日期后天数'),
      level: escalationLevel,
      enabled: z.boolean(),
    }),
  ],
  { message: '督办规则的触发条件应为逾期天数、连续滞后、自评不符、退回未重报或缺少滞后分析之一' },
);

/** A programme's chase rules (domain/chase/rules ChaseRules). */
export const ChaseRulesSchema = z.strictObject({
  remindDaysBefore: z.array(days('提前提醒天数', 60).min(1, '提前提醒天数至少为1')).max(10, '提前提醒最多10次'),
  remindOnDueDate: z.boolean(),
  chaseEveryDays: days('催办间隔', 60),
  quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
  leaderAfterDaysOverdue: days('催告分管领导的逾期天数').nullable(),
  responseDays: days('督办单回复期限', 90).min(1, '督办单回复期限至少为1天'),
  escalation: z.array(EscalationRuleSchema).max(30, '督办规则最多30条'),
});

export const ChaseRulesViewSchema = z.object({
  programmeId: z.string(),
  rules: ChaseRulesSchema,
  /** True when the programme keeps the defaults (nothing stored). */
  isDefault: z.boolean(),
  /** The rules in words. */
  reminders: z.array(z.string()),
  escalation: z.array(z.object({ id: z.string(), text: z.string() })),
});

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  level: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  roundId: z.string().nullable(),
  reportId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const NotificationListSchema = z.object({ unread: z.number(), items: z.array(NotificationSchema) });

export const NotificationQuerySchema = z.strictObject({
  unreadOnly: z
    .enum(['true', 'false', '1', '0'], { message: '“只看未读”应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  limit: z.coerce.number().int('条数应为整数').min(1, '条数至少为1').max(500, '一次最多500条').optional(),
});

const notificationParams = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '通知不存在或无权访问'),
});

export const ChaseRoundSchema = z.strictObject({
  orgIds: z.array(z.string().min(1).max(64)).max(2000, '一次最多催办2000个单位').optional(),
});
export type ChaseRoundInput = z.infer<typeof ChaseRoundSchema>;

export const ChaseResultSchema = z.object({
  /** Units chased now (something not handed in, and not chased yet today). */
  chased: z.array(z.object({ orgId: z.string(), unit: z.string(), recipients: z.number() })),
  /** Units skipped: everything handed in, or already chased today. */
  skipped: z.array(z.object({ orgId: z.string(), unit: z.string(), reason: z.string() })),
  notifications: z.number(),
  deliveries: z.number(),
});

const BoardHistorySchema = z.object({
  at: z.string(),
  kind: z.string(),
  level: z.string(),
  title: z.string(),
  recipient: z.string(),
  readAt: z.string().nullable(),
  /** Channel deliveries (e-mail, webhooks) when the channels are installed. */
  channels: z.array(
    z.object({ channel: z.string(), target: z.string(), status: z.string(), sentAt: z.string().nullable() }),
  ),
});

export const ChaseBoardUnitSchema = z.object({
  orgId: z.string(),
  unit: z.string(),
  dueDate: z.string(),
  /** not_started | draft | returned | submitted | overdue */
  state: z.enum(['not_started', 'draft', 'returned', 'submitted', 'overdue']),
  stateLabel: z.string(),
  daysOverdue: z.number(),
  expected: z.number(),
  handedIn: z.number(),
  onTime: z.number(),
  /** handedIn / expected (DHIS2 completeness). */
  completeness: z.number(),
  /** onTime / expected (DHIS2 timeliness). */
  timeliness: z.number(),
  history: z.array(BoardHistorySchema),
});

export const ChaseBoardSchema = z.object({
  roundId: z.string(),
  programmeId: z.string(),
  roundName: z.string(),
  roundStatus: z.string(),
  dueDate: z.string(),
  today: z.string(),
  totals: z.object({
    expected: z.number(),
    handedIn: z.number(),
    onTime: z.number(),
    completeness: z.number(),
    timeliness: z.number(),
  }),
  units: z.array(ChaseBoardUnitSchema),
  /** The programme's rules in words. */
  rules: z.array(z.string()),
});

export const CHASE_ENDPOINTS = {
  chaseRules: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/chase-rules',
    summary: '提醒、催办与督办规则',
    tag: 'chase',
    params: idParams('实事计划'),
    response: ChaseRulesViewSchema,
  }),
  setChaseRules: endpoint({
    method: 'PUT',
    path: '/api/programmes/:id/chase-rules',
    summary: '设置提醒、催办与督办规则',
    tag: 'chase',
    params: idParams('实事计划'),
    body: ChaseRulesSchema,
    response: ChaseRulesViewSchema,
  }),
  notifications: endpoint({
    method: 'GET',
    path: '/api/notifications',
    summary: '我的通知（最新在前，含未读数）',
    tag: 'chase',
    query: NotificationQuerySchema,
    response: NotificationListSchema,
  }),
  readNotification: endpoint({
    method: 'POST',
    path: '/api/notifications/:id/read',
    summary: '标记通知为已读',
    tag: 'chase',
    params: notificationParams,
    body: EmptyBodySchema,
    response: NotificationListSchema,
  }),
  readAllNotifications: endpoint({
    method: 'POST',
    path: '/api/notifications/read-all',
    summary: '全部标记为已读',
    tag: 'chase',
    body: EmptyBodySchema,
    response: NotificationListSchema,
  }),
  chaseBoard: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/chase-board',
    summary: '催办看板：各单位报送状态、及时率与催办记录',
    tag: 'chase',
    params: idParams('填报批次'),
    response: ChaseBoardSchema,
  }),
  chaseRound: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/chase',
    summary: '一键催办（指定单位，或全部未报送单位；同一单位每天一次）',
    tag: 'chase',
    params: idParams('填报批次'),
    body: ChaseRoundSchema,
    response: ChaseResultSchema,
  }),
};
