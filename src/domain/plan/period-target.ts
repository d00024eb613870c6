/** Pick the period-target text shown for a round: exact period, else the quarter or half containing a month. */
import { parsePeriodKey } from './periods';

export function pickPeriodTarget(targets: { periodKey: string; targetText: string }[], periodKey: string): string {
  const join = (key: string) =>
    targets
      .filter((t) => t.periodKey === key)
      .map((t) => t.targetText)
      .filter(Boolean)
      .join('；');
  const exact = join(periodKey);
  if (exact) return exact;
  const p = parsePeriodKey(periodKey);
  if (p?.type === 'month') {
    const q = join(`${p.year}-Q${Math.ceil(p.index / 3)}`);
    if (q) return q;
    return join(`${p.year}-H${p.index <= 6 ? 1 : 2}`);
  }
  return '';
}
