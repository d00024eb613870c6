/** Programme schedule settings → the judgement engine's settings (one mapping, used by server, CLI and browser). */
import { parseTarget } from '../judge';
import type { JudgeSettings } from '../judge/types';
import type { ScheduleSettings } from './types';

export function judgeSettingsOf(schedule: Partial<ScheduleSettings> | null | undefined): JudgeSettings {
  const s = schedule ?? {};
  const bands: JudgeSettings['bands'] =
    s.redBelowShareOfSchedule != null
      ? { mode: 'share', redBelowShare: s.redBelowShareOfSchedule }
      : { mode: 'points', yellowPoints: s.yellowBandPoints ?? 30 };
  return { bands };
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
