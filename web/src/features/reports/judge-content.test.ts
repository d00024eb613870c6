/** The 智能研判 panel judges with the numbers the server stores the assessment with (judge-content.ts). */
import { describe, expect, it } from 'vitest';
import { type AssessmentBasis, assessReport, judgeReport, numbersAsData } from '../../../../src/domain/assess';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { holdsShownVersion, panelContent } from './judge-content';
import { draftFromDetail } from './report-draft';

const facts: AssessmentBasis = {
  annualTarget: '建设120个充电插口。',
  periodTarget: '',
  shareNote: '',
  asOf: '2026-09-30',
  schedule: null,
  previous: null,
};

/** An imported version: prose without a figure, 完成数 96 (of 120) and 完成率 80% as columns; one plan indicator. */
const detail = {
  report: { versionNo: 1 },
  indicators: [
    { id: 'ind-plan', name: '充电桩', kind: 'cumulative', unit: '个', targetText: '', targetValue: null },
    { id: 'ind-col', name: '完成数', kind: 'cumulative', unit: '个', targetText: '120个', targetValue: 120 },
  ],
  content: {
    progressText: '充电插口建设进展顺利。',
    selfAssessment: null,
    problems: '',
    nextSteps: '',
    targetAdjustmentNote: '',
    completedAnnualTarget: false,
    values: [
      { indicatorId: 'ind-plan', value: 30 },
      { indicatorId: 'ind-col', value: 96, note: '导入：完成数' },
    ],
    lagAnalysis: null,
  },
  judge: {
    target: facts.annualTarget,
    periodTarget: '',
    basis: 'project',
    facts,
    numbers: { values: [{ value: 96, unit: '个' }], publishedRatio: 0.8 },
    dataColumns: { 'ind-col': 'targetNumber' },
  },
} as unknown as ReportDetail;

/** The assessment the server stores for the imported version (services/assess/assessments.ts loadAssessmentFacts). */
const storedImport = assessReport(facts, {
  progress: detail.content.progressText,
  selfAssessment: null,
  ...numbersAsData([{ value: 96, unit: '个', sourceColumn: 'targetNumber' }], 0.8),
});

const judged = (d: ReportDetail, draft: ReturnType<typeof draftFromDetail>, editable: boolean) =>
  judgeReport(d.judge.facts, panelContent(d, draft, editable)).result;

describe('numbersAsData', () => {
  it('keeps the 完成数 / 完成投资 indicators, 完成数 first, an empty unit as the target’s, a finite ratio', () => {
    expect(
      numbersAsData(
        [
          { value: 960, unit: '万元', sourceColumn: 'investment' },
          { value: 30, unit: '个', sourceColumn: null },
          { value: 96, unit: ' ', sourceColumn: 'targetNumber' },
          { value: null, unit: '个', sourceColumn: 'targetNumber' },
          { value: Number.NaN, unit: '个', sourceColumn: 'targetNumber' },
        ],
        0.8,
      ),
    ).toEqual({
      values: [
        { value: 96, unit: null },
        { value: 960, unit: '万元' },
      ],
      publishedRatio: 0.8,
    });
    expect(numbersAsData([{ value: 30, unit: '个', sourceColumn: null }], Number.NaN)).toEqual({});
    expect(numbersAsData([], null)).toEqual({});
  });
});

describe('panelContent', () => {
  it('a read-only version is judged with the numbers sent with it: the stored assessment', () => {
    expect(storedImport.computedStatus).toBe('超序时进度');
    expect(storedImport.completionRatio).toBe(0.8);
    const r = judged(detail, draftFromDetail(detail), false);
    expect([r?.computedStatus, r?.completionRatio, r?.publishedRatio, r?.computedRatio]).toEqual([
      storedImport.computedStatus,
      storedImport.completionRatio,
      storedImport.publishedRatio,
      storedImport.computedRatio,
    ]);
    // the text alone, as the panel judged before: nothing to compute from
    expect(
      judgeReport(facts, { progress: detail.content.progressText, selfAssessment: null }).result?.computedStatus ??
        null,
    ).toBeNull();
  });

  it('a form not changed yet is the shown version (its 完成率 too)', () => {
    const draft = draftFromDetail(detail);
    expect(holdsShownVersion(detail, draft)).toBe(true);
    expect(panelContent(detail, draft, true)).toEqual({
      progress: detail.content.progressText,
      selfAssessment: null,
      values: [{ value: 96, unit: '个' }],
      publishedRatio: 0.8,
    });
    expect(judged(detail, draft, true)?.computedStatus).toBe(storedImport.computedStatus);
  });

  it('a changed form is judged as a save stores it: the typed 完成数, no published ratio', () => {
    const draft = draftFromDetail(detail);
    draft.values['ind-col'] = 60;
    draft.values['ind-plan'] = 110; // not a data column: not given to the engine
    expect(holdsShownVersion(detail, draft)).toBe(false);
    const content = panelContent(detail, draft, true);
    expect(content).toEqual({
      progress: detail.content.progressText,
      selfAssessment: null,
      values: [{ value: 60, unit: '个' }],
    });
    const r = judged(detail, draft, true);
    expect(r?.completionRatio).toBeCloseTo(0.5, 9);
    expect(r?.publishedRatio).toBeNull();
    expect(['滞后', '严重滞后']).toContain(r?.computedStatus);
    // the same as the server's assessment of the version this save writes (its values, no 完成率)
    const saved = assessReport(facts, {
      progress: detail.content.progressText,
      selfAssessment: null,
      ...numbersAsData([
        { value: 110, unit: '个', sourceColumn: null },
        { value: 60, unit: '个', sourceColumn: 'targetNumber' },
      ]),
    });
    expect([r?.computedStatus, r?.completionRatio, r?.light]).toEqual([
      saved.computedStatus,
      saved.completionRatio,
      saved.light,
    ]);
  });

  it('only the text changed: the 完成数 stays, the import’s 完成率 does not carry over', () => {
    const draft = draftFromDetail(detail);
    draft.progressText = '充电插口建设进展顺利，部分点位已通电。';
    const content = panelContent(detail, draft, true);
    expect(content.values).toEqual([{ value: 96, unit: '个' }]);
    expect('publishedRatio' in content).toBe(false);
    expect(judged(detail, draft, true)?.completionRatio).toBeCloseTo(0.8, 9);
  });

  it('a report without numeric columns gives the engine no numbers', () => {
    const plain = { ...detail, judge: { ...detail.judge, numbers: {}, dataColumns: {} } } as ReportDetail;
    const draft = draftFromDetail(plain);
    draft.values['ind-col'] = 60;
    expect(panelContent(plain, draft, true)).toEqual({ progress: detail.content.progressText, selfAssessment: null });
    expect(panelContent(plain, draftFromDetail(plain), false)).toEqual({
      progress: detail.content.progressText,
      selfAssessment: null,
    });
  });
});
