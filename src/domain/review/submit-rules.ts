/** What must be true before a report can be submitted. Pure; the server enforces it, the form can show it early. */
import { checkLagAnalysis, lagAnalysisRequired } from '../assess/judge';
import type { ReportContent } from '../model/types';

/**
 * Chinese problems that block submission (empty = may submit). A unit that assesses its own project as lagging
 * (滞后) must attach the written analysis seed 002 asks for: 存在问题, 主观原因, 客观原因, 下一步工作计划.
 * A lag only computed from the numbers is shown as a finding, not a block: the engine can be wrong.
 */
export function submitProblems(c: Pick<ReportContent, 'progressText' | 'selfAssessment' | 'lagAnalysis'>): string[] {
  const out: string[] = [];
  if (!c.progressText.trim()) out.push('字段“落实情况”为必填项，请先填写并保存');
  if (!c.selfAssessment) out.push('字段“进度自评”为必填项，请先选择并保存');
  if (c.selfAssessment && lagAnalysisRequired({ selfAssessment: c.selfAssessment }).required) {
    const { missing } = checkLagAnalysis(c.lagAnalysis ?? {});
    if (missing.length)
      out.push(`自评为“${c.selfAssessment}”的项目须附书面分析（字段“滞后分析”），缺少：${missing.join('、')}`);
  }
  return out;
}
