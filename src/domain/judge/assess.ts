/** judgeStatement: quantities + target + schedule → ratios, computed status, traffic light, reason and findings. */
import { buildFindings } from './findings';
import { extractQuantities } from './quantities';
import {
  completionPhrase,
  findPublishedRatio,
  inTargetUnit,
  matchQuantities,
  matchRate,
  matchStandard,
  type Published,
} from './ratios';
import { expectedProgress, parseDate, pct } from './schedule';
import { classifyStatusWord, findSelfAssessment } from './status-words';
import { parseTarget } from './targets';
import type {
  ComputedStatus,
  JudgeInput,
  JudgeResult,
  JudgeSettings,
  Light,
  Quantity,
  SubTarget,
  SubTargetResult,
} from './types';
import { sameBase } from './units';

/** Round to one decimal (for 个百分点). */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Format a number without trailing zeros (up to 2 decimals). */
export function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function evaluate(
  sub: SubTarget,
  matched: Quantity | undefined,
  progress: string,
  qs: Quantity[],
  published: Published | null,
  complete: boolean,
): Omit<SubTargetResult, keyof SubTarget | 'expected'> {
  const none = { actual: null, ratio: null, met: null, evidence: null };
  const v = sub.value;
  switch (sub.kind) {
    case 'quantity':
    case 'money': {
      if (matched && v) {
        const actual = inTargetUnit(matched, sub);
        const ratio = actual / v;
        return { actual, ratio, met: ratio >= 1, evidence: matched.text };
      }
      if (complete) return { actual: null, ratio: 1, met: true, evidence: '文中表述已完成' };
      return none;
    }
    case 'percent':
    case 'lowerBetter': {
      const q = matchRate(progress, sub, qs, published);
      if (!q || v === null) return none;
      if (sub.kind === 'percent') {
        const ratio = v > 0 ? q.value / v : null;
        return { actual: q.value, ratio, met: q.value >= v, evidence: q.text };
      }
      const met = sub.comparator === '<' ? q.value < v : q.value <= v;
      return { actual: q.value, ratio: null, met, evidence: q.text };
    }
    case 'standard': {
      const q = matchStandard(sub, qs);
      if (!q || v === null) return none;
      const met = sub.comparator === '<=' || sub.comparator === '<' ? q.value <= v : q.value >= v;
      return { actual: q.value, ratio: null, met, evidence: q.text };
    }
    case 'milestone': {
      const actual = published ? published.ratio : complete ? 1 : null;
      if (actual === null || !v) return none;
      return {
        actual,
        ratio: actual / v,
        met: actual >= v,
        evidence: published ? progress.slice(published.span[0], published.span[1]) : '文中表述已完成',
      };
    }
    default:
      return none;
  }
}

/** Expected share for each sub-target: from the period target when it says so, else the plan. */
function expectations(subs: SubTarget[], periodSubs: SubTarget[], base: number | null): (number | null)[] {
  if (base === null) return subs.map(() => null);
  const milestone = periodSubs.find((p) => p.kind === 'milestone' && p.value !== null);
  return subs.map((s) => {
    if (s.kind === 'quantity' || s.kind === 'money') {
      const same = periodSubs.filter(
        (p) => (p.kind === 'quantity' || p.kind === 'money') && p.unit && s.unit && sameBase(p.unit, s.unit),
      );
      const p = same.find((x) => x.verb === s.verb) ?? (same.length === 1 ? same[0] : undefined);
      if (p?.value && s.value) return Math.min(1, p.value / s.value);
    }
    if (milestone?.value !== null && milestone?.value !== undefined) return Math.min(1, milestone.value);
    return base;
  });
}

function statusOf(
  ratio: number | null,
  expected: number | null,
  s: JudgeSettings,
): { status: ComputedStatus | null; light: Light | null; gap: number | null } {
  if (ratio === null) return { status: null, light: null, gap: null };
  const gap = expected === null ? null : round1((ratio - expected) * 100);
  if (ratio > 1 + 1e-9) return { status: '超额完成', light: 'green', gap };
  if (ratio >= 1 - 1e-9) return { status: '已完成', light: 'green', gap };
  if (gap === null || expected === null) return { status: null, light: null, gap };
  const tol = s.onSchedulePoints ?? 1;
  if (gap > tol) return { status: '超序时进度', light: 'green', gap };
  if (gap >= -tol) return { status: '按序时推进', light: 'green', gap };
  const bands = s.bands ?? { mode: 'points', yellowPoints: 30 };
  const severe = bands.mode === 'points' ? gap < -bands.yellowPoints : ratio < bands.redBelowShare * expected;
  return severe ? { status: '严重滞后', light: 'red', gap } : { status: '滞后', light: 'yellow', gap };
}

function reasonText(
  results: SubTargetResult[],
  published: Published | null,
  completion: number | null,
  expected: number | null,
  gap: number | null,
  status: ComputedStatus | null,
  hasAsOf: boolean,
): string {
  const parts: string[] = [];
  const multi = results.filter((r) => r.ratio !== null || r.met !== null).length > 1;
  for (const r of results) {
    if (r.kind === 'quantity' || r.kind === 'money') {
      if (r.ratio === null) continue;
      const head = multi ? (r.verb ?? '完成') : '完成';
      parts.push(
        r.actual === null
          ? `${r.label}：文中表述已完成`
          : `${head}${fmt(r.actual)}/${fmt(r.value ?? 0)}${r.unit ?? ''}（${pct(r.ratio)}）`,
      );
    } else if (r.kind === 'milestone' && r.actual !== null && !published) parts.push(`${r.label}：文中表述已完成`);
    else if (r.kind === 'percent' && r.actual !== null)
      parts.push(`${r.label.replace(/[\d.]+%$/, '')}${fmt(r.actual)}%（目标${fmt(r.value ?? 0)}%）`);
    else if ((r.kind === 'standard' || r.kind === 'lowerBetter') && r.met !== null)
      parts.push(
        `${r.label}：实际${fmt(r.actual ?? 0)}${r.kind === 'lowerBetter' ? '%' : (r.unit ?? '')}，${r.met ? '达标' : '未达标'}`,
      );
  }
  if (published) parts.push(`文中完成比例${pct(published.ratio)}`);
  if (completion === null)
    parts.push(
      results.length === 0
        ? '未提供可计量的年度目标，无法计算完成比例'
        : '无法计算完成比例（进展中缺少与目标对应的数据）',
    );
  if (status === '已完成' || status === '超额完成')
    parts.push(status === '已完成' ? '已完成年度目标' : '超额完成年度目标');
  else if (completion !== null && expected !== null && gap !== null) {
    parts.push(`序时进度${pct(expected)}`);
    parts.push(
      gap > 0 ? `超序时${gap.toFixed(1)}个百分点` : gap < 0 ? `落后序时${(-gap).toFixed(1)}个百分点` : '与序时进度持平',
    );
  } else if (completion !== null && !hasAsOf) parts.push('未提供截至日期，无法计算序时进度');
  return parts.join('，');
}

/** Judge one progress statement against its target and the schedule. */
export function judgeStatement(input: JudgeInput): JudgeResult {
  const settings = input.settings ?? {};
  const units = settings.units;
  const progress = input.progress ?? '';
  const asOfDate = input.asOf ? parseDate(input.asOf) : null;
  if (input.asOf && !asOfDate) throw new Error(`截至日期格式应为YYYY-MM-DD：${input.asOf}`);
  const year = input.year ?? asOfDate?.year;
  const quantities = extractQuantities(progress, { units });
  const targetQuantities = input.target ? extractQuantities(input.target, { context: 'target', units }) : [];
  const subs = input.target ? parseTarget(input.target, { units }) : [];
  const periodSubs = input.periodTarget ? parseTarget(input.periodTarget, { units }) : [];
  const sa = input.selfAssessment
    ? { word: input.selfAssessment, class: classifyStatusWord(input.selfAssessment, settings.statusWords) }
    : findSelfAssessment(progress, settings.statusWords);
  const published = findPublishedRatio(progress, quantities);
  const complete = completionPhrase(progress) !== null;
  const matched = matchQuantities(subs, quantities, progress);

  let base: number | null = input.asOf ? expectedProgress(input.asOf, settings.schedule, year) : null;
  const deadlines = subs.filter((s) => s.kind === 'deadline' && s.deadline);
  if (base !== null && asOfDate && year !== undefined) {
    for (const d of deadlines) {
      const dl = d.deadline;
      if (!dl) continue;
      const day = dl.day ?? new Date(Date.UTC(year, dl.month, 0)).getUTCDate();
      if (
        asOfDate.year > year ||
        (asOfDate.year === year && asOfDate.month * 100 + asOfDate.day >= dl.month * 100 + day)
      )
        base = 1;
    }
  }
  const exp = expectations(subs, periodSubs, base);
  const results: SubTargetResult[] = subs.map((s, i) => ({
    ...s,
    ...evaluate(s, matched.get(i), progress, quantities, published, complete),
    expected: s.kind === 'deadline' ? null : (exp[i] ?? null),
  }));

  // standards and lower-is-better count as 1 (met) or 0 (not met) when taking the weakest sub-target
  const effective = (r: SubTargetResult): number | null =>
    r.ratio !== null
      ? r.ratio
      : (r.kind === 'standard' || r.kind === 'lowerBetter') && r.met !== null
        ? r.met
          ? 1
          : 0
        : null;
  const withRatio = results.filter((r) => effective(r) !== null);
  let computedRatio: number | null = null;
  let expected: number | null = base;
  if (settings.weights && withRatio.length > 0) {
    let w = 0;
    let sum = 0;
    let esum = 0;
    results.forEach((r, i) => {
      const e = effective(r);
      if (e === null) return;
      const wi = settings.weights?.[i] ?? 0;
      w += wi;
      sum += wi * e;
      esum += wi * (r.expected ?? base ?? 0);
    });
    computedRatio = w > 0 ? sum / w : null;
    if (w > 0 && base !== null) expected = esum / w;
  } else if (withRatio.length > 0) {
    const weakest = withRatio.reduce((a, b) => ((effective(b) ?? 0) < (effective(a) ?? 0) ? b : a));
    computedRatio = effective(weakest);
    expected = weakest.expected ?? base;
  } else {
    const pm = periodSubs.find((p) => p.kind === 'milestone' && p.value !== null);
    if (base !== null && pm?.value) expected = Math.max(Math.min(1, pm.value), base === 1 ? 1 : 0);
  }
  const completionRatio = published?.ratio ?? computedRatio;
  const { status, light, gap } = statusOf(completionRatio, expected, settings);
  const reason = reasonText(results, published, completionRatio, expected, gap, status, Boolean(input.asOf));
  const afterYear = asOfDate !== null && year !== undefined && asOfDate.year > year;
  const lagAnalysisRequired =
    status === '滞后' ||
    status === '严重滞后' ||
    sa?.class === 'behind' ||
    sa?.class === 'severe' ||
    (afterYear && completionRatio !== null && completionRatio < 1);
  const findings = buildFindings({
    input,
    settings,
    quantities,
    results,
    periodSubs,
    published,
    complete,
    computedFromNumbers: results.filter((r) => r.ratio !== null && r.kind !== 'milestone' && r.actual !== null),
    computedRatio,
    completionRatio,
    expected,
    gap,
    status,
    sa,
    asOfDate,
    year,
    lagAnalysisRequired,
  });
  return {
    quantities,
    targetQuantities,
    subTargets: results,
    publishedRatio: published?.ratio ?? null,
    computedRatio,
    completionRatio,
    selfAssessment: sa?.word ?? null,
    computedStatus: status,
    light,
    expectedRatio: expected,
    gapPoints: completionRatio !== null && expected !== null ? gap : null,
    reason,
    lagAnalysisRequired,
    findings,
  };
}
