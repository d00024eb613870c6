import { describe, expect, it } from 'vitest';
import { defaultDiffPair, diffVersions, sameContent, type VersionContent } from './report-diff';

const base: VersionContent = {
  progressText: '累计新增充电插口60个。',
  selfAssessment: '按计划推进',
  problems: '无',
  nextSteps: '10月底前完成验收。',
  targetAdjustmentNote: '',
  lagAnalysis: null,
  values: [{ indicatorId: 'i1', value: 60 }],
};

describe('report diff', () => {
  it('diffs inside fields and lists number changes', () => {
    const d = diffVersions(
      base,
      { ...base, progressText: '累计新增充电插口80个。', values: [{ indicatorId: 'i1', value: 80 }] },
      [{ id: 'i1', name: '充电插口', unit: '个' }],
    );
    expect(d.changed).toBe(true);
    const progress = d.fields.find((f) => f.key === 'progressText')!;
    expect(progress.changed).toBe(true);
    expect(progress.segments).toContainEqual({ op: 'insert', text: '80' });
    expect(d.values).toEqual([
      { indicatorId: 'i1', name: '充电插口', unit: '个', before: 60, after: 80, delta: 20, changed: true },
    ]);
    expect(d.fields.find((f) => f.key === 'problems')!.changed).toBe(false);
  });
  it('defaults to the returned version against the current one', () => {
    const versions = [
      { versionNo: 1, action: 'save' },
      { versionNo: 2, action: 'submit' },
      { versionNo: 3, action: 'return' },
      { versionNo: 4, action: 'save' },
      { versionNo: 5, action: 'submit' },
    ];
    expect(defaultDiffPair(versions, 5)).toEqual({ from: 3, to: 5 });
    expect(defaultDiffPair(versions.slice(0, 2), 2)).toEqual({ from: 1, to: 2 });
    expect(defaultDiffPair(versions.slice(0, 1), 1)).toBeNull();
  });
  it('sameContent ignores value order and treats missing notes as empty', () => {
    const a = {
      ...base,
      completedAnnualTarget: false,
      values: [
        { indicatorId: 'b', value: 1 },
        { indicatorId: 'a', value: 2 },
      ],
    };
    const b = {
      ...a,
      values: [
        { indicatorId: 'a', value: 2 },
        { indicatorId: 'b', value: 1 },
      ],
    };
    expect(sameContent(a, b)).toBe(true);
    expect(sameContent(a, { ...b, problems: '有' })).toBe(false);
    expect(sameContent(a, { ...b, values: [...b.values, { indicatorId: 'c', value: null }] })).toBe(true);
  });
});
