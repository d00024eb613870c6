import { describe, expect, it } from 'vitest';
import { type Cells, cellProblem, changedRow, fillColumnDown, pasteBlock, splitNames, toCells } from './grid-cells';

const cols = ['code', 'name', 'lead', 'assist', 'annualTarget', '2027-Q1', 'flags'];
const rows: Cells[] = [0, 1, 2].map((i) => ({ code: `1-${i + 1}`, name: `项目${i}`, lead: '东湖街道', assist: '' }));

describe('the bulk-edit grid', () => {
  it('pastes a block from Excel down and to the right, from the cell pasted into', () => {
    const out = pasteBlock(rows, cols, 1, 'lead', '西岭街道\t区民政局\r\n东湖街道\t\n');
    expect(out[1]).toMatchObject({ lead: '西岭街道', assist: '区民政局' });
    expect(out[2]).toMatchObject({ lead: '东湖街道', assist: '' });
    expect(out[0]).toEqual(rows[0]);
    // Rows beyond the grid are ignored.
    expect(pasteBlock(rows, cols, 2, 'name', 'a\nb\nc')).toHaveLength(3);
  });
  it('fills a value down', () => {
    const out = fillColumnDown(pasteBlock(rows, cols, 0, 'annualTarget', '建成3个'), 0, 'annualTarget');
    expect(out.map((r) => r.annualTarget)).toEqual(['建成3个', '建成3个', '建成3个']);
  });
  it('checks a cell in Chinese', () => {
    const units = new Set(['东湖街道', '西岭街道']);
    expect(cellProblem('lead', '东湖街道、不存在', units)).toBe('找不到单位：不存在');
    expect(cellProblem('lead', '', units)).toBe('须至少有一个牵头单位');
    expect(cellProblem('flags', '人大重点监督、挂牌督办', units)).toBeNull();
    expect(cellProblem('flags', '重点', units)).toMatch(/标记应为/);
    expect(splitNames('东湖街道，西岭街道；区民政局')).toEqual(['东湖街道', '西岭街道', '区民政局']);
  });
  it('sends only the changed columns of a row', () => {
    const r = {
      projectId: 'p',
      version: 3,
      code: '1-1',
      name: '甲',
      leadUnits: ['东湖街道'],
      assistUnits: [],
      annualTarget: '建成2个',
      periodTargets: { '2027-Q1': '' },
      flags: ['key_supervision'],
      status: 'active',
    };
    const o = toCells(r, ['2027-Q1']);
    expect(o.flags).toBe('人大重点监督');
    const c = { ...o, lead: '东湖街道、西岭街道', '2027-Q1': '完成选址', flags: '挂牌督办' };
    expect(changedRow(r, c, o, ['2027-Q1'])).toEqual({
      projectId: 'p',
      version: 3,
      leadUnits: ['东湖街道', '西岭街道'],
      periodTargets: { '2027-Q1': '完成选址' },
      flags: ['listed_supervision'],
    });
  });
});
