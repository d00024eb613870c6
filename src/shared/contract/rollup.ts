/**
 * 多个政府的汇总（市、省）(issue 12 §4): a city's (or province's) view of the district programmes of a year below its
 * government — counts by computed status per district, laggards across districts, the ranking of districts, and the
 * 市级 items followed across the districts that carry them. A district's office sees only its own line.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { LightSchema } from './table';

/** Counts by computed status (disjoint: 滞后 and 严重滞后 apart) and by light. */
export const RollupCountsSchema = z.object({
  rows: z.number(),
  completed: z.number(),
  onSchedule: z.number(),
  lagging: z.number(),
  severe: z.number(),
  unassessed: z.number(),
  green: z.number(),
  yellow: z.number(),
  red: z.number(),
});

export const RollupDistrictSchema = z.object({
  /** The government that owns the programme (the district). */
  orgId: z.string(),
  name: z.string(),
  programmeId: z.string(),
  programme: z.string(),
  /** The round compared (the requested period, else the district's latest open or closed round); null: none yet. */
  round: z
    .object({ id: z.string(), name: z.string(), periodKey: z.string(), periodLabel: z.string(), asOf: z.string() })
    .nullable(),
  counts: RollupCountsSchema,
  /** Reports handed in (submitted or further). */
  handedIn: z.number(),
  /** Share of rows judged 已完成/超额完成/超序时进度/按序时推进 among the judged rows (0–1; null: none judged). */
  onScheduleShare: z.number().nullable(),
  /** Share of rows judged 滞后 or 严重滞后 among the judged rows. */
  lagShare: z.number().nullable(),
  /** Share of reports handed in and not late (0–1). */
  timeliness: z.number().nullable(),
  /** Average points behind 序时进度 of the lagging rows (null: none). */
  averageLag: z.number().nullable(),
  /** 1 = best; districts without a round are not ranked. */
  rank: z.number().nullable(),
});

export const RollupLaggardSchema = z.object({
  orgId: z.string(),
  district: z.string(),
  roundId: z.string(),
  reportId: z.string(),
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  levels: z.array(z.string()),
  computedStatus: z.string().nullable(),
  light: LightSchema.nullable(),
  completionRatio: z.number().nullable(),
  gapPoints: z.number().nullable(),
  reason: z.string().nullable(),
});

/** A 市级 item as one district carries it (its worst row: lowest completion, largest lag). */
export const RollupCityEntrySchema = z.object({
  orgId: z.string(),
  district: z.string(),
  roundId: z.string(),
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  computedStatus: z.string().nullable(),
  light: LightSchema.nullable(),
  completionRatio: z.number().nullable(),
  gapPoints: z.number().nullable(),
});

export const RollupCityItemSchema = z.object({
  /** The matching key: the name without spaces and punctuation. */
  key: z.string(),
  name: z.string(),
  districts: z.number(),
  lagging: z.number(),
  completed: z.number(),
  /** Average completion over the districts that report it (0–1). */
  averageRatio: z.number().nullable(),
  entries: z.array(RollupCityEntrySchema),
});

export const RollupSchema = z.object({
  year: z.number(),
  /** Years with programmes in the actor's scope (newest first). */
  years: z.array(z.number()),
  /** The period compared (e.g. 2026-Q3), or null: each district's latest round. */
  period: z.string().nullable(),
  /** Periods with a round in some district of the year. */
  periods: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Whose roll-up: the organisation(s) the actor acts for at the top (e.g. 澜州市人民政府). */
  scopeName: z.string(),
  /** How districts are ranked, in words. */
  rankingRule: z.string(),
  /** How 市级 items are matched across districts, in words. */
  matchRule: z.string(),
  totals: RollupCountsSchema,
  districts: z.array(RollupDistrictSchema),
  /** The most lagging rows across districts (largest lag first, at most 100). */
  laggards: z.array(RollupLaggardSchema),
  laggardsTotal: z.number(),
  /** 市级 items carried by the districts (carried by most districts first, then most lagging). */
  cityItems: z.array(RollupCityItemSchema),
});

const PERIOD = /^\d{4}(-(M(0[1-9]|1[0-2])|Q[1-4]|H[12]))?$/;

export const RollupQuerySchema = z.strictObject({
  year: z.coerce.number('年度应为数字').int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确').optional(),
  period: z.string().regex(PERIOD, '报告期格式不正确（如 2026-Q3）').optional(),
});

export const ROLLUP_ENDPOINTS = {
  rollup: endpoint({
    method: 'GET',
    path: '/api/rollup',
    summary: '全市汇总：下辖各区实事计划的研判统计、滞后项目、排名与市级项目跟踪',
    tag: 'rollup',
    query: RollupQuerySchema,
    response: RollupSchema,
  }),
};
