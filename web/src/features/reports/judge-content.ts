/**
 * What the 智能研判 panel judges: the content the server stores an assessment for. The text is the form's. While the
 * form holds what the shown version holds (a read-only page, or a form not changed: submitting it writes no new
 * content, a transition carries the version's numbers), the numbers given as data are those the page sent with the
 * version (domain/assess numbersAsData), the published 完成率 of an import included: the panel shows the stored
 * assessment. Once the form is changed, a save writes a new version with the unit's own values and no published ratio
 * (an import's 完成率 is carried only by transitions and publication), so the panel judges the values being typed into
 * the 完成数 / 完成投资 indicators, without one.
 */
import { type AssessmentContent, numbersAsData } from '../../../../src/domain/assess';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { draftFromDetail, isDirty, type ReportDraft } from './report-draft';

/** True when the form holds what the shown version holds (the page's own test of unsaved changes). */
export const holdsShownVersion = (detail: ReportDetail, draft: ReportDraft): boolean =>
  !isDirty(draft, draftFromDetail(detail));

/** The content the panel judges for this form (see above). */
export function panelContent(detail: ReportDetail, draft: ReportDraft, editable: boolean): AssessmentContent {
  const text = { progress: draft.progressText, selfAssessment: draft.selfAssessment ?? null };
  if (!editable || holdsShownVersion(detail, draft)) return { ...text, ...(detail.judge.numbers ?? {}) };
  const columns = detail.judge.dataColumns ?? {};
  return {
    ...text,
    ...numbersAsData(
      detail.indicators.map((i) => ({
        value: draft.values[i.id] ?? null,
        unit: i.unit,
        sourceColumn: columns[i.id] ?? null,
      })),
    ),
  };
}
