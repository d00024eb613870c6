import { describe, expect, it } from 'vitest';
import { BUILTIN_LAYOUTS, OVERVIEW_TABLE } from './builtin';
import { checkLayout, layoutPlace } from './validate';

describe('checking an edited layout', () => {
  it('accepts the built-in layouts', () => {
    for (const l of BUILTIN_LAYOUTS) expect(checkLayout(l).ok, l.id).toBe(true);
  });

  it('names the place and the problem in Chinese', () => {
    const bad = {
      ...OVERVIEW_TABLE,
      title: undefined,
      columns: OVERVIEW_TABLE.columns.map((c, i) => (i === 2 ? { ...c, header: 'x'.repeat(201) } : c)),
      includeStates: [],
      page: { ...OVERVIEW_TABLE.page, orientation: 'sideways' },
    };
    const res = checkLayout(bad);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.message).toContain('“标题”为必填项');
    expect(res.message).toContain('“第3列·表头”不能超过200个字符');
    expect(res.message).toContain('“印出的填报状态”至少1项');
    expect(res.message).toContain('“页面·纸张方向”应为以下之一：纵向、横向');
    expect(res.issues).toContainEqual({ path: ['columns', 2, 'header'], message: '不能超过200个字符' });
  });

  it('refuses a table without columns and example rules without a column', () => {
    const none = checkLayout({ ...OVERVIEW_TABLE, columns: [] });
    expect(!none.ok && none.message).toContain('表格版式至少需要一列');
    const stray = checkLayout({ ...OVERVIEW_TABLE, columns: OVERVIEW_TABLE.columns.slice(0, 7) });
    expect(!stray.ok && stray.message).toContain('“示例行·单元格·第8列”没有对应的列');
  });

  it('describes places', () => {
    expect(layoutPlace(['sizes', 'title'])).toBe('字号·标题');
    expect(layoutPlace(['preamble', 1])).toBe('表前说明第2段');
    expect(layoutPlace(['columns', 0, 'value', 'field'])).toBe('第1列·显示内容');
  });
});
