import { describe, expect, it } from 'vitest';
import {
  differenceId,
  flagChanges,
  mergeReportContent,
  sameReportContent,
  suggestedByDefault,
  unitChanges,
} from './differences';

const content = (over: Partial<Parameters<typeof sameReportContent>[0]> = {}) => ({
  progressText: '已建成60个。',
  selfAssessment: '按计划推进',
  problems: '无',
  nextSteps: '加快施工。',
  completedAnnualTarget: 0,
  ...over,
});

describe('re-import differences', () => {
  it('never removes a flag the file cannot express, and lists a missing 人大重点监督 as a removal', () => {
    expect(flagChanges(['key_supervision', 'continued'], [])).toEqual({ added: [], removed: ['key_supervision'] });
    expect(flagChanges(['continued'], ['listed_supervision', 'listed_supervision'])).toEqual({
      added: ['listed_supervision'],
      removed: [],
    });
  });

  it('removes units only from roles the file lists', () => {
    const existing = [
      { orgId: 'a', role: 'lead' },
      { orgId: 'c', role: 'assist' },
    ];
    const imported = [{ orgId: 'b', role: 'lead', name: 'B' }];
    expect(unitChanges(existing, imported, new Set(['lead']))).toEqual({
      added: [{ orgId: 'b', role: 'lead', name: 'B' }],
      removed: [{ orgId: 'a', role: 'lead' }],
    });
    expect(unitChanges(existing, imported, new Set()).removed).toEqual([]);
  });

  it('keeps the unit’s fields the file does not have, and names the fields that differ', () => {
    const cur = content();
    const m = mergeReportContent(cur, content({ progressText: '已建成95个。', problems: '', nextSteps: '' }));
    expect(m.content).toEqual(content({ progressText: '已建成95个。' }));
    expect(m.changed).toEqual(['进展情况']);
    expect(mergeReportContent(cur, content({ problems: '', nextSteps: '' })).changed).toEqual([]);
    expect(sameReportContent(cur, content())).toBe(true);
  });

  it('ids are stable for the same values and change with them', () => {
    expect(differenceId('annualTarget', 'p1', ['a', 'b'])).toBe(differenceId('annualTarget', 'p1', ['a', 'b']));
    expect(differenceId('annualTarget', 'p1', ['a', 'b'])).not.toBe(differenceId('annualTarget', 'p1', ['a', 'c']));
    expect(suggestedByDefault('report')).toBe(false);
    expect(suggestedByDefault('flagRemoved')).toBe(false);
    expect(suggestedByDefault('annualTarget')).toBe(true);
  });
});
