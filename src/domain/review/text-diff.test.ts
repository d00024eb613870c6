import { describe, expect, it } from 'vitest';
import { diffChanged, diffText, sideOf, tokenize } from './text-diff';

describe('text diff (Chinese)', () => {
  it('tokenizes Han characters one by one and keeps numbers whole', () => {
    expect(tokenize('新增60个，完成85.5%')).toEqual(['新', '增', '60', '个', '，', '完', '成', '85.5%']);
  });
  it('a changed number is one deletion and one insertion', () => {
    const d = diffText('累计新增充电插口60个。', '累计新增充电插口80个。');
    expect(d).toEqual([
      { op: 'equal', text: '累计新增充电插口' },
      { op: 'delete', text: '60' },
      { op: 'insert', text: '80' },
      { op: 'equal', text: '个。' },
    ]);
  });
  it('finds insertions and deletions inside a sentence', () => {
    const before = '已完成选址，正在施工。';
    const after = '已完成选址和设计，正在加紧施工。';
    const d = diffText(before, after);
    expect(d.filter((s) => s.op === 'insert').map((s) => s.text)).toEqual(['和设计', '加紧']);
    expect(d.some((s) => s.op === 'delete')).toBe(false);
    expect(sideOf(d, 'before')).toBe(before);
    expect(sideOf(d, 'after')).toBe(after);
  });
  it('handles empty sides, identical texts and full rewrites', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('', '新增')).toEqual([{ op: 'insert', text: '新增' }]);
    expect(diffText('删除', '')).toEqual([{ op: 'delete', text: '删除' }]);
    expect(diffChanged(diffText('相同', '相同'))).toBe(false);
    const d = diffText('甲乙丙', '丁戊己');
    expect(sideOf(d, 'before')).toBe('甲乙丙');
    expect(sideOf(d, 'after')).toBe('丁戊己');
  });
  it('round-trips long texts with scattered edits', () => {
    const a = '1.今年计划改造老旧小区12个，已开工10个，完工6个。2.加装电梯30部，已完成18部。'.repeat(20);
    const b = `${a.replace(/完工6个/g, '完工8个').replace('18部', '20部')}3.新增停车位100个。`;
    const d = diffText(a, b);
    expect(sideOf(d, 'before')).toBe(a);
    expect(sideOf(d, 'after')).toBe(b);
    expect(d.filter((s) => s.op === 'delete').every((s) => /^\d+$/.test(s.text))).toBe(true);
  });
});

describe('text diff bounds', () => {
  it('a complete rewrite of two long fields stays correct and quick', () => {
    const a = '甲'.repeat(5000);
    const b = '乙'.repeat(5000);
    const t = Date.now();
    const d = diffText(a, b);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(sideOf(d, 'before')).toBe(a);
    expect(sideOf(d, 'after')).toBe(b);
  });
});
