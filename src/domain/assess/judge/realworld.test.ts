/** Issue 14 §3: the engine on real prose shapes (published ratios, standards, names with digits, periods, own words). */
import { describe, expect, it } from 'vitest';
import { judgeStatement } from './assess';
import { scoreCase } from './corpus/evaluate';
import { statusClassOf } from './corpus/metrics';
import { realworld } from './corpus/realworld';
import { extractQuantities } from './quantities';
import { classifyStatusWord, findSelfAssessment } from './status-words';

const judge = (progress: string, target: string, asOf?: string) =>
  judgeStatement({ progress, target, ...(asOf ? { asOf } : {}) });

describe('published ratios as real tables write them', () => {
  it('a bare percentage is the whole progress cell, with or without a note', () => {
    expect(judge('83%', '新建社区食堂12个', '2026-09-30')).toMatchObject({
      publishedRatio: 0.83,
      computedStatus: '超序时进度',
    });
    expect(judge('35%（滞后）', '改造燃气管道40公里', '2026-06-30')).toMatchObject({
      publishedRatio: 0.35,
      selfAssessment: '滞后',
      computedStatus: '滞后',
    });
    expect(judge('61%（两个街道偏慢）', '新增充电桩800个', '2026-08-31').publishedRatio).toBe(0.61);
    expect(judge('50%（马站未开工', '开工建设中心敬老院2家', '2026-10-31').publishedRatio).toBe(0.5);
  });
  it('a percentage alone in brackets after a count, 完成率, 占年度计划, a labelled cell', () => {
    const r = judge('已完成2210人(47.5%)', '为4650名困难老人提供上门服务', '2026-06-30');
    expect(r).toMatchObject({ publishedRatio: 0.475, computedStatus: '滞后' });
    expect(r.findings.map((f) => f.rule)).not.toContain('published-ratio-mismatch');
    expect(judge('完成率104.6%', '为3695名儿童开展窝沟封闭', '2026-09-30').completionRatio).toBe(1.046);
    expect(judge('累计发放1180万元，占年度计划72.3%。', '发放资助资金1630万元', '2026-10-31').publishedRatio).toBe(
      0.723,
    );
    expect(judge('完成比例：65%', '开展培训8000人次', '2026-08-31').publishedRatio).toBe(0.65);
    // a percentage that restates the target is not the published ratio
    expect(
      judge('五保集中供养率达41%，完成42%目标任务的97.6%。', '五保集中供养率达到42%', '2026-06-30').publishedRatio,
    ).toBe(0.976);
  });
  it('shares in words: 六成, 八成, 过半, 一半, 三分之二; not inside a plan', () => {
    expect(judge('各街道已完成改造任务的六成。', '改造50个小区', '2026-07-31').publishedRatio).toBe(0.6);
    expect(judge('已完成年度任务的八成。', '新增托位1500个', '2026-11-30').publishedRatio).toBe(0.8);
    expect(judge('工程量已过半。', '建成门诊综合楼', '2026-06-30').publishedRatio).toBe(0.5);
    const r = judge('已完成全年计划的三分之二。', '培训3000人次', '2026-09-30');
    expect(r.publishedRatio).toBeCloseTo(2 / 3, 9);
    expect(r.selfAssessment).toBeNull();
    expect(judge('预计年底前完成八成。', '新增托位1500个', '2026-06-30').publishedRatio).toBeNull();
    expect(judge('成本价八成出售。', '新增托位1500个', '2026-06-30').publishedRatio).toBeNull();
  });
});

describe('standards, names with digits, period amounts', () => {
  it('judges a standard: 1365元 against 不低于1520元/月 is below standard; the raised value counts', () => {
    const below = judge('1365元', '城市低保标准不低于1520元/月', '2026-06-30');
    expect(below.subTargets[0]).toMatchObject({ kind: 'standard', actual: 1365, met: false });
    expect(below.completionRatio).toBe(0);
    expect(below.reason).toMatch(/未达标/);
    const raised = judge('城镇低保人均补差由503元/月提高至554元/月。', '城镇低保人均补差提高至554元/月', '2026-12-31');
    expect(raised.subTargets[0]).toMatchObject({ actual: 554, met: true });
    expect(
      judge('全年农村低保月人均救助水平达到260元。', '农村低保月人均救助水平不低于231元', '2026-12-31').subTargets[0],
    ).toMatchObject({
      kind: 'standard',
      met: true,
    });
  });
  it('AED, 5G, HPV, PM2.5, G15 are not quantities; the count after a name in capitals is', () => {
    const q = (t: string) => extractQuantities(t).map((x) => `${x.value}${x.unit}`);
    expect(q('已配置AED29台')).toEqual(['29台']);
    expect(q('新建5G基站186个')).toEqual(['186个']);
    expect(q('完成HPV疫苗接种4769人')).toEqual(['4769人']);
    expect(q('PM2.5浓度下降，G15沿线完成绿化3.2公里')).toEqual(['3.2公里']);
    expect(q('A12栋加装电梯1台')).toEqual(['1台']);
  });
  it('a period amount is not compared with last round as a cumulative figure', () => {
    const previous = { quantities: extractQuantities('本月发布服务信息12条') };
    const r = judgeStatement({ progress: '本月发布服务信息9条', previous });
    expect(r.findings.map((f) => f.rule)).not.toContain('cumulative-decreased');
    const cum = judgeStatement({
      progress: '本月发布服务信息9条',
      previous: { quantities: extractQuantities('累计发布服务信息12条') },
    });
    expect(cum.findings.map((f) => f.rule)).not.toContain('cumulative-decreased');
    // a cumulative figure that went down is still flagged
    const down = judgeStatement({
      progress: '累计发布服务信息9条',
      previous: { quantities: extractQuantities('累计发布服务信息12条') },
    });
    expect(down.findings.map((f) => f.rule)).toContain('cumulative-decreased');
  });
});

describe('status in the source’s own words and the as-of date in the text', () => {
  it('folds the sources’ words into the vocabulary', () => {
    const cls = (t: string) => findSelfAssessment(t)?.class ?? null;
    expect(cls('已完成主体施工（达到序时进度）')).toBe('onTrack');
    expect(cls('招标已完成（基本达到）')).toBe('onTrack');
    expect(cls('项目顺利推进，主体工程已完成。')).toBe('onTrack');
    expect(cls('正常')).toBe('onTrack');
    expect(cls('目前进度偏慢，正在协调。')).toBe('behind');
    expect(cls('欠序时较多，征地尚未完成。')).toBe('severe');
    expect(cls('未开工（征地未完成）')).toBe('behind');
    expect(cls('超额完成序时进度')).toBe('ahead');
    expect(classifyStatusWord('是')).toBe('complete');
    expect(classifyStatusWord('否')).toBe('behind');
  });
  it('uses the date stated in the text when no as-of date is given (and raises no mismatch with itself)', () => {
    const r = judgeStatement({
      progress: '截至5月底，累计完成农村公路提档升级21公里。',
      target: '农村公路提档升级60公里',
    });
    expect(r.expectedRatio).toBeCloseTo(5 / 12, 9);
    expect(r.computedStatus).toBe('滞后');
    expect(r.findings.map((f) => f.rule)).not.toContain('as-of-mismatch');
    expect(
      judgeStatement({ progress: '1-10月，累计完成危旧房改造318户。', target: '完成危旧房改造400户' }).expectedRatio,
    ).toBeCloseTo(10 / 12, 9);
    // a given as-of date wins
    expect(
      judgeStatement({ progress: '截至5月底，累计完成21公里。', target: '提档升级60公里', asOf: '2026-09-30' })
        .expectedRatio,
    ).toBeCloseTo(0.75, 9);
  });
});

describe('real-world tuning corpus', () => {
  it.each(realworld.map((c) => [c.id, c] as const))('%s', (_id, cs) => {
    const s = scoreCase(cs);
    expect(s.problems).toEqual([]);
    if (cs.expected.statusClass !== undefined) expect(statusClassOf(s.result)).toBe(cs.expected.statusClass);
  });
});
