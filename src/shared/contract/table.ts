/** A round's consolidated table (staff and public), a reporter's own reports, published rounds. */
import { z } from 'zod';
import { ReportAbilitiesSchema, RoundAbilitiesSchema } from '../abilities';
import { REPORT_STATUSES } from '../statuses';
import { idParams, RoundRefSchema } from './common';
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
});

export const ConsolidatedTableSchema = z.object({
  programme: z.object({ id: z.string(), name: z.string(), year: z.number(), owner: z.string() }),
  round: RoundRefSchema.extend({ status: z.string() }),
  /** Column header for the period target, e.g. 第三季度目标. */
  periodTargetLabel: z.string(),
  rows: z.array(TableRowSchema),
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

export const TABLE_ENDPOINTS = {
  table: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/table',
    summary: '填报批次的汇总表',
    tag: 'table',
    params: round,
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
    summary: '已发布的填报批次（公开）',
    tag: 'public',
    anonymous: true,
    response: z.array(PublicRoundSchema),
  }),
  publicTable: endpoint({
    method: 'GET',
    path: '/api/public/rounds/:id/table',
    summary: '已发布的汇总表（公开，仅已发布的行）',
    tag: 'public',
    anonymous: true,
    params: round,
    response: ConsolidatedTableSchema,
  }),
};
