/**
 * What a 年度目标调整 does to the texts every view and export prints. Pure.
 *
 * - The project's annual target text: the indicator's old target text inside it is replaced by the new one; when the
 *   old text is not found, a project with one indicator takes the new text, else the text is rebuilt from the
 *   indicators' targets (joined with "；").
 * - Period targets: when the adjustment carries no new period targets, the indicator's period targets of the periods
 *   that end on or after the approval date are scaled by new/old (the value, and that number inside the text);
 *   earlier periods keep their targets (they were in force then).
 */
import { periodEnd } from './periods';

export function adjustedAnnualTarget(
  current: string,
  oldIndicatorText: string,
  newIndicatorText: string,
  indicatorTextsAfter: readonly string[],
): string {
  const old = oldIndicatorText.trim();
  if (old && current.includes(old)) return current.replace(old, newIndicatorText.trim());
  if (indicatorTextsAfter.length <= 1) return newIndicatorText.trim();
  return indicatorTextsAfter
    .map((t) => t.trim())
    .filter(Boolean)
    .join('；');
}

/** A number as targets print it: integers plain, else at most two decimals. */
export function formatTargetNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

export type ScalablePeriodTarget = { id: string; periodKey: string; targetText: string; targetValue: number | null };

/** The period targets to change, with their new value and text (only periods ending on or after `from`). */
export function scaledPeriodTargets(
  targets: readonly ScalablePeriodTarget[],
  oldValue: number | null,
  newValue: number | null,
  from: string,
): ScalablePeriodTarget[] {
  if (oldValue === null || newValue === null || oldValue === 0 || oldValue === newValue) return [];
  const factor = newValue / oldValue;
  const out: ScalablePeriodTarget[] = [];
  for (const t of targets) {
    const end = periodEnd(t.periodKey);
    if (!end || end < from || t.targetValue === null) continue;
    const value = Math.round(t.targetValue * factor * 100) / 100;
    const oldNum = formatTargetNumber(t.targetValue);
    const re = new RegExp(`(^|[^\\d.])${oldNum.replace('.', '\\.')}(?![\\d.])`);
    const targetText = re.test(t.targetText)
      ? t.targetText.replace(re, (_all, pre: string) => `${pre}${formatTargetNumber(value)}`)
      : t.targetText;
    out.push({ ...t, targetValue: value, targetText });
  }
  return out;
}
