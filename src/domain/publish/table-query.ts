/**
 * Filter and sort a consolidated table's rows by a TableQuery (shared/table-query.ts): the server applies it to the
 * cached table (GET /api/rounds/:id/table?…), the browser to the table it holds (the page's hash query). Pure.
 */
import { PROJECT_FLAG_LABELS, type ProjectFlag } from '../../shared/statuses';
import {
  TABLE_LIGHTS,
  TABLE_SORTS,
  TABLE_STATUS_FILTERS,
  TABLE_STATUS_WORDS,
  type TableLight,
  type TableQuery,
  type TableSort,
  type TableStatusFilter,
  UNJUDGEABLE_LABEL,
} from '../../shared/table-query';

/** What filtering and sorting read of a row (TableRow has all of it). */
export type QueryableRow = {
  code: string;
  name: string;
  unit: string;
  unitId: string;
  matterId?: string | null;
  projectId: string;
  matter: string | null;
  levels: string[];
  flags: string[];
  annualTarget: string;
  periodTarget: string;
  progress: string;
  selfAssessment: string | null;
  problems: string;
  nextSteps: string;
  leadUnits: string[];
  assistUnits: string[];
  computedStatus?: string | null;
  light?: string | null;
  completionRatio?: number | null;
  gapPoints?: number | null;
  reason?: string | null;
};

/** True when the query filters or sorts anything. */
export const isEmptyQuery = (q: TableQuery): boolean =>
  !(
    q.status?.length ||
    q.light?.length ||
    q.minRatio !== undefined ||
    q.maxRatio !== undefined ||
    q.minGap !== undefined ||
    q.flag?.length ||
    q.unit?.length ||
    q.level?.length ||
    q.matter?.length ||
    q.project?.length ||
    q.q?.trim() ||
    q.sort
  );

/** The row's text a search looks in, including the computed status (or 无法研判) and the flags' names. */
export function searchText(r: QueryableRow): string {
  return [
    r.code,
    r.name,
    r.unit,
    r.matter ?? '',
    r.annualTarget,
    r.periodTarget,
    r.progress,
    r.selfAssessment ?? '',
    r.problems,
    r.nextSteps,
    r.computedStatus ?? UNJUDGEABLE_LABEL,
    r.reason ?? '',
    ...r.levels,
    ...r.flags.map((f) => PROJECT_FLAG_LABELS[f as ProjectFlag] ?? f),
    ...r.leadUnits,
    ...r.assistUnits,
  ]
    .join('\n')
    .toLowerCase();
}

const statusMatches = (r: QueryableRow, keys: readonly TableStatusFilter[]) =>
  keys.some((k) => TABLE_STATUS_WORDS[k] === (r.computedStatus ?? null));

/** Points behind 序时进度 (positive = behind), null when not judged against it. */
export const lagPoints = (r: Pick<QueryableRow, 'gapPoints'>): number | null =>
  r.gapPoints === null || r.gapPoints === undefined ? null : -r.gapPoints;

const within = (v: number | null, min: number | undefined, max: number | undefined) =>
  (min === undefined || (v !== null && v >= min - 1e-9)) && (max === undefined || (v !== null && v <= max + 1e-9));
const anyOf = <T>(wanted: readonly T[] | undefined, test: (w: T) => boolean) => !wanted?.length || wanted.some(test);

/** Every filter of the query, as a test of one row (all must hold). */
const CHECKS: ((r: QueryableRow, q: TableQuery) => boolean)[] = [
  (r, q) => !q.status?.length || statusMatches(r, q.status),
  (r, q) => anyOf(q.light, (l) => r.light === l),
  (r, q) => within(r.completionRatio ?? null, q.minRatio, q.maxRatio),
  (r, q) => within(lagPoints(r), q.minGap, undefined),
  (r, q) => anyOf(q.flag, (f) => r.flags.includes(f)),
  (r, q) => anyOf(q.unit, (u) => r.unitId === u),
  (r, q) => anyOf(q.level, (l) => r.levels.includes(l)),
  (r, q) => anyOf(q.matter, (m) => (r.matterId ?? '') === m),
  (r, q) => anyOf(q.project, (p) => r.projectId === p),
];

function rowMatches(r: QueryableRow, q: TableQuery, text: string): boolean {
  return CHECKS.every((check) => check(r, q)) && (!text || searchText(r).includes(text));
}

/** Worst first: 严重滞后, 滞后, 未研判, 按序时推进, 超序时进度, 已完成, 超额完成. */
const STATUS_RANK: Record<string, number> = {
  严重滞后: 0,
  滞后: 1,
  按序时推进: 3,
  超序时进度: 4,
  已完成: 5,
  超额完成: 6,
};
const statusRank = (r: QueryableRow) => (r.computedStatus ? (STATUS_RANK[r.computedStatus] ?? 2) : 2);

const SORT_VALUE: Record<string, (r: QueryableRow) => number | string | null> = {
  ratio: (r) => r.completionRatio ?? null,
  gap: lagPoints,
  status: statusRank,
  unit: (r) => r.unit,
};

/** Rows matching the query, in its order (the given order when no sort, or for ties). Never mutates `rows`. */
export function queryRows<T extends QueryableRow>(rows: readonly T[], q: TableQuery): T[] {
  const text = q.q?.trim().toLowerCase() ?? '';
  const out = rows.filter((r) => rowMatches(r, q, text));
  if (!q.sort || q.sort === 'code') return out;
  const desc = q.sort.startsWith('-');
  const key = desc ? q.sort.slice(1) : q.sort;
  if (key === 'code') return out.reverse();
  const value = SORT_VALUE[key]!;
  const index = new Map(out.map((r, i) => [r, i]));
  return out.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? index.get(a)! - index.get(b)! : va === null ? 1 : -1;
    const c = typeof va === 'string' ? va.localeCompare(vb as string, 'zh-CN') : va - (vb as number);
    return (desc ? -c : c) || index.get(a)! - index.get(b)!;
  });
}

const list = (v: string | null | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const num = (v: string | null | undefined) => {
  if (v === null || v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** A query from query-string values (the page's hash); unknown words are dropped (the API rejects them instead). */
export function tableQueryFromParams(get: (name: string) => string | null | undefined): TableQuery {
  const q: TableQuery = {};
  const status = list(get('status')).filter((s): s is TableStatusFilter =>
    (TABLE_STATUS_FILTERS as readonly string[]).includes(s),
  );
  if (status.length) q.status = status;
  const light = list(get('light')).filter((s): s is TableLight => (TABLE_LIGHTS as readonly string[]).includes(s));
  if (light.length) q.light = light;
  for (const k of ['minRatio', 'maxRatio', 'minGap'] as const) {
    const n = num(get(k));
    if (n !== undefined) q[k] = n;
  }
  for (const k of ['flag', 'unit', 'level', 'matter', 'project'] as const) {
    const v = list(get(k));
    if (v.length) q[k] = v;
  }
  const text = get('q')?.trim();
  if (text) q.q = text;
  const sort = get('sort');
  if (sort && (TABLE_SORTS as string[]).includes(sort)) q.sort = sort as TableSort;
  return q;
}

/** The query as a query string without '?' (stable order; empty fields left out). */
export function tableQueryString(q: TableQuery): string {
  const parts: string[] = [];
  const add = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') parts.push(`${k}=${encodeURIComponent(String(v))}`);
  };
  add('status', q.status?.join(','));
  add('light', q.light?.join(','));
  add('minRatio', q.minRatio);
  add('maxRatio', q.maxRatio);
  add('minGap', q.minGap);
  add('flag', q.flag?.join(','));
  add('unit', q.unit?.join(','));
  add('level', q.level?.join(','));
  add('matter', q.matter?.join(','));
  add('project', q.project?.join(','));
  add('q', q.q?.trim());
  add('sort', q.sort);
  return parts.join('&');
}
