import { describe, expect, it } from 'vitest';
import { normalizeText, parseChineseNumeral } from './numerals';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百二十', 120],
    ['一百零五', 105],
    ['一千零五十', 1050],
    ['两千', 2000],
    ['三万五千', 35000],
    ['十万', 100000],
    ['一万二', 12000],
    ['三千五', 3500],
    ['一亿二千万', 120000000],
  ])('%s → %d', (s, v) => {
    expect(parseChineseNumeral(s)).toBe(v);
  });
  it.each(['十四五', '二〇二三', '六一', ''])('%s is not a number', (s) => {
    expect(parseChineseNumeral(s)).toBeNull();
  });
});

describe('normalizeText', () => {
  it('maps full-width and traditional forms without changing offsets', () => {
    const src = '完成１２，３００戶（萬元）６０％';
    const out = normalizeText(src);
    expect(out).toBe('完成12,300户(万元)60%');
    expect(out.length).toBe(src.length);
  });
});
