/**
 * .xlsx → neutral grids, one per visible sheet: shared strings (phonetic runs skipped), inline strings, numbers
 * stored as numbers or text, merged ranges carried to every covered cell, solid fills for 进度评价 colours.
 * Formulas are never evaluated: the cached value is read.
 */
import type { Grid, GridCell, ImportWarning, ReadResult } from '../../../domain/import/types';
import { DEFAULT_IMPORT_LIMITS, ImportFileError } from './errors';
import type { ReadOptions } from './read-docx';
import type { SafeZip } from './safe-zip';
import { attr, decodeXml, parseXml } from './xml';

function localName(n: string): string {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
}

function readPart(zip: SafeZip, name: string): string | null {
  if (!zip.has(name)) return null;
  return decodeXml(zip.read(name), name);
}

/** "AB12" → [row 11, col 27] (0-based). */
export function parseRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m?.[1] || !m[2]) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

function sharedStrings(xml: string | null): string[] {
  const out: string[] = [];
  if (!xml) return out;
  let cur = '';
  let inSi = false;
  let inT = 0;
  let inPh = 0;
  parseXml(xml, 'xl/sharedStrings.xml', {
    open(tag) {
      const n = localName(tag.name);
      if (n === 'si') {
        inSi = true;
        cur = '';
      } else if (n === 't') inT++;
      else if (n === 'rPh') inPh++;
    },
    close(tag) {
      const n = localName(tag.name);
      if (n === 'si') {
        out.push(cur);
        inSi = false;
      } else if (n === 't') inT--;
      else if (n === 'rPh') inPh--;
    },
    text(t) {
      if (inSi && inT > 0 && inPh === 0) cur += t;
    },
  });
  return out;
}

type Styles = {
  fills: (string | undefined)[];
  xfFill: number[];
  xfFmt: number[];
  dateFmts: Set<number>;
  pctFmts: Set<number>;
};

function styles(xml: string | null): Styles {
  const st: Styles = {
    fills: [],
    xfFill: [],
    xfFmt: [],
    dateFmts: new Set([14, 15, 16, 17, 22]),
    pctFmts: new Set([9, 10]),
  };
  if (!xml) return st;
  let inFills = false;
  let inCellXfs = false;
  let fill: string | undefined;
  let solid = false;
  parseXml(xml, 'xl/styles.xml', {
    open(tag) {
      const n = localName(tag.name);
      if (n === 'numFmt') {
        const id = Number(attr(tag, 'numFmtId'));
        const code = (attr(tag, 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
        if (/%/.test(code)) st.pctFmts.add(id);
        else if (/[yd]/i.test(code) && !/[#0]/.test(code)) st.dateFmts.add(id);
      } else if (n === 'fills') inFills = true;
      else if (n === 'fill' && inFills) {
        fill = undefined;
        solid = false;
      } else if (n === 'patternFill' && inFills) solid = attr(tag, 'patternType') === 'solid';
      else if (n === 'fgColor' && inFills && solid) {
        const rgb = attr(tag, 'rgb');
        if (rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb)) fill = rgb.slice(-6).toUpperCase();
      } else if (n === 'cellXfs') inCellXfs = true;
      else if (n === 'xf' && inCellXfs) {
        st.xfFill.push(Number(attr(tag, 'fillId') ?? 0) || 0);
        st.xfFmt.push(Number(attr(tag, 'numFmtId') ?? 0) || 0);
      }
    },
    close(tag) {
      const n = localName(tag.name);
      if (n === 'fills') inFills = false;
      else if (n === 'fill' && inFills) st.fills.push(fill);
      else if (n === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return st;
}

function formatNumber(v: string, fmt: number, st: Styles): string {
  const x = Number(v);
  if (!Number.isFinite(x)) return v;
  if (st.pctFmts.has(fmt)) return `${Number((x * 100).toPrecision(12))}%`;
  if (st.dateFmts.has(fmt) && x > 20000 && x < 80000) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(x * 86400000));
    return d.toISOString().slice(0, 10);
  }
  return String(Number(x.toPrecision(15)));
}

type SheetRef = { name: string; target: string; hidden: boolean };

function sheetList(zip: SafeZip): SheetRef[] {
  const wb = readPart(zip, 'xl/workbook.xml');
  if (!wb) throw new ImportFileError('CORRUPT_ZIP', 'Excel 文件缺少工作簿（xl/workbook.xml），文件可能已损坏');
  const rels = new Map<string, string>();
  const relsXml = readPart(zip, 'xl/_rels/workbook.xml.rels');
  if (relsXml) {
    parseXml(relsXml, 'xl/_rels/workbook.xml.rels', {
      open(tag) {
        if (localName(tag.name) === 'Relationship') {
          const id = attr(tag, 'Id');
          const target = attr(tag, 'Target');
          if (id && target) rels.set(id, target);
        }
      },
      close() {},
      text() {},
    });
  }
  const out: SheetRef[] = [];
  parseXml(wb, 'xl/workbook.xml', {
    open(tag) {
      if (localName(tag.name) !== 'sheet') return;
      const id = attr(tag, 'r:id') ?? Object.entries(tag.attributes).find(([k]) => k.endsWith(':id'))?.[1];
      const target = typeof id === 'string' ? rels.get(id) : undefined;
      if (!target) return;
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      const state = attr(tag, 'state');
      out.push({ name: attr(tag, 'name') ?? path, target: path, hidden: state === 'hidden' || state === 'veryHidden' });
    },
    close() {},
    text() {},
  });
  return out;
}

export function readXlsx(zip: SafeZip, options: ReadOptions = {}): ReadResult {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (zip.has('xl/vbaProject.bin')) {
    throw new ImportFileError('MACRO', '文件含有宏（VBA），出于安全原因不予导入，请另存为不含宏的 .xlsx 后再导入', 415);
  }
  const sheets = sheetList(zip);
  const strings = sharedStrings(readPart(zip, 'xl/sharedStrings.xml'));
  const st = styles(readPart(zip, 'xl/styles.xml'));
  const tables: Grid[] = [];
  const warnings: ImportWarning[] = [];
  const visible = sheets.filter((s) => !s.hidden && zip.has(s.target));
  for (const s of sheets) {
    if (s.hidden) warnings.push({ code: 'HIDDEN_SHEET', message: `隐藏的工作表“${s.name}”未导入` });
  }
  visible.forEach((sheet, si) => {
    const xml = readPart(zip, sheet.target)!;
    const rows: GridCell[][] = [];
    const merges: string[] = [];
    let maxCol = -1;
    let rowIdx = -1;
    let cellCol = -1;
    let cellType = 'n';
    let cellStyle = 0;
    let value = '';
    let inV = false;
    let inIs = 0;
    let inT = 0;
    let inPh = 0;
    let nextCol = 0;
    parseXml(
      xml,
      sheet.target,
      {
        open(tag) {
          const n = localName(tag.name);
          switch (n) {
            case 'row': {
              const r = Number(attr(tag, 'r'));
              rowIdx = Number.isFinite(r) && r > 0 ? r - 1 : rowIdx + 1;
              if (rowIdx >= limits.maxRows) {
                throw new ImportFileError(
                  'TOO_MANY_ROWS',
                  `工作表“${sheet.name}”超过 ${limits.maxRows} 行，请拆分后再导入`,
                  413,
                );
              }
              nextCol = 0;
              return;
            }
            case 'c': {
              const ref = attr(tag, 'r');
              const p = ref ? parseRef(ref) : null;
              cellCol = p ? p[1] : nextCol;
              nextCol = cellCol + 1;
              cellType = attr(tag, 't') ?? 'n';
              cellStyle = Number(attr(tag, 's') ?? 0) || 0;
              value = '';
              return;
            }
            case 'v':
              inV = true;
              return;
            case 'is':
              inIs++;
              return;
            case 't':
              inT++;
              return;
            case 'rPh':
              inPh++;
              return;
            case 'mergeCell': {
              const ref = attr(tag, 'ref');
              if (ref) merges.push(ref);
              return;
            }
          }
        },
        close(tag) {
          const n = localName(tag.name);
          switch (n) {
            case 'v':
              inV = false;
              return;
            case 'is':
              inIs--;
              return;
            case 't':
              inT--;
              return;
            case 'rPh':
              inPh--;
              return;
            case 'c': {
              if (cellCol < 0 || cellCol >= limits.maxColumns || rowIdx < 0) return;
              const cell: GridCell = { text: '' };
              if (cellType === 's') cell.text = strings[Number(value)] ?? '';
              else if (cellType === 'inlineStr' || cellType === 'str') cell.text = value;
              else if (cellType === 'b') cell.text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
              else if (cellType === 'e') {
                cell.text = value;
                cell.unreadable = true;
              } else if (value !== '') {
                cell.text = formatNumber(value, st.xfFmt[cellStyle] ?? 0, st);
                cell.numeric = true;
              }
              const fill = st.fills[st.xfFill[cellStyle] ?? 0];
              if (fill) cell.fill = fill;
              if (!cell.text && !cell.fill) return;
              const row = rows[rowIdx] ?? [];
              rows[rowIdx] = row;
              row[cellCol] = cell;
              if (cellCol > maxCol && cell.text) maxCol = cellCol;
              return;
            }
          }
        },
        text(t) {
          if (inPh > 0) return;
          if (inV || (inIs > 0 && inT > 0)) value += t;
        },
      },
      visible.length === 1 ? options.onProgress : undefined,
    );
    // Merged ranges: carry the origin into every covered cell.
    const mergeRanges: [number, number, number, number][] = [];
    for (const ref of merges) {
      const [a, b] = ref.split(':');
      const p = a ? parseRef(a) : null;
      const q = b ? parseRef(b) : p;
      if (!p || !q) continue;
      const r1 = Math.min(p[0], q[0]);
      const r2 = Math.min(Math.max(p[0], q[0]), rows.length - 1, limits.maxRows - 1);
      const c1 = Math.min(p[1], q[1]);
      const c2 = Math.min(Math.max(p[1], q[1]), limits.maxColumns - 1);
      if (r2 < r1 || c2 < c1) continue;
      mergeRanges.push([r1, c1, r2, c2]);
      if (c2 > maxCol && rows[r1]?.[c1]?.text) maxCol = Math.max(maxCol, c2);
    }
    const width = maxCol + 1;
    const grid: GridCell[][] = [];
    for (let r = 0; r < rows.length; r++) {
      const src = rows[r] ?? [];
      const out: GridCell[] = new Array(width);
      for (let c = 0; c < width; c++) out[c] = src[c] ?? { text: '' };
      grid.push(out);
    }
    for (const [r1, c1, r2, c2] of mergeRanges) {
      const origin = grid[r1]?.[c1];
      if (!origin) continue;
      for (let r = r1; r <= r2; r++) {
        const row = grid[r];
        if (!row) continue;
        for (let c = c1; c <= Math.min(c2, width - 1); c++) {
          if (r === r1 && c === c1) continue;
          const copy: GridCell = { text: origin.text, merged: r === r1 ? 'h' : 'v', origin: [r1, c1] };
          if (origin.fill) copy.fill = origin.fill;
          row[c] = copy;
        }
      }
    }
    // Drop trailing empty rows.
    while (grid.length && grid[grid.length - 1]!.every((c) => !c.text)) grid.pop();
    tables.push({ name: sheet.name || `工作表${si + 1}`, source: 'xlsx', rows: grid, paragraphIndex: 0 });
  });
  return { kind: 'xlsx', tables, paragraphs: [], warnings };
}
