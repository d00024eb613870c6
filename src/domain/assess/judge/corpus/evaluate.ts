/** Compare the engine's output with a labelled case (shared by corpus.test.ts and scripts/judge-metrics.ts). */
import { judgeStatement } from '../assess';
import type { JudgeResult } from '../types';
import type { CorpusCase, ExpectedQuantity } from './case';

/** Per-case counts for micro precision/recall. */
export type CaseScore = {
  id: string;
  expected: number;
  found: number;
  matchValueUnit: number;
  matchValueUnitKind: number;
  problems: string[];
  result: JudgeResult;
};

const key = (q: { value: number; unit: string }) => `${Math.round(q.value * 1e6) / 1e6}|${q.unit}`;

function multisetMatches(exp: string[], got: string[]): number {
  const pool = new Map<string, number>();
  for (const g of got) pool.set(g, (pool.get(g) ?? 0) + 1);
  let n = 0;
  for (const e of exp) {
    const k = pool.get(e) ?? 0;
    if (k > 0) {
      n++;
      pool.set(e, k - 1);
    }
  }
  return n;
}

function show(qs: ExpectedQuantity[]): string {
  return qs.map((q) => `${q.value} ${q.unit} ${q.kind}`).join('; ') || '(none)';
}

/** Run the engine on a case and score it. */
export function scoreCase(cs: CorpusCase): CaseScore {
  const result = judgeStatement({
    progress: cs.progress,
    ...(cs.target !== undefined ? { target: cs.target } : {}),
    ...(cs.periodTarget !== undefined ? { periodTarget: cs.periodTarget } : {}),
    ...(cs.asOf !== undefined ? { asOf: cs.asOf } : {}),
  });
  const got = result.quantities.map((q) => ({ value: q.value, unit: q.unit, kind: q.kind }));
  const exp = cs.expected.quantities;
  const matchValueUnit = multisetMatches(exp.map(key), got.map(key));
  const matchValueUnitKind = multisetMatches(
    exp.map((q) => `${key(q)}|${q.kind}`),
    got.map((q) => `${key(q)}|${q.kind}`),
  );
  const problems: string[] = [];
  if (matchValueUnitKind !== exp.length || got.length !== exp.length)
    problems.push(`quantities: expected [${show(exp)}] got [${show(got)}]`);
  const e = cs.expected;
  if (e.completionRatio !== undefined) {
    const a = result.completionRatio;
    const ok = e.completionRatio === null ? a === null : a !== null && Math.abs(a - e.completionRatio) < 0.001;
    if (!ok) problems.push(`completionRatio: expected ${e.completionRatio} got ${a}`);
  }
  if (e.computedStatus !== undefined && result.computedStatus !== e.computedStatus)
    problems.push(`computedStatus: expected ${e.computedStatus} got ${result.computedStatus}`);
  if (e.selfAssessment !== undefined && result.selfAssessment !== e.selfAssessment)
    problems.push(`selfAssessment: expected ${e.selfAssessment} got ${result.selfAssessment}`);
  return {
    id: cs.id,
    expected: exp.length,
    found: got.length,
    matchValueUnit,
    matchValueUnitKind,
    problems,
    result,
  };
}

/** Micro precision and recall over many cases. */
export function microMetrics(scores: CaseScore[]): {
  expected: number;
  found: number;
  valueUnit: { precision: number; recall: number; f1: number };
  valueUnitKind: { precision: number; recall: number; f1: number };
  casesPassing: number;
} {
  const sum = (f: (s: CaseScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const expected = sum((s) => s.expected);
  const found = sum((s) => s.found);
  const pr = (m: number) => {
    const precision = found ? m / found : 1;
    const recall = expected ? m / expected : 1;
    return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  };
  return {
    expected,
    found,
    valueUnit: pr(sum((s) => s.matchValueUnit)),
    valueUnitKind: pr(sum((s) => s.matchValueUnitKind)),
    casesPassing: scores.filter((s) => s.problems.length === 0).length,
  };
}
