/** judgeStatement: quantities + target + schedule → ratios, computed status, traffic light, reason and findings. */
import { asOfDatesInText, buildFindings } from './findings';
import { normalizeText } from './numerals';
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
import { sameBase, unitCategory } from './units';

/** Round to one decimal (for 个百分点). */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Format a number without trailing zeros (up to 2 decimals). */
export function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

type Evaluation = Omit<SubTargetResult, keyof SubTarget | 'expected'>;

const NONE: Evaluation = { actual: null, ratio: null, met: null, evidence: null };

/** A count or an amount: the matched quantity in the target's unit, or complete when the text says so. */
function evaluateCount(sub: SubTarget, matched: Quantity | undefined, complete: boolean): Evaluation {
  const v = sub.value;
  if (matched && v) {
    const actual = inTargetUnit(matched, sub);
    const ratio = actual / v;
    return { actual, ratio, met: ratio >= 1, evidence: matched.text };
  }
  if (complete) return { actual: null, ratio: 1, met: true, evidence: '文中表述已完成' };
  return { ...NONE };
}

/** A rate to reach (覆盖率100%) or to stay under (lower is better). */
function evaluateRate(sub: SubTarget, progress: string, qs: Quantity[], published: Published | null): Evaluation {
  const v = sub.value;
  const q = matchRate(progress, sub, qs, published);
  if (!q || v === null) return { ...NONE };
  if (sub.kind === 'percent') {
    const ratio = v > 0 ? q.value / v : null;
    return { actual: q.value, ratio, met: q.value >= v, evidence: q.text };
  }
  const met = sub.comparator === '<' ? q.value < v : q.value <= v;
  return { actual: q.value, ratio: null, met, evidence: q.text };
}

function evaluateStandard(sub: SubTarget, qs: Quantity[], progress: string): Evaluation {
  const v = sub.value;
  const q = matchStandard(sub, qs, progress);
  if (!q || v === null) return { ...NONE };
  const met = sub.comparator === '<=' || sub.comparator === '<' ? q.value <= v : q.value >= v;
  return { actual: q.value, ratio: null, met, evidence: q.text };
}

/** A milestone: the published completion ratio, or complete when the text says so. */
function evaluateMilestone(
  sub: SubTarget,
  progress: string,
  published: Published | null,
  complete: boolean,
): Evaluation {
  const v = sub.value;
  const actual = published ? published.ratio : complete ? 1 : null;
  if (actual === null || !v) return { ...NONE };
  return {
    actual,
    ratio: actual / v,
    met: actual >= v,
    evidence: published ? progress.slice(published.span[0], published.span[1]) : '文中表述已完成',
  };
}

function evaluate(
  sub: SubTarget,
  matched: Quantity | undefined,
  progress: string,
  qs: Quantity[],
  published: Published | null,
  complete: boolean,
): Evaluation {
  switch (sub.kind) {
    case 'quantity':
    case 'money':
      return evaluateCount(sub, matched, complete);
    case 'percent':
    case 'lowerBetter':
      return evaluateRate(sub, progress, qs, published);
    case 'standard':
      return evaluateStandard(sub, qs, progress);
    case 'milestone':
      return evaluateMilestone(sub, progress, published, complete);
    default:
      return { ...NONE };
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

/** A count or an amount: "完成30/50个（60%）" (the verb instead of 完成 when several sub-targets are listed). */
function countPhrase(r: SubTargetResult, multi: boolean): string | null {
  if (r.ratio === null) return null;
  if (r.actual === null) return `${r.label}：文中表述已完成`;
  const head = multi ? (r.verb ?? '完成') : '完成';
  return `${head}${fmt(r.actual)}/${fmt(r.value ?? 0)}${r.unit ?? ''}（${pct(r.ratio)}）`;
}

/** A standard or a lower-is-better rate: the actual value and whether it meets the target. */
function standardPhrase(r: SubTargetResult): string {
  const unit = r.kind === 'lowerBetter' ? '%' : (r.unit ?? '');
  return `${r.label}：实际${fmt(r.actual ?? 0)}${unit}，${r.met ? '达标' : '未达标'}`;
}

/** One sub-target's result in the reason ("完成30/50个（60%）"); null when it says nothing. */
function subTargetPhrase(r: SubTargetResult, multi: boolean, published: Published | null): string | null {
  if (r.kind === 'quantity' || r.kind === 'money') return countPhrase(r, multi);
  if (r.kind === 'milestone' && r.actual !== null && !published) return `${r.label}：文中表述已完成`;
  if (r.kind === 'percent' && r.actual !== null)
    return `${r.label.replace(/[\d.]+%$/, '')}${fmt(r.actual)}%（目标${fmt(r.value ?? 0)}%）`;
  if ((r.kind === 'standard' || r.kind === 'lowerBetter') && r.met !== null) return standardPhrase(r);
  return null;
}

function gapPhrase(gap: number): string {
  if (gap > 0) return `超序时${gap.toFixed(1)}个百分点`;
  if (gap < 0) return `落后序时${(-gap).toFixed(1)}个百分点`;
  return '与序时进度持平';
}

/** The schedule part of the reason: completed, or the expected progress and the gap to it. */
function schedulePhrases(
  completion: number | null,
  expected: number | null,
  gap: number | null,
  status: ComputedStatus | null,
  hasAsOf: boolean,
): string[] {
  if (status === '已完成') return ['已完成年度目标'];
  if (status === '超额完成') return ['超额完成年度目标'];
  if (completion !== null && expected !== null && gap !== null) return [`序时进度${pct(expected)}`, gapPhrase(gap)];
  if (completion !== null && !hasAsOf) return ['未提供截至日期，无法计算序时进度'];
  return [];
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
    const phrase = subTargetPhrase(r, multi, published);
    if (phrase !== null) parts.push(phrase);
  }
  if (published) parts.push(`${published.given ? '公布完成率' : '文中完成比例'}${pct(published.ratio)}`);
  if (results.length === 0 && completion === 1 && !published) parts.push('文中表述已完成');
  if (completion === null)
    parts.push(
      results.length === 0
        ? '未提供可计量的年度目标，无法计算完成比例'
        : '无法计算完成比例（进展中缺少与目标对应的数据）',
    );
  parts.push(...schedulePhrases(completion, expected, gap, status, hasAsOf));
  return parts.join('，');
}

type AsOf = ReturnType<typeof parseDate>;

/** Values given as data: cumulative quantities at the end of the text, in the target's unit when none is given. */
function givenValues(values: NonNullable<JudgeInput['values']>, subs: SubTarget[], end: number): Quantity[] {
  const targetUnit = subs.find((s) => (s.kind === 'quantity' || s.kind === 'money') && s.unit)?.unit ?? null;
  const out: Quantity[] = [];
  for (const v of values) {
    const unit = (v.unit ?? '').trim() || targetUnit;
    if (!unit || !Number.isFinite(v.value)) continue;
    const category = unitCategory(unit);
    out.push({
      value: v.value,
      unit,
      kind: category === 'money' ? 'money' : 'cumulative',
      qualifier: null,
      text: `${v.value}${unit}`,
      span: [end, end],
      category,
      verb: null,
      object: null,
    });
  }
  return out;
}

/**
 * Progress quantities paired with the sub-targets. Values given as data (a 完成数 column) fill the sub-targets they fit
 * first: the reported figure is data, so the text's own figure for the same sub-target is not used; the text's
 * quantities fill the other sub-targets. Where the text alone would have given that sub-target another figure in the
 * same unit, the pair is returned as a conflict (the data-text-mismatch finding).
 */
function matchGivenFirst(
  subs: SubTarget[],
  quantities: Quantity[],
  given: Quantity[],
  progress: string,
): { matched: Map<number, Quantity>; conflicts: { text: Quantity; data: Quantity }[] } {
  if (!given.length) return { matched: matchQuantities(subs, quantities, progress), conflicts: [] };
  const out = matchQuantities(subs, given);
  const textQuantities = quantities.filter((q) => !given.includes(q));
  const open = subs.map((s, i) => ({ s, i })).filter(({ i }) => !out.has(i));
  const fromText = matchQuantities(
    open.map((o) => o.s),
    textQuantities,
    progress,
  );
  const conflicts: { text: Quantity; data: Quantity }[] = [];
  if (textQuantities.length) {
    const textOnly = matchQuantities(subs, textQuantities, progress);
    for (const [i, data] of out) {
      const text = textOnly.get(i);
      if (
        text &&
        text.unit === data.unit &&
        Math.abs(text.value - data.value) > 1e-9 * Math.max(1, Math.abs(data.value))
      )
        conflicts.push({ text, data });
    }
  }
  for (const [k, q] of fromText) {
    const i = open[k]?.i;
    if (i !== undefined) out.set(i, q);
  }
  return { matched: out, conflicts };
}

/** A published ratio given as data (decimals of its percentage kept for the consistency check). */
function givenRatio(ratio: number): Published {
  const percent = String(Math.round(ratio * 100 * 1e6) / 1e6);
  const decimals = (/\.(\d+)/.exec(percent)?.[1] ?? '').length;
  return { ratio, span: [0, 0], decimals, approximate: false, given: true };
}

/** A year for day arithmetic when neither the input nor the text names one (a common year: February has 28 days). */
const COMMON_YEAR = 2001;

/** The as-of date stated in the text ("截至5月底", "截至2025年9月30日", "1-8月"), as YYYY-MM-DD; null when none. */
export function asOfFromText(text: string, year?: number): string | null {
  const x = asOfDatesInText(text)[0] ?? periodRangeInText(text);
  if (!x || x.month < 1 || x.month > 12) return null;
  const y = year ?? x.year ?? COMMON_YEAR;
  const dim = new Date(Date.UTC(y, x.month, 0)).getUTCDate();
  const day = x.day !== null && x.day >= 1 && x.day <= dim ? x.day : dim;
  return `${y}-${String(x.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const RANGE_MONTHS = /(?:^|[^\d])1\s*[-~—至到]\s*(\d{1,2})\s*月(?:份)?/;

/** "1-8月" at the head of a statement: the end of that month. */
function periodRangeInText(text: string): { year: number | null; month: number; day: number | null } | null {
  const m = RANGE_MONTHS.exec(normalizeText(text).slice(0, 40));
  return m ? { year: null, month: Number(m[1]), day: null } : null;
}

/** Expected progress from the schedule; 1 once the as-of date has reached a deadline sub-target. */
function scheduleBase(input: JudgeInput, subs: SubTarget[], asOfDate: AsOf, year: number | undefined): number | null {
  const base = input.asOf ? expectedProgress(input.asOf, input.settings?.schedule, year) : null;
  if (base === null || !asOfDate || year === undefined) return base;
  for (const d of subs) {
    const dl = d.kind === 'deadline' ? d.deadline : undefined;
    if (!dl) continue;
    const day = dl.day ?? new Date(Date.UTC(year, dl.month, 0)).getUTCDate();
    if (asOfDate.year > year || (asOfDate.year === year && asOfDate.month * 100 + asOfDate.day >= dl.month * 100 + day))
      return 1;
  }
  return base;
}

/** standards and lower-is-better count as 1 (met) or 0 (not met) when taking the weakest sub-target */
function effectiveRatio(r: SubTargetResult): number | null {
  if (r.ratio !== null) return r.ratio;
  if ((r.kind === 'standard' || r.kind === 'lowerBetter') && r.met !== null) return r.met ? 1 : 0;
  return null;
}

/** Weighted mean of the sub-targets' ratios and of their expected shares. */
function weightedRatio(
  results: SubTargetResult[],
  weights: number[],
  base: number | null,
): { computedRatio: number | null; expected: number | null } {
  let w = 0;
  let sum = 0;
  let esum = 0;
  results.forEach((r, i) => {
    const e = effectiveRatio(r);
    if (e === null) return;
    const wi = weights[i] ?? 0;
    w += wi;
    sum += wi * e;
    esum += wi * (r.expected ?? base ?? 0);
  });
  return { computedRatio: w > 0 ? sum / w : null, expected: w > 0 && base !== null ? esum / w : base };
}

/** The computed ratio (weighted, or the weakest sub-target) and the expected share it is compared with. */
function combineRatios(
  results: SubTargetResult[],
  periodSubs: SubTarget[],
  base: number | null,
  weights: number[] | undefined,
): { computedRatio: number | null; expected: number | null } {
  const withRatio = results.filter((r) => effectiveRatio(r) !== null);
  if (weights && withRatio.length > 0) return weightedRatio(results, weights, base);
  if (withRatio.length > 0) {
    const weakest = withRatio.reduce((a, b) => ((effectiveRatio(b) ?? 0) < (effectiveRatio(a) ?? 0) ? b : a));
    return { computedRatio: effectiveRatio(weakest), expected: weakest.expected ?? base };
  }
  const pm = periodSubs.find((p) => p.kind === 'milestone' && p.value !== null);
  const expected = base !== null && pm?.value ? Math.max(Math.min(1, pm.value), base === 1 ? 1 : 0) : base;
  return { computedRatio: null, expected };
}

/** The input with the as-of date stated in the text when none is given ("截至5月底"); stated = it was read. */
function withStatedAsOf(given: JudgeInput): { input: JudgeInput; stated: boolean } {
  if (given.asOf && !parseDate(given.asOf)) throw new Error(`截至日期格式应为YYYY-MM-DD：${given.asOf}`);
  const stated = given.asOf ? null : asOfFromText(given.progress ?? '', given.year);
  return stated ? { input: { ...given, asOf: stated }, stated: true } : { input: given, stated: false };
}

/** The published ratio: given as data (a 完成率 column), else as the text states it. */
function publishedOf(input: JudgeInput, progress: string, quantities: Quantity[], subs: SubTarget[]): Published | null {
  const given = input.publishedRatio;
  if (typeof given === 'number' && Number.isFinite(given)) return givenRatio(given);
  const countTarget = subs.some((s) => s.kind === 'quantity') && !subs.some((s) => s.kind === 'money');
  return findPublishedRatio(progress, quantities, countTarget);
}

/** A target with nothing to measure ("建设第一实验幼儿园") that the text says is done ("已竣工") is complete. */
function withWholeDone(
  combined: { computedRatio: number | null; expected: number | null },
  wholeDone: boolean,
): { computedRatio: number | null; expected: number | null } {
  return { ...combined, computedRatio: combined.computedRatio ?? (wholeDone ? 1 : null) };
}

/** Judge one progress statement against its target and the schedule. */
export function judgeStatement(given: JudgeInput): JudgeResult {
  const { input, stated } = withStatedAsOf(given);
  const settings = input.settings ?? {};
  const units = settings.units;
  const progress = input.progress ?? '';
  const asOfDate = input.asOf ? parseDate(input.asOf) : null;
  const year = input.year ?? asOfDate?.year;
  const quantities = extractQuantities(progress, { units });
  const targetQuantities = input.target ? extractQuantities(input.target, { context: 'target', units }) : [];
  const subs = input.target ? parseTarget(input.target, { units }) : [];
  const fromData = input.values?.length ? givenValues(input.values, subs, progress.length) : [];
  quantities.push(...fromData);
  const periodSubs = input.periodTarget ? parseTarget(input.periodTarget, { units }) : [];
  const sa = input.selfAssessment
    ? { word: input.selfAssessment, class: classifyStatusWord(input.selfAssessment, settings.statusWords) }
    : findSelfAssessment(progress, settings.statusWords);
  const published = publishedOf(input, progress, quantities, subs);
  const complete = completionPhrase(progress) !== null;
  const { matched, conflicts } = matchGivenFirst(subs, quantities, fromData, progress);

  const base = scheduleBase(input, subs, asOfDate, year);
  const exp = expectations(subs, periodSubs, base);
  const results: SubTargetResult[] = subs.map((s, i) => ({
    ...s,
    ...evaluate(s, matched.get(i), progress, quantities, published, complete),
    expected: s.kind === 'deadline' ? null : (exp[i] ?? null),
  }));
  const { computedRatio, expected } = withWholeDone(
    combineRatios(results, periodSubs, base, settings.weights),
    subs.length === 0 && complete && !published,
  );
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
    asOfStated: stated,
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
  for (const c of conflicts)
    findings.push({
      rule: 'data-text-mismatch',
      severity: 'warning',
      message: `文中“${progress.slice(c.text.span[0], c.text.span[1])}”与数字列的${c.data.text}不一致，按数字列研判`,
      span: c.text.span,
      field: 'progress',
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
