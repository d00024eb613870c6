/** Numbers given as data (an imported 完成数 / 完成率 column) reach the engine through engineInputOf (issue 14 §2). */
import { describe, expect, it } from 'vitest';
import { type AssessmentBasis, assessReport, engineInputOf, judgeReport } from './index';

const basis: AssessmentBasis = {
  annualTarget: '建设公共充电插口120个。',
  periodTarget: '',
  shareNote: '',
  asOf: '2026-09-30',
  schedule: null,
  previous: null,
};

describe('engineInputOf with numbers', () => {
  it('passes the reported values and the published ratio to the engine input', () => {
    const input = engineInputOf(basis, {
      progress: '按计划推进。',
      selfAssessment: null,
      values: [
        { value: 96, unit: '个' },
        { value: 960, unit: '万元' },
      ],
      publishedRatio: 0.8,
    });
    expect(input.values).toEqual([
      { value: 96, unit: '个' },
      { value: 960, unit: '万元' },
    ]);
    expect(input.publishedRatio).toBe(0.8);
    expect(input.progress).toBe('按计划推进。');
  });

  it('leaves them out when there are none (text-only content, as the browser panel sends it)', () => {
    const input = engineInputOf(basis, { progress: '已建成60个。', selfAssessment: null });
    expect('values' in input).toBe(false);
    expect('publishedRatio' in input).toBe(false);
    const empty = engineInputOf(basis, {
      progress: '已建成60个。',
      selfAssessment: null,
      values: [],
      publishedRatio: null,
    });
    expect('values' in empty).toBe(false);
    expect('publishedRatio' in empty).toBe(false);
  });
});

describe('assessReport with numbers', () => {
  it('judges a version whose text is empty but whose columns give numbers', () => {
    expect(judgeReport(basis, { progress: '', selfAssessment: null }).result).toBeNull();
    const a = assessReport(basis, { progress: '', selfAssessment: null, values: [{ value: 96, unit: '个' }] });
    expect(a.computedRatio).toBeCloseTo(96 / 120, 9);
    expect(a.completionRatio).toBeCloseTo(96 / 120, 9);
    expect(a.publishedRatio).toBeNull();
  });

  it('a value without a unit is in the target unit; 万人 folded at import compares with a 万人 target', () => {
    const noUnit = assessReport(basis, { progress: '', selfAssessment: null, values: [{ value: 30, unit: null }] });
    expect(noUnit.computedRatio).toBeCloseTo(0.25, 9);
    const people = assessReport(
      { ...basis, annualTarget: '帮扶就业困难人员5.6万人。' },
      { progress: '', selfAssessment: null, values: [{ value: 32000, unit: '人' }] },
    );
    expect(people.computedRatio).toBeCloseTo(32000 / 56000, 9);
  });

  it('the column value and the published ratio are data: they win over the figures of the text', () => {
    const content = { progress: '已建成充电插口60个，完成50%。', selfAssessment: null };
    const textOnly = assessReport(basis, content);
    expect(textOnly.computedRatio).toBeCloseTo(0.5, 9);
    expect(textOnly.publishedRatio).toBeCloseTo(0.5, 9);
    const withColumns = assessReport(basis, { ...content, values: [{ value: 96, unit: '个' }], publishedRatio: 0.8 });
    expect(withColumns.computedRatio).toBeCloseTo(0.8, 9);
    expect(withColumns.publishedRatio).toBe(0.8);
    expect(withColumns.completionRatio).toBe(0.8);
    expect(withColumns.findings.map((f) => f.rule)).not.toContain('published-ratio-mismatch');
  });

  it('a published ratio that disagrees with the numbers is the completion ratio, and is flagged', () => {
    const a = assessReport(basis, {
      progress: '',
      selfAssessment: null,
      values: [{ value: 96, unit: '个' }],
      publishedRatio: 0.6,
    });
    expect(a.publishedRatio).toBe(0.6);
    expect(a.computedRatio).toBeCloseTo(0.8, 9);
    expect(a.completionRatio).toBe(0.6);
    expect(a.findings.find((f) => f.rule === 'published-ratio-mismatch')?.message).toContain('60.0%');
  });

  it('an investment amount only fits a money target', () => {
    const values = [
      { value: 96, unit: '个' },
      { value: 300, unit: '万元' },
    ];
    const count = assessReport(basis, { progress: '', selfAssessment: null, values });
    expect(count.computedRatio).toBeCloseTo(0.8, 9);
    const withMoney = assessReport(
      { ...basis, annualTarget: '建设公共充电插口120个，完成投资1200万元。' },
      { progress: '', selfAssessment: null, values },
    );
    // the weakest part: 300 of 1200 万元
    expect(withMoney.computedRatio).toBeCloseTo(0.25, 9);
  });
});

describe('numbers given as data against the text', () => {
  const rules = (a: ReturnType<typeof assessReport>) => a.findings.map((f) => f.rule);

  it('flags a text figure that the 完成数 column contradicts, and judges by the column', () => {
    const a = assessReport(basis, {
      progress: '已建成充电插口60个。',
      selfAssessment: null,
      values: [{ value: 96, unit: '个' }],
    });
    expect(a.computedRatio).toBeCloseTo(0.8, 9);
    const f = a.findings.find((x) => x.rule === 'data-text-mismatch');
    expect(f?.message).toContain('60个');
    expect(f?.message).toContain('96个');
    expect(f?.span).toBeDefined();
  });

  it('says nothing when the text and the column agree, or when the text has no figure', () => {
    const same = assessReport(basis, {
      progress: '已建成充电插口96个。',
      selfAssessment: null,
      values: [{ value: 96, unit: '个' }],
    });
    expect(rules(same)).not.toContain('data-text-mismatch');
    const none = assessReport(basis, {
      progress: '充电插口建设进展顺利。',
      selfAssessment: null,
      values: [{ value: 96, unit: '个' }],
    });
    expect(rules(none)).not.toContain('data-text-mismatch');
  });

  it('names a published ratio given as data as 公布的完成率, not as the text’s', () => {
    const a = assessReport(basis, {
      progress: '充电插口建设进展顺利。',
      selfAssessment: null,
      values: [{ value: 60, unit: '个' }],
      publishedRatio: 0.8,
    });
    const f = a.findings.find((x) => x.rule === 'published-ratio-mismatch');
    expect(f?.message.startsWith('公布的完成率80')).toBe(true);
    expect(a.reason).toContain('公布完成率');
  });
});
