/**
 * .xlsx → neutral grids, one per visible sheet: shared strings (phonetic runs skipped), inline strings, numbers
 * stored as numbers or text, merged ranges carried to every covered cell, solid fills for 进度评价 colours.
 * Formulas are never evaluated: the cached value is read.
 */
import type { SaxesTagPlain } from 'saxes';
import type { Grid, GridCell, ImportWarning, ReadResult } from '../../../domain/collect/import/types';
import { CellBudget, DEFAULT_IMPORT_LIMITS, exceedsRows, ImportFileError, tooManyRows } from './errors';
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

/** A "▋"-like glyph whose colour stands for a progress light (as in read-docx.ts). */
const GLYPH = /[▋▌▍▎▏█■▇▆▉●◆◼⬛⬤]/;

/** The colour of a rich-text run: <r><rPr><color rgb="FF00B050"/></rPr><t>▋</t></r> (theme colours are not resolved). */
class RunColour {
  private inRPr = false;
  colour: string | undefined;
  /** The colour of the last glyph run seen since `reset`. */
  glyph: string | undefined;

  reset(): void {
    this.colour = undefined;
    this.glyph = undefined;
  }

  open(n: string, tag: SaxesTagPlain): void {
    if (n === 'r') this.colour = undefined;
    else if (n === 'rPr') this.inRPr = true;
    else if (n === 'color' && this.inRPr) {
      const rgb = attr(tag, 'rgb');
      this.colour = rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb) ? rgb.slice(-6).toUpperCase() : undefined;
    }
  }

  close(n: string): void {
    if (n === 'rPr') this.inRPr = false;
  }

  text(t: string): void {
    if (this.colour && GLYPH.test(t)) this.glyph = this.colour;
  }
}

/** Shared strings: the texts, and the colour of a coloured "▋" run in a string (by index). */
type SharedStrings = { texts: string[]; glyphColors: Map<number, string> };

function sharedStrings(xml: string | null): SharedStrings {
  const out: SharedStrings = { texts: [], glyphColors: new Map() };
  if (!xml) return out;
  let cur = '';
  let inSi = false;
  let inT = 0;
  let inPh = 0;
  const run = new RunColour();
  parseXml(xml, 'xl/sharedStrings.xml', {
    open(tag) {
      const n = localName(tag.name);
      if (n === 'si') {
        inSi = true;
        cur = '';
        run.reset();
      } else if (n === 't') inT++;
      else if (n === 'rPh') inPh++;
      else run.open(n, tag);
    },
    close(tag) {
      const n = localName(tag.name);
      if (n === 'si') {
        if (run.glyph) out.glyphColors.set(out.texts.length, run.glyph);
        out.texts.push(cur);
        inSi = false;
      } else if (n === 't') inT--;
      else if (n === 'rPh') inPh--;
      else run.close(n);
    },
    text(t) {
      if (inSi && inT > 0 && inPh === 0) {
        cur += t;
        run.text(t);
      }
    },
  });
  return out;
}

type Styles = {
  fills: (string | undefined)[];
  xfFill: number[];
  /** <fonts>: each font's colour (rgb), and each cell format's font. */
  fontColours: (string | undefined)[];
  xfFont: number[];
  xfFmt: number[];
  dateFmts: Set<number>;
  pctFmts: Set<number>;
};

/** A custom number format: a percentage or a date (ignoring quoted text and [colour]/[condition] sections). */
function addNumFmt(st: Styles, tag: SaxesTagPlain): void {
  const id = Number(attr(tag, 'numFmtId'));
  const code = (attr(tag, 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
  if (/%/.test(code)) st.pctFmts.add(id);
  else if (/[yd]/i.test(code) && !/[#0]/.test(code)) st.dateFmts.add(id);
}

/** Where the styles parser is: inside <fills> (the current fill, solid or not), <fonts> (the current font), <cellXfs>. */
type StylesState = {
  inFills: boolean;
  inCellXfs: boolean;
  fill: string | undefined;
  solid: boolean;
  inFonts: boolean;
  fontColour: string | undefined;
};

/** <fonts>: the rgb colour of each font (theme colours are not resolved). */
function openFontTag(s: StylesState, n: string, tag: SaxesTagPlain): void {
  if (n === 'font') s.fontColour = undefined;
  else if (n === 'color') {
    const rgb = attr(tag, 'rgb');
    s.fontColour = rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb) ? rgb.slice(-6).toUpperCase() : undefined;
  }
}

/** <fills>: the solid foreground colour of each fill. */
function openFillTag(s: StylesState, n: string, tag: SaxesTagPlain): void {
  if (n === 'fill') {
    s.fill = undefined;
    s.solid = false;
  } else if (n === 'patternFill') s.solid = attr(tag, 'patternType') === 'solid';
  else if (n === 'fgColor' && s.solid) {
    const rgb = attr(tag, 'rgb');
    if (rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb)) s.fill = rgb.slice(-6).toUpperCase();
  }
}

/** One opening tag of styles.xml: number formats, fills, fonts and the cell formats pointing at them. */
function openStylesTag(st: Styles, s: StylesState, tag: SaxesTagPlain): void {
  const n = localName(tag.name);
  if (n === 'numFmt') addNumFmt(st, tag);
  else if (n === 'fills') s.inFills = true;
  else if (n === 'fonts') s.inFonts = true;
  else if (s.inFonts && (n === 'font' || n === 'color')) openFontTag(s, n, tag);
  else if (s.inFills && (n === 'fill' || n === 'patternFill' || n === 'fgColor')) openFillTag(s, n, tag);
  else if (n === 'cellXfs') s.inCellXfs = true;
  else if (n === 'xf' && s.inCellXfs) {
    st.xfFill.push(Number(attr(tag, 'fillId') ?? 0) || 0);
    st.xfFont.push(Number(attr(tag, 'fontId') ?? 0) || 0);
    st.xfFmt.push(Number(attr(tag, 'numFmtId') ?? 0) || 0);
  }
}

function styles(xml: string | null): Styles {
  const st: Styles = {
    fills: [],
    xfFill: [],
    fontColours: [],
    xfFont: [],
    xfFmt: [],
    dateFmts: new Set([14, 15, 16, 17, 22]),
    pctFmts: new Set([9, 10]),
  };
  if (!xml) return st;
  const s: StylesState = {
    inFills: false,
    inCellXfs: false,
    fill: undefined,
    solid: false,
    inFonts: false,
    fontColour: undefined,
  };
  parseXml(xml, 'xl/styles.xml', {
    open(tag) {
      openStylesTag(st, s, tag);
    },
    close(tag) {
      const n = localName(tag.name);
      if (n === 'fills') s.inFills = false;
      else if (n === 'fonts') s.inFonts = false;
      else if (n === 'font' && s.inFonts) st.fontColours.push(s.fontColour);
      else if (n === 'fill' && s.inFills) st.fills.push(s.fill);
      else if (n === 'cellXfs') s.inCellXfs = false;
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

type Limits = typeof DEFAULT_IMPORT_LIMITS;

/** The cells of one sheet as parsed: sparse rows, merged range references, the right-most column with text. */
type SheetCells = { rows: GridCell[][]; merges: string[]; maxCol: number };

/** A ▋ in a coloured cell font (not a rich-text run): the font's colour is the light. */
function glyphFontColour(text: string, style: number, st: Styles): string | undefined {
  if (!GLYPH.test(text) || text.trim().length > 2) return undefined;
  const colour = st.fontColours[st.xfFont[style] ?? 0];
  return colour && colour !== '000000' ? colour : undefined;
}

/** The text of a cell from its type and raw value: shared string, inline string, boolean, error or number. */
function cellFromValue(type: string, value: string, style: number, strings: SharedStrings, st: Styles): GridCell {
  const cell: GridCell = { text: '' };
  if (type === 's') {
    cell.text = strings.texts[Number(value)] ?? '';
    const glyph = strings.glyphColors.get(Number(value));
    if (glyph) cell.glyphColor = glyph;
  } else if (type === 'inlineStr' || type === 'str') cell.text = value;
  else if (type === 'b') cell.text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
  else if (type === 'e') {
    cell.text = value;
    cell.unreadable = true;
  } else if (value !== '') {
    cell.text = formatNumber(value, st.xfFmt[style] ?? 0, st);
    cell.numeric = true;
  }
  const fill = st.fills[st.xfFill[style] ?? 0];
  if (fill) cell.fill = fill;
  const fontColour = cell.glyphColor ? undefined : glyphFontColour(cell.text, style, st);
  if (fontColour) cell.glyphColor = fontColour;
  return cell;
}

/** SAX handlers for one worksheet: rows, cells (value, type, style), merged ranges. Phonetic runs are skipped. */
class SheetReader {
  readonly out: SheetCells = { rows: [], merges: [], maxCol: -1 };
  private rowIdx = -1;
  private cellCol = -1;
  private cellType = 'n';
  private cellStyle = 0;
  private value = '';
  private inV = false;
  private inIs = 0;
  private inT = 0;
  private inPh = 0;
  private nextCol = 0;
  /** Colours of the runs of an inline rich string (<is><r>…). */
  private readonly run = new RunColour();

  constructor(
    private readonly sheet: SheetRef,
    private readonly strings: SharedStrings,
    private readonly st: Styles,
    private readonly limits: Limits,
  ) {}

  open(tag: SaxesTagPlain): void {
    switch (localName(tag.name)) {
      case 'row':
        this.startRow(tag);
        return;
      case 'c':
        this.startCell(tag);
        return;
      case 'v':
        this.inV = true;
        return;
      case 'is':
        this.inIs++;
        return;
      case 't':
        this.inT++;
        return;
      case 'rPh':
        this.inPh++;
        return;
      case 'mergeCell': {
        const ref = attr(tag, 'ref');
        if (ref) this.out.merges.push(ref);
        return;
      }
      default:
        if (this.inIs > 0) this.run.open(localName(tag.name), tag);
    }
  }

  close(tag: SaxesTagPlain): void {
    switch (localName(tag.name)) {
      case 'v':
        this.inV = false;
        return;
      case 'is':
        this.inIs--;
        return;
      case 't':
        this.inT--;
        return;
      case 'rPh':
        this.inPh--;
        return;
      case 'c':
        this.endCell();
        return;
      default:
        if (this.inIs > 0) this.run.close(localName(tag.name));
    }
  }

  text(t: string): void {
    if (this.inPh > 0) return;
    if (this.inV || (this.inIs > 0 && this.inT > 0)) this.value += t;
    if (this.inIs > 0 && this.inT > 0) this.run.text(t);
  }

  private startRow(tag: SaxesTagPlain): void {
    const r = Number(attr(tag, 'r'));
    this.rowIdx = Number.isFinite(r) && r > 0 ? r - 1 : this.rowIdx + 1;
    if (exceedsRows(this.rowIdx + 1, this.limits)) throw tooManyRows(this.limits, `工作表“${this.sheet.name}”`);
    this.nextCol = 0;
  }

  private startCell(tag: SaxesTagPlain): void {
    const ref = attr(tag, 'r');
    const p = ref ? parseRef(ref) : null;
    this.cellCol = p ? p[1] : this.nextCol;
    this.nextCol = this.cellCol + 1;
    this.cellType = attr(tag, 't') ?? 'n';
    this.cellStyle = Number(attr(tag, 's') ?? 0) || 0;
    this.value = '';
    this.run.reset();
  }

  private endCell(): void {
    const { cellCol, rowIdx, out } = this;
    if (cellCol < 0 || cellCol >= this.limits.maxColumns || rowIdx < 0) return;
    const cell = cellFromValue(this.cellType, this.value, this.cellStyle, this.strings, this.st);
    if (this.run.glyph) cell.glyphColor = this.run.glyph;
    if (!cell.text && !cell.fill) return;
    const row = out.rows[rowIdx] ?? [];
    out.rows[rowIdx] = row;
    row[cellCol] = cell;
    if (cellCol > out.maxCol && cell.text) out.maxCol = cellCol;
  }
}

type MergeRange = [number, number, number, number];

/** Merged ranges clipped to the sheet and the limits; the width grows to a merge whose origin has text. */
function mergeRanges(cells: SheetCells, limits: Limits): { ranges: MergeRange[]; maxCol: number } {
  const { rows } = cells;
  let maxCol = cells.maxCol;
  const ranges: MergeRange[] = [];
  for (const ref of cells.merges) {
    const [a, b] = ref.split(':');
    const p = a ? parseRef(a) : null;
    const q = b ? parseRef(b) : p;
    if (!p || !q) continue;
    const r1 = Math.min(p[0], q[0]);
    const r2 = Math.min(Math.max(p[0], q[0]), rows.length - 1, limits.maxRows + limits.maxHeaderRows - 1);
    const c1 = Math.min(p[1], q[1]);
    const c2 = Math.min(Math.max(p[1], q[1]), limits.maxColumns - 1);
    if (r2 < r1 || c2 < c1) continue;
    ranges.push([r1, c1, r2, c2]);
    if (c2 > maxCol && rows[r1]?.[c1]?.text) maxCol = Math.max(maxCol, c2);
  }
  return { ranges, maxCol };
}

/** Sparse rows → a rectangular grid of `width` columns; each row's cells are counted before they are made. */
function padRows(rows: GridCell[][], width: number, budget: CellBudget): GridCell[][] {
  const grid: GridCell[][] = [];
  for (let r = 0; r < rows.length; r++) {
    budget.take(width);
    const src = rows[r] ?? [];
    const out: GridCell[] = new Array(width);
    for (let c = 0; c < width; c++) out[c] = src[c] ?? { text: '' };
    grid.push(out);
  }
  return grid;
}

/** A copy of a merge's origin cell for a covered cell (h = same row, v = below). */
function mergedCopy(origin: GridCell, merged: 'h' | 'v', at: [number, number]): GridCell {
  const copy: GridCell = { text: origin.text, merged, origin: [at[0], at[1]] };
  if (origin.fill) copy.fill = origin.fill;
  if (origin.glyphColor) copy.glyphColor = origin.glyphColor;
  return copy;
}

/** Merged ranges: carry the origin into every covered cell. */
function applyMerges(grid: GridCell[][], ranges: MergeRange[], width: number): void {
  for (const [r1, c1, r2, c2] of ranges) {
    const origin = grid[r1]?.[c1];
    if (!origin) continue;
    const last = Math.min(c2, width - 1);
    for (let r = r1; r <= r2; r++) {
      const row = grid[r];
      if (row) coverRow(row, origin, r === r1 ? 'h' : 'v', [r1, c1], r === r1 ? c1 + 1 : c1, last);
    }
  }
}

/** Columns from..last of a row covered by a merge. */
function coverRow(
  row: GridCell[],
  origin: GridCell,
  merged: 'h' | 'v',
  at: [number, number],
  from: number,
  last: number,
) {
  for (let c = from; c <= last; c++) row[c] = mergedCopy(origin, merged, at);
}

/** One worksheet → its grid (merges carried, trailing empty rows dropped). */
function readSheet(
  zip: SafeZip,
  sheet: SheetRef,
  strings: SharedStrings,
  st: Styles,
  limits: Limits,
  budget: CellBudget,
  onProgress: ReadOptions['onProgress'],
): GridCell[][] {
  const xml = readPart(zip, sheet.target)!;
  const reader = new SheetReader(sheet, strings, st, limits);
  parseXml(
    xml,
    sheet.target,
    { open: (tag) => reader.open(tag), close: (tag) => reader.close(tag), text: (t) => reader.text(t) },
    onProgress,
  );
  const { ranges, maxCol } = mergeRanges(reader.out, limits);
  const width = maxCol + 1;
  const grid = padRows(reader.out.rows, width, budget);
  applyMerges(grid, ranges, width);
  // Drop trailing empty rows.
  while (grid.length && grid[grid.length - 1]!.every((c) => !c.text)) grid.pop();
  return grid;
}

export function readXlsx(zip: SafeZip, options: ReadOptions = {}): ReadResult {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (zip.has('xl/vbaProject.bin')) {
    throw new ImportFileError('MACRO', '文件含有宏（VBA），出于安全原因不予导入，请另存为不含宏的 .xlsx 后再导入', 415);
  }
  const sheets = sheetList(zip);
  const strings = sharedStrings(readPart(zip, 'xl/sharedStrings.xml'));
  const st = styles(readPart(zip, 'xl/styles.xml'));
  const warnings: ImportWarning[] = [];
  const visible = sheets.filter((s) => !s.hidden && zip.has(s.target));
  for (const s of sheets) {
    if (s.hidden) warnings.push({ code: 'HIDDEN_SHEET', message: `隐藏的工作表“${s.name}”未导入` });
  }
  const onProgress = visible.length === 1 ? options.onProgress : undefined;
  const budget = new CellBudget(limits);
  const tables: Grid[] = visible.map((sheet, si) => ({
    name: sheet.name || `工作表${si + 1}`,
    source: 'xlsx',
    rows: readSheet(zip, sheet, strings, st, limits, budget, onProgress),
    paragraphIndex: 0,
  }));
  return { kind: 'xlsx', tables, paragraphs: [], warnings };
}
