/**
 * 领导总览、排名、考核 (issue 12 §1, §3). Every number carries a drill-down: the filter of the rows behind it (the
 * consolidated table's query parameters status, light, unit, matter, level, flag, minGap, sort) and the table link.
 */
import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';
import { LightSchema, XLSX_TYPE, XlsxFileSchema } from './table';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const optionalId = (what: string) => z.string().regex(ID, `${what}不存在或无权访问`).optional();

/** Where a number leads: the filter of the rows behind it and the consolidated table's link (null: no one round). */
export const DrillSchema = z.object({
  roundId: z.string().nullable(),
  filter: z.record(z.string(), z.string()),
  href: z.string().nullable(),
});

export const CountSchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number(),
  /** The same count in the previous round (null: no previous round). */
  previous: z.number().nullable(),
  change: z.number().nullable(),
  drill: DrillSchema,
});

export const STATUS_KEY_VALUES = [
  'completed',
  'exceeded',
  'ahead',
  'on_schedule',
  'lagging',
  'severe',
  'unassessed',
] as const;

/** One report of the round as the dashboard shows it (the in-page drill-down lists these). */
export const DashboardRowSchema = z.object({
  reportId: z.string(),
  projectId: z.string(),
  roundId: z.string(),
  code: z.string(),
  name: z.string(),
  matterId: z.string().nullable(),
  matterNumber: z.string().nullable(),
  matter: z.string().nullable(),
  unitId: z.string(),
  unit: z.string(),
  levels: z.array(z.string()),
  flags: z.array(z.string()),
  /** Workflow state of the report. */
  status: z.string(),
  handedIn: z.boolean(),
  late: z.boolean(),
  statusKey: z.enum(STATUS_KEY_VALUES),
  computedStatus: z.string().nullable(),
  light: LightSchema.nullable(),
  completionRatio: z.number().nullable(),
  expectedRatio: z.number().nullable(),
  gapPoints: z.number().nullable(),
  /** Why it lags: the engine's reason, else the unit's 存在问题. */
  reason: z.string().nullable(),
  problems: z.string(),
  selfAssessment: z.string().nullable(),
  /** The self-assessment contradicts the numbers (a finding of the judgement engine). */
  mismatch: z.string().nullable(),
});

const RoundItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  dueDate: z.string(),
  status: z.string(),
});

const ProgrammeItemSchema = z.object({ id: z.string(), name: z.string(), year: z.number(), owner: z.string() });

export const InvestmentItemSchema = z.object({
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  indicator: z.string(),
  /** Amounts in 万元. */
  target: z.number().nullable(),
  invested: z.number().nullable(),
  investedRatio: z.number().nullable(),
  /** Mean completion ratio of the project's reports (physical progress). */
  physicalRatio: z.number().nullable(),
  drill: DrillSchema,
});

export const DashboardOverviewSchema = z.object({
  programmes: z.array(ProgrammeItemSchema),
  programme: ProgrammeItemSchema.nullable(),
  rounds: z.array(RoundItemSchema),
  round: RoundItemSchema.nullable(),
  previousRound: z.object({ id: z.string(), name: z.string() }).nullable(),
  total: CountSchema,
  handedIn: CountSchema,
  /** 滞后 and 严重滞后 together. */
  behind: CountSchema,
  byStatus: z.array(CountSchema),
  byLight: z.array(CountSchema),
  /** Lagging reports, red first, then by gap. */
  lagging: z.array(DashboardRowSchema.extend({ drill: DrillSchema })),
  mismatches: z.array(DashboardRowSchema.extend({ drill: DrillSchema })),
  overdueUnits: z.array(
    z.object({
      unitId: z.string(),
      unit: z.string(),
      pending: z.number(),
      total: z.number(),
      daysOverdue: z.number(),
      drill: DrillSchema,
    }),
  ),
  investment: z.object({
    items: z.array(InvestmentItemSchema),
    target: z.number(),
    invested: z.number(),
  }),
  rows: z.array(DashboardRowSchema),
  abilities: z.object({ scores: z.boolean(), configure: z.boolean() }),
});

export const DashboardQuerySchema = z.strictObject({
  programme: optionalId('实事计划'),
  round: optionalId('填报批次'),
});

export const TrendQuerySchema = z.strictObject({
  programme: optionalId('实事计划'),
  by: z.enum(['programme', 'matter', 'project'], { message: '趋势维度应为全计划、事项或项目' }).default('programme'),
  /** One matter or project (by its id); without it: every matter, or the ten projects furthest behind. */
  id: optionalId('事项或项目'),
});

export const TrendSchema = z.object({
  programme: ProgrammeItemSchema.nullable(),
  by: z.enum(['programme', 'matter', 'project']),
  rounds: z.array(RoundItemSchema),
  series: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      points: z.array(
        z.object({ roundId: z.string(), completion: z.number().nullable(), expected: z.number().nullable() }),
      ),
    }),
  ),
  statusMix: z.array(
    z.object({
      roundId: z.string(),
      counts: z.record(z.string(), z.number()),
      drill: z.record(z.string(), DrillSchema),
    }),
  ),
  /** What `id` can be (the picker). */
  options: z.object({
    matters: z.array(z.object({ id: z.string(), label: z.string() })),
    projects: z.array(z.object({ id: z.string(), label: z.string() })),
  }),
});

const RowRefSchema = z.object({
  reportId: z.string().nullable(),
  roundId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
});

export const UnitScoreSchema = z.object({
  orgId: z.string(),
  unit: z.string(),
  rank: z.number(),
  total: z.number(),
  max: z.number(),
  facts: z.object({
    due: z.number(),
    submitted: z.number(),
    onTime: z.number(),
    late: z.number(),
    missing: z.number(),
    assessed: z.number(),
    onSchedule: z.number(),
    lagging: z.number(),
    severe: z.number(),
    completed: z.number(),
    findings: z.number(),
    escalations: z.number(),
    projects: z.number(),
    projectsCompleted: z.number(),
  }),
  components: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      weight: z.number(),
      points: z.number(),
      ratio: z.number().nullable(),
    }),
  ),
  deductions: z.array(
    z.object({
      component: z.string(),
      label: z.string(),
      points: z.number(),
      why: z.string(),
      rows: z.array(RowRefSchema),
    }),
  ),
  drill: DrillSchema,
});

const ComponentDefSchema = z.object({ key: z.string(), label: z.string(), weight: z.number(), formula: z.string() });

export const RankingQuerySchema = z.strictObject({
  programme: optionalId('实事计划'),
  round: optionalId('填报批次'),
  /** 'year': the year to date (every round); else one round (the latest when none is named). */
  period: z.enum(['round', 'year'], { message: '排名范围应为单期或年度累计' }).default('round'),
});

export const RankingSchema = z.object({
  programme: ProgrammeItemSchema.nullable(),
  rounds: z.array(RoundItemSchema),
  period: z.enum(['round', 'year']),
  round: RoundItemSchema.nullable(),
  components: z.array(ComponentDefSchema),
  units: z.array(UnitScoreSchema),
});

const weight = (what: string) =>
  z
    .number({ message: `${what}应为数字` })
    .min(0, `${what}不能为负数`)
    .max(100, `${what}不能超过100`)
    .optional();
const WeightsSchema = z.strictObject({
  completeness: weight('报送完整率分值'),
  timeliness: weight('按时报送率分值'),
  onSchedule: weight('按序时推进占比分值'),
  lag: weight('滞后程度分值'),
  quality: weight('填报质量分值'),
  escalation: weight('督办情况分值'),
  completion: weight('年度目标完成率分值'),
});
const penalty = (what: string) =>
  z
    .number({ message: `${what}应为数字` })
    .min(0, `${what}不能为负数`)
    .max(100, `${what}不能超过100`);

export const EvaluationRulesSchema = z.strictObject({
  ranking: WeightsSchema,
  assessment: WeightsSchema,
  penalties: z.strictObject({
    lagging: penalty('每份滞后扣分'),
    severe: penalty('每份严重滞后扣分'),
    finding: penalty('每条写作问题扣分'),
    yellow: penalty('每张黄色督办单扣分'),
    red: penalty('每张红色督办单扣分'),
    listed: penalty('每项挂牌督办扣分'),
  }),
});
export type EvaluationRulesInput = z.infer<typeof EvaluationRulesSchema>;

export const ScoresSchema = z.object({
  programme: ProgrammeItemSchema,
  programmes: z.array(ProgrammeItemSchema),
  rounds: z.array(RoundItemSchema),
  rules: EvaluationRulesSchema,
  defaults: EvaluationRulesSchema,
  /** The programme uses the default rules (nothing stored). */
  isDefault: z.boolean(),
  components: z.array(ComponentDefSchema),
  rankingComponents: z.array(ComponentDefSchema),
  penalties: z.array(z.object({ key: z.string(), label: z.string(), points: z.number() })),
  units: z.array(UnitScoreSchema),
  canConfigure: z.boolean(),
});

const programme = idParams('实事计划');

export const DASHBOARD_ENDPOINTS = {
  dashboard: endpoint({
    method: 'GET',
    path: '/api/dashboard',
    summary: '领导总览：按研判状态和亮灯的统计、滞后项目、自评不符、逾期单位、投资与形象进度',
    tag: 'dashboard',
    query: DashboardQuerySchema,
    response: DashboardOverviewSchema,
  }),
  dashboardTrends: endpoint({
    method: 'GET',
    path: '/api/dashboard/trends',
    summary: '领导总览：各期完成比例与序时进度、各期状态构成',
    tag: 'dashboard',
    query: TrendQuerySchema,
    response: TrendSchema,
  }),
  ranking: endpoint({
    method: 'GET',
    path: '/api/dashboard/ranking',
    summary: '单位排名（单期或年度累计），含各项得分和扣分明细',
    tag: 'dashboard',
    query: RankingQuerySchema,
    response: RankingSchema,
  }),
  scores: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/scores',
    summary: '年度考核：各单位得分和扣分明细、考核规则',
    tag: 'dashboard',
    params: programme,
    response: ScoresSchema,
  }),
  setEvaluationRules: endpoint({
    method: 'PUT',
    path: '/api/programmes/:id/evaluation-rules',
    summary: '设置排名公式和考核规则（null 恢复默认）',
    tag: 'dashboard',
    params: programme,
    body: z.strictObject({ rules: EvaluationRulesSchema.nullable() }),
    response: ScoresSchema,
  }),
  scoresXlsx: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/scores.xlsx',
    summary: '下载年度考核得分表（.xlsx）',
    tag: 'dashboard',
    params: programme,
    response: XlsxFileSchema,
    file: XLSX_TYPE,
  }),
} as const;
