import { describe, expect, it } from 'vitest';
import { expectedProgress, parseDate, pct } from './schedule';

describe('expectedProgress', () => {
  it.each([
    ['2023-11-30', 11 / 12],
    ['2023-09-30', 0.75],
    ['2023-06-30', 0.5],
    ['2023-03-31', 0.25],
    ['2023-12-31', 1],
    ['2024-02-29', 2 / 12],
  ])('linear at %s', (d, v) => {
    expect(expectedProgress(d)).toBeCloseTo(v, 6);
  });
  it('uses 91.67% at the end of November', () => {
    expect(pct(expectedProgress('2023-11-30'), 2)).toBe('91.67%');
  });
  it('interpolates within a month', () => {
    expect(expectedProgress('2023-09-15')).toBeCloseTo((8 + 0.5) / 12, 6);
  });
  it('follows quarterly milestones', () => {
    const plan = { type: 'quarterly' as const, points: [0.1, 0.3, 0.7, 1] };
    expect(expectedProgress('2023-06-30', plan)).toBeCloseTo(0.3, 6);
    expect(expectedProgress('2023-08-31', plan)).toBeCloseTo(0.3 + (0.4 * 2) / 3, 6);
  });
  it('follows monthly plans', () => {
    const points = [0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    expect(expectedProgress('2023-10-31', { type: 'monthly', points })).toBeCloseTo(0.8, 6);
  });
  it('steps at a deadline', () => {
    expect(expectedProgress('2023-11-29', { type: 'step', deadline: '11-30' })).toBe(0);
    expect(expectedProgress('2023-11-30', { type: 'step', deadline: '2023-11-30' })).toBe(1);
  });
  it('is 1 after and 0 before the programme year', () => {
    expect(expectedProgress('2024-01-15', undefined, 2023)).toBe(1);
    expect(expectedProgress('2022-12-31', undefined, 2023)).toBe(0);
  });
  it('rejects malformed dates', () => {
    expect(parseDate('2023-02-30')).toBeNull();
    expect(() => expectedProgress('30/09/2023')).toThrow();
  });
});
