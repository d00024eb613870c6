/** A round's consolidated table (staff and public), a reporter's own reports, published rounds. */
import { z } from 'zod';
import { ReportAbilitiesSchema, RoundAbilitiesSchema } from '../abilities';
import { REPORT_STATUSES } from '../statuses';
import { TABLE_LIGHTS, TABLE_SORTS, TABLE_STATUS_FILTERS } from '../table-query';
import { idParams, RoundRefSchema } from './common';
import { PublicPublicationSchema, PublicRoundItemSchema } from './disclosure';
import { endpoint } from './endpoint';

export const FindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  span: z.tuple([z.number(), z.number()]).optional(),
});

export const LightSchema = z.enum(['green', 'yellow', 'red']);

/** One row of a round's consolidated table (one project × responsible unit). */
export const TableRowSchema = z.object({
  reportId: z.string(),
  projectId: z.string(),
  seq: z.number(),
  code: z.string(),
  category: z.string().nullable(),
  matter: z.string().nullable(),
  matterNumber: z.string().nullable(),
  /** The matter's id (filter `matter`). */
  matterId: z.string().nullable().optional(),
  name: z.string(),
  levels: z.array(z.string()),
  flags: z.array(z.string()),
  annualTarget: z.string(),
  periodTarget: z.string(),
  progress: z.string(),
  selfAssessment: z.string().nullable(),
  problems: z.string(),
  nextSteps: z.string(),
  leadUnits: z.array(z.string()),
  assistUnits: z.array(z.string()),
  cohostUnits: z.array(z.string()),
  /** The unit this row's report belongs to. */
  unitId: z.string(),
  unit: z.string(),
  status: z.enum(REPORT_STATUSES),
  versionNo: z.number(),
  submittedAt: z.string().nullable(),
  /** Handed in after the round's due date. */
  late: z.boolean(),
  lastComment: z.string().nullable(),
  completedAnnualTarget: z.boolean(),
  /** Computed judgement. */
  computedStatus: z.string().nullable().optional(),
  light: LightSchema.nullable().optional(),
  completionRatio: z.number().nullable().optional(),
  gapPoints: z.number().nullable().optional(),
  reason: z.string().nullable().optional(),
  findings: z.array(FindingSchema).optional(),
  /** The 督办 record of this project × unit that is not closed yet (issue 11; staff tables only). */
  supervision: z
    .object({ id: z.string(), level: z.enum(['yellow', 'red', 'listed']), status: z.enum(['open', 'responded']) })
    .nullable()
    .optional(),
  /**
   * Numeric columns of an imported table (issue 14): 计量单位, 年度目标数 and 完成数 (in the unit, 万人 folded to 人),
   * the published 完成率 (fraction) with its check against the numbers, 计划投资 / 完成投资 in 万元.
   */
  numbers: z
    .object({
      unit: z.string().nullable(),
      target: z.number().nullable(),
      actual: z.number().nullable(),
      publishedRatio: z.number().nullable(),
      computedRatio: z.number().nullable(),
      ratioCheck: z.enum(['consistent', 'inconsistent', 'none']),
      investmentPlanned: z.number().nullable(),
      investmentDone: z.number().nullable(),
    })
    .nullable()
    .optional(),
});

export const ConsolidatedTableSchema = z.object({
  programme: z.object({ id: z.string(), name: z.string(), year: z.number(), owner: z.string() }),
  round: RoundRefSchema.extend({ status: z.string() }),
  /** Column header for the period target, e.g. 第三季度目标. */
  periodTargetLabel: z.string(),
  rows: z.array(TableRowSchema),
  /** Rows of the whole table when a query (filters) left some out; absent when `rows` is the whole table. */
  totalRows: z.number().optional(),
  /** Units that have not handed in every report yet, with counts. */
  missing: z.array(z.object({ unitId: z.string(), unit: z.string(), pending: z.number(), total: z.number() })),
  counts: z.record(z.enum(REPORT_STATUSES), z.number()),
  /** What this actor may do with the round (review the rows, publish, export). */
  abilities: RoundAbilitiesSchema,
});

export const MyReportItemSchema = z.object({
  reportId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  status: z.enum(REPORT_STATUSES),
  versionNo: z.number(),
  lastComment: z.string().nullable(),
  /** What this actor may do with the report now. */
  abilities: ReportAbilitiesSchema,
});

/** A round that has published rows. */
export const PublicRoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  programme: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
});

/** The .xlsx file of a round's consolidated table. */
export const XlsxFileSchema = z.string().meta({ format: 'binary', description: '官方格式的 .xlsx 汇总表' });
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const round = idParams('填报批次');

/** A comma-separated list of words from `allowed` (e.g. status=lagging,completed), as a list. */
const wordList = <T extends string>(allowed: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .max(500, `${what}过长`)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(allowed, `${what}只能是 ${allowed.join('、')}（可用逗号分隔多个）`)));
const idList = (what: string) =>
  z
    .string()
    .max(4000, `${what}过长`)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
const bound = (what: string, max: number) =>
  z.coerce.number(`${what}应为数字`).min(0, `${what}不能为负数`).max(max, `${what}不能超过${max}`).optional();

/**
 * Filters and sort of the consolidated table (shared/table-query.ts). Lists are comma-separated, "any of".
 * minRatio/maxRatio: completion as a fraction (0.5 = 50%); minGap: at least this many points behind 序时进度.
 */
export const TableQuerySchema = z.strictObject({
  status: wordList(TABLE_STATUS_FILTERS, '研判状态（status）').optional(),
  light: wordList(TABLE_LIGHTS, '红黄绿灯（light）').optional(),
  minRatio: bound('最低完成率（minRatio，0–1 的小数）', 10),
  maxRatio: bound('最高完成率（maxRatio，0–1 的小数）', 10),
  minGap: bound('落后序时进度百分点（minGap）', 1000),
  flag: idList('项目标记（flag）').optional(),
  unit: idList('填报单位（unit）').optional(),
  level: idList('项目层级（level）').optional(),
  matter: idList('事项（matter）').optional(),
  project: idList('项目（project）').optional(),
  q: z.string().max(200, '搜索词不能超过200个字').optional(),
  sort: z.enum(TABLE_SORTS, `排序（sort）只能是 ${TABLE_SORTS.join('、')}`).optional(),
});

export const TABLE_ENDPOINTS = {
  table: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/table',
    summary:
      '填报批次的汇总表（可按研判状态、红黄绿灯、完成率、落后序时进度、标记、单位、层级、事项、关键词筛选和排序）',
    tag: 'table',
    params: round,
    query: TableQuerySchema,
    response: ConsolidatedTableSchema,
  }),
  tableXlsx: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/table.xlsx',
    summary: '下载汇总表（.xlsx）',
    tag: 'table',
    params: round,
    response: XlsxFileSchema,
    file: XLSX_TYPE,
  }),
  myReports: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/my-reports',
    summary: '本单位在该批次的填报',
    tag: 'reports',
    params: round,
    response: z.array(MyReportItemSchema),
  }),
  publicRounds: endpoint({
    method: 'GET',
    path: '/api/public/rounds',
    summary: '已发布到政务公开的填报批次（公开；只含公开快照，slug 为公开信息的网址 /gk/p/<slug>）',
    tag: 'public',
    anonymous: true,
    response: z.array(PublicRoundItemSchema),
  }),
  publicTable: endpoint({
    method: 'GET',
    path: '/api/public/rounds/:id/table',
    summary: '该批次现行的公开信息（公开快照：所选版式的表格与公开元数据，不含内部研判、审核意见与记录编号）',
    tag: 'public',
    anonymous: true,
    params: round,
    response: PublicPublicationSchema,
  }),
};
