import { describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { draftFromDetail, isDirty, toSaveInput } from './report-draft';

// The parts of a report detail the form reads: an imported version with a noted 完成数 and a plain value.
const detail = {
  indicators: [{ id: 'i1' }, { id: 'i2' }, { id: 'i3' }],
  content: {
    progressText: '充电插口建设进展顺利。',
    selfAssessment: '按计划推进',
    problems: '',
    nextSteps: '',
    targetAdjustmentNote: '',
    completedAnnualTarget: false,
    values: [
      { indicatorId: 'i1', value: 96, note: '导入：完成数' },
      { indicatorId: 'i2', value: 5, note: '' },
    ],
    lagAnalysis: null,
  },
} as unknown as ReportDetail;

describe('report draft ↔ save body', () => {
  it('sends a loaded value back with its note, so an unchanged form is the same content', () => {
    const d = draftFromDetail(detail);
    expect(toSaveInput(d, 3, ['i1', 'i2', 'i3']).values).toEqual([
      { indicatorId: 'i1', value: 96, note: '导入：完成数' },
      { indicatorId: 'i2', value: 5 },
      { indicatorId: 'i3', value: null },
    ]);
  });

  it('drops the note of a value the user changed (the note described the old figure)', () => {
    const loaded = draftFromDetail(detail);
    const d = { ...loaded, values: { ...loaded.values, i1: 100 } };
    expect(isDirty(d, loaded)).toBe(true);
    expect(toSaveInput(d, 3, ['i1']).values).toEqual([{ indicatorId: 'i1', value: 100 }]);
  });

  it('a draft kept in the browser before notes were kept still converts', () => {
    const { loadedNotes: _n, ...old } = draftFromDetail(detail);
    expect(toSaveInput(old, 1, ['i1']).values).toEqual([{ indicatorId: 'i1', value: 96 }]);
  });
});
