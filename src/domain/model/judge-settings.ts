/** Programme schedule settings → the judgement engine's settings (one mapping, used by server, CLI and browser). */
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
