/**
 * Programme settings → the judgement engine's settings, and what a unit's report is judged against. One mapping, used
 * by the server (stored assessments), the CLI and the browser panel.
 */

import type { ScheduleSettings } from '../model/types';
import { parseTarget } from './judge';
import type { JudgeSettings, SchedulePlan } from './judge/types';

/** Even cumulative points (n parts of the year): quarterly → 0.25, 0.5, 0.75, 1. */
const even = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) / n);

/** Valid plan points: n fractions, 0..1, never decreasing; else null (the even plan is used). */
function planPoints(points: readonly number[] | null | undefined, n: number): number[] | null {
  if (!points || points.length !== n) return null;
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    if (!Number.isFinite(p) || p < 0 || p > 1 || (i > 0 && p < points[i - 1]!)) return null;
  }
  return [...points];
}

/** The 序时进度 plan of a programme: linear by months, a monthly or quarterly plan, or a deadline (all or nothing). */
export function schedulePlanOf(s: Partial<ScheduleSettings>): SchedulePlan {
  switch (s.mode) {
    case 'monthly':
      return { type: 'monthly', points: planPoints(s.monthlyPoints, 12) ?? even(12) };
    case 'quarterly':
      return { type: 'quarterly', points: planPoints(s.quarterlyPoints, 4) ?? even(4) };
    case 'deadline':
      return s.deadline ? { type: 'step', deadline: s.deadline } : { type: 'linear' };
    default:
      return { type: 'linear' };
  }
}

export function judgeSettingsOf(schedule: Partial<ScheduleSettings> | null | undefined): JudgeSettings {
  const s = schedule ?? {};
  const bands: JudgeSettings['bands'] =
    s.redBelowShareOfSchedule != null
      ? { mode: 'share', redBelowShare: s.redBelowShareOfSchedule }
      : { mode: 'points', yellowPoints: s.yellowBandPoints ?? 30 };
  return { bands, schedule: schedulePlanOf(s) };
}

/**
 * What a unit's report is judged against. A shared target split across units (shareNote "完成充电插口120个") is
 * judged against the unit's own part, without the project-wide period target; otherwise the project's annual and
 * period targets.
 */
export function judgeTargets(p: { annualTarget: string; periodTarget: string; shareNote?: string | null }): {
  target: string;
  periodTarget: string;
  basis: 'project' | 'share';
} {
  const share = (p.shareNote ?? '').trim();
  if (share && parseTarget(share).some((t) => t.value !== null))
    return { target: share, periodTarget: '', basis: 'share' };
  return { target: p.annualTarget, periodTarget: p.periodTarget, basis: 'project' };
}
