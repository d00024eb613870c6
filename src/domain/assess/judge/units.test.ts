import { describe, expect, it } from 'vitest';
import { extractQuantities } from './quantities';
import { buildUnitTable, matchUnit, sameBase, toBase, unitCategory } from './units';

describe('unit table', () => {
  it.each([
    ['公里', '米', 1000],
    ['万元', '元', 10000],
    ['亿元', '元', 1e8],
    ['万平方米', '平方米', 10000],
    ['名', '人', 1],
  ])('%s → base %s × %d', (u, base, f) => {
    expect(toBase(1, u)).toEqual({ value: f, base });
  });
  it('compares units by base', () => {
    expect(sameBase('千米', '公里')).toBe(true);
    expect(sameBase('人', '人次')).toBe(false);
    expect(unitCategory('元/月')).toBe('money');
  });
  it('matches the longest spelling', () => {
    const t = buildUnitTable();
    expect(matchUnit('万平方米', 0, t)?.def.unit).toBe('万平方米');
    expect(matchUnit('个课时', 0, t)?.def.unit).toBe('课时');
    expect(matchUnit('个百分点', 0, t)?.def.unit).toBe('个百分点');
  });
  it('can be extended', () => {
    expect(extractQuantities('种植树苗300墩').map((q) => q.unit)).toEqual([]);
    const units = [{ unit: '墩', category: 'count' as const, base: '墩', factor: 1 }];
    expect(extractQuantities('种植树苗300墩', { units }).map((q) => [q.value, q.unit])).toEqual([[300, '墩']]);
  });
});
