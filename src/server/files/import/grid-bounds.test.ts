/**
 * Issue 8 §1.1: small files whose spans or merges expand into a huge grid, and a 1,000,000-line paste. Each is
 * refused with a Chinese 413 while it is being read (the expanded grid is bounded, not only the bytes and rows),
 * well before any memory is exhausted. The hostile files are generated here.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import { xlsxFromSheets } from './__fixtures__/minimal';
import { DEFAULT_IMPORT_LIMITS, ImportFileError } from './errors';
import { readImportFile, readPastedText } from './read-import-file';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** Runs `fn`, expects an ImportFileError with `code`, a Chinese message and status 413 within 5 s (prints the time). */
function refusedQuickly(label: string, fn: () => unknown, code: string): ImportFileError {
  const t0 = performance.now();
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  const ms = performance.now() - t0;
  console.log(`${label}: refused in ${ms.toFixed(0)} ms (${(caught as Error | undefined)?.message ?? 'not refused'})`);
  expect(caught).toBeInstanceOf(ImportFileError);
  const e = caught as ImportFileError;
  expect(e.code).toBe(code);
  expect(e.status).toBe(413);
  expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(ms).toBeLessThan(5000);
  return e;
}

/** An HTML table of `rows` rows, each one cell spanning `span` columns (≈ 30 bytes a row). */
function spannedHtml(rows: number, span: number): string {
  return `<table><tr><td>项目名称</td><td>进展情况</td></tr>${`<tr><td colspan=${span}>x</td></tr>`.repeat(rows)}</table>`;
}

/** A .docx stored without compression (no ratio to trip on) whose rows hold one cell with gridSpan = span. */
function spannedDocx(rows: number, span: number): Uint8Array {
  const row = `<w:tr><w:tc><w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>`;
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body><w:tbl>${row.repeat(rows)}</w:tbl></w:body></w:document>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8(xml),
    },
    { level: 0 },
  );
}

describe('expanded-grid bound (spans and merges)', () => {
  it('the limits are in the limits object', () => {
    expect(DEFAULT_IMPORT_LIMITS.maxGridCells).toBeLessThanOrEqual(2_000_000);
    expect(DEFAULT_IMPORT_LIMITS.maxColumns).toBeLessThanOrEqual(500);
  });

  it('HTML: colspan=200 on 49,000 rows (≈1.5 MB) → GRID_TOO_LARGE', () => {
    const html = spannedHtml(49_000, 200);
    expect(html.length).toBeGreaterThan(1_400_000);
    const e = refusedQuickly('html colspan=200 × 49,000', () => readPastedText(html), 'GRID_TOO_LARGE');
    expect(e.message).toContain('2,000,000');
    refusedQuickly('html upload colspan=200 × 49,000', () => readImportFile(strToU8(html), 't.html'), 'GRID_TOO_LARGE');
  });

  it('HTML: rowspan × colspan on a few cells is counted as expanded', () => {
    // 12 cells of rowspan=1000 colspan=200, one every 1,000 rows: 24 KB that would expand to 2.4 million cells.
    const block = `<tr><td rowspan=1000 colspan=200>x</td></tr>${'<tr></tr>'.repeat(999)}`;
    const html = `<table>${block.repeat(12)}</table>`;
    refusedQuickly('html rowspan=1000 colspan=200 × 12', () => readPastedText(html), 'GRID_TOO_LARGE');
  });

  it('.docx: gridSpan=200 on 49,000 rows, stored uncompressed → GRID_TOO_LARGE', () => {
    const doc = spannedDocx(49_000, 200);
    expect(doc.length).toBeGreaterThan(4_000_000);
    refusedQuickly('docx gridSpan=200 × 49,000', () => readImportFile(doc, 'span.docx'), 'GRID_TOO_LARGE');
  });

  it('.xlsx: one merge A1:GR50000 → GRID_TOO_LARGE', () => {
    const rows: string[][] = [];
    for (let i = 0; i < 50_000; i++) rows.push(['x']);
    const x = xlsxFromSheets([{ name: 'S', rows, merges: ['A1:GR50000'] }]);
    refusedQuickly('xlsx merge A1:GR50000', () => readImportFile(x, 'merge.xlsx'), 'GRID_TOO_LARGE');
  });

  it('a legal table with spans still reads', () => {
    const html = `<table><tr><td>项目名称</td><td colspan=2>进展情况</td></tr>${'<tr><td>公园</td><td colspan=2>完工</td></tr>'.repeat(1000)}</table>`;
    const r = readPastedText(html);
    expect(r.tables[0]!.rows).toHaveLength(1001);
    expect(r.tables[0]!.rows[5]).toHaveLength(3);
    const doc = spannedDocx(1000, 3);
    expect(readImportFile(doc, 'ok.docx').tables[0]!.rows).toHaveLength(1000);
  });
});

describe('text: the same row limit, counting data rows', () => {
  it('a 1,000,000-line paste → TOO_MANY_ROWS (413), no stack overflow', () => {
    const lines: string[] = ['序号\t项目名称\t进展情况'];
    for (let i = 1; i < 1_000_000; i++) lines.push(`${i}\t项目${i}\t完成`);
    const text = lines.join('\n');
    refusedQuickly('text 1,000,000 lines (tsv)', () => readPastedText(text), 'TOO_MANY_ROWS');
    const narrative = 'x\n'.repeat(1_000_000);
    refusedQuickly('text 1,000,000 lines (narrative)', () => readPastedText(narrative), 'TOO_MANY_ROWS');
  });

  it('a header plus exactly maxRows data rows is accepted; one more data row is not', () => {
    const maxRows = 1000;
    const make = (n: number) => {
      const lines = ['序号\t项目名称\t进展情况'];
      for (let i = 1; i <= n; i++) lines.push(`${i}\t项目${i}\t完成`);
      return lines.join('\n');
    };
    const ok = readPastedText(make(maxRows), { limits: { maxRows, maxHeaderRows: 1 } });
    expect(ok.tables[0]!.rows).toHaveLength(maxRows + 1);
    expect(() => readPastedText(make(maxRows + 1), { limits: { maxRows, maxHeaderRows: 1 } })).toThrow(
      /超过 1000 行数据/,
    );
  });

  it('50,000 data rows under a header preview without a stack overflow', () => {
    const lines = ['序号\t项目名称\t进展情况\t主办单位'];
    for (let i = 1; i <= 50_000; i++) lines.push(`${i}\t项目${i}\t已完成\t区城管局`);
    const prev = buildImportPreview(readPastedText(lines.join('\n')));
    expect(prev.items.length).toBe(50_000);
  }, 60_000);
});
