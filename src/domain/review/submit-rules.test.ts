import { describe, expect, it } from 'vitest';
import { submitProblems } from './submit-rules';

const full = {
  problems: '管线迁改未完成。',
  subjective: '前期协调不够主动。',
  objective: '供电部门排期紧张。',
  plan: '1.11月底前完成迁改。',
};

describe('submit rules', () => {
  it('requires progress and a self-assessment', () => {
    expect(submitProblems({ progressText: ' ', selfAssessment: null })).toHaveLength(2);
    expect(submitProblems({ progressText: '已完成80%。', selfAssessment: '按计划推进' })).toEqual([]);
  });
  it('requires a complete written analysis when the unit says it is lagging', () => {
    const p = submitProblems({
      progressText: '完成40%。',
      selfAssessment: '滞后',
      lagAnalysis: { ...full, subjective: '' },
    });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/滞后分析.*主观/);
    expect(submitProblems({ progressText: '完成40%。', selfAssessment: '滞后', lagAnalysis: full })).toEqual([]);
    expect(submitProblems({ progressText: '完成40%。', selfAssessment: '滞后' })[0]).toMatch(
      /存在问题、滞后原因（主观）、滞后原因（客观）、下一步工作计划/,
    );
  });
});
