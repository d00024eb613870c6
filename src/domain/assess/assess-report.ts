/**
 * Assessment as a stage: from the facts of one report (its text, what it answers for, the programme's schedule, last
 * round's text) to the engine's input and to the assessment stored with every report version. Pure; the server stores
 * the result, the browser panel runs the same function on the text being typed, the CLI on stdin.
 */

import type { ScheduleSettings } from '../model/types';
import { pickPeriodTarget } from '../plan/period-target';
import { extractQuantities, judgeStatement } from './judge';
import type { ComputedStatus, JudgeInput, JudgeResult, Light } from './judge/types';
import { judgeSettingsOf, judgeTargets } from './settings';

/**
 * The judgement engine's version. Bump it whenever a rule of src/domain/assess/judge changes what it computes: stored
 * assessments made by another version are re-assessed in the background.
 */
export const ENGINE_VERSION = 'judge-2026.12.4';

/** What a report is judged against, apart from its own text (the same for every version of the report). */
export type AssessmentBasis = {
  /** The project's annual target text. */
  annualTarget: string;
  /** The round's period target text (already picked for the round's period; '' when none). */
  periodTarget: string;
  /** The unit's part of a split target ('' when the unit answers for the whole project). */
  shareNote: string;
  /** The round's as-of date (YYYY-MM-DD). */
  asOf: string;
  /** The programme's schedule settings (序时进度 plan and traffic-light bands). */
  schedule: Partial<ScheduleSettings> | null;
  /** The same unit's progress text in the programme's previous round, for the "cumulative went down" check. */
  previous: { progressText: string; asOf: string } | null;
};

/** What a version carries: its text, and the numbers an import stored with it as data (issue 14 §2). */
export type AssessmentContent = {
  progress: string;
  selfAssessment: string | null;
  /**
   * Reported values given as data (an imported 完成数 / 完成投资 column): cumulative amounts, in their unit (万人 already
   * folded to 人 at import), or in the target's unit when the unit is null.
   */
  values?: { value: number; unit: string | null }[];
  /** A published completion ratio given as data (an imported 完成率 column): a fraction, 1.08 for 108%. */
  publishedRatio?: number | null;
};

/** True when the content gives numbers as data (a version judged even when its text is still empty). */
const hasNumbers = (c: AssessmentContent) =>
  Boolean(c.values?.length) || (typeof c.publishedRatio === 'number' && Number.isFinite(c.publishedRatio));

/** What is stored with a report version. */
export type Assessment = {
  computedStatus: ComputedStatus | null;
  light: Light | null;
  completionRatio: number | null;
  publishedRatio: number | null;
  computedRatio: number | null;
  expectedRatio: number | null;
  gapPoints: number | null;
  reason: string | null;
  lagAnalysisRequired: boolean;
  findings: { rule: string; severity: 'info' | 'warning' | 'error'; message: string; span?: [number, number] }[];
  engineVersion: string;
  /** A fingerprint of the basis: a stored assessment whose basis key differs is stale. */
  basisKey: string;
};

/** Build the basis from raw facts: picks the round's period target and the unit's share of a split target. */
export function assessmentBasisOf(f: {
  annualTarget: string;
  periodTargets: { periodKey: string; targetText: string }[];
  periodKey: string;
  shareNote: string;
  asOf: string;
  schedule: Partial<ScheduleSettings> | null;
  previous: { progressText: string; asOf: string } | null;
}): AssessmentBasis {
  return {
    annualTarget: f.annualTarget,
    periodTarget: pickPeriodTarget(f.periodTargets, f.periodKey),
    shareNote: f.shareNote,
    asOf: f.asOf,
    schedule: f.schedule,
    previous: f.previous?.progressText.trim() ? f.previous : null,
  };
}

/** The engine's input for a report: the one place that assembles it. */
export function engineInputOf(basis: AssessmentBasis, content: AssessmentContent): JudgeInput {
  const t = judgeTargets(basis);
  const prev = basis.previous;
  return {
    progress: content.progress,
    target: t.target || undefined,
    periodTarget: t.periodTarget || undefined,
    asOf: basis.asOf || undefined,
    selfAssessment: content.selfAssessment ?? undefined,
    ...(content.values?.length ? { values: content.values } : {}),
    ...(typeof content.publishedRatio === 'number' ? { publishedRatio: content.publishedRatio } : {}),
    previous: prev ? { quantities: extractQuantities(prev.progressText), asOf: prev.asOf } : undefined,
    settings: judgeSettingsOf(basis.schedule),
  };
}

/**
 * Judge a report's text and numbers (null result when there is neither yet; the engine's own error when it fails).
 * Numbers given as data take precedence over the text's figures: a given value fills the sub-target it fits before any
 * figure of the text, and a published ratio given as data is the published ratio (the text's "完成xx%" is then not
 * read as one) and so the completion ratio, checked against the computed one (published-ratio-mismatch).
 */
export function judgeReport(
  basis: AssessmentBasis,
  content: AssessmentContent,
): { result: JudgeResult | null; error: string | null } {
  if (!content.progress.trim() && !hasNumbers(content)) return { result: null, error: null };
  try {
    return { result: judgeStatement(engineInputOf(basis, content)), error: null };
  } catch (e) {
    return { result: null, error: e instanceof Error ? e.message : String(e) };
  }
}

const EMPTY = {
  computedStatus: null,
  light: null,
  completionRatio: null,
  publishedRatio: null,
  computedRatio: null,
  expectedRatio: null,
  gapPoints: null,
  lagAnalysisRequired: false,
  findings: [],
} as const;

/** The assessment stored with a version; never throws (an engine failure is stored as 无法研判). */
export function assessReport(basis: AssessmentBasis, content: AssessmentContent): Assessment {
  const stamp = { engineVersion: ENGINE_VERSION, basisKey: basisKeyOf(basis) };
  const { result: j, error } = judgeReport(basis, content);
  if (!j) return { ...EMPTY, findings: [], reason: error ? '无法研判' : null, ...stamp };
  return {
    computedStatus: j.computedStatus,
    light: j.light,
    completionRatio: j.completionRatio,
    publishedRatio: j.publishedRatio,
    computedRatio: j.computedRatio,
    expectedRatio: j.expectedRatio,
    gapPoints: j.gapPoints,
    reason: j.reason,
    lagAnalysisRequired: j.lagAnalysisRequired,
    findings: j.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      ...(f.span ? { span: f.span } : {}),
    })),
    ...stamp,
  };
}

/** A stable fingerprint of the basis (FNV-1a over its canonical JSON); pure, no crypto needed. */
export function basisKeyOf(basis: AssessmentBasis): string {
  const s = basis.schedule ?? {};
  const canonical = JSON.stringify([
    basis.annualTarget,
    basis.periodTarget,
    basis.shareNote,
    basis.asOf,
    [s.mode ?? 'linear', s.yellowBandPoints ?? null, s.redBelowShareOfSchedule ?? null],
    [s.monthlyPoints ?? null, s.quarterlyPoints ?? null, s.deadline ?? null],
    basis.previous ? [basis.previous.progressText, basis.previous.asOf] : null,
  ]);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < canonical.length; i++) {
    const c = canonical.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}
