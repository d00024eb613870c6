/** The form state of a report, and its conversion to the PUT body (SaveReportInput). */
import type { ReportDetail } from '../../../../src/shared/api-types';
import type { LagAnalysis, SaveReportInput } from '../../../../src/shared/schemas';

export const LAG_WORD = '滞后';

export type ReportDraft = {
  progressText: string;
  selfAssessment: string | null;
  problems: string;
  nextSteps: string;
  targetAdjustmentNote: string;
  completedAnnualTarget: boolean;
  /** indicatorId → value (null = not filled). */
  values: Record<string, number | null>;
  lagAnalysis: LagAnalysis;
};

export const EMPTY_LAG: LagAnalysis = { problems: '', subjective: '', objective: '', plan: '' };

export function draftFromDetail(d: ReportDetail): ReportDraft {
  const values: Record<string, number | null> = {};
  for (const ind of d.indicators) values[ind.id] = null;
  for (const v of d.content.values) values[v.indicatorId] = v.value;
  return {
    progressText: d.content.progressText ?? '',
    selfAssessment: d.content.selfAssessment,
    problems: d.content.problems ?? '',
    nextSteps: d.content.nextSteps ?? '',
    targetAdjustmentNote: d.content.targetAdjustmentNote ?? '',
    completedAnnualTarget: Boolean(d.content.completedAnnualTarget),
    values,
    lagAnalysis: d.content.lagAnalysis ? { ...EMPTY_LAG, ...d.content.lagAnalysis } : { ...EMPTY_LAG },
  };
}

/** The body of PUT /api/reports/:id. Lag analysis is only sent when the self-assessment is 滞后. */
export function toSaveInput(d: ReportDraft, baseVersion: number, indicatorIds: string[]): SaveReportInput {
  return {
    baseVersion,
    progressText: d.progressText,
    selfAssessment: d.selfAssessment,
    problems: d.problems,
    nextSteps: d.nextSteps,
    targetAdjustmentNote: d.targetAdjustmentNote,
    completedAnnualTarget: d.completedAnnualTarget,
    values: indicatorIds.map((id) => ({ indicatorId: id, value: d.values[id] ?? null })),
    lagAnalysis: d.selfAssessment === LAG_WORD ? d.lagAnalysis : null,
  };
}

/** True when the form differs from what was loaded. */
export function isDirty(a: ReportDraft, b: ReportDraft): boolean {
  const norm = (d: ReportDraft) =>
    JSON.stringify({ ...d, lagAnalysis: d.selfAssessment === LAG_WORD ? d.lagAnalysis : null });
  return norm(a) !== norm(b);
}
