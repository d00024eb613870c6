/**
 * ===== SLOT: judgement engine panel =====
 * The lead fills this in with the judgement engine (src/domain/judge): computed status, traffic light, writing-rule
 * findings for the text being typed. It receives the loaded report and the current, unsaved form content.
 * For now it renders nothing.
 */
import type { ReportDetail } from '../../../../src/shared/api-types';
import type { ReportDraft } from './report-draft';

export type JudgementPanelProps = { detail: ReportDetail; draft: ReportDraft };

export function JudgementPanel(_props: JudgementPanelProps) {
  return null;
}
