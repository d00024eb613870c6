import { describe, expect, it } from 'vitest';
import {
  type AssessmentBasis,
  assessmentBasisOf,
  assessReport,
  basisKeyOf,
  ENGINE_VERSION,
  engineInputOf,
  schedulePlanOf,
} from './index';
import { expectedProgress } from './judge';

const basis = (over: Partial<AssessmentBasis> = {}): AssessmentBasis => ({
  annualTarget: '新建公共充电插口1200个',
  periodTarget: '',
  shareNote: '',
  asOf: '2026-06-30',
  schedule: null,
  previous: null,
  ...over,
});

describe('schedule plan of a programme (the mode reaches the engine)', () => {
  it('linear by default and for mode linear', () => {
    expect(schedulePlanOf({})).toEqual({ type: 'linear' });
    expect(schedulePlanOf({ mode: 'linear' })).toEqual({ type: 'linear' });
  });
  it('monthly plan with its points, even points when missing or invalid', () => {
    const points = [0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    expect(schedulePlanOf({ mode: 'monthly', monthlyPoints: points })).toEqual({ type: 'monthly', points });
    const even = schedulePlanOf({ mode: 'monthly' });
    expect(even.type === 'monthly' && even.points[5]).toBeCloseTo(0.5);
    const decreasing = schedulePlanOf({ mode: 'monthly', monthlyPoints: [...points].reverse() });
    expect(decreasing.type === 'monthly' && decreasing.points[0]).toBeCloseTo(1 / 12);
  });
  it('quarterly plan', () => {
    expect(schedulePlanOf({ mode: 'quarterly', quarterlyPoints: [0.1, 0.3, 0.6, 1] })).toEqual({
      type: 'quarterly',
      points: [0.1, 0.3, 0.6, 1],
    });
    expect(schedulePlanOf({ mode: 'quarterly' })).toEqual({ type: 'quarterly', points: [0.25, 0.5, 0.75, 1] });
  });
  it('deadline plan (linear when no deadline is set)', () => {
    expect(schedulePlanOf({ mode: 'deadline', deadline: '10-31' })).toEqual({ type: 'step', deadline: '10-31' });
    expect(schedulePlanOf({ mode: 'deadline' })).toEqual({ type: 'linear' });
  });
});

describe('assessReport', () => {
  const content = { progress: '累计新建公共充电插口300个。', selfAssessment: '按计划推进' };

  it('judges linearly by default: 300/1200 at mid-year is behind 50%', () => {
    const a = assessReport(basis(), content);
    expect(a.completionRatio).toBeCloseTo(0.25);
    expect(a.expectedRatio).toBeCloseTo(0.5);
    expect(a.computedStatus).toBe('滞后');
    expect(a.engineVersion).toBe(ENGINE_VERSION);
  });

  it('a quarterly plan that back-loads the work makes the same text on schedule', () => {
    const schedule = { mode: 'quarterly' as const, quarterlyPoints: [0.05, 0.25, 0.6, 1] };
    const input = engineInputOf(basis({ schedule }), content);
    expect(input.settings?.schedule).toEqual({ type: 'quarterly', points: [0.05, 0.25, 0.6, 1] });
    const a = assessReport(basis({ schedule }), content);
    expect(a.expectedRatio).toBeCloseTo(
      expectedProgress('2026-06-30', { type: 'quarterly', points: [0.05, 0.25, 0.6, 1] }),
    );
    expect(['按序时推进', '超序时进度']).toContain(a.computedStatus);
    expect(a.light).toBe('green');
  });

  it('a monthly plan is used month by month', () => {
    const monthlyPoints = [0, 0, 0, 0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 1];
    const a = assessReport(basis({ schedule: { mode: 'monthly', monthlyPoints } }), content);
    expect(a.expectedRatio).toBeCloseTo(0.2);
    expect(a.computedStatus).toBe('超序时进度');
  });

  it('a deadline plan expects nothing before the deadline and everything after it', () => {
    const before = assessReport(basis({ schedule: { mode: 'deadline', deadline: '10-31' } }), content);
    expect(before.expectedRatio).toBe(0);
    const after = assessReport(
      basis({ asOf: '2026-11-30', schedule: { mode: 'deadline', deadline: '10-31' } }),
      content,
    );
    expect(after.expectedRatio).toBe(1);
    expect(after.computedStatus).toBe('严重滞后');
  });

  it('judges a unit against its share of a split target', () => {
    const a = assessReport(basis({ shareNote: '完成充电插口300个' }), content);
    expect(a.completionRatio).toBeCloseTo(1);
    expect(a.computedStatus).toBe('已完成');
  });

  it('uses the previous round for the "cumulative went down" check', () => {
    const a = assessReport(
      basis({ previous: { progressText: '累计新建公共充电插口400个。', asOf: '2026-03-31' } }),
      content,
    );
    expect(a.findings.map((f) => f.rule)).toContain('cumulative-decreased');
  });

  it('stores nothing computed for an empty text', () => {
    const a = assessReport(basis(), { progress: '  ', selfAssessment: null });
    expect(a.computedStatus).toBeNull();
    expect(a.reason).toBeNull();
  });

  it('the basis key changes with what the report is judged against, not with the text', () => {
    const k = basisKeyOf(basis());
    expect(basisKeyOf(basis())).toBe(k);
    expect(basisKeyOf(basis({ schedule: { mode: 'quarterly' } }))).not.toBe(k);
    expect(basisKeyOf(basis({ annualTarget: '新建公共充电插口1300个' }))).not.toBe(k);
    expect(basisKeyOf(basis({ previous: { progressText: '累计100个', asOf: '2026-03-31' } }))).not.toBe(k);
    expect(assessReport(basis(), content).basisKey).toBe(assessReport(basis(), { ...content, progress: 'x' }).basisKey);
  });

  it('picks the round period target from the raw facts', () => {
    const b = assessmentBasisOf({
      annualTarget: 'x',
      periodTargets: [{ periodKey: '2026-Q3', targetText: '累计90个' }],
      periodKey: '2026-M08',
      shareNote: '',
      asOf: '2026-08-31',
      schedule: null,
      previous: { progressText: ' ', asOf: '2026-07-31' },
    });
    expect(b.periodTarget).toBe('累计90个');
    expect(b.previous).toBeNull();
  });
});
