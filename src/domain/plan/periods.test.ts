import { describe, expect, it } from 'vitest';
import { formatCnDate, parsePeriodKey, periodEnd, periodLabel, periodTargetLabel, previousPeriodKey } from './periods';

describe('periods', () => {
  it.each([
    ['2023-Q3', '2023年第三季度', '第三季度目标', '2023-09-30'],
    ['2022-M08', '2022年8月', '8月份目标', '2022-08-31'],
    ['2024-M02', '2024年2月', '2月份目标', '2024-02-29'],
    ['2021-H1', '2021年上半年', '上半年目标', '2021-06-30'],
    ['2022', '2022年度', '年度目标', '2022-12-31'],
  ])('%s', (key, label, target, end) => {
    expect(periodLabel(key)).toBe(label);
    expect(periodTargetLabel(key)).toBe(target);
    expect(periodEnd(key)).toBe(end);
  });
  it('rejects malformed keys', () => {
    expect(parsePeriodKey('2023-Q5')).toBeNull();
    expect(parsePeriodKey('2023-M13')).toBeNull();
    expect(parsePeriodKey('23-Q1')).toBeNull();
  });
  it('finds the previous period', () => {
    expect(previousPeriodKey('2023-Q3')).toBe('2023-Q2');
    expect(previousPeriodKey('2023-M01')).toBeNull();
    expect(previousPeriodKey('2023-M10')).toBe('2023-M09');
  });
  it('formats dates in Chinese', () => {
    expect(formatCnDate('2023-09-30')).toBe('2023年9月30日');
  });
});
