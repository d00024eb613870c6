import { describe, expect, it } from 'vitest';
import { progressCell } from './progress-cell';

describe('progressCell', () => {
  it.each([
    ['完成39%', '按计划推进', '完成39%（按计划推进）'],
    ['完成39%。', '按计划推进', '完成39%（按计划推进）。'],
    ['完成39%（按计划推进）。', '按计划推进', '完成39%（按计划推进）。'],
    ['完成39%(按计划推进)', '按计划推进', '完成39%(按计划推进)'],
    ['已新增5台；', '滞后', '已新增5台（滞后）'],
    ['', '已完成', '（已完成）'],
    ['完成39%', null, '完成39%'],
  ])('%s + %s', (p, sa, out) => {
    expect(progressCell(p, sa)).toBe(out);
  });
});
