/** Labelled corpus case format and a compact notation for expected quantities. */
import type { ComputedStatus, QuantityKind, StatusWord } from '../types';

/** An expected quantity. */
export type ExpectedQuantity = { value: number; unit: string; kind: QuantityKind };

/** One labelled statement. */
export type CorpusCase = {
  id: string;
  progress: string;
  target?: string;
  periodTarget?: string;
  asOf?: string;
  expected: {
    quantities: ExpectedQuantity[];
    completionRatio?: number | null;
    computedStatus?: ComputedStatus | null;
    selfAssessment?: string | null;
    /** Class of the item's status: of the computed status, else of the self-assessment (null = neither). */
    statusClass?: StatusWord['class'] | null;
  };
  /** Set when the engine is known to get this case wrong; the test then expects a failure. */
  knownIssue?: string;
};

const KINDS: Record<string, QuantityKind> = {
  cum: 'cumulative',
  per: 'period',
  pct: 'percent',
  money: 'money',
  other: 'other',
};

/** Parse "3.96 公里 cum; 56.6 % pct" into expected quantities (kinds: cum per pct money other). */
export function q(spec: string): ExpectedQuantity[] {
  if (!spec.trim()) return [];
  return spec.split(';').map((part) => {
    const [v, unit, k] = part.trim().split(/\s+/);
    const kind = KINDS[k ?? ''];
    if (v === undefined || unit === undefined || !kind) throw new Error(`bad spec: ${part}`);
    return { value: Number(v), unit, kind };
  });
}

/** Extra fields of a case in the compact builder. */
export type CaseExtra = {
  target?: string;
  periodTarget?: string;
  asOf?: string;
  ratio?: number | null;
  status?: ComputedStatus | null;
  sa?: string | null;
  cls?: StatusWord['class'] | null;
  knownIssue?: string;
};

/** Build a case: c('id', progress, 'value unit kind; …', { target, asOf, ratio, status, sa }). */
export function c(id: string, progress: string, spec: string, x: CaseExtra = {}): CorpusCase {
  const out: CorpusCase = { id, progress, expected: { quantities: q(spec) } };
  if (x.target !== undefined) out.target = x.target;
  if (x.periodTarget !== undefined) out.periodTarget = x.periodTarget;
  if (x.asOf !== undefined) out.asOf = x.asOf;
  if (x.ratio !== undefined) out.expected.completionRatio = x.ratio;
  if (x.status !== undefined) out.expected.computedStatus = x.status;
  if (x.sa !== undefined) out.expected.selfAssessment = x.sa;
  if (x.cls !== undefined) out.expected.statusClass = x.cls;
  if (x.knownIssue !== undefined) out.knownIssue = x.knownIssue;
  return out;
}
