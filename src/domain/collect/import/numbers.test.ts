import { describe, expect, it } from 'vitest';
import { foldUnit, parseMoneyCell, parseNumberCell, parseNumericColumns, parseRateCell } from './numbers';

describe('numeric columns of an import', () => {
  it('reads empty markers as no value, thousands separators and full-width digits', () => {
    for (const empty of ['—', '/', '-', '－', '——', '无', '', '  ']) expect(parseNumberCell(empty)).toBeNull();
    expect(parseNumberCell('1,234')?.value).toBe(1234);
    expect(parseNumberCell('1，234')?.value).toBe(1234);
    expect(parseNumberCell('２１６０')?.value).toBe(2160);
    expect(parseNumberCell('２１６０张')).toEqual({ value: 2160, rest: '张' });
    expect(parseNumberCell('约450余')?.value).toBe(450);
  });

  it('folds 万-units of counts into the base unit, keeps money and 万平方米', () => {
    expect(foldUnit(5.6, '万人')).toEqual({ value: 56000, unit: '人' });
    expect(foldUnit(2.4, '（万户）')).toEqual({ value: 24000, unit: '户' });
    expect(foldUnit(120, '万元')).toEqual({ value: 120, unit: '万元' });
    expect(foldUnit(15.3, '万平方米')).toEqual({ value: 15.3, unit: '万平方米' });
    expect(foldUnit(7, '个')).toEqual({ value: 7, unit: '个' });
  });

  it('reads a 完成率 cell as the published ratio (fraction)', () => {
    expect(parseRateCell('108%')).toEqual({ ratio: 1.08, decimals: 0 });
    expect(parseRateCell('96.5')).toEqual({ ratio: 0.965, decimals: 1 });
    expect(parseRateCell('0.85')?.ratio).toBe(0.85);
    expect(parseRateCell('／')).toBeNull();
  });

  it('reads investment in 万元 whatever the cell writes', () => {
    expect(parseMoneyCell('1,200')).toBe(1200);
    expect(parseMoneyCell('1.2亿元')).toBe(12000);
    expect(parseMoneyCell('850000元')).toBe(85);
    expect(parseMoneyCell('—')).toBeNull();
  });

  it('checks the published ratio against 完成数 ÷ 年度目标数', () => {
    const ok = parseNumericColumns({ unit: '张', targetNumber: '2000', actual: '2160', rate: '108%' });
    expect(ok).toMatchObject({ unit: '张', target: 2000, actual: 2160, publishedRatio: 1.08 });
    expect(ok.ratioCheck).toEqual({ status: 'consistent', computed: 1.08 });
    const bad = parseNumericColumns({ unit: '户', targetNumber: '4000', actual: '736', rate: '18.04%' });
    expect(bad.ratioCheck.status).toBe('inconsistent');
    expect(bad.ratioCheck.computed).toBeCloseTo(0.184, 6);
    const people = parseNumericColumns({ unit: '万人', targetNumber: '5.6', actual: '3.2', rate: '' });
    expect(people).toMatchObject({ unit: '人', target: 56000, actual: 32000, publishedRatio: null });
    expect(people.ratioCheck).toEqual({ status: 'none', computed: 32000 / 56000 });
    const money = parseNumericColumns({ investmentPlanned: '2,600', investmentDone: '2960' });
    expect(money).toMatchObject({ investmentPlanned: 2600, investmentDone: 2960, unit: null });
  });
});
