import { describe, expect, it } from 'vitest';
import { formatCode, moveInOrder, parseCode, renumberMatters, renumberProjects } from './renumber';
import { splitProblem } from './split-target';
import { adjustedAnnualTarget, scaledPeriodTargets } from './target-adjustment';
import { isSelfOrDescendant, sequenceTree, withDescendants } from './tree-order';

const matters = [
  { id: 'm19', number: '19', seq: 2 },
  { id: 'm29', number: '29', seq: 3 },
];
const projects = [
  { id: 'a', code: '19-1', matterId: 'm19', parentId: null, seq: 2 },
  { id: 'b', code: '旧', matterId: 'm19', parentId: null, seq: 1 },
  { id: 'c', code: '', matterId: 'm29', parentId: null, seq: 1 },
  { id: 'c1', code: '', matterId: 'm29', parentId: 'c', seq: 5 },
  { id: 'c2', code: '', matterId: 'm29', parentId: 'c', seq: 3 },
];

describe('renumbering', () => {
  it('numbers "19-2" style: matter number, then the position under the matter', () => {
    const out = renumberProjects('dash', matters, projects);
    expect(Object.fromEntries(out.map((c) => [c.id, c.newCode]))).toEqual({
      a: '19-2',
      b: '19-1',
      c: '29-1',
      c1: '29-1-2',
      c2: '29-1-1',
    });
    expect(out.find((c) => c.id === 'b')).toEqual({ id: 'b', oldCode: '旧', newCode: '19-1' });
  });
  it('numbers "第29-12项" style', () => {
    const out = renumberProjects('item', matters, projects);
    expect(out.find((c) => c.id === 'c')?.newCode).toBe('第29-1项');
    expect(out.find((c) => c.id === 'c2')?.newCode).toBe('第29-1-1项');
    expect(formatCode('item', '29', [12])).toBe('第29-12项');
  });
  it('leaves codes that already fit out of the changes', () => {
    const once = renumberProjects('dash', matters, projects);
    const applied = projects.map((p) => ({ ...p, code: once.find((c) => c.id === p.id)?.newCode ?? p.code }));
    expect(renumberProjects('dash', matters, applied)).toEqual([]);
  });
  it('numbers projects without a matter 1, 2 …', () => {
    expect(renumberProjects('dash', [], [{ id: 'x', code: '', matterId: null, parentId: null, seq: 1 }])).toEqual([
      { id: 'x', oldCode: '', newCode: '1' },
    ]);
  });
  it('parses both styles', () => {
    expect(parseCode('第29-12项')).toEqual(['29', '12']);
    expect(parseCode('19-2')).toEqual(['19', '2']);
    expect(parseCode('19－2')).toEqual(['19', '2']);
    expect(parseCode('一、')).toBeNull();
  });
  it('renumbers matters 1, 2 … in their order', () => {
    expect(renumberMatters(matters)).toEqual([
      { id: 'm19', oldNumber: '19', newNumber: '1' },
      { id: 'm29', oldNumber: '29', newNumber: '2' },
    ]);
  });
  it('moves an item to a position', () => {
    expect(moveInOrder(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(moveInOrder(['a', 'b', 'c'], 'a', 9)).toEqual(['b', 'c', 'a']);
    expect(moveInOrder(['a', 'b'], 'x', 1)).toEqual(['a', 'x', 'b']);
  });
});

describe('target adjustment texts', () => {
  it('replaces the indicator’s old target inside the annual target', () => {
    expect(
      adjustedAnnualTarget('建设120个充电插口。', '建设120个充电插口', '建设100个充电插口', ['建设100个充电插口']),
    ).toBe('建设100个充电插口。');
  });
  it('takes the new text for a one-indicator project, else rebuilds from the indicators', () => {
    expect(adjustedAnnualTarget('完工。', '竣工', '主体完工', ['主体完工'])).toBe('主体完工');
    expect(adjustedAnnualTarget('新增40台', '新增20台（东湖）', '新增15台', ['新增15台', '新增20台'])).toBe(
      '新增15台；新增20台',
    );
  });
  it('scales the later period targets by new/old, value and text', () => {
    const t = [
      { id: 'q2', periodKey: '2026-Q2', targetText: '累计建设60个', targetValue: 60 },
      { id: 'q3', periodKey: '2026-Q3', targetText: '累计建设90个充电插口', targetValue: 90 },
      { id: 'q4', periodKey: '2026-Q4', targetText: '累计建设120个', targetValue: 120 },
    ];
    expect(scaledPeriodTargets(t, 120, 100, '2026-08-20')).toEqual([
      { id: 'q3', periodKey: '2026-Q3', targetText: '累计建设75个充电插口', targetValue: 75 },
      { id: 'q4', periodKey: '2026-Q4', targetText: '累计建设100个', targetValue: 100 },
    ]);
    expect(scaledPeriodTargets(t, null, 100, '2026-08-20')).toEqual([]);
  });
});

describe('split targets', () => {
  it('accepts parts that add up to the annual target', () => {
    expect(
      splitProblem('电梯', 40, '台', [
        { unitName: '东湖街道', value: 20 },
        { unitName: '西岭街道', value: 20 },
      ]),
    ).toBeNull();
  });
  it('names the difference in Chinese', () => {
    expect(
      splitProblem('电梯', 40, '台', [
        { unitName: '东湖街道', value: 20 },
        { unitName: '西岭街道', value: 15 },
      ]),
    ).toBe('各单位分解目标合计35台，与年度目标40台不一致（少5台）');
    expect(splitProblem('电梯', null, '台', [])).toMatch(/没有年度目标数值/);
  });
});

describe('tree order', () => {
  const cats = [
    { id: 'c2', seq: 1 },
    { id: 'c1', seq: 0 },
  ];
  const ms = [
    { id: 'm1', seq: 5, categoryId: 'c1' },
    { id: 'm2', seq: 1, categoryId: 'c2' },
  ];
  const ps = [
    { id: 'p2', seq: 9, matterId: 'm2', parentId: null },
    { id: 'p1', seq: 3, matterId: 'm1', parentId: null },
    { id: 'p1a', seq: 1, matterId: 'm1', parentId: 'p1' },
    { id: 'x', seq: 1, matterId: null, parentId: null },
  ];
  it('numbers matters and projects on one scale in the order of the tree', () => {
    const s = sequenceTree(cats, ms, ps);
    expect([...s.categories]).toEqual([
      ['c1', 1],
      ['c2', 2],
    ]);
    expect(Object.fromEntries([...s.matters, ...s.projects])).toEqual({ m1: 1, p1: 2, p1a: 3, m2: 4, p2: 5, x: 6 });
  });
  it('finds descendants', () => {
    expect(isSelfOrDescendant(ps, 'p1', 'p1a')).toBe(true);
    expect(isSelfOrDescendant(ps, 'p1a', 'p1')).toBe(false);
    expect(withDescendants(ps, ['p1']).sort()).toEqual(['p1', 'p1a']);
  });
});
