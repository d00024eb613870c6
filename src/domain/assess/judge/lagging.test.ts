import { describe, expect, it } from 'vitest';
import { checkLagAnalysis, lagAnalysisRequired } from './lagging';

describe('lag analysis', () => {
  it.each([
    [{ computedStatus: '滞后' as const }, true],
    [{ computedStatus: '按序时推进' as const }, false],
    [{ selfAssessment: '严重滞后' }, true],
    [{ completedOn: '2024-01-20', year: 2023 }, true],
    [{ completedOn: '2023-11-20', year: 2023 }, false],
    [{ asOf: '2024-01-10', year: 2023, completionRatio: 0.9 }, true],
  ])('%o → %s', (ctx, required) => {
    expect(lagAnalysisRequired(ctx).required).toBe(required);
  });
  it('names the reasons', () => {
    expect(lagAnalysisRequired({ computedStatus: '严重滞后', keySupervision: true }).reasons).toHaveLength(2);
  });
  it('checks the four parts of a structured analysis', () => {
    const r = checkLagAnalysis({
      problems: '征地拆迁未完成',
      subjective: '协调力度不足',
      objective: '',
      plan: '加快协调',
    });
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['滞后原因（客观）']);
    expect(r.findings.map((f) => f.rule)).toContain('lag-plan-no-deadline');
  });
  it('checks a free-text analysis by its headings', () => {
    const text =
      '一、存在问题：管线迁改未完成。二、滞后原因：主观上统筹不够；客观上供电部门排期紧。三、下一步工作计划：10月底前完成迁改。';
    expect(checkLagAnalysis(text)).toEqual({ complete: true, missing: [], findings: [] });
  });
});
