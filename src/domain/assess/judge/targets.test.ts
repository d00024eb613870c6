import { describe, expect, it } from 'vitest';
import { parseTarget } from './targets';

const brief = (text: string) =>
  parseTarget(text).map((s) => `${s.kind}|${s.verb ?? ''}|${s.value ?? ''}|${s.unit ?? ''}|${s.comparator ?? ''}`);

describe('parseTarget', () => {
  it.each([
    ['新增380台、完工190台', ['quantity|新增|380|台|=', 'quantity|完工|190|台|=']],
    ['新建3条步道、5片球场', ['quantity|新建|3|条|=', 'quantity|新建|5|片|=']],
    ['城乡低保标准不低于3700元/月', ['standard||3700|元/月|>=']],
    ['城镇登记失业率低于4.3%', ['lowerBetter||4.3|%|<']],
    ['城镇登记失业率控制在4.5%以内', ['lowerBetter||4.5|%|<=']],
    ['完工。', ['milestone|完工|1||>=']],
    ['完工并投入使用', ['milestone|完工|1||>=']],
    ['完成70%工程量。', ['milestone|完成|0.7|%|=']],
    ['服务覆盖率达100%', ['percent|覆盖|100|%|>=']],
    ['开展活动不少于40场', ['quantity|开展|40|场|>=']],
    ['年度计划投入2.6亿元', ['money|投入|2.6|亿元|=']],
    ['为十万职工送保障', ['quantity|送|100000|人|=']],
    ['建立全区养老服务供应商库', []],
  ])('%s', (text, expected) => {
    expect(brief(text)).toEqual(expected);
  });

  it.each([
    ['11月底前完成', { month: 11, day: null }],
    ['6月30日前完成', { month: 6, day: 30 }],
    ['年底前建成', { month: 12, day: null }],
    ['10月前完成', { month: 9, day: null }],
  ])('deadline %s', (text, deadline) => {
    const d = parseTarget(text).find((s) => s.kind === 'deadline');
    expect(d?.deadline).toEqual(deadline);
  });

  it('keeps sub-targets in text order with spans', () => {
    const subs = parseTarget('完成4家改造，11月底前全部完成');
    expect(subs.map((s) => s.kind)).toEqual(['quantity', 'deadline']);
    expect(subs[0]?.span).toEqual([2, 4]);
  });
});
