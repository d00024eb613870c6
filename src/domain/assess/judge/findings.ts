/** Supervisor checks on a judged statement: self-assessment vs numbers, regressions, published % vs numbers, dates. */
import { normalizeText } from './numerals';
import type { Published } from './ratios';
import { allMatches } from './regex';
import { daysInMonth, pct, type YMD } from './schedule';
import type {
  ComputedStatus,
  Finding,
  JudgeInput,
  JudgeSettings,
  Quantity,
  StatusWord,
  SubTarget,
  SubTargetResult,
} from './types';
import { sameBase } from './units';

/** Everything the checks need. */
export type FindingContext = {
  input: JudgeInput;
  settings: JudgeSettings;
  quantities: Quantity[];
  results: SubTargetResult[];
  periodSubs: SubTarget[];
  published: Published | null;
  complete: boolean;
  computedFromNumbers: SubTargetResult[];
  computedRatio: number | null;
  completionRatio: number | null;
  expected: number | null;
  gap: number | null;
  status: ComputedStatus | null;
  sa: { word: string; class: StatusWord['class'] | null; span?: [number, number] } | null;
  asOfDate: YMD | null;
  year: number | undefined;
  lagAnalysisRequired: boolean;
  /** True when the as-of date was read from the text (no date given): it cannot disagree with itself. */
  asOfStated?: boolean;
};

const AS_OF_IN_TEXT =
  /(?:截至|截止|截止到|截至到)\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底|末))/g;

/** Dates written as "截至X月X日" in a text, with spans. */
export function asOfDatesInText(
  text: string,
): { year: number | null; month: number; day: number | null; span: [number, number] }[] {
  const t = normalizeText(text);
  return allMatches(AS_OF_IN_TEXT, t).map((m) => ({
    year: m[1] ? Number(m[1]) : null,
    month: Number(m[2]),
    day: m[3] ? Number(m[3]) : null,
    span: [m.index ?? 0, (m.index ?? 0) + m[0].length] as [number, number],
  }));
}

function selfChecks(c: FindingContext, out: Finding[]): void {
  const { sa, status, gap, completionRatio } = c;
  if (!sa) {
    if (status)
      out.push({
        rule: 'self-assessment-missing',
        severity: 'info',
        message: '进展情况未写进度自评（如：按计划推进、滞后、已完成）',
        field: 'progress',
      });
    return;
  }
  const span = sa.span;
  const behind = status === '滞后' || status === '严重滞后';
  if ((sa.class === 'onTrack' || sa.class === 'ahead') && behind && gap !== null) {
    out.push({
      rule: 'self-assessment-optimistic',
      severity: status === '严重滞后' ? 'error' : 'warning',
      message: `自评“${sa.word}”，但按数据计算落后序时进度${(-gap).toFixed(1)}个百分点（${status}）`,
      span,
      field: 'progress',
    });
  }
  if (sa.class === 'complete' && completionRatio !== null && completionRatio < 1 - 1e-9) {
    out.push({
      rule: 'self-assessment-complete-below-target',
      severity: 'error',
      message: `自评“${sa.word}”，但完成比例仅${pct(completionRatio)}，未达到年度目标`,
      span,
      field: 'progress',
    });
  }
  if ((sa.class === 'behind' || sa.class === 'severe') && status && !behind) {
    out.push({
      rule: 'self-assessment-pessimistic',
      severity: 'info',
      message: `自评“${sa.word}”，但数据显示为“${status}”`,
      span,
      field: 'progress',
    });
  }
}

const quantityKey = (q: { unit: string; verb?: string | null }) => `${q.unit}|${q.verb ?? ''}`;

/** Last round's cumulative values by unit and verb, in text order. */
function previousByKey(prev: NonNullable<FindingContext['input']['previous']>): Map<string, number[]> {
  const prevByKey = new Map<string, number[]>();
  for (const p of prev.quantities ?? []) {
    if (p.kind && p.kind !== 'cumulative') continue;
    const list = prevByKey.get(quantityKey(p)) ?? [];
    list.push(p.value);
    prevByKey.set(quantityKey(p), list);
  }
  return prevByKey;
}

/** Last round's values for a quantity: same unit and verb, else the only list in the same unit base. */
function previousValues(prevByKey: Map<string, number[]>, q: Quantity): number[] | undefined {
  const list = prevByKey.get(quantityKey(q));
  if (list) return list;
  const alt = [...prevByKey.entries()].filter(([pk]) => sameBase(pk.split('|')[0] ?? '', q.unit));
  return alt.length === 1 ? alt[0]?.[1] : undefined;
}

function regressionChecks(c: FindingContext, out: Finding[]): void {
  const prev = c.input.previous;
  if (!prev) return;
  const prevByKey = previousByKey(prev);
  const seen = new Map<string, number>();
  for (const q of c.quantities) {
    if (q.kind !== 'cumulative') continue;
    const k = quantityKey(q);
    const list = previousValues(prevByKey, q);
    const idx = seen.get(k) ?? 0;
    seen.set(k, idx + 1);
    const before = list?.[idx];
    if (before !== undefined && q.value < before) {
      out.push({
        rule: 'cumulative-decreased',
        severity: 'error',
        message: `累计数${q.text.trim()}低于上期的${before}${q.unit}`,
        span: q.span,
        field: 'progress',
      });
    }
  }
  if (prev.completionRatio != null && c.completionRatio !== null && c.completionRatio < prev.completionRatio - 0.005) {
    out.push({
      rule: 'ratio-decreased',
      severity: 'warning',
      message: `完成比例${pct(c.completionRatio)}低于上期的${pct(prev.completionRatio)}`,
      field: 'progress',
    });
  }
}

function ratioChecks(c: FindingContext, out: Finding[]): void {
  const p = c.published;
  const nums = c.computedFromNumbers;
  if (p && nums.length > 0) {
    const computed = Math.min(...nums.map((r) => r.ratio ?? 0));
    const tol = c.settings.ratioTolerancePoints ?? (p.approximate ? 5 : 0.5 * 10 ** -p.decimals + 0.05);
    const diff = Math.abs(p.ratio - computed) * 100;
    if (diff > tol) {
      out.push({
        rule: 'published-ratio-mismatch',
        severity: 'warning',
        message: `${p.given ? '公布的完成率' : '文中完成比例'}${pct(p.ratio)}与按数据计算的${pct(computed)}相差${diff.toFixed(1)}个百分点`,
        span: p.span,
        field: 'progress',
      });
    }
  }
}

/** A date named in the text ("截至9月底") that is not the round's as-of date. */
function asOfMismatches(c: FindingContext, d: NonNullable<FindingContext['asOfDate']>, out: Finding[]): void {
  const dim = daysInMonth(d.year, d.month);
  for (const x of asOfDatesInText(c.input.progress)) {
    const day = x.day ?? dim;
    const sameMonthEnd = x.day === null && x.month === d.month;
    if ((x.year !== null && x.year !== d.year) || x.month !== d.month || (!sameMonthEnd && day !== d.day)) {
      out.push({
        rule: 'as-of-mismatch',
        severity: 'warning',
        message: `文中截至日期（${x.year ? `${x.year}年` : ''}${x.month}月${x.day ? `${x.day}日` : '底'}）与本轮截至日期${d.year}年${d.month}月${d.day}日不一致`,
        span: x.span,
        field: 'progress',
      });
    }
  }
}

/** A deadline sub-target whose date has passed while the target is not complete. */
function missedDeadlines(c: FindingContext, d: NonNullable<FindingContext['asOfDate']>, out: Finding[]): void {
  const { year } = c;
  if (year === undefined) return;
  const unfinished = c.completionRatio !== null && c.completionRatio < 1 - 1e-9 && !c.complete;
  for (const r of c.results) {
    if (r.kind !== 'deadline' || !r.deadline) continue;
    const dl = r.deadline;
    const dday = dl.day ?? new Date(Date.UTC(year, dl.month, 0)).getUTCDate();
    const passed = d.year > year || (d.year === year && d.month * 100 + d.day > dl.month * 100 + dday);
    if (passed && unfinished) {
      out.push({
        rule: 'deadline-missed',
        severity: 'error',
        message: `已超过目标时限“${r.text}”，仍未完成`,
        field: 'target',
      });
    }
  }
}

function dateChecks(c: FindingContext, out: Finding[]): void {
  const d = c.asOfDate;
  if (!d) return;
  if (!c.asOfStated) asOfMismatches(c, d, out);
  missedDeadlines(c, d, out);
}

function periodChecks(c: FindingContext, out: Finding[]): void {
  for (const p of c.periodSubs) {
    if (p.kind !== 'quantity' || !p.value || !p.unit) continue;
    const r = c.results.find(
      (x) =>
        x.kind === 'quantity' &&
        x.actual !== null &&
        x.unit &&
        sameBase(x.unit, p.unit ?? '') &&
        (!p.verb || !x.verb || x.verb === p.verb),
    );
    if (r && r.actual !== null && r.actual < p.value) {
      out.push({
        rule: 'period-target-missed',
        severity: 'warning',
        message: `未完成本期目标“${p.label}”（实际${r.actual}${r.unit ?? ''}）`,
        field: 'periodTarget',
      });
    }
  }
}

/** All findings for a judged statement. */
export function buildFindings(c: FindingContext): Finding[] {
  const out: Finding[] = [];
  if (c.quantities.length === 0 && !c.published) {
    out.push({
      rule: 'no-numbers',
      severity: c.complete ? 'info' : 'warning',
      message: c.complete ? '进展情况没有数据（文中表述已完成）' : '进展情况没有任何数据体现，无法核对进度',
      field: 'progress',
    });
  } else if (c.completionRatio === null && c.results.some((r) => r.kind !== 'deadline')) {
    out.push({
      rule: 'no-target-match',
      severity: 'warning',
      message: '进展中的数据与年度目标无法对应，无法计算完成比例',
      field: 'progress',
    });
  }
  selfChecks(c, out);
  regressionChecks(c, out);
  ratioChecks(c, out);
  dateChecks(c, out);
  periodChecks(c, out);
  if (c.lagAnalysisRequired) {
    out.push({
      rule: 'lag-analysis-required',
      severity: 'info',
      message: '项目滞后（或跨年完成），须附书面分析：问题、滞后原因（主观和客观）、下一步计划',
      field: 'analysis',
    });
  }
  return out;
}
