/**
 * 全市汇总 (issue 12 §4): the district programmes of a year below the actor's government, side by side — counts by
 * computed status per district, laggards across districts, the ranking of districts, and the 市级 items followed
 * across the districts that carry them. Scope: the programmes the actor may read the roll-up of (`rollup:read`,
 * domain/policies/rollup.ts) — a city's accounts every district below the city, a district's office only its own.
 * Served from the read cache while nothing changed (a city's roll-up reads every report of the compared rounds).
 */

import { periodLabel } from '../../../domain/plan/periods';
import { can, mayEver } from '../../../domain/policies/policies';
import { isHandedIn } from '../../../domain/review/review-workflow';
import type { ReportStatus } from '../../../shared/statuses';
import { AppError } from '../../errors';
import * as repo from '../../repositories/rollup.repo';
import { parseJson } from '../../util';
import { type Ctx, requireActor } from '../context';
import { type CachedJson, readCacheOf } from '../publish/read-cache';
import type { ApiRollup } from './types';

type Row = Awaited<ReturnType<typeof repo.findRollupRows>>[number];
type Counts = ApiRollup['totals'];

export const RANKING_RULE =
  '先比按序时推进率（已完成、超额完成、超序时进度、按序时推进占已研判项目的比例）高者在前；相同再比滞后率（滞后、严重滞后）低者在前；再比按时报送率高者在前。';
export const MATCH_RULE =
  '带“市级”标签的项目按名称对应：去掉空格、标点和括号内的说明后名称相同，即视为同一市级项目；各区编号不同不影响对应。';

const LAGGARDS_SHOWN = 100;

const emptyCounts = (): Counts => ({
  rows: 0,
  completed: 0,
  onSchedule: 0,
  lagging: 0,
  severe: 0,
  unassessed: 0,
  green: 0,
  yellow: 0,
  red: 0,
});

function add(c: Counts, r: Pick<Row, 'computedStatus' | 'light'>) {
  c.rows++;
  const s = r.computedStatus;
  if (s === '已完成' || s === '超额完成') c.completed++;
  else if (s === '超序时进度' || s === '按序时推进') c.onSchedule++;
  else if (s === '滞后') c.lagging++;
  else if (s === '严重滞后') c.severe++;
  else c.unassessed++;
  if (r.light === 'green' || r.light === 'yellow' || r.light === 'red') c[r.light]++;
}

/** The matching key of a 市级 item: the name without spaces, punctuation and bracketed remarks. */
export function cityItemKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

const share = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
const lagOf = (r: Pick<Row, 'gapPoints'>) => (r.gapPoints === null ? null : -r.gapPoints);
const isLag = (r: Pick<Row, 'computedStatus'>) => r.computedStatus === '滞后' || r.computedStatus === '严重滞后';

/** The roll-up as JSON text (read cache: keyed by who asks — role and units decide the scope — year and period). */
export async function getRollupJson(ctx: Ctx, query: { year?: number; period?: string }): Promise<CachedJson> {
  requireActor(ctx);
  if (!mayEver(ctx.actor, 'rollup:read')) throw new AppError('FORBIDDEN', '全市汇总仅限督查室和领导查看');
  const key = `rollup|${ctx.actor.role}|${[...ctx.actor.unitIds].sort().join(',')}|${query.year ?? ''}|${query.period ?? ''}`;
  return readCacheOf(ctx.db).get(ctx.db, key, () => buildRollup(ctx, query));
}

/** The roll-up of the programmes of a year the actor may read it of. */
export async function buildRollup(
  ctx: Ctx & { actor: NonNullable<Ctx['actor']> },
  query: { year?: number; period?: string },
): Promise<ApiRollup> {
  const actor = ctx.actor;
  const all = (await repo.findRollupProgrammes(ctx.db, actor.orgIds)).filter((p) =>
    can(actor, 'rollup:read', { ownerOrgId: p.ownerOrgId }),
  );
  const years = [...new Set(all.map((p) => p.year))].sort((a, b) => b - a);
  const year = query.year ?? years[0] ?? new Date(ctx.now()).getFullYear();
  const programmes = all.filter((p) => p.year === year).sort((a, b) => a.ownerSeq - b.ownerSeq);
  const rounds = await repo.findRollupRounds(
    ctx.db,
    programmes.map((p) => p.id),
  );
  const periods = [...new Set(rounds.map((r) => r.periodKey))].sort();
  const period = query.period ?? null;
  const latest = (a: (typeof rounds)[number], b: (typeof rounds)[number]) =>
    b.periodKey.localeCompare(a.periodKey) || b.asOf.localeCompare(a.asOf);
  const roundOf = new Map<string, (typeof rounds)[number]>();
  for (const r of [...rounds].sort(latest)) {
    if (period && r.periodKey !== period) continue;
    if (!roundOf.has(r.programmeId)) roundOf.set(r.programmeId, r);
  }
  const rows = await repo.findRollupRows(
    ctx.db,
    [...roundOf.values()].map((r) => r.id),
  );
  const rowsOf = new Map<string, Row[]>();
  for (const r of rows) {
    const list = rowsOf.get(r.roundId);
    if (list) list.push(r);
    else rowsOf.set(r.roundId, [r]);
  }

  const totals = emptyCounts();
  const laggards: ApiRollup['laggards'] = [];
  const items = new Map<string, ApiRollup['cityItems'][number]>();
  const districts: ApiRollup['districts'] = programmes.map((p) => {
    const round = roundOf.get(p.id) ?? null;
    const mine = round ? (rowsOf.get(round.id) ?? []) : [];
    const district = { orgId: p.ownerOrgId, district: p.owner };
    const s = summarise(mine, totals);
    for (const r of s.lagging) laggards.push({ ...district, ...laggardOf(r) });
    for (const r of s.cityRows) {
      const key = cityItemKey(r.name);
      const item = items.get(key) ?? {
        key,
        name: r.name,
        districts: 0,
        lagging: 0,
        completed: 0,
        averageRatio: null,
        entries: [],
      };
      item.entries.push({ ...district, ...entryOf(r) });
      items.set(key, item);
    }
    return {
      orgId: p.ownerOrgId,
      name: p.owner,
      programmeId: p.id,
      programme: p.name,
      round: round
        ? {
            id: round.id,
            name: round.name,
            periodKey: round.periodKey,
            periodLabel: periodLabel(round.periodKey),
            asOf: round.asOf,
          }
        : null,
      ...s.line,
      rank: null,
    };
  });
  rankDistricts(districts);
  laggards.sort(
    (a, b) =>
      (lagOf(b) ?? Number.NEGATIVE_INFINITY) - (lagOf(a) ?? Number.NEGATIVE_INFINITY) ||
      a.district.localeCompare(b.district, 'zh-CN') ||
      a.code.localeCompare(b.code, 'zh-CN'),
  );
  const cityItems = [...items.values()].map((i) => {
    const ratios = i.entries.map((e) => e.completionRatio).filter((x): x is number => x !== null);
    return {
      ...i,
      districts: i.entries.length,
      lagging: i.entries.filter(isLag).length,
      completed: i.entries.filter((e) => e.computedStatus === '已完成' || e.computedStatus === '超额完成').length,
      averageRatio: ratios.length
        ? Math.round((ratios.reduce((a, b) => a + b, 0) / ratios.length) * 1000) / 1000
        : null,
    };
  });
  // Items carried by more districts first (the ones a city follows across districts), then the more lagging.
  cityItems.sort(
    (a, b) =>
      b.districts - a.districts ||
      b.lagging - a.lagging ||
      (a.averageRatio ?? 2) - (b.averageRatio ?? 2) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  const tops = await repo.findOrgNames(ctx.db, actor.unitIds);
  return {
    year,
    years,
    period,
    periods: periods.map((k) => ({ key: k, label: periodLabel(k) })),
    scopeName: tops.map((o) => o.name).join('、') || '全部组织',
    rankingRule: RANKING_RULE,
    matchRule: MATCH_RULE,
    totals,
    districts,
    laggards: laggards.slice(0, LAGGARDS_SHOWN),
    laggardsTotal: laggards.length,
    cityItems,
  };
}

const lightOf = (r: Row) => (r.light as 'green' | 'yellow' | 'red' | null) ?? null;

/** One district's rows: its counts and shares, its lagging rows, and per 市级 project its worst row. */
function summarise(rows: Row[], totals: Counts) {
  const counts = emptyCounts();
  let handedIn = 0;
  let onTime = 0;
  let lagSum = 0;
  const lagging: Row[] = [];
  const worst = new Map<string, Row>();
  for (const r of rows) {
    add(counts, r);
    add(totals, r);
    const inTime = isHandedIn(r.status as ReportStatus);
    handedIn += inTime ? 1 : 0;
    onTime += inTime && !r.submittedLate ? 1 : 0;
    if (isLag(r)) {
      lagSum += lagOf(r) ?? 0;
      lagging.push(r);
    }
    if (!parseJson<string[]>(r.levels, []).includes('市级')) continue;
    const w = worst.get(r.projectId);
    if (!w || (r.completionRatio ?? 2) < (w.completionRatio ?? 2)) worst.set(r.projectId, r);
  }
  const judged = counts.rows - counts.unassessed;
  const lag = counts.lagging + counts.severe;
  return {
    lagging,
    cityRows: [...worst.values()],
    line: {
      counts,
      handedIn,
      onScheduleShare: share(counts.completed + counts.onSchedule, judged),
      lagShare: share(lag, judged),
      timeliness: share(onTime, counts.rows),
      averageLag: lag ? Math.round((lagSum / lag) * 10) / 10 : null,
    },
  };
}

const laggardOf = (r: Row) => ({
  roundId: r.roundId,
  reportId: r.reportId,
  projectId: r.projectId,
  code: r.code,
  name: r.name,
  unit: r.unit,
  levels: parseJson<string[]>(r.levels, []),
  computedStatus: r.computedStatus,
  light: lightOf(r),
  completionRatio: r.completionRatio,
  gapPoints: r.gapPoints,
  reason: r.reason,
});

const entryOf = (r: Row) => ({
  roundId: r.roundId,
  projectId: r.projectId,
  code: r.code,
  name: r.name,
  computedStatus: r.computedStatus,
  light: lightOf(r),
  completionRatio: r.completionRatio,
  gapPoints: r.gapPoints,
});

/** Rank in place (RANKING_RULE); districts without a judged row are not ranked. */
function rankDistricts(ds: ApiRollup['districts']) {
  const ranked = ds
    .filter((d) => d.onScheduleShare !== null)
    .sort(
      (a, b) =>
        (b.onScheduleShare ?? 0) - (a.onScheduleShare ?? 0) ||
        (a.lagShare ?? 0) - (b.lagShare ?? 0) ||
        (b.timeliness ?? 0) - (a.timeliness ?? 0),
    );
  let rank = 0;
  ranked.forEach((d, i) => {
    const prev = ranked[i - 1];
    const tie =
      prev &&
      prev.onScheduleShare === d.onScheduleShare &&
      prev.lagShare === d.lagShare &&
      prev.timeliness === d.timeliness;
    rank = tie ? rank : i + 1;
    d.rank = rank;
  });
}
