/**
 * xlsx-write's additions for the consolidated table: number cells with number formats, unwrapped cells, the default
 * font, and writeAsync's own zip container (zlib-deflated parts).
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type XStyle, XWorkbook } from './xlsx-write';

const FONT = { name: '仿宋_GB2312', size: 10, charset: 134 };
const TEXT: XStyle = { font: FONT, horizontal: 'left', vertical: 'top', border: 'all' };
const PERCENT: XStyle = { ...TEXT, horizontal: 'center', vertical: 'middle', numFmt: '0.0%' };
const ONE_LINE: XStyle = { ...TEXT, border: 'none', wrap: false };

function book(): XWorkbook {
  const wb = new XWorkbook();
  const ws = wb.addSheet('表');
  ws.widths = [10, 12, 30];
  ws.cell(1, 1, '（截至2026年9月30日）', ONE_LINE);
  ws.cell(2, 1, 3, TEXT);
  ws.cell(2, 2, 0.725, PERCENT);
  ws.cell(2, 3, "=cmd|' /C calc'!A0", PERCENT);
  ws.cell(3, 2, Number.NaN, PERCENT);
  ws.cell(3, 3, `长文字${'。'.repeat(5000)}`, TEXT);
  return wb;
}
const props = { title: '标题', creator: '督查室', created: new Date('2026-10-15T08:30:00Z') };

/** CRC-32 (zip), bit by bit. */
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('XWorkbook', () => {
  it('writeAsync packs the same parts as write, in a zip whose entries check out', async () => {
    const a = await book().writeAsync(props);
    const b = book().write(props);
    const pa = unzipSync(a);
    const pb = unzipSync(b);
    expect(Object.keys(pa)).toEqual(Object.keys(pb));
    for (const k of Object.keys(pb)) expect(strFromU8(pa[k]!), k).toBe(strFromU8(pb[k]!));
    // Walk the central directory: each entry's CRC and sizes match its local data.
    const end = a.length - 22;
    expect(a.readUInt32LE(end)).toBe(0x06054b50);
    const count = a.readUInt16LE(end + 10);
    expect(count).toBe(Object.keys(pb).length);
    let at = a.readUInt32LE(end + 16);
    for (let i = 0; i < count; i++) {
      expect(a.readUInt32LE(at)).toBe(0x02014b50);
      const crc = a.readUInt32LE(at + 16);
      const size = a.readUInt32LE(at + 20);
      const nameLength = a.readUInt16LE(at + 28);
      const local = a.readUInt32LE(at + 42);
      const name = a.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      expect(a.readUInt32LE(local)).toBe(0x04034b50);
      const data = inflateRawSync(a.subarray(local + 30 + nameLength, local + 30 + nameLength + size));
      expect(crc32(data), name).toBe(crc);
      expect(strFromU8(data)).toBe(strFromU8(pb[name]!));
      at += 46 + nameLength;
    }
  });

  it('writes numbers with their formats, unwrapped cells, text as text, and the default font', async () => {
    const buf = await book().writeAsync({ ...props, defaultFont: { name: 'Calibri', size: 11 } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe(3);
    expect(ws.getCell('B2').value).toBe(0.725);
    expect(ws.getCell('B2').numFmt).toBe('0.0%');
    expect(ws.getCell('B2').alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(ws.getCell('A1').alignment?.wrapText).toBeUndefined();
    expect(ws.getCell('A1').alignment?.horizontal).toBe('left');
    expect(ws.getCell('B3').value).toBeNull(); // not a number a spreadsheet can hold: left empty
    expect(ws.getCell('C2').value).toBe("=cmd|' /C calc'!A0");
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C3').value).toBe(`长文字${'。'.repeat(5000)}`);
    const files = unzipSync(buf);
    const styles = strFromU8(files['xl/styles.xml']!);
    expect(styles).toMatch(/<fonts count="\d+"><font><sz val="11"\/><name val="Calibri"\/><\/font>/);
    // The formula-like text is General + quotePrefix even in a percent column.
    const xfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(styles)![0].match(/<xf\b[^>]*>/g)!;
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const xfOf = (ref: string) => xfs[Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1])]!;
    expect(xfOf('C2')).toMatch(/numFmtId="0"[^>]*quotePrefix="1"/);
    expect(xfOf('B2')).toMatch(/numFmtId="164"/);
    expect(strFromU8(files['xl/sharedStrings.xml']!)).toContain('<t>=cmd|&apos; /C calc&apos;!A0</t>');
  });
});
