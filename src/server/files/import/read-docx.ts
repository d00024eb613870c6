/**
 * .docx → neutral grids. One SAX pass over word/document.xml: exact grid with w:gridSpan / w:vMerge / w:gridBefore
 * carried to every covered cell, paragraphs joined with "\n", cell shading (w:shd w:fill) and the colour of "▋"
 * glyphs, nested tables flattened into their cell, text outside tables kept as paragraphs (title, notes).
 */
import type { Grid, GridCell, GridRow, ImportWarning, ReadResult } from '../../../domain/collect/import/types';
import {
  CellBudget,
  DEFAULT_IMPORT_LIMITS,
  exceedsRows,
  ImportFileError,
  type ImportLimits,
  tooManyRows,
  widest,
} from './errors';
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

/** A vertically merged continuation: copies of the cells above (the origin of each column's running merge). */
function vMergeCopies(table: TableState, text: string, r: number, col: number, span: number): GridCell[] {
  const out: GridCell[] = [];
  for (let k = 0; k < span; k++) {
    const c = col + k;
    const o = table.vOrigin[c];
    const src = o ? table.rows[o[0]]?.[o[1]] : undefined;
    const copy: GridCell = { text: src?.text ?? text, merged: 'v', origin: o ?? [r, c] };
    if (src?.fill) copy.fill = src.fill;
    if (src?.glyphColor) copy.glyphColor = src.glyphColor;
    out.push(copy);
  }
  return out;
}

/** A horizontally merged copy of `origin` (built field by field: cheap for the many copies a wide span makes). */
function hCopy(origin: GridCell, at: [number, number]): GridCell {
  const copy: GridCell = { text: origin.text, merged: 'h', origin: at };
  if (origin.fill) copy.fill = origin.fill;
  if (origin.glyphColor) copy.glyphColor = origin.glyphColor;
  return copy;
}

/** SAX handlers for word/document.xml: paragraphs outside tables, top-level tables as exact grids. */
class DocxReader {
  readonly paragraphs: string[] = [];
  readonly tables: Grid[] = [];
  /** Tables inside a cell: their text joins the cell. */
  nestedTables = 0;
  private tblDepth = 0;
  private table: TableState | null = null;
  private row: RowState | null = null;
  private cell: CellState | null = null;
  /** Open paragraphs (a text box inside a paragraph nests one). */
  private readonly paraStack: string[] = [];
  private inT = 0;
  /** Depth inside mc:Fallback (the alternative content is read once, from mc:Choice). */
  private fallback = 0;
  private inTcPr = false;
  private inTrPr = false;
  private inRPr = false;
  private inTabs = false;
  private runColour: string | undefined;
  private runHighlight: string | undefined;
  /** Cells of the expanded grids (spans and merges carried), counted as they are created. */
  private readonly budget: CellBudget;

  constructor(private readonly limits: ImportLimits) {
    this.budget = new CellBudget(limits);
  }

  open(name: string, attrs: string): void {
    const n = localName(name);
    if (this.fallback) {
      if (n === 'Fallback') this.fallback++;
      return;
    }
    if (!this.openText(n) && !this.openRun(n, attrs) && this.tblDepth === 1) {
      if (!this.openRow(n, attrs)) this.openCell(n, attrs);
    }
  }

  close(name: string): void {
    const n = localName(name);
    if (this.fallback) {
      if (n === 'Fallback') this.fallback--;
      return;
    }
    if (!this.closeAnywhere(n) && this.tblDepth === 1) this.closeInTable(n);
  }

  text(t: string): void {
    if (this.fallback || this.inT === 0 || !this.paraStack.length) return;
    this.append(t);
    const { cell } = this;
    if (cell && GLYPH.test(t)) {
      const c = this.runHighlight ?? this.runColour;
      if (c) cell.glyphColor = c;
    }
  }

  private append(s: string): void {
    const { paraStack } = this;
    if (paraStack.length) paraStack[paraStack.length - 1] += s;
  }

  /** Structure and text: fallback, text runs, paragraphs, tabs, breaks, tables. Returns false for other tags. */
  private openText(n: string): boolean {
    switch (n) {
      case 'Fallback':
        this.fallback = 1;
        return true;
      case 't':
        this.inT++;
        return true;
      case 'p':
        this.paraStack.push('');
        return true;
      case 'tabs':
        this.inTabs = true;
        return true;
      case 'tab':
        if (!this.inTabs && this.paraStack.length) this.append('\t');
        return true;
      case 'br':
      case 'cr':
        this.append('\n');
        return true;
      case 'noBreakHyphen':
        this.append('-');
        return true;
      case 'tbl':
        this.openTable();
        return true;
      default:
        return false;
    }
  }

  /** Run properties: text colour and highlight (for coloured "▋" glyphs). Returns false for other tags. */
  private openRun(n: string, attrs: string): boolean {
    switch (n) {
      case 'r':
        this.runColour = undefined;
        this.runHighlight = undefined;
        return true;
      case 'rPr':
        this.inRPr = true;
        return true;
      case 'color':
        if (this.inRPr) this.runColour = colour(attrValue(attrs, 'w:val'));
        return true;
      case 'highlight':
        if (this.inRPr) this.runHighlight = HIGHLIGHT[attrValue(attrs, 'w:val') ?? ''];
        return true;
      default:
        return false;
    }
  }

  private openTable(): void {
    this.tblDepth++;
    if (this.tblDepth === 1)
      this.table = { rows: [], headerRows: [], vOrigin: [], paragraphIndex: this.paragraphs.length };
    else this.nestedTables++;
  }

  /** Rows of the top-level table and their properties (repeated header row, cells skipped before). */
  private openRow(n: string, attrs: string): boolean {
    const { row } = this;
    switch (n) {
      case 'tr':
        this.row = { cells: [], header: false, gridBefore: 0 };
        return true;
      case 'trPr':
        this.inTrPr = true;
        return true;
      case 'tblHeader':
        if (this.inTrPr && row && attrValue(attrs, 'w:val') !== '0' && attrValue(attrs, 'w:val') !== 'false')
          row.header = true;
        return true;
      case 'gridBefore':
        if (this.inTrPr && row) {
          const v = Math.min(this.limits.maxColumns, Number(attrValue(attrs, 'w:val') ?? 0) || 0);
          this.budget.take(Math.max(0, v - row.cells.length));
          for (let k = row.cells.length; k < v; k++) row.cells.push({ text: '' });
        }
        return true;
      default:
        return false;
    }
  }

  /** Cells of the top-level table and their properties: spans, merges, shading. */
  private openCell(n: string, attrs: string): void {
    const cell = this.inTcPr ? this.cell : null;
    switch (n) {
      case 'tc':
        this.cell = { paras: [], span: 1, vMerge: null, hMergeContinue: false };
        return;
      case 'tcPr':
        this.inTcPr = true;
        return;
      case 'gridSpan':
        if (cell) cell.span = Math.max(1, Number(attrValue(attrs, 'w:val') ?? 1) || 1);
        return;
      case 'vMerge':
        if (cell) cell.vMerge = attrValue(attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
        return;
      case 'hMerge':
        if (cell && attrValue(attrs, 'w:val') !== 'restart') cell.hMergeContinue = true;
        return;
      case 'shd':
        this.shading(cell, attrs);
        return;
    }
  }

  /** w:shd: the cell's fill inside cell properties, else a run's background inside run properties. */
  private shading(cell: CellState | null, attrs: string): void {
    if (cell) {
      const f = colour(attrValue(attrs, 'w:fill'));
      if (f) cell.fill = f;
    } else if (this.inRPr) this.runHighlight = colour(attrValue(attrs, 'w:fill')) ?? this.runHighlight;
  }

  private closeAnywhere(n: string): boolean {
    switch (n) {
      case 't':
        this.inT = Math.max(0, this.inT - 1);
        return true;
      case 'rPr':
        this.inRPr = false;
        return true;
      case 'tabs':
        this.inTabs = false;
        return true;
      case 'p':
        this.closeParagraph();
        return true;
      case 'tbl':
        this.closeTable();
        return true;
      default:
        return false;
    }
  }

  private closeParagraph(): void {
    const { paraStack } = this;
    const text = paraStack.pop() ?? '';
    if (paraStack.length) {
      // A paragraph inside a text box inside a paragraph: keep its text with the outer one.
      paraStack[paraStack.length - 1] += text ? ` ${text}` : '';
    } else if (this.tblDepth > 0 && this.cell) this.cell.paras.push(text);
    else if (this.tblDepth === 0 && text.trim()) this.paragraphs.push(text);
  }

  private closeTable(): void {
    const { table } = this;
    if (this.tblDepth === 1 && table) {
      const width = Math.min(this.limits.maxColumns, widest(table.rows));
      for (const r of table.rows) {
        this.budget.take(Math.max(0, width - r.length));
        while (r.length < width) r.push({ text: '' });
      }
      this.tables.push({
        name: `表格${this.tables.length + 1}`,
        source: 'docx',
        rows: table.rows,
        paragraphIndex: table.paragraphIndex,
        ...(table.headerRows.length ? { headerRows: table.headerRows } : {}),
      });
      this.table = null;
    }
    this.tblDepth--;
  }

  private closeInTable(n: string): void {
    switch (n) {
      case 'trPr':
        this.inTrPr = false;
        return;
      case 'tcPr':
        this.inTcPr = false;
        return;
      case 'tc':
        this.finishCell();
        this.cell = null;
        return;
      case 'tr':
        this.closeRow();
        return;
    }
  }

  private closeRow(): void {
    const { table, row } = this;
    if (table && row) {
      if (row.header) table.headerRows.push(table.rows.length);
      table.rows.push(row.cells);
      if (exceedsRows(table.rows.length, this.limits)) throw tooManyRows(this.limits);
    }
    this.row = null;
  }

  /** Place the finished cell in its row: a vertical-merge continuation, a horizontal merge, or an origin + span. */
  private finishCell(): void {
    const { table, row, cell: c, limits } = this;
    if (!table || !row || !c) return;
    const r = table.rows.length;
    const col = row.cells.length;
    const span = Math.max(1, Math.min(c.span, limits.maxColumns - col));
    if (span <= 0 || col >= limits.maxColumns) return;
    this.budget.take(c.hMergeContinue && c.vMerge !== 'continue' && col > 0 ? 1 : span);
    const text = c.paras.join('\n').replace(/\n+$/, '');
    if (c.vMerge === 'continue') {
      for (const copy of vMergeCopies(table, text, r, col, span)) row.cells.push(copy);
      return;
    }
    if (c.hMergeContinue && col > 0) {
      const left = row.cells[col - 1]!;
      row.cells.push(hCopy(left, left.origin ?? [r, col - 1]));
      return;
    }
    const origin: GridCell = { text };
    if (c.fill) origin.fill = c.fill;
    if (c.glyphColor) origin.glyphColor = c.glyphColor;
    row.cells.push(origin);
    const at: [number, number] = [r, col];
    const restart = c.vMerge === 'restart' ? at : undefined;
    table.vOrigin[col] = restart;
    for (let k = 1; k < span; k++) {
      row.cells.push(hCopy(origin, at));
      table.vOrigin[col + k] = restart;
    }
  }
}

export function readDocx(zip: SafeZip, options: ReadOptions = {}): ReadResult {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (zip.has('word/vbaProject.bin')) {
    throw new ImportFileError('MACRO', '文件含有宏（VBA），出于安全原因不予导入，请另存为不含宏的 .docx 后再导入', 415);
  }
  const xml = decodeXml(zip.read('word/document.xml'), 'word/document.xml', false);
  const reader = new DocxReader(limits);
  scanXmlTargeted(
    xml,
    'word/document.xml',
    'document',
    TRACKED,
    't',
    {
      open: (name, attrs) => reader.open(name, attrs),
      close: (name) => reader.close(name),
      text: (t) => reader.text(t),
    },
    options.onProgress,
  );
  const warnings: ImportWarning[] = [];
  if (reader.nestedTables > 0) {
    warnings.push({
      code: 'NESTED_TABLE',
      message: `文件中有 ${reader.nestedTables} 个嵌套在单元格里的表格，其文字已并入所在单元格`,
    });
  }
  return { kind: 'docx', tables: reader.tables, paragraphs: reader.paragraphs, warnings };
}
