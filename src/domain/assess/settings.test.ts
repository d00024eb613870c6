import { describe, expect, it } from 'vitest';
import { judgeSettingsOf, judgeTargets } from './settings';

describe('judge settings and targets', () => {
  it('maps the programme bands', () => {
    expect(judgeSettingsOf(undefined)).toEqual({
      bands: { mode: 'points', yellowPoints: 30 },
      schedule: { type: 'linear' },
    });
    expect(judgeSettingsOf({ yellowBandPoints: 10, redBelowShareOfSchedule: null })).toEqual({
      bands: { mode: 'points', yellowPoints: 10 },
      schedule: { type: 'linear' },
    });
    expect(judgeSettingsOf({ redBelowShareOfSchedule: 0.5 }).bands).toEqual({ mode: 'share', redBelowShare: 0.5 });
  });
  it('judges a unit against its share when the share names an amount', () => {
    const base = { annualTarget: '建设1166个充电插口。', periodTarget: '累计建设600个' };
    expect(judgeTargets({ ...base, shareNote: '完成充电插口120个' })).toEqual({
      target: '完成充电插口120个',
      periodTarget: '',
      basis: 'share',
    });
    expect(judgeTargets({ ...base, shareNote: '负责辖区内宣传' })).toEqual({
      target: base.annualTarget,
      periodTarget: base.periodTarget,
      basis: 'project',
    });
    expect(judgeTargets({ ...base, shareNote: '' }).basis).toBe('project');
  });
});
