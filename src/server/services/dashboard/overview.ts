/**
 * 领导总览 of one round (issue 12 §1): counts by computed status and light with the change since the previous round,
 * the lagging projects (red first) with unit, gap and reason, self-assessments the numbers contradict, overdue units,
 * investment against physical progress, and the rows behind every number.
 */
import { unitBoardState } from '../../../domain/chase/board';
import { chinaDate } from '../../../domain/collect/round-rules';
import { LIGHT_KEYS, LIGHT_LABELS, STATUS_KEY_LABELS, STATUS_KEYS } from '../../../domain/evaluate/status-keys';
import { can } from '../../../domain/policies/policies';
import type { DashboardOverviewSchema } from '../../../shared/contract/dashboard';
import * as repo from '../../repositories/dashboard.repo';
import type { Ctx } from '../context';
import {
  type DashRow,
  drill,
  loadRows,
  pickProgramme,
  pickRound,
  programmeItem,
  programmeRounds,
  publicRow,
} from './load';

type Overview = import('zod').infer<typeof DashboardOverviewSchema>;

const emptyCount = (key: string, label: string) => ({
  key,
  label,
  count: 0,
  previous: null,
  change: null,
  drill: drill(null),
});

export async function getDashboard(ctx: Ctx, q: { programme?: string; round?: string }): Promise<Overview> {
  const { programme, programmes } = await pickProgramme(ctx, q.programme);
  const base = { programmes: programmes.map(programmeItem), abilities: { scores: false, configure: false } };
  if (!programme)
    return {
      ...base,
      programme: null,
      rounds: [],
      round: null,
      previousRound: null,
      total: emptyCount('total', '填报总数'),
      handedIn: emptyCount('handedIn', '已报送'),
      behind: emptyCount('behind', '滞后项目'),
      byStatus: [],
      byLight: [],
      lagging: [],
      mismatches: [],
      overdueUnits: [],
      investment: { items: [], target: 0, invested: 0 },
      rows: [],
    };
  const rounds = await programmeRounds(ctx, programme.id);
  const round = pickRound(rounds, q.round);
  const at = round ? rounds.indexOf(round) : -1;
  const previous = at > 0 ? rounds[at - 1]! : null;
  const ids = [previous?.id, round?.id].filter((x): x is string => Boolean(x));
  const all = await loadRows(ctx, programme.id, ids);
  const rows = all.filter((r) => r.roundId === round?.id);
  const before = previous ? all.filter((r) => r.roundId === previous.id) : null;
  const rid = round?.id ?? null;
  const count = (key: string, label: string, test: (r: DashRow) => boolean, filter: Record<string, string>) => {
    const n = rows.filter(test).length;
    const p = before ? before.filter(test).length : null;
    return { key, label, count: n, previous: p, change: p === null ? null : n - p, drill: drill(rid, filter) };
  };
  const lagging = rows
    .filter((r) => r.statusKey === 'lagging' || r.statusKey === 'severe')
    .sort(
      (a, b) =>
        lightRank(a.light) - lightRank(b.light) ||
        (a.gapPoints ?? 0) - (b.gapPoints ?? 0) ||
        a.code.localeCompare(b.code, 'zh'),
    )
    .map((r) => ({ ...publicRow(r), drill: drill(rid, { status: r.statusKey, unit: r.unitId }) }));
  const mismatches = rows
    .filter((r) => r.mismatch)
    .map((r) => ({ ...publicRow(r), drill: drill(rid, { mismatch: '1', unit: r.unitId }) }));
  return {
    ...base,
    abilities: {
      scores: can(ctx.actor, 'dashboard:read', programme),
      configure: can(ctx.actor, 'evaluation:configure', programme),
    },
    programme: programmeItem(programme),
    rounds,
    round,
    previousRound: previous ? { id: previous.id, name: previous.name } : null,
    total: count('total', '填报总数', () => true, {}),
    handedIn: count('handedIn', '已报送', (r) => r.handedIn, { handedIn: '1' }),
    behind: count('behind', '滞后项目', (r) => r.statusKey === 'lagging' || r.statusKey === 'severe', {
      status: 'lagging,severe',
    }),
    byStatus: STATUS_KEYS.map((k) => count(k, STATUS_KEY_LABELS[k], (r) => r.statusKey === k, { status: k })),
    byLight: LIGHT_KEYS.map((k) => count(k, LIGHT_LABELS[k], (r) => r.light === k, { light: k })),
    lagging,
    mismatches,
    overdueUnits: round ? await overdueUnits(ctx, round, rows) : [],
    investment: await investment(ctx, programme.id, rows, rid),
    rows: rows.map(publicRow),
  };
}

const lightRank = (l: string | null) => (l === 'red' ? 0 : l === 'yellow' ? 1 : 2);

/** Units with reports not handed in after their due date (the round's, or an extension's). */
async function overdueUnits(ctx: Ctx, round: { id: string; dueDate: string }, rows: DashRow[]) {
  const ext = await repo.findExtensions(ctx.db, [round.id]);
  let roundDue = round.dueDate;
  const unitDue = new Map<string, string>();
  for (const e of ext) {
    if (!e.dueDate) continue;
    if (e.orgId) unitDue.set(e.orgId, e.dueDate);
    else roundDue = e.dueDate;
  }
  const today = chinaDate(ctx.now());
  const byUnit = new Map<string, DashRow[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  const out = [];
  for (const [unitId, list] of byUnit) {
    const due = [unitDue.get(unitId), roundDue]
      .filter((x): x is string => Boolean(x))
      .sort()
      .at(-1)!;
    const s = unitBoardState(
      list.map((r) => ({ status: r.status, versionNo: 0, submittedLate: r.late })),
      due,
      today,
    );
    if (s.daysOverdue > 0)
      out.push({
        unitId,
        unit: list[0]!.unit,
        pending: s.expected - s.handedIn,
        total: s.expected,
        daysOverdue: s.daysOverdue,
        drill: drill(round.id, { unit: unitId, handedIn: '0' }),
      });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || b.pending - a.pending);
}

/** 万元 of an amount in a money unit. */
const toWan = (v: number, unit: string) => (unit === '亿元' ? v * 10000 : unit === '元' ? v / 10000 : v);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Money indicators: invested (the units' reported values this round) against the target and the physical progress. */
async function investment(ctx: Ctx, programmeId: string, rows: DashRow[], roundId: string | null) {
  const indicators = await repo.findMoneyIndicators(ctx.db, programmeId);
  const versionIds = rows.map((r) => r.versionId).filter((x): x is string => Boolean(x));
  const values = await repo.findIndicatorValues(
    ctx.db,
    versionIds,
    indicators.map((i) => i.id),
  );
  const versionRow = new Map(rows.filter((r) => r.versionId).map((r) => [r.versionId!, r]));
  const items = indicators
    .filter((i) => rows.some((r) => r.projectId === i.projectId))
    .map((i) => {
      const mine = values.filter((v) => v.indicatorId === i.id && v.value !== null && versionRow.has(v.versionId));
      const invested = mine.length
        ? round2(
            toWan(
              mine.reduce((n, v) => n + (v.value ?? 0), 0),
              i.unit,
            ),
          )
        : null;
      const target = i.targetValue === null ? null : round2(toWan(i.targetValue, i.unit));
      const ratios = rows
        .filter((r) => r.projectId === i.projectId && r.completionRatio !== null)
        .map((r) => r.completionRatio!);
      return {
        projectId: i.projectId,
        code: i.code,
        name: i.projectName,
        indicator: i.name,
        target,
        invested,
        investedRatio: invested !== null && target ? round2(invested / target) : null,
        physicalRatio: ratios.length ? round2(ratios.reduce((a, b) => a + b, 0) / ratios.length) : null,
        drill: drill(roundId, { project: i.projectId }),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code, 'zh'));
  return {
    items,
    target: round2(items.reduce((n, i) => n + (i.target ?? 0), 0)),
    invested: round2(items.reduce((n, i) => n + (i.invested ?? 0), 0)),
  };
}
