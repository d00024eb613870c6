/**
 * The new text forms (one cell per line without tabs, cells separated by runs of spaces) and the realignment of
 * office rows stay within the import limits: too many rows are refused, columns beyond the limit are dropped, and a
 * large file realigns in bounded time.
 */
import { describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import { realignShiftedRows } from '../../../domain/collect/import/realign';
import type { GridRow } from '../../../domain/collect/import/types';
import { ImportFileError } from './errors';
import { readText } from './read-text';

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof ImportFileError ? e.code : String(e);
  }
}

describe('limits on the new text forms', () => {
  it('one cell per line: more rows than the limit are refused', () => {
    const lines = ['序号', '项目名称', '进展情况', '牵头单位'];
    for (let i = 1; i <= 1200; i++) lines.push(String(i), `项目${i}`, `已完成${i}个`, '区民政局');
    expect(readText(lines.join('\n')).form).toBe('cells');
    expect(code(() => readText(lines.join('\n'), { maxRows: 1000 }))).toBe('TOO_MANY_ROWS');
  });

  it('cells separated by spaces: rows beyond the limit are refused, columns beyond it dropped', () => {
    const header = ['序号', '项目名称', '进展情况', '牵头单位', ...Array.from({ length: 300 }, (_, i) => `列${i}`)];
    const lines = [header.join('   ')];
    for (let i = 1; i <= 30; i++) lines.push(`${i}   项目${i}   已完成   区民政局`);
    const read = readText(lines.join('\n'));
    expect(read.form).toBe('spaces');
    expect(read.tables[0]!.rows[0]!.length).toBe(200);
    expect(code(() => readText(lines.join('\n'), { maxRows: 10 }))).toBe('TOO_MANY_ROWS');
    expect(code(() => readText(lines.join('\n'), { maxGridCells: 100 }))).toBe('GRID_TOO_LARGE');
  });

  it('realigning 20,000 office rows, a third of them shifted, puts dropped-number rows back and keeps every row', () => {
    const header: GridRow = ['序号', '项目名称', '计量单位', '计划数', '完成数', '完成率', '牵头单位'].map((t) => ({
      text: t,
    }));
    const rows: GridRow[] = [header];
    for (let i = 0; i < 20_000; i++) {
      const full = [String(i + 1), `项目${i}`, '个', String(100 + i), String(80 + i), `${i % 100}%`, `第${i % 9}街道`];
      const cells = i % 3 === 0 ? full.slice(1) : full;
      const row: GridRow = cells.map((t) => ({ text: t }));
      while (row.length < 7) row.push({ text: '' });
      rows.push(row);
    }
    const t0 = performance.now();
    const out = realignShiftedRows(rows);
    const ms = performance.now() - t0;
    expect(out).toHaveLength(rows.length);
    console.log(`realign 20,000 rows × 7 columns: ${ms.toFixed(0)} ms`);
    expect(out[1]![0]!.text).toBe('');
    expect(out[1]![1]!.text).toBe('项目0');
    expect(out[2]).toBe(rows[2]);
  });

  it('a pasted table preview stays well-formed when every row is short', () => {
    const text = ['序号\t项目名称\t进展情况\t牵头单位', '1\t项目甲', '2\t项目乙', '3\t项目丙'].join('\n');
    const p = buildImportPreview(readText(text));
    expect(p.items.map((i) => i.name)).toEqual(['项目甲', '项目乙', '项目丙']);
  });
});
