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
  /**
   * The loaded values' notes (an import writes "导入：完成数"): sent back with a value left as loaded, so saving an
   * unchanged form is the same content and writes no new version. Optional: drafts kept in the browser may lack it.
   */
  loadedNotes?: Record<string, { value: number | null; note: string }>;
};

export const EMPTY_LAG: LagAnalysis = { problems: '', subjective: '', objective: '', plan: '' };

export function draftFromDetail(d: ReportDetail): ReportDraft {
  const values: Record<string, number | null> = {};
  for (const ind of d.indicators) values[ind.id] = null;
  const loadedNotes: NonNullable<ReportDraft['loadedNotes']> = {};
  for (const v of d.content.values) {
    values[v.indicatorId] = v.value;
    if (v.note) loadedNotes[v.indicatorId] = { value: v.value, note: v.note };
  }
  return {
    progressText: d.content.progressText ?? '',
    selfAssessment: d.content.selfAssessment,
    problems: d.content.problems ?? '',
    nextSteps: d.content.nextSteps ?? '',
    targetAdjustmentNote: d.content.targetAdjustmentNote ?? '',
    completedAnnualTarget: Boolean(d.content.completedAnnualTarget),
    values,
    lagAnalysis: d.content.lagAnalysis ? { ...EMPTY_LAG, ...d.content.lagAnalysis } : { ...EMPTY_LAG },
    loadedNotes,
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
    values: indicatorIds.map((id) => {
      const value = d.values[id] ?? null;
      const loaded = d.loadedNotes?.[id];
      return loaded && loaded.value === value
        ? { indicatorId: id, value, note: loaded.note }
        : { indicatorId: id, value };
    }),
    lagAnalysis: d.selfAssessment === LAG_WORD ? d.lagAnalysis : null,
  };
}

/** True when the form differs from what was loaded. */
export function isDirty(a: ReportDraft, b: ReportDraft): boolean {
  const norm = (d: ReportDraft) =>
    JSON.stringify({ ...d, lagAnalysis: d.selfAssessment === LAG_WORD ? d.lagAnalysis : null });
  return norm(a) !== norm(b);
}
