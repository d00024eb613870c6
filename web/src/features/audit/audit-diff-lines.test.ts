import { describe, expect, it } from 'vitest';
import { auditDiff, diffLabel } from './audit-diff-lines';

describe('the audit diff', () => {
  it('lists each field once with its old and new value, marking what changed', () => {
    const lines = auditDiff(
      { displayName: '西岭填报员', role: 'reporter', units: ['西岭街道'], phone: '未填写' },
      {
        displayName: '西岭填报员（新）',
        role: 'reporter',
        units: ['西岭街道（联络员）', '东湖街道'],
        sessionsEnded: 2,
      },
    );
    expect(lines).toEqual([
      { path: 'displayName', before: '西岭填报员', after: '西岭填报员（新）', change: 'changed' },
      { path: 'role', before: 'reporter', after: 'reporter', change: 'same' },
      { path: 'units', before: '西岭街道', after: '西岭街道（联络员）、东湖街道', change: 'changed' },
      { path: 'phone', before: '未填写', after: '', change: 'removed' },
      { path: 'sessionsEnded', before: '', after: '2', change: 'added' },
    ]);
  });
  it('flattens nested objects and lists of objects, and names fields in Chinese', () => {
    const lines = auditDiff(null, { moved: { 账号所属单位: 1 }, list: [{ a: true }] });
    expect(lines.map((l) => [l.path, l.after])).toEqual([
      ['moved.账号所属单位', '1'],
      ['list[1].a', '是'],
    ]);
    expect(diffLabel('displayName')).toBe('姓名');
    expect(diffLabel('moved.账号所属单位')).toBe('移动的引用 · 账号所属单位');
  });
});
