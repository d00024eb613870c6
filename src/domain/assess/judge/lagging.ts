/** Lagging rules (seed 002): a 滞后 item, or one completed after 12-31, needs a written analysis. */
import { classifyStatusWord } from './status-words';
import type { ComputedStatus, Finding, StatusWord } from './types';

/** What decides whether an analysis is required. */
export type LagContext = {
  computedStatus?: ComputedStatus | null;
  selfAssessment?: string | null;
  completionRatio?: number | null;
  /** YYYY-MM-DD the item was completed, when known. */
  completedOn?: string | null;
  year?: number;
  asOf?: string;
  keySupervision?: boolean;
  statusWords?: StatusWord[];
};

/** Whether a written lag analysis is required, with the reasons in Chinese. */
export function lagAnalysisRequired(ctx: LagContext): { required: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (ctx.computedStatus === '滞后' || ctx.computedStatus === '严重滞后')
    reasons.push(`按数据计算为“${ctx.computedStatus}”`);
  const cls = ctx.selfAssessment ? classifyStatusWord(ctx.selfAssessment, ctx.statusWords) : null;
  if (cls === 'behind' || cls === 'severe') reasons.push(`自评为“${ctx.selfAssessment}”`);
  const year = ctx.year ?? (ctx.asOf ? Number(ctx.asOf.slice(0, 4)) : undefined);
  if (ctx.completedOn && year !== undefined && Number(ctx.completedOn.slice(0, 4)) > year)
    reasons.push(`完成时间晚于${year}年底`);
  if (
    ctx.asOf &&
    year !== undefined &&
    Number(ctx.asOf.slice(0, 4)) > year &&
    (ctx.completionRatio ?? 0) < 1 &&
    !ctx.completedOn
  )
    reasons.push(`截至${year}年底未完成年度目标`);
  if (reasons.length > 0 && ctx.keySupervision) reasons.push('属人大重点监督项目，须同时报告分管领导');
  return { required: reasons.length > 0, reasons };
}

/** A written analysis: separate fields, or one text with headings. */
export type LagAnalysis = { problems?: string; subjective?: string; objective?: string; plan?: string } | string;

const PARTS = [
  { key: 'problems', label: '存在问题', re: /存在问题|问题[:：]|主要问题/ },
  { key: 'subjective', label: '滞后原因（主观）', re: /主观/ },
  { key: 'objective', label: '滞后原因（客观）', re: /客观/ },
  { key: 'plan', label: '下一步工作计划', re: /下一步|下步|工作计划|整改措施|推进计划/ },
] as const;
const EMPTY = /^(?:无|暂无|没有|\/|-|—)?[。.]?$/;
const DEADLINE = /\d{1,2}\s*月|年底|年内|季度|\d+\s*(?:天|日|周)内|上旬|中旬|下旬/;

/** The parts missing from the analysis and the text of its plan ('' when missing). */
function analysisParts(analysis: LagAnalysis): { missing: string[]; planText: string } {
  const missing: string[] = [];
  let planText = '';
  for (const p of PARTS) {
    if (typeof analysis === 'string') {
      const m = p.re.exec(analysis);
      if (!m) missing.push(p.label);
      else if (p.key === 'plan') planText = analysis.slice(m.index);
      continue;
    }
    const v = (analysis[p.key] ?? '').trim();
    if (!v || EMPTY.test(v)) missing.push(p.label);
    else if (p.key === 'plan') planText = v;
  }
  return { missing, planText };
}

/** Is the analysis complete (问题, 主观原因, 客观原因, 下一步计划 with deadlines)? */
export function checkLagAnalysis(analysis: LagAnalysis): { complete: boolean; missing: string[]; findings: Finding[] } {
  const { missing, planText } = analysisParts(analysis);
  const findings: Finding[] = missing.map((m) => ({
    rule: 'lag-analysis-incomplete',
    severity: 'error',
    message: `书面分析缺少“${m}”`,
    field: 'analysis',
  }));
  if (planText && !DEADLINE.test(planText))
    findings.push({
      rule: 'lag-plan-no-deadline',
      severity: 'warning',
      message: '下一步工作计划未列明完成时限',
      field: 'analysis',
    });
  return { complete: missing.length === 0, missing, findings };
}
