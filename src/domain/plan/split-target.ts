/** Splitting an indicator's annual target across the project's units: the parts must add up to the whole. Pure. */
import { formatTargetNumber } from './target-adjustment';

export type SplitPart = { unitName: string; value: number };

/** A Chinese message when the parts do not add up to the annual target, else null. */
export function splitProblem(
  indicatorName: string,
  total: number | null,
  unit: string,
  parts: readonly SplitPart[],
): string | null {
  if (total === null) return `指标“${indicatorName}”没有年度目标数值，不能按单位分解`;
  if (parts.length === 0) return '请至少为一个单位填写分解目标';
  const bad = parts.find((p) => !Number.isFinite(p.value) || p.value < 0);
  if (bad) return `${bad.unitName}的分解目标应为不小于 0 的数`;
  const sum = Math.round(parts.reduce((s, p) => s + p.value, 0) * 1e6) / 1e6;
  if (Math.abs(sum - total) > 1e-6) {
    const diff = formatTargetNumber(Math.abs(total - sum));
    return `各单位分解目标合计${formatTargetNumber(sum)}${unit}，与年度目标${formatTargetNumber(total)}${unit}不一致（${sum < total ? '少' : '多'}${diff}${unit}）`;
  }
  return null;
}
