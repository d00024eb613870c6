import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import {
  type Cell,
  cellText,
  type DocModel,
  para,
  type TableBlock,
  textCell,
} from '../../../domain/publish/document/model';
import { sampleDocument } from '../../../domain/publish/document/sample';
import { readImportFile } from '../import/read-import-file';
import { MAX_ROW_HEIGHT, renderXlsx, sanitizeSheetName, wrapLines } from './xlsx-render';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Plain text of a read-back cell (string or rich text). */
function text(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return v == null ? '' : String(v);
}

/** The address of the merge master of a cell (itself when not merged). */
const master = (ws: ExcelJS.Worksheet, r: number, c: number) => ws.getCell(r, c).master.address;

/** The manual page breaks of sheet n (rows after which a page ends); exceljs does not read them back. */
function rowBreaks(buf: Buffer, n: number): number[] {
  const xml = strFromU8(unzipSync(buf)[`xl/worksheets/sheet${n}.xml`]!);
  return [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
}

/** First sheet row whose column `col` reads `value`. */
function rowOf(ws: ExcelJS.Worksheet, col: number, value: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (text(ws.getCell(r, col)) === value) return r;
  throw new Error(`no row with ${value} in column ${col}`);
}

const tableOf = (doc: DocModel) => doc.blocks.find((b): b is TableBlock => b.kind === 'table')!;

/** A one-table document around the given body rows (three columns, one header row). */
function tinyDoc(body: Cell[][], over: Partial<DocModel> = {}): DocModel {
  return {
    page: {
      size: 'A4',
      orientation: 'portrait',
      margins: { top: 37, right: 26, bottom: 35, left: 28 },
      pageNumbers: 'dash',
    },
    bodySize: 16,
    meta: { title: '测试表', sheetName: '测试' },
    blocks: [
      { kind: 'paragraph', style: 'title', para: para('测试表') },
      {
        kind: 'table',
        columns: [{ width: 20 }, { width: 60 }, { width: 40 }],
        header: [[textCell('序号'), textCell('项目名称'), textCell('进展情况')]],
        body,
        fontSize: 12,
      },
    ],
    ...over,
  };
}

const PROGRESS = [
  '1.已完成总体形象进度80%，正开展竣工验收相关工作。',
  '2.已举办2次培训，参加人数达1000人次。',
  '3.已梳理排查问题20项，18项完成整改，2项预计于10月15日前完成整改。',
];

describe('renderXlsx: the sample document', async () => {
  const doc = sampleDocument(24);
  const buf = await renderXlsx(doc);
  const wb = await load(buf);
  const ws = wb.worksheets[0]!;
  const headerRow = rowOf(ws, 1, '民生事项');
  const exampleRow = rowOf(ws, 1, '示  例');

  it('has one sheet for the table and one for the narrative after the page break, with the document properties', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['进展情况', '关于区政府实事项目1-9月推进情况']);
    expect(wb.title).toBe('示范区2026年第三季度民生实事项目进展情况一览表');
    expect(wb.creator).toBe('Shishi');
  });

  it('puts the page paragraphs in rows merged across the table, in their fonts', () => {
    expect(text(ws.getCell('A1'))).toBe('附件1');
    expect(text(ws.getCell('A2'))).toBe('示范区2026年第三季度民生实事项目进展情况一览表');
    for (const r of [1, 2, 3, 4]) expect(master(ws, r, 7)).toBe(`A${r}`);
    const title = ws.getCell('A2');
    expect(title.font).toMatchObject({ name: '方正小标宋简体', size: 18, bold: true });
    expect(title.alignment).toMatchObject({ horizontal: 'center' });
    expect(ws.getCell('A1').font.name).toBe('黑体');
    expect(text(ws.getCell('A3'))).toBe('（截至2026年9月30日）');
    expect(ws.getCell('A3').alignment.horizontal).toBe('center');
    expect(text(ws.getCell('A4'))).toMatch(/^\u3000\u3000对于未完成年度目标/); // first-line indent
    expect(headerRow).toBe(5);
  });

  it('merges the header from the spans (rowSpan 2, the colSpan group) and styles it', () => {
    expect(master(ws, 6, 1)).toBe('A5');
    expect(master(ws, 5, 5)).toBe('D5');
    expect(text(ws.getCell('D5'))).toBe('目标与进展');
    expect(text(ws.getCell('D6'))).toBe('年度目标');
    expect(text(ws.getCell('E6'))).toBe('第三季度进展情况');
    expect(text(ws.getCell('F5'))).toBe('进度\n评价');
    const h = ws.getCell('B5');
    expect(h.font).toMatchObject({ name: '黑体', bold: true });
    expect(h.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(h.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
  });

  it('merges the 示例 row by its colSpans and shades it', () => {
    expect(exampleRow).toBe(7);
    expect([1, 2, 3].map((c) => master(ws, 7, c))).toEqual(['A7', 'A7', 'A7']);
    expect([4, 5].map((c) => master(ws, 7, c))).toEqual(['D7', 'D7']);
    expect([6, 7].map((c) => master(ws, 7, c))).toEqual(['F7', 'G7']);
    expect(text(ws.getCell('D7'))).toBe('有动作、有最新进展、有数据体现，条目式陈列，不超过300字。');
    expect(ws.getCell('A7').fill).toMatchObject({ fgColor: { argb: 'FFF2F2F2' } });
    expect(ws.getCell('F7').fill).toMatchObject({ fgColor: { argb: 'FFF2F2F2' } });
  });

  it('merges each matter cell down over its four projects (and their continuation rows)', () => {
    for (let g = 1; g <= 6; g++) {
      const first = rowOf(ws, 2, `${g}-1`);
      const last = rowOf(ws, 2, `${g}-4`);
      const m = master(ws, first, 1);
      expect(text(ws.getCell(m)), `group ${g}`).toMatch(new RegExp(`^${g}\\.新增养老床位`));
      for (let r = first; r <= last; r++) expect(master(ws, r, 1), `group ${g} row ${r}`).toBe(m);
      expect(master(ws, last + 1, 1), `group ${g} ends`).not.toBe(m);
    }
    expect(master(ws, rowOf(ws, 2, '1-4'), 1)).toBe(`A${exampleRow + 1}`);
  });

  it('borders every cell, merged ones included, and wraps text', () => {
    const covered = ws.getCell(exampleRow + 2, 1); // under the matter cell's master
    expect(covered.isMerged).toBe(true);
    for (const side of ['top', 'left', 'bottom', 'right'] as const) {
      expect(covered.border?.[side]?.style, side).toBe('thin');
      expect(ws.getCell(exampleRow + 1, 5).border?.[side]?.style, side).toBe('thin');
    }
    expect(ws.getCell(exampleRow + 1, 5).alignment.wrapText).toBe(true);
  });

  it('joins a cell’s paragraphs with newlines', () => {
    const r = rowOf(ws, 2, '1-1');
    expect(text(ws.getCell(r, 5))).toBe(PROGRESS.join('\n'));
    expect(text(ws.getCell(r, 7))).toBe('观澜街道\n（协办：区财政局）');
    expect(text(ws.getCell(r, 3))).toBe('第1号示范项目（区共同主办单位：区民政局）区民生实事第1项');
    expect(ws.getCell(r, 5).font.name).toBe('仿宋_GB2312');
    // exceljs reads <sz> as an integer: look at the file for the 五号 size
    expect(strFromU8(unzipSync(buf)['xl/styles.xml']!)).toContain('<sz val="10.5"/><name val="仿宋_GB2312"/>');
  });

  it('keeps the colours of the ▋ marks (the cell font’s colour)', () => {
    const colours = { green: 'FF00B050', yellow: 'FFFFC000', red: 'FFFF0000' };
    for (let i = 0; i < 24; i++) {
      const cell = ws.getCell(rowOf(ws, 2, `${Math.floor(i / 4) + 1}-${(i % 4) + 1}`), 6);
      if (i % 7 === 3) {
        expect(text(cell)).toBe('已完成');
        continue;
      }
      const want = i % 5 === 4 ? colours.red : i % 3 === 2 ? colours.yellow : colours.green;
      expect(cell.value, `project ${i + 1}`).toBe('▋');
      expect(cell.font?.color?.argb, `project ${i + 1}`).toBe(want);
      expect(cell.alignment.horizontal).toBe('center');
    }
  });

  it('freezes the panes below the header, repeats it on every page, prints A4 landscape fit to width', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '5:6',
    });
    expect(ws.pageSetup.margins?.left).toBeCloseTo(20 / 25.4, 2);
    expect(ws.pageSetup.margins?.top).toBeCloseTo(25 / 25.4, 2);
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  });

  it('scales the column widths to the page, keeping their proportions', () => {
    const widths = [1, 2, 3, 4, 5, 6, 7].map((c) => ws.getColumn(c).width!);
    const px = widths.reduce((s, w) => s + Math.floor(w * 7 + 5), 0);
    const usablePx = ((297 - 40) / 25.4) * 96;
    expect(px).toBeLessThanOrEqual(usablePx);
    expect(px).toBeGreaterThan(usablePx - 10);
    expect(widths[4]! / widths[0]!).toBeCloseTo(80 / 48, 1);
  });

  it('sizes rows to their text and never above 409 pt', () => {
    for (let r = 1; r <= ws.rowCount; r++)
      expect(ws.getRow(r).height ?? 15, `row ${r}`).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
    const oneLine = ws.getRow(exampleRow).height!;
    const threeParas = ws.getRow(rowOf(ws, 2, '1-1')).height!;
    expect(threeParas).toBeGreaterThan(oneLine * 1.5);
  });

  it('splits the 40-paragraph cell into continuation rows with all its text, the other cells merged down', () => {
    const long = tableOf(doc).body[6]!.find((c) => c.paras.length === 40)!;
    const first = rowOf(ws, 2, '2-2');
    const next = rowOf(ws, 2, '2-3');
    expect(next - first).toBeGreaterThan(1);
    const pieces: string[] = [];
    for (let r = first; r < next; r++) {
      const cell = ws.getCell(r, 5);
      if (cell.master.address === cell.address && text(cell)) pieces.push(text(cell));
      for (const c of [2, 3, 4, 6, 7]) expect(master(ws, r, c)).toBe(ws.getCell(first, c).address);
    }
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('\n')).toBe(cellText(long));
    // the pieces read as one cell: no border between them
    expect(ws.getCell(first, 5).border?.bottom).toBeUndefined();
    expect(ws.getCell(first + 1, 5).border?.top).toBeUndefined();
  });

  it('sets page breaks so that merged cells crossing one are top-aligned', () => {
    const breaks = rowBreaks(buf, 1);
    expect(breaks.length).toBeGreaterThan(3);
    for (const b of breaks) expect(b).toBeGreaterThan(6);
    const g2 = ws.getCell(rowOf(ws, 2, '2-1'), 1);
    expect(g2.alignment.vertical).toBe('top'); // spans the continuation rows over several pages
  });

  it('writes the narrative part one row per paragraph with its styles', () => {
    const nw = wb.worksheets[1]!;
    const texts = Array.from({ length: nw.rowCount }, (_, i) => text(nw.getCell(i + 1, 1)));
    expect(texts).toEqual([
      '关于区政府实事项目1-9月推进情况',
      '1、新增养老床位250张，新增老年助餐点10个。',
      '\u3000\u3000主责部门：区民政局，配合部门：各街镇',
      '\u3000\u3000完成情况：新增养老床位250张已完成，正式运营；助餐点2个已运营，3个正在装修。',
      '示范区人民政府督查室',
      '2026年10月8日',
    ]);
    expect(nw.getCell('A1').font).toMatchObject({ name: '方正小标宋简体', size: 22 });
    expect(nw.getCell('A2').font.bold).toBe(true);
    expect(nw.getCell('A5').alignment.horizontal).toBe('right');
    const rich = nw.getCell('A4').value as ExcelJS.CellRichTextValue;
    expect(rich.richText[0]).toMatchObject({ text: '\u3000\u3000完成情况：', font: { bold: true } });
    expect(nw.getColumn(1).width).toBeGreaterThan(100);
    expect(nw.pageSetup.printTitlesRow).toBeUndefined();
  });

  it('reads back through our own importer: the header, all 24 projects, the long cell whole', () => {
    const read = readImportFile(buf, 'sample.xlsx');
    const grid = read.tables[0]!.rows;
    expect(grid[4]!.map((c) => c.text)).toEqual([
      '民生事项',
      '序号',
      '项目名称',
      '目标与进展',
      '目标与进展',
      '进度\n评价',
      '主办单位',
    ]);
    expect(grid[5]!.map((c) => c.text).slice(3, 5)).toEqual(['年度目标', '第三季度进展情况']);
    const preview = buildImportPreview(read);
    expect(preview.items).toHaveLength(24);
    const long = preview.items.find((it) => it.name === '第6号示范项目')!;
    expect(long.progress).toBe(cellText(tableOf(doc).body[6]!.find((c) => c.paras.length === 40)!));
    expect(preview.items[4]!.evaluation).toBe('red');
  });
});

describe('renderXlsx: small documents', () => {
  it('neutralises formula-like text: stored as text with quotePrefix, never as a formula', async () => {
    const doc = tinyDoc([
      [textCell('=HYPERLINK("http://x")'), textCell('+1'), textCell('正常')],
      [textCell('@SUM(A1)'), textCell('-2'), textCell('=1+1')],
    ]);
    const buf = await renderXlsx(doc);
    const files = unzipSync(buf);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).not.toMatch(/<f>|<f /);
    const xfs = strFromU8(files['xl/styles.xml']!)
      .match(/<cellXfs\b[\s\S]*?<\/cellXfs>/)![0]
      .match(/<xf\b[^>]*>/g)!;
    const styleOf = (ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1]);
    for (const ref of ['A3', 'B3', 'A4', 'B4', 'C4']) expect(xfs[styleOf(ref)], ref).toMatch(/quotePrefix="1"/);
    for (const ref of ['C3', 'A2', 'A1']) expect(xfs[styleOf(ref)], ref).not.toMatch(/quotePrefix/);
    const ws = (await load(buf)).worksheets[0]!;
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell('B3').value).toBe('+1');
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
  });

  it('sanitises sheet names to Excel’s rules', async () => {
    expect(sanitizeSheetName('进展/情况:[2026]*?')).toBe('进展情况2026');
    expect(sanitizeSheetName("'引号'")).toBe('’引号’');
    expect(sanitizeSheetName('history')).toBe('history1');
    expect(sanitizeSheetName('  ', '表1')).toBe('表1');
    expect(sanitizeSheetName('一'.repeat(40))).toHaveLength(31);
    expect(sanitizeSheetName(`${'一'.repeat(30)}𠀀`)).toHaveLength(30); // no half surrogate pair
    const doc = tinyDoc([[textCell('1'), textCell('甲'), textCell('乙')]], {
      meta: { title: 't', sheetName: '示范区/2026年:第三季度[民生实事]项目进展情况一览表（区民政局、区财政局）*?' },
    });
    const t = tableOf(doc);
    doc.blocks.push({ kind: 'pageBreak' }, { ...t }, { kind: 'pageBreak' }, { ...t });
    const wb = await load(await renderXlsx(doc));
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('示范区2026年第三季度民生实事项目进展情况一览表（区民政局、');
    expect(names.slice(1)).toEqual(['表2', '表3']);
    for (const n of names) expect(n).not.toMatch(/[\\/?*[\]:]/);
    for (const w of wb.worksheets) expect(w.pageSetup.printTitlesRow).toBe(w === wb.worksheets[0] ? '2:2' : '1:1');
    // names stay unique (Excel compares them case-insensitively)
    const clash = tinyDoc([[textCell('1'), textCell('甲'), textCell('乙')]], {
      meta: { title: 't', sheetName: '表2' },
    });
    clash.blocks.push({ kind: 'pageBreak' }, { ...tableOf(clash) });
    const names2 = (await load(await renderXlsx(clash))).worksheets.map((w) => w.name);
    expect(names2).toEqual(['表2', '表2(2)']);
  });

  it('keeps XML-special text, literal _xHHHH_ escapes and edge spaces; drops characters XML cannot hold', async () => {
    const doc = tinyDoc([
      [textCell('<a & "b">'), textCell('_x0041_ 与 _x005F_'), textCell('\u3000首尾空格 ')],
      [textCell('甲\u0001乙\u000b丙'), textCell('换\n行'), textCell('')],
    ]);
    const buf = await renderXlsx(doc);
    const ws = (await load(buf)).worksheets[0]!;
    expect(text(ws.getCell('A3'))).toBe('<a & "b">');
    expect(text(ws.getCell('B3'))).toBe('_x0041_ 与 _x005F_');
    expect(text(ws.getCell('C3'))).toBe('\u3000首尾空格 ');
    expect(text(ws.getCell('A4'))).toBe('甲乙丙');
    expect(text(ws.getCell('B4'))).toBe('换\n行');
    expect(text(ws.getCell('C4'))).toBe('');
    // our importer reads the special characters the same way (it does not decode _xHHHH_ escapes, as Excel does)
    const grid = readImportFile(buf, 't.xlsx').tables[0]!.rows;
    expect(grid.some((row) => row.some((c) => c.text === '<a & "b">'))).toBe(true);
  });

  it('rejects an invalid table', async () => {
    const doc = tinyDoc([[textCell('1'), textCell('甲')]]);
    await expect(renderXlsx(doc)).rejects.toThrow(/covers 2 of 3/);
  });

  it('grows rows with their text and spreads a merged cell’s need over its rows', async () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, k) => `${k + 1}.已完成总体形象进度80%，正开展竣工验收相关工作。`).join('\n');
    const doc = tinyDoc([
      [textCell('1'), textCell('短'), textCell('短')],
      [textCell('2'), textCell('短'), textCell(many(2))],
      [textCell('3'), textCell('短'), textCell(many(5))],
      [textCell('4'), textCell(many(12), { rowSpan: 2 }), textCell('短')],
      [textCell('5'), textCell('短')],
    ]);
    const ws = (await load(await renderXlsx(doc))).worksheets[0]!;
    const h = [3, 4, 5, 6, 7].map((r) => ws.getRow(r).height!);
    expect(h[1]).toBeGreaterThan(h[0]!);
    expect(h[2]).toBeGreaterThan(h[1]!);
    // 12 paragraphs of 2 lines at 12 pt in the merged cell: its two rows together hold 24 lines
    expect(h[3]! + h[4]!).toBeGreaterThan(24 * 12 * 1.3);
    expect(master(ws, 7, 2)).toBe('B6');
    // on one page: the model's vertical alignment stays
    expect(ws.getCell('B6').alignment.vertical).toBe('middle');
    expect(ws.headerFooter.oddFooter).toBe('&C— &P —');
    expect(ws.pageSetup.orientation).toBe('portrait');
  });

  it('writes a narrative without a table as one wide column, splitting a paragraph taller than a page', async () => {
    const long = '已完成总体形象进度80%，正开展竣工验收相关工作，参加人数达1000人次。'.repeat(60);
    const doc: DocModel = {
      ...tinyDoc([]),
      blocks: [
        { kind: 'paragraph', style: 'title', para: para('关于推进情况') },
        { kind: 'paragraph', style: 'body', para: para(long) },
        { kind: 'pageBreak' },
        { kind: 'paragraph', style: 'signature', para: para('督查室') },
      ],
    };
    const buf = await renderXlsx(doc);
    const wb = await load(buf);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    expect(ws.columnCount).toBe(1);
    const texts = Array.from({ length: ws.rowCount }, (_, i) => text(ws.getCell(i + 1, 1)));
    expect(texts[0]).toBe('关于推进情况');
    expect(texts.at(-1)).toBe('督查室');
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.slice(1, -1).join('')).toBe(long);
    for (let r = 1; r <= ws.rowCount; r++) expect(ws.getRow(r).height!).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
    expect(rowBreaks(buf, 1)).toContain(ws.rowCount - 1); // the page break before the signature
  });
});

describe('wrapLines', () => {
  it('counts full-width characters as an em and keeps Latin words whole', () => {
    const em = 12 * (96 / 72);
    expect(wrapLines('一二三四五', em * 10, 12)).toEqual([0]);
    expect(wrapLines('一'.repeat(30), em * 10, 12).length).toBeGreaterThanOrEqual(3);
    expect(wrapLines('1234567890'.repeat(2), em * 10, 12).length).toBeLessThanOrEqual(2);
    const starts = wrapLines('aaaa bbbbbbbbbbbb', em * 5, 12);
    expect(starts[1]).toBe(5); // the long word moves to the next line whole
    expect(wrapLines('', 100, 12)).toEqual([0]);
  });

  it('does not start a line with closing punctuation', () => {
    const starts = wrapLines(`${'一'.repeat(9)}。`, 12 * (96 / 72) * 9.6, 12);
    for (const s of starts) expect('。，'.includes(`${'一'.repeat(9)}。`[s]!)).toBe(false);
  });
});
