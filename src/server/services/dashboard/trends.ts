/**
 * Trends across a programme's rounds (issue 12 §1): the completion ratio against 序时进度 per round for the whole
 * programme, each matter or chosen projects, and the status mix per round (each count with its drill-down).
 */
import { STATUS_KEYS } from '../../../domain/evaluate/status-keys';
import type { TrendSchema } from '../../../shared/contract/dashboard';
import { AppError } from '../../errors';
import type { Ctx } from '../context';
import { type DashRow, drill, loadRows, pickProgramme, programmeItem, programmeRounds } from './load';

type Trend = import('zod').infer<typeof TrendSchema>;
type By = 'programme' | 'matter' | 'project';

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1e4) / 1e4 : null);

export async function getTrends(ctx: Ctx, q: { programme?: string; by?: By; id?: string }): Promise<Trend> {
  const by = q.by ?? 'programme';
  const { programme } = await pickProgramme(ctx, q.programme);
  const empty = { matters: [], projects: [] };
  if (!programme) return { programme: null, by, rounds: [], series: [], statusMix: [], options: empty };
  const rounds = await programmeRounds(ctx, programme.id);
  const rows = await loadRows(
    ctx,
    programme.id,
    rounds.map((r) => r.id),
  );
  const options = {
    matters: uniq(
      rows.filter((r) => r.matterId).map((r) => [r.matterId!, `${r.matterNumber ?? ''} ${r.matter ?? ''}`.trim()]),
    ),
    projects: uniq(rows.map((r) => [r.projectId, `${r.code} ${r.name}`])),
  };
  if (q.id && by !== 'programme' && !(by === 'matter' ? options.matters : options.projects).some((o) => o.id === q.id))
    throw new AppError('VALIDATION', by === 'matter' ? '所选事项不属于该实事计划' : '所选项目不属于该实事计划');
  const groups = seriesGroups(rows, by, q.id, rounds.at(-1)?.id);
  const series = groups.map((g) => ({
    key: g.key,
    label: g.label,
    points: rounds.map((r) => {
      const inRound = g.rows.filter((x) => x.roundId === r.id);
      return {
        roundId: r.id,
        completion: mean(inRound.filter((x) => x.completionRatio !== null).map((x) => x.completionRatio!)),
        expected: mean(inRound.filter((x) => x.expectedRatio !== null).map((x) => x.expectedRatio!)),
      };
    }),
  }));
  const statusMix = rounds.map((r) => {
    const inRound = rows.filter((x) => x.roundId === r.id);
    return {
      roundId: r.id,
      counts: Object.fromEntries(STATUS_KEYS.map((k) => [k, inRound.filter((x) => x.statusKey === k).length])),
      drill: Object.fromEntries(STATUS_KEYS.map((k) => [k, drill(r.id, { status: k })])),
    };
  });
  return { programme: programmeItem(programme), by, rounds, series, statusMix, options };
}

function uniq(pairs: string[][]): { id: string; label: string }[] {
  const m = new Map<string, string>();
  for (const [id, label] of pairs) if (!m.has(id!)) m.set(id!, label!);
  return [...m.entries()].map(([id, label]) => ({ id, label }));
}

/** The lines to draw: the programme, each matter (or one), one project or the ten furthest behind in the latest round. */
function seriesGroups(rows: DashRow[], by: By, id: string | undefined, latest: string | undefined) {
  if (by === 'programme') return [{ key: 'programme', label: '全计划', rows }];
  const keyOf = (r: DashRow) => (by === 'matter' ? r.matterId : r.projectId);
  const labelOf = (r: DashRow) =>
    by === 'matter' ? `${r.matterNumber ?? ''} ${r.matter ?? ''}`.trim() : `${r.code} ${r.name}`;
  const groups = new Map<string, { key: string; label: string; rows: DashRow[] }>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!k || (id && k !== id)) continue;
    const g = groups.get(k) ?? { key: k, label: labelOf(r), rows: [] };
    g.rows.push(r);
    groups.set(k, g);
  }
  const all = [...groups.values()];
  if (by === 'matter' || id) return all;
  // Projects: the ten with the largest gap behind 序时进度 in the latest round.
  const gap = (g: { rows: DashRow[] }) =>
    Math.min(0, ...g.rows.filter((r) => r.roundId === latest && r.gapPoints !== null).map((r) => r.gapPoints!));
  return all.sort((a, b) => gap(a) - gap(b) || a.label.localeCompare(b.label, 'zh')).slice(0, 10);
}
