import { describe, expect, it } from 'vitest';
import { checkWriting, countChars, splitItems } from './writing';

const rules = (input: Parameters<typeof checkWriting>[0], s?: Parameters<typeof checkWriting>[1]) =>
  checkWriting(input, s).map((f) => f.rule);

describe('checkWriting', () => {
  it('accepts a good numbered progress text', () => {
    expect(rules({ progress: '1.形象进度已达85%，正在准备竣工验收。\n2.举办培训3次，参训900人次。' })).toEqual([]);
  });
  it('flags length, numbering, missing data and empty phrases', () => {
    const long = `已开展工作。${'高度重视，'.repeat(70)}`;
    const r = rules({ progress: long });
    expect(r).toContain('progress-too-long');
    expect(r).toContain('progress-not-numbered');
    expect(r).toContain('progress-no-data');
    expect(r).toContain('empty-phrase');
  });
  it('has a configurable limit and phrase list', () => {
    expect(rules({ progress: '已完成80%。' }, { maxChars: 3 })).toContain('progress-too-long');
    expect(rules({ progress: '已完成80%，效果很好。' }, { emptyPhrases: ['效果很好'] })).toContain('empty-phrase');
  });
  it('asks for 1. 2. instead of 1、', () => {
    expect(rules({ progress: '1、已完成3个。\n2、已完成5个。' })).toContain('numbering-style');
  });
  it('requires impact for problems and measures with deadlines', () => {
    expect(rules({ problems: '电缆需迁移。', nextSteps: '' })).toEqual(['problem-no-impact', 'problem-no-measure']);
    const r = rules({
      problems: '1.电缆需迁移，可能推迟验收，工期已延误1个月。',
      nextSteps: '1.协调供电局完成电缆迁移，10月底前完成。\n2.加快施工。',
    });
    expect(r).toEqual(['next-step-no-deadline']);
  });
  it('flags a problem without a matching measure', () => {
    const r = checkWriting({ problems: '1.围墙施工交叉，影响工期1个月。', nextSteps: '1.督促设计单位11月底前出图。' });
    expect(r.map((f) => f.rule)).toContain('problem-unaddressed');
    expect(r.find((f) => f.rule === 'problem-unaddressed')?.span).toBeDefined();
  });
  it('ignores 无 in problems', () => {
    expect(rules({ problems: '无', nextSteps: '无' })).toEqual([]);
  });
  it('splits numbered items and counts characters', () => {
    expect(splitItems('1.甲。2.乙。3.丙').map((i) => i.index)).toEqual([1, 2, 3]);
    expect(countChars('a b\nc')).toBe(3);
  });
});
