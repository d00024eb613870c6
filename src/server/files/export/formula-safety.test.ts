import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FORMULA_START, markFormulaLikeCells, quotePrefixTextStyles } from './formula-safety';

describe('formula safety', () => {
  it('knows the OWASP triggers and nothing else', () => {
    for (const s of ['=1', '+1', '-2', '@SUM(1)', '\t=1', '\r=1']) expect(FORMULA_START.test(s), s).toBe(true);
    for (const s of ['1', '已完成', ' =1', '（=1）', '', '\n=1']) expect(FORMULA_START.test(s), s).toBe(false);
  });

  it('marks string and rich-text cells only', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = '=1+1';
    ws.getCell('A2').value = { richText: [{ text: '@' }, { text: 'SUM(1)' }] };
    ws.getCell('A3').value = -2;
    ws.getCell('A4').value = '正常文字';
    ws.getCell('A5').value = { formula: '1+1', result: 2 };
    expect(markFormulaLikeCells(wb)).toBe(2);
    expect(ws.getCell('A1').numFmt).toBe('@');
    expect(ws.getCell('A3').numFmt).toBeUndefined();
  });

  it('turns Text-format cell styles into General + quotePrefix, in cellXfs only', () => {
    const xml =
      '<styleSheet><cellStyleXfs count="1"><xf numFmtId="49" fontId="0"/></cellStyleXfs>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0"/>' +
      '<xf numFmtId="49" fontId="1" applyNumberFormat="1"><alignment wrapText="1"/></xf>' +
      '<xf numFmtId="10" fontId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';
    expect(quotePrefixTextStyles(xml)).toBe(
      '<styleSheet><cellStyleXfs count="1"><xf numFmtId="49" fontId="0"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0" fontId="0"/>' +
        '<xf quotePrefix="1" numFmtId="0" fontId="1"><alignment wrapText="1"/></xf>' +
        '<xf numFmtId="10" fontId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    );
  });

  it('is the only place that writes .xlsx files on the server', () => {
    const root = join(import.meta.dirname, '..', '..');
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('__fixtures__'),
    );
    const offenders = sources.filter(
      (f) =>
        !f.endsWith('formula-safety.ts') &&
        /\.xlsx\.(write|writeBuffer|writeFile)\(/.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(sources).toContain(join('files', 'export', 'consolidated-xlsx.ts'));
    expect(offenders).toEqual([]);
  });
});
