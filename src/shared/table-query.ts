/**
 * Filters and sort of a round's consolidated table (issue 12 §1): the words of the query string, shared by the API
 * (GET /api/rounds/:id/table?status=lagging&sort=-gap), the table page's hash (#/rounds/:id/table?…) and the
 * dashboard's links. Plain data, no zod (the contract builds its schema from these lists).
 */

/**
 * Computed statuses as keys (the judgement engine's words, domain/assess/judge/types.ts ComputedStatus; the same keys
 * as the dashboard's domain/evaluate/status-keys.ts, so its links open the table filtered): each key one word,
 * unassessed 未研判 = no computed status (no figures to judge). "Lagging at all" is `status=lagging,severe`.
 */
export const TABLE_STATUS_FILTERS = [
  'completed',
  'exceeded',
  'ahead',
  'on_schedule',
  'lagging',
  'severe',
  'unassessed',
] as const;
export type TableStatusFilter = (typeof TABLE_STATUS_FILTERS)[number];
/** The computed-status word of each key (null = none). */
export const TABLE_STATUS_WORDS: Record<TableStatusFilter, string | null> = {
  completed: '已完成',
  exceeded: '超额完成',
  ahead: '超序时进度',
  on_schedule: '按序时推进',
  lagging: '滞后',
  severe: '严重滞后',
  unassessed: null,
};
/** The label a row without a computed status carries (also what a text search for it finds). */
export const UNJUDGEABLE_LABEL = '未研判';
export const TABLE_STATUS_FILTER_LABELS: Record<TableStatusFilter, string> = {
  completed: '已完成',
  exceeded: '超额完成',
  ahead: '超序时进度',
  on_schedule: '按序时推进',
  lagging: '滞后',
  severe: '严重滞后',
  unassessed: UNJUDGEABLE_LABEL,
};

export const TABLE_LIGHTS = ['green', 'yellow', 'red'] as const;
export type TableLight = (typeof TABLE_LIGHTS)[number];
export const TABLE_LIGHT_LABELS: Record<TableLight, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/**
 * Sort keys; a leading '-' sorts descending. code: the table's own order (事项, 编号, 单位) · ratio: completion ·
 * gap: points behind 序时进度 (−gapPoints; '-gap' puts the largest lag first) · status: worst judgement first ·
 * unit: the unit's name. Rows without the value sort last either way.
 */
export const TABLE_SORT_KEYS = ['code', 'ratio', 'gap', 'status', 'unit'] as const;
export type TableSortKey = (typeof TABLE_SORT_KEYS)[number];
export const TABLE_SORT_LABELS: Record<TableSortKey, string> = {
  code: '编号',
  ratio: '完成率',
  gap: '落后序时进度',
  status: '研判状态',
  unit: '填报单位',
};
export type TableSort = TableSortKey | `-${TableSortKey}`;
export const TABLE_SORTS = TABLE_SORT_KEYS.flatMap((k) => [k, `-${k}`]) as TableSort[];

/**
 * A table query. Lists are "any of" (a row matches one of the values); different fields all apply.
 * minRatio/maxRatio: completion as a fraction (0.5 = 50%, the unit of TableRow.completionRatio);
 * minGap: at least this many percentage points behind 序时进度 (as the chase rules' minGapPoints);
 * q: text in the row (code, name, units, targets, progress, problems, the computed status and its reason).
 */
export type TableQuery = {
  status?: TableStatusFilter[];
  light?: TableLight[];
  minRatio?: number;
  maxRatio?: number;
  minGap?: number;
  flag?: string[];
  unit?: string[];
  level?: string[];
  matter?: string[];
  project?: string[];
  q?: string;
  sort?: TableSort;
};
