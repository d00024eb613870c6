import { describe, expect, it } from 'vitest';
import { judgeStatement } from './assess';

const rulesOf = (r: ReturnType<typeof judgeStatement>) => r.findings.map((f) => f.rule);

describe('judgeStatement', () => {
  it('computes ratio, schedule gap, status and reason', () => {
    const r = judgeStatement({ progress: '累计培养企业学徒362名', target: '培养400名企业学徒', asOf: '2023-08-31' });
    expect(r.computedRatio).toBeCloseTo(0.905, 6);
    expect(r.completionRatio).toBeCloseTo(0.905, 6);
    expect(r.expectedRatio).toBeCloseTo(8 / 12, 6);
    expect(r.gapPoints).toBe(23.8);
    expect(r.computedStatus).toBe('超序时进度');
    expect(r.light).toBe('green');
    expect(r.reason).toBe('完成362/400名（90.5%），序时进度66.7%，超序时23.8个百分点');
  });

  it('uses the period target as the schedule', () => {
    const r = judgeStatement({
      progress: '累计培养企业学徒362名',
      target: '培养800名企业学徒',
      periodTarget: '累计培养企业学徒400名',
      asOf: '2022-08-31',
    });
    expect(r.expectedRatio).toBeCloseTo(0.5, 6);
    expect(r.computedStatus).toBe('滞后');
    expect(r.light).toBe('yellow');
    expect(rulesOf(r)).toContain('period-target-missed');
  });

  it('takes the weakest sub-target, or a weighted mean', () => {
    const input = { progress: '新增120台,完工30台', target: '新增400台，完工200台', asOf: '2023-08-31' };
    expect(judgeStatement(input).computedRatio).toBeCloseTo(0.15, 6);
    const w = judgeStatement({ ...input, settings: { weights: [1, 1] } });
    expect(w.computedRatio).toBeCloseTo((0.3 + 0.15) / 2, 6);
  });

  it('prefers the published ratio and flags a mismatch with the numbers', () => {
    const r = judgeStatement({ progress: '累计完成736人，完成率18.04%。', target: '完成4000人', asOf: '2023-03-31' });
    expect(r.publishedRatio).toBeCloseTo(0.1804, 6);
    expect(r.computedRatio).toBeCloseTo(0.184, 6);
    expect(r.completionRatio).toBeCloseTo(0.1804, 6);
    expect(rulesOf(r)).toContain('published-ratio-mismatch');
  });

  it('does not flag published ratios that only differ by rounding', () => {
    const r = judgeStatement({ progress: '累计完成355名，完成率88.8%。', target: '完成400名', asOf: '2023-08-31' });
    expect(rulesOf(r)).not.toContain('published-ratio-mismatch');
  });

  it('judges milestones from 形象进度', () => {
    const r = judgeStatement({
      progress: '完成总工程量42%（按计划推进）。',
      target: '完工。',
      periodTarget: '完成20%工程量。',
      asOf: '2021-06-30',
    });
    expect(r.completionRatio).toBeCloseTo(0.42, 6);
    expect(r.expectedRatio).toBeCloseTo(0.2, 6);
    expect(r.computedStatus).toBe('超序时进度');
  });

  it.each([
    ['已完工（已完成）。', '已完成'],
    ['累计完成560个。', '超额完成'],
  ])('%s → %s', (progress, status) => {
    expect(judgeStatement({ progress, target: '完成500个', asOf: '2023-12-31' }).computedStatus).toBe(status);
  });

  it('handles standards and lower-is-better as met / not met', () => {
    const ok = judgeStatement({ progress: '城镇登记失业率3.6%', target: '城镇登记失业率低于4.3%', asOf: '2023-12-31' });
    expect(ok.subTargets[0]?.met).toBe(true);
    expect(ok.subTargets[0]?.ratio).toBeNull();
    expect(ok.computedStatus).toBe('已完成');
    const bad = judgeStatement({
      progress: '低保标准3600元/月',
      target: '低保标准不低于3700元/月',
      asOf: '2023-12-31',
    });
    expect(bad.subTargets[0]?.met).toBe(false);
    expect(bad.computedStatus).toBe('严重滞后');
  });

  it.each([
    [{ mode: 'points' as const, yellowPoints: 30 }, '滞后', 'yellow'],
    [{ mode: 'points' as const, yellowPoints: 10 }, '严重滞后', 'red'],
    [{ mode: 'share' as const, redBelowShare: 0.5 }, '滞后', 'yellow'],
    [{ mode: 'share' as const, redBelowShare: 0.9 }, '严重滞后', 'red'],
  ])('traffic-light bands %o', (bands, status, light) => {
    const r = judgeStatement({
      progress: '累计完成60个',
      target: '完成100个',
      asOf: '2023-09-30',
      settings: { bands },
    });
    expect(r.gapPoints).toBe(-15);
    expect(r.computedStatus).toBe(status);
    expect(r.light).toBe(light);
  });

  it('flags an optimistic self-assessment', () => {
    const r = judgeStatement({ progress: '累计完成50个（按计划推进）', target: '完成100个', asOf: '2023-08-31' });
    expect(r.selfAssessment).toBe('按计划推进');
    expect(rulesOf(r)).toContain('self-assessment-optimistic');
    expect(r.lagAnalysisRequired).toBe(true);
  });

  it('flags 已完成 below target', () => {
    const r = judgeStatement({ progress: '累计完成90个（已完成）', target: '完成100个', asOf: '2023-12-31' });
    expect(rulesOf(r)).toContain('self-assessment-complete-below-target');
  });

  it('flags a cumulative value lower than last round', () => {
    const r = judgeStatement({
      progress: '累计完成80个',
      target: '完成100个',
      asOf: '2023-09-30',
      previous: { quantities: [{ value: 85, unit: '个', kind: 'cumulative', verb: '完成' }], completionRatio: 0.85 },
    });
    expect(rulesOf(r)).toEqual(expect.arrayContaining(['cumulative-decreased', 'ratio-decreased']));
  });

  it('flags an as-of date that does not match the round', () => {
    const r = judgeStatement({ progress: '截至7月30日，已完成47家', target: '完成60家', asOf: '2023-09-30' });
    expect(rulesOf(r)).toContain('as-of-mismatch');
    const ok = judgeStatement({ progress: '截至9月30日，已完成47家', target: '完成60家', asOf: '2023-09-30' });
    expect(rulesOf(ok)).not.toContain('as-of-mismatch');
  });

  it('flags progress with no numbers', () => {
    const r = judgeStatement({ progress: '正在积极推进。', target: '完成100个', asOf: '2023-09-30' });
    expect(rulesOf(r)).toContain('no-numbers');
    expect(r.computedStatus).toBeNull();
  });

  it('treats a passed deadline as 100% expected', () => {
    const r = judgeStatement({ progress: '已完成2家', target: '完成4家改造，6月底前完成', asOf: '2023-07-31' });
    expect(r.expectedRatio).toBe(1);
    expect(rulesOf(r)).toContain('deadline-missed');
  });

  it('takes the year from asOf and works without asOf', () => {
    const r = judgeStatement({ progress: '累计完成60个', target: '完成100个' });
    expect(r.expectedRatio).toBeNull();
    expect(r.computedStatus).toBeNull();
    expect(r.reason).toContain('未提供截至日期');
  });

  it('is JSON-serialisable', () => {
    const r = judgeStatement({ progress: '新增86台', target: '新增400台', asOf: '2023-08-31' });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('rejects a malformed asOf', () => {
    expect(() => judgeStatement({ progress: 'x', asOf: '2023/13/01' })).toThrow();
  });
});
