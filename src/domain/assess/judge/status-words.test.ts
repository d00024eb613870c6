import { describe, expect, it } from 'vitest';
import { classifyStatusWord, extractSelfAssessment, findSelfAssessment } from './status-words';

describe('self-assessment', () => {
  it.each([
    ['完成总工程量42%（按计划推进）。', '按计划推进'],
    ['已竣工(已完成)', '已完成'],
    ['受拆迁影响进度放缓。滞后', '滞后'],
    ['截至7月底已有50家企业建会，全年目标已超额完成', '超额完成'],
    ['本项已完成全年目标任务', '已完成'],
    ['完成工程量80%（新区幼儿园进度滞后）', null],
    ['已完成招标，正在施工。', null],
    ['完成總工程量六成（按計劃推進）', '按计划推进'],
  ])('%s → %s', (text, word) => {
    expect(extractSelfAssessment(text)).toBe(word);
  });
  it('gives the span of the word', () => {
    const r = findSelfAssessment('完成30%（滞后）');
    expect(r?.span).toEqual([6, 8]);
    expect(r?.class).toBe('behind');
  });
  it('accepts a custom vocabulary', () => {
    const words = [{ word: '顺利推进', class: 'onTrack' as const }];
    expect(extractSelfAssessment('已完成80%（顺利推进）', words)).toBe('顺利推进');
    expect(classifyStatusWord('（严重滞后）')).toBe('severe');
  });
});
