import { describe, expect, it } from 'vitest';
import { matchHeader } from './headers';
import { parseRound } from './title';

describe('round from title and headers', () => {
  it('quarter, as-of line, government', () => {
    expect(
      parseRound(['[bookmark: _GoBack]龙华区2023年第三季度民生实事项目进展情况一览表', '（截至2023年9月30日）']),
    ).toMatchObject({
      government: '龙华区',
      programme: '民生实事',
      year: 2023,
      period: { type: 'quarter', index: 3 },
      periodKey: '2023-Q3',
      asOf: '2023-09-30',
      asOfInferred: false,
    });
  });
  it('month, range, half, year-end from the header', () => {
    expect(parseRound(['2022年区政府实事项目8月份进展情况'])).toMatchObject({
      government: null,
      year: 2022,
      period: { type: 'month', index: 8 },
      asOf: '2022-08-31',
    });
    expect(parseRound(['关于区政府实事项目 1-9 月推进情况', '2020 年 9 月'])).toMatchObject({
      year: 2020,
      period: { type: 'range', from: 1, to: 9 },
      asOf: '2020-09-30',
      asOfInferred: true,
    });
    expect(parseRound(['杭州市西湖区2021年上半年民生实事项目推进情况'])).toMatchObject({
      government: '杭州市西湖区',
      period: { type: 'half', index: 1 },
      periodKey: '2021-H1',
    });
    expect(parseRound(['龙华区2022年民生实事项目落实情况汇总表'], ['截至2022年12月31日\n完成情况'])).toMatchObject({
      period: { type: 'year' },
      periodKey: '2022',
      asOf: '2022-12-31',
    });
    expect(
      parseRound(['龙华区2021年民生实项目二季度进展情况表（龙华街道主办）'], ['截至6月30日落实情况+进度自评']),
    ).toMatchObject({
      year: 2021,
      period: { type: 'quarter', index: 2 },
      asOf: '2021-06-30',
      reportingUnit: '龙华街道',
    });
  });
});

describe('header synonyms', () => {
  it('maps the variants', () => {
    const cases: [string, string][] = [
      ['项目内容及居民受益面', 'name'],
      ['实事内容', 'name'],
      ['全年目标任务', 'annualTarget'],
      ['8月份目标', 'periodTarget'],
      ['第二季度目标', 'periodTarget'],
      ['截至6月30日落实情况+进度自评 (按计划推进/滞后/已完成)', 'progress'],
      ['截至2022年12月31日\n完成情况', 'progress'],
      ['截至2022年12月31日是否完成年度目标', 'evaluation'],
      ['存在问题及下一步工作计划', 'problemsAndNextSteps'],
      ['存在问题/年度目标调整情况', 'problems'],
      ['下一步工作', 'nextSteps'],
      ['牵头责任单位', 'leadUnits'],
      ['主责部门', 'leadUnits'],
      ['配合部门', 'assistUnits'],
      ['项目\n分类', 'category'],
      ['序 号', 'seq'],
      ['单 位', 'unit'],
      ['县区', 'region'],
      ['分管领导', 'people'],
      ['实施内容', 'name'],
      ['内容', 'annualTarget'],
      ['相关单位', 'assistUnits'],
      ['最新进度（8月24日）', 'progress'],
    ];
    for (const [h, f] of cases) expect([h, matchHeader(h)]).toEqual([h, f]);
    expect(matchHeader('推进举措')).toBeNull();
    expect(matchHeader('推进举措', { 推进举措: 'nextSteps' })).toBe('nextSteps');
  });

  it('reads the period of the latest progress column when the title names none', () => {
    const r = parseRound(
      ['石湾区2025年民生实事项目推进情况'],
      ['项目名称', '进展情况（6月）', '进展情况（9月）', '进展情况（11月）'],
    );
    expect(r.period).toEqual({ type: 'month', index: 11 });
    expect(r.periodKey).toBe('2025-M11');
    // a period target's header does not name the report's period when a progress header does
    const q = parseRound(['某区2025年民生实事进展'], ['第四季度目标', '截至9月底进展情况（第三季度）']);
    expect(q.period).toEqual({ type: 'quarter', index: 3 });
  });
});
