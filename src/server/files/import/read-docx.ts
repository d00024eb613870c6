/**
 * .docx → neutral grids. One SAX pass over word/document.xml: exact grid with w:gridSpan / w:vMerge / w:gridBefore
 * carried to every covered cell, paragraphs joined with "\n", cell shading (w:shd w:fill) and the colour of "▋"
 * glyphs, nested tables flattened into their cell, text outside tables kept as paragraphs (title, notes).
 */
import type { Grid, GridCell, GridRow, ImportWarning, ReadResult } from '../../../domain/import/types';
import { DEFAULT_IMPORT_LIMITS, ImportFileError, type ImportLimits } from './errors';
import { attrValue, scanXmlTargeted } from './fast-xml';
import type { SafeZip } from './safe-zip';
import { decodeXml } from './xml';

/** The only elements of document.xml the reader looks at. */
const TRACKED = [
  'tbl',
  'tr',
  'tc',
  'p',
  't',
  'r',
  'rPr',
  'tcPr',
  'trPr',
  'tabs',
  'tab',
  'br',
  'cr',
  'noBreakHyphen',
  'gridSpan',
  'vMerge',
  'hMerge',
  'shd',
  'tblHeader',
  'gridBefore',
  'color',
  'highlight',
  'mc:Fallback',
];

const GLYPH = /[▋▌▍▎▏█■▇▆▉●◆◼⬛⬤]/;

type CellState = {
  paras: string[];
  span: number;
  vMerge: 'restart' | 'continue' | null;
  hMergeContinue: boolean;
  fill?: string;
  glyphColor?: string;
};

type RowState = { cells: GridRow; header: boolean; gridBefore: number };

type TableState = {
  rows: GridRow[];
  headerRows: number[];
  /** Origin of the vertical merge running in each grid column. */
  vOrigin: ([number, number] | undefined)[];
  paragraphIndex: number;
};

const localNames = new Map<string, string>();
function localName(n: string): string {
  let l = localNames.get(n);
  if (l === undefined) {
    const i = n.indexOf(':');
    l = i < 0 ? n : n.slice(i + 1);
    if (localNames.size < 2000) localNames.set(n, l);
  }
  return l;
}

function colour(v: string | undefined): string | undefined {
  if (!v || v === 'auto' || !/^[0-9A-Fa-f]{6}$/.test(v)) return undefined;
  return v.toUpperCase();
}

const HIGHLIGHT: Record<string, string> = {
  green: '00FF00',
  darkGreen: '008000',
  yellow: 'FFFF00',
  darkYellow: '808000',
  red: 'FF0000',
  darkRed: '800000',
};

export type ReadOptions = { limits?: Partial<ImportLimits>; onProgress?: (fraction: number) => void };

export function readDocx(zip: SafeZip, options: ReadOptions = {}): ReadResult {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (zip.has('word/vbaProject.bin')) {
    throw new ImportFileError('MACRO', '文件含有宏（VBA），出于安全原因不予导入，请另存为不含宏的 .docx 后再导入', 415);
  }
  const xml = decodeXml(zip.read('word/document.xml'), 'word/document.xml', false);
  const paragraphs: string[] = [];
  const tables: Grid[] = [];
  const warnings: ImportWarning[] = [];

  let tblDepth = 0;
  let table: TableState | null = null;
  let row: RowState | null = null;
  let cell: CellState | null = null;
  const paraStack: string[] = [];
  let inT = 0;
  let fallback = 0;
  let inTcPr = false;
  let inTrPr = false;
  let inRPr = false;
  let inTabs = false;
  let runColour: string | undefined;
  let runHighlight: string | undefined;
  let nestedTables = 0;

  const append = (s: string) => {
    if (paraStack.length) paraStack[paraStack.length - 1] += s;
  };

  const finishCell = () => {
    if (!table || !row || !cell) return;
    const c = cell;
    const r = table.rows.length;
    let col = row.cells.length;
    const span = Math.max(1, Math.min(c.span, limits.maxColumns - col));
    if (span <= 0 || col >= limits.maxColumns) return;
    const text = c.paras.join('\n').replace(/\n+$/, '');
    if (c.vMerge === 'continue') {
      for (let k = 0; k < span; k++, col++) {
        const o = table.vOrigin[col];
        const src = o ? table.rows[o[0]]?.[o[1]] : undefined;
        const copy: GridCell = { text: src?.text ?? text, merged: 'v', origin: o ?? [r, col] };
        if (src?.fill) copy.fill = src.fill;
        if (src?.glyphColor) copy.glyphColor = src.glyphColor;
        row.cells.push(copy);
      }
      return;
    }
    if (c.hMergeContinue && col > 0) {
      const left = row.cells[col - 1]!;
      row.cells.push({ ...left, merged: 'h', origin: left.origin ?? [r, col - 1] });
      return;
    }
    const origin: GridCell = { text };
    if (c.fill) origin.fill = c.fill;
    if (c.glyphColor) origin.glyphColor = c.glyphColor;
    row.cells.push(origin);
    table.vOrigin[col] = c.vMerge === 'restart' ? [r, col] : undefined;
    for (let k = 1; k < span; k++) {
      row.cells.push({ ...origin, merged: 'h', origin: [r, col] });
      table.vOrigin[col + k] = c.vMerge === 'restart' ? [r, col] : undefined;
    }
  };

  const open = (name: string, attrs: string) => {
    const n = localName(name);
    if (fallback) {
      if (n === 'Fallback') fallback++;
      return;
    }
    switch (n) {
      case 'Fallback':
        fallback = 1;
        return;
      case 't':
        inT++;
        return;
      case 'p':
        paraStack.push('');
        return;
      case 'r':
        runColour = undefined;
        runHighlight = undefined;
        return;
      case 'rPr':
        inRPr = true;
        return;
      case 'color':
        if (inRPr) runColour = colour(attrValue(attrs, 'w:val'));
        return;
      case 'highlight':
        if (inRPr) runHighlight = HIGHLIGHT[attrValue(attrs, 'w:val') ?? ''];
        return;
      case 'tabs':
        inTabs = true;
        return;
      case 'tab':
        if (!inTabs && paraStack.length) append('\t');
        return;
      case 'br':
      case 'cr':
        append('\n');
        return;
      case 'noBreakHyphen':
        append('-');
        return;
      case 'tbl':
        tblDepth++;
        if (tblDepth === 1) table = { rows: [], headerRows: [], vOrigin: [], paragraphIndex: paragraphs.length };
        else nestedTables++;
        return;
    }
    if (tblDepth !== 1) return;
    switch (n) {
      case 'tr':
        row = { cells: [], header: false, gridBefore: 0 };
        return;
      case 'trPr':
        inTrPr = true;
        return;
      case 'tblHeader':
        if (inTrPr && row && attrValue(attrs, 'w:val') !== '0' && attrValue(attrs, 'w:val') !== 'false')
          row.header = true;
        return;
      case 'gridBefore':
        if (inTrPr && row) {
          const v = Math.min(limits.maxColumns, Number(attrValue(attrs, 'w:val') ?? 0) || 0);
          for (let k = row.cells.length; k < v; k++) row.cells.push({ text: '' });
        }
        return;
      case 'tc':
        cell = { paras: [], span: 1, vMerge: null, hMergeContinue: false };
        return;
      case 'tcPr':
        inTcPr = true;
        return;
      case 'gridSpan':
        if (inTcPr && cell) cell.span = Math.max(1, Number(attrValue(attrs, 'w:val') ?? 1) || 1);
        return;
      case 'vMerge':
        if (inTcPr && cell) cell.vMerge = attrValue(attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
        return;
      case 'hMerge':
        if (inTcPr && cell && attrValue(attrs, 'w:val') !== 'restart') cell.hMergeContinue = true;
        return;
      case 'shd':
        if (inTcPr && cell) {
          const f = colour(attrValue(attrs, 'w:fill'));
          if (f) cell.fill = f;
        } else if (inRPr) runHighlight = colour(attrValue(attrs, 'w:fill')) ?? runHighlight;
        return;
    }
  };

  const close = (name: string) => {
    const n = localName(name);
    if (fallback) {
      if (n === 'Fallback') fallback--;
      return;
    }
    switch (n) {
      case 't':
        inT = Math.max(0, inT - 1);
        return;
      case 'rPr':
        inRPr = false;
        return;
      case 'tabs':
        inTabs = false;
        return;
      case 'p': {
        const text = paraStack.pop() ?? '';
        if (paraStack.length) {
          // A paragraph inside a text box inside a paragraph: keep its text with the outer one.
          paraStack[paraStack.length - 1] += text ? ` ${text}` : '';
        } else if (tblDepth > 0 && cell) cell.paras.push(text);
        else if (tblDepth === 0 && text.trim()) paragraphs.push(text);
        return;
      }
      case 'tbl':
        if (tblDepth === 1 && table) {
          const width = Math.min(limits.maxColumns, Math.max(0, ...table.rows.map((r) => r.length)));
          for (const r of table.rows) while (r.length < width) r.push({ text: '' });
          tables.push({
            name: `表格${tables.length + 1}`,
            source: 'docx',
            rows: table.rows,
            paragraphIndex: table.paragraphIndex,
            ...(table.headerRows.length ? { headerRows: table.headerRows } : {}),
          });
          table = null;
        }
        tblDepth--;
        return;
    }
    if (tblDepth !== 1) return;
    switch (n) {
      case 'trPr':
        inTrPr = false;
        return;
      case 'tcPr':
        inTcPr = false;
        return;
      case 'tc':
        finishCell();
        cell = null;
        return;
      case 'tr':
        if (table && row) {
          if (row.header) table.headerRows.push(table.rows.length);
          table.rows.push(row.cells);
          if (table.rows.length > limits.maxRows) {
            throw new ImportFileError('TOO_MANY_ROWS', `表格超过 ${limits.maxRows} 行，请拆分后再导入`, 413);
          }
        }
        row = null;
        return;
    }
  };

  const text = (t: string) => {
    if (fallback || inT === 0 || !paraStack.length) return;
    append(t);
    if (cell && GLYPH.test(t)) {
      const c = runHighlight ?? runColour;
      if (c) cell.glyphColor = c;
    }
  };

  scanXmlTargeted(xml, 'word/document.xml', 'document', TRACKED, 't', { open, close, text }, options.onProgress);
  if (nestedTables > 0) {
    warnings.push({
      code: 'NESTED_TABLE',
      message: `文件中有 ${nestedTables} 个嵌套在单元格里的表格，其文字已并入所在单元格`,
    });
  }
  return { kind: 'docx', tables, paragraphs, warnings };
}
