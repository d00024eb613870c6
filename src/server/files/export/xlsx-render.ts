/**
 * DocModel → .xlsx: the document's layout as a print-ready worksheet (issue 9 §2). Page paragraphs become rows merged
 * across the table's columns; the table keeps its merges, borders, shading, wrapped multi-paragraph cells and coloured
 * ▋ marks (rich text); header rows repeat on every printed page (print titles) and the panes freeze below them; A4 in
 * the model's orientation, its margins, fit to one page wide, page numbers in the footer; columns scaled to fill the
 * usable page width; rows as tall as their text.
 *
 * Sheets. A worksheet has one set of print titles, so each table gets its own sheet: the first is named after
 * meta.sheetName (or the title), later ones 表2, 表3… Paragraphs before a table (附件 label, title, as-of line, note)
 * and after it (制表, signature) stay with it. A part without a table (a narrative after a page break) gets its own
 * sheet too, one wide column, named after its title, so the table's header is not printed above it; consecutive
 * narrative parts share a sheet with manual page breaks. One sheet for everything would repeat the first table's
 * header on every later page and force different tables into one column grid.
 *
 * Row heights. Excel does not size a wrapped row itself (LibreOffice does), so each cell's line count is estimated
 * from its text — full-width/CJK characters one em, ASCII about half, Latin words kept whole, no line starting with
 * closing punctuation — and the column's width; a row takes its tallest cell; a merged cell's shortfall is spread over
 * its rows. A row may not be taller than 409 pt (Excel) nor than the page under the repeated header (Excel clips a row
 * it cannot fit on a page): a cell that needs more is split into continuation rows — its paragraphs (cut at a sentence
 * end when one paragraph is too long) continue in the next sheet rows, without a border between the pieces so they
 * read as one cell, and the row's other cells are merged down over all of them.
 *
 * Pages. The rows are paginated here and each page ends with a manual page break, so Excel, WPS and LibreOffice break
 * at the same rows (fit-to-width can only shrink rows). A merged cell whose rows cross a break would be printed half
 * on each page if vertically centred: it goes to the top of its first row, which grows to hold it if needed.
 *
 * Formula-like text (= + - @ tab CR) stays text: xlsx-write.ts writes it with a quotePrefix style (formula-safety.ts).
 *
 * The workbook is written by xlsx-write.ts (SpreadsheetML as strings, zipped with fflate), not exceljs: the same
 * file, several times faster for large tables (bench/xlsx-export.bench.ts).
 */
import type {
  Align,
  Cell,
  DocModel,
  FontRole,
  PageSetup,
  ParaBlock,
  ParaStyle,
  Run,
  TableBlock,
} from '../../../domain/publish/document/model';
import { validateTable } from '../../../domain/publish/document/model';
import {
  type XBorderKind,
  type XFont,
  type XPage,
  type XSheet,
  type XStyle,
  type XValue,
  XWorkbook,
} from './xlsx-write';

/** Government fonts by role (Excel names them; the reader's machine supplies or substitutes them). */
export const XLSX_FONTS: Record<FontRole, string> = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  kai: '楷体_GB2312',
};

/** Excel's maximum row height in points. */
export const MAX_ROW_HEIGHT = 409;
/** Line height as a multiple of the font size (CJK fonts: Excel ≈1.3, LibreOffice with Noto CJK ≈1.45). */
const LINE_FACTOR = 1.4;
/** Space above and below the text of a cell, in points. */
const CELL_PAD_PT = 6;
/** Horizontal space a cell's text cannot use (margins on both sides), in pixels. */
const CELL_PAD_PX = 8;
/** Wrapped text needs slack: fonts differ between Excel, WPS and LibreOffice. */
const WIDTH_SLACK = 0.94;
/** Width of a half-width (ASCII) character in em: Latin glyphs of CJK fonts are about half an em, some wider. */
const HALF_EM = 0.56;
const PX_PER_PT = 96 / 72;
const MM_PER_INCH = 25.4;
const PT_PER_MM = 72 / MM_PER_INCH;
const PX_PER_MM = 96 / MM_PER_INCH;
const A4_MM = { short: 210, long: 297 } as const;
const HEADER_FILL = 'D9D9D9';
/** Pages are filled to this fraction of their height (renderers round row heights differently). */
const PAGE_FILL = 0.98;

// ---------------------------------------------------------------------------------------------------------------------
// Text measurement

/** Full-width in a CJK font: CJK, kana, hangul, full-width forms, and the punctuation and symbol blocks (— “ ” … ▋). */
function isWide(code: number): boolean {
  if (code < 0x1100) return false;
  if (code <= 0x115f) return true;
  if (code < 0x2010) return false;
  if (code >= 0xdc00 && code <= 0xdfff) return false; // low surrogate: its pair was counted at the high surrogate
  return !(code >= 0xff61 && code <= 0xffdc);
}

/** Characters a CJK line may not start with (the renderer pulls the previous character down with them). */
const NO_LINE_START = new Set('，。、；：！？）》」』】〉”’,.;:!?)]}%'.split('').map((c) => c.charCodeAt(0)));

/** Wrap state while walking a paragraph. */
type Wrap = { x: number; starts: number[]; prevWidth: number };

function wrapWide(s: Wrap, code: number, i: number, em: number, width: number): void {
  if (s.x + em > width && s.x > 0) {
    const pull = NO_LINE_START.has(code) && s.starts[s.starts.length - 1]! < i - 1;
    s.starts.push(pull ? i - 1 : i);
    s.x = pull ? s.prevWidth : 0;
  }
  s.x += em;
  s.prevWidth = em;
}

/** A run of half-width non-space characters [i, j): kept whole unless longer than a line. */
function wrapWord(s: Wrap, i: number, j: number, half: number, width: number): void {
  const w = (j - i) * half;
  if (s.x + w <= width) {
    s.x += w;
  } else if (s.x > 0 && w <= width) {
    s.starts.push(i);
    s.x = w;
  } else {
    if (s.x > 0) {
      s.starts.push(i); // a word longer than a line starts on a line of its own, then breaks where it must
      s.x = 0;
    }
    for (let k = i; k < j; k++) {
      if (s.x + half > width && s.x > 0) {
        s.starts.push(k);
        s.x = 0;
      }
      s.x += half;
    }
  }
  s.prevWidth = half;
}

/**
 * Where each wrapped line of one paragraph (no newlines) starts, for text of `sizePt` in a box `widthPx` wide.
 * Always at least one line.
 */
export function wrapLines(text: string, widthPx: number, sizePt: number): number[] {
  const em = sizePt * PX_PER_PT;
  const half = em * HALF_EM;
  const width = Math.max(em, widthPx * WIDTH_SLACK);
  const n = text.length;
  if (n * em <= width) return [0]; // fits even if every character is full-width
  const s: Wrap = { x: 0, starts: [0], prevWidth: 0 };
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isWide(code)) {
      wrapWide(s, code, i, em, width);
      i++;
    } else if (code === 32) {
      s.x += half; // a space may hang past the edge
      i++;
    } else {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 32 && !isWide(text.charCodeAt(j))) j++;
      wrapWord(s, i, j, half, width);
      i = j;
    }
  }
  return s.starts;
}

// ---------------------------------------------------------------------------------------------------------------------
// Paragraphs as the renderer sees them

/** A paragraph (or the piece of one that continues in the next row): runs and their plain text. */
type TextPara = { runs: Run[]; text: string };

/** First-line indent of two characters: Excel has none, so two ideographic spaces (the usual practice). */
const INDENT = '\u3000\u3000';

function textPara(p: { runs: Run[]; indent?: boolean }): TextPara {
  const runs =
    p.indent && p.runs.length ? [{ ...p.runs[0]!, text: INDENT + p.runs[0]!.text }, ...p.runs.slice(1)] : p.runs;
  return { runs, text: runs.length === 1 ? runs[0]!.text : runs.map((r) => r.text).join('') };
}

/** Characters [from, to) of a paragraph, runs cut where needed. */
function slicePara(p: TextPara, from: number, to: number): TextPara {
  const runs: Run[] = [];
  let at = 0;
  for (const r of p.runs) {
    const a = Math.max(from, at);
    const b = Math.min(to, at + r.text.length);
    if (b > a) runs.push({ ...r, text: r.text.slice(a - at, b - at) });
    at += r.text.length;
  }
  return { runs, text: p.text.slice(from, to) };
}

/** Wrapped lines of paragraphs (the common one-line case without walking the text). */
function countLines(paras: TextPara[], widthPx: number, sizePt: number): number {
  const oneLine = (widthPx * WIDTH_SLACK) / (sizePt * PX_PER_PT);
  let n = 0;
  for (const p of paras) n += p.text.length <= oneLine ? 1 : wrapLines(p.text, widthPx, sizePt).length;
  return n;
}

/** The last index in (from, to) just after one of `marks`, or -1. */
function lastBreak(text: string, from: number, to: number, marks: string): number {
  for (let k = to - 1; k > from; k--) if (marks.includes(text[k]!)) return k + 1;
  return -1;
}

/**
 * Split a paragraph after `room` lines: after the last sentence end in those lines' last three, else after the last
 * comma of the last line, else where the line ends (the renderer's lines differ a little from these estimates).
 */
function splitPoint(text: string, starts: number[], room: number): number {
  const at = starts[room]!;
  const sentence = lastBreak(text, starts[Math.max(0, room - 3)]!, at, '。；！？;!?');
  if (sentence > 0) return sentence;
  const comma = lastBreak(text, starts[room - 1]!, at, '，、：,:');
  return comma > 0 ? comma : at;
}

type Chunk = { paras: TextPara[]; lines: number };

/** Cut paragraphs into chunks of at most `maxLines` wrapped lines (whole paragraphs when they fit). */
export function chunkParas(paras: TextPara[], widthPx: number, sizePt: number, maxLines: number): Chunk[] {
  const chunks: Chunk[] = [];
  let cur: Chunk = { paras: [], lines: 0 };
  const flush = () => {
    if (cur.paras.length) chunks.push(cur);
    cur = { paras: [], lines: 0 };
  };
  const queue = [...paras];
  for (let p = queue.shift(); p; p = queue.shift()) {
    const starts = wrapLines(p.text, widthPx, sizePt);
    if (cur.lines + starts.length <= maxLines) {
      cur.paras.push(p);
      cur.lines += starts.length;
      continue;
    }
    if (cur.lines > 0 && (starts.length <= maxLines || cur.lines >= maxLines)) {
      flush();
      queue.unshift(p);
      continue;
    }
    const at = splitPoint(p.text, starts, maxLines - cur.lines);
    cur.paras.push(slicePara(p, 0, at));
    cur.lines = maxLines;
    flush();
    queue.unshift(slicePara(p, at, p.text.length));
  }
  flush();
  return chunks;
}

// ---------------------------------------------------------------------------------------------------------------------
// Styles (shared objects: the writer looks a style's format up by object, so sharing keeps writing fast)

type BorderKind = XBorderKind;

type Look = {
  role: FontRole;
  size: number;
  bold: boolean;
  align: Align;
  vAlign: 'top' | 'middle';
  fill?: string | undefined;
  border: BorderKind;
};

/** "RRGGBB" (the model's colours; a leading # tolerated), upper case. */
const rgb = (c: string) => c.replace(/^#/, '').toUpperCase();

class Styles {
  private readonly fonts = new Map<string, XFont>();
  private readonly styles = new Map<string, XStyle>();
  private readonly coloured = new Map<string, XStyle>();

  font(role: FontRole, size: number, bold: boolean, color?: string): XFont {
    const key = `${role}|${size}|${bold ? 1 : 0}|${color ?? ''}`;
    let f = this.fonts.get(key);
    if (!f) {
      f = { name: XLSX_FONTS[role], size, bold, charset: 134, ...(color ? { color: rgb(color) } : {}) };
      this.fonts.set(key, f);
    }
    return f;
  }

  /** The style of a look (one shared object per look). */
  style(look: Look): XStyle {
    const key =
      look.role + look.size + (look.bold ? 'b' : '') + look.align + look.vAlign + (look.fill ?? '') + look.border;
    let s = this.styles.get(key);
    if (!s) {
      s = {
        font: this.font(look.role, look.size, look.bold),
        horizontal: look.align,
        vertical: look.vAlign,
        border: look.border,
        fill: look.fill ? rgb(look.fill) : undefined,
      };
      this.styles.set(key, s);
    }
    return s;
  }

  /**
   * The colour of a cell that is one coloured run and nothing else (the ▋ progress mark): written as plain text in a
   * coloured cell font, which readers (and our importer) see as the mark's colour, without exceljs's rich-text cost.
   */
  soleColour(paras: TextPara[], look: Look): string | undefined {
    const only = paras.length === 1 && paras[0]!.runs.length === 1 ? paras[0]!.runs[0]! : undefined;
    if (!only?.color || (only.bold ?? look.bold) !== look.bold || (only.font ?? look.role) !== look.role)
      return undefined;
    return only.color;
  }

  /** The style of a look in a font colour (shared by every cell of that look and colour). */
  colouredStyle(look: Look, colour: string): XStyle {
    const key = `${colour}|${look.role}|${look.size}|${look.bold}|${look.align}|${look.vAlign}|${look.fill ?? ''}|${look.border ?? ''}`;
    let s = this.coloured.get(key);
    if (!s) {
      s = { ...this.style(look), font: this.font(look.role, look.size, look.bold, colour) };
      this.coloured.set(key, s);
    }
    return s;
  }

  /** A cell value: plain text, or rich text when a run differs from the cell's look (a coloured ▋, a bold lead-in). */
  value(paras: TextPara[], look: Look): XValue {
    const only = paras.length === 1 && paras[0]!.runs.length === 1 ? paras[0]!.runs[0]! : undefined;
    if (only && !only.color && only.bold === undefined && only.font === undefined) return only.text; // the usual cell
    const plain = paras.every((p) =>
      p.runs.every((r) => !r.color && (r.bold ?? look.bold) === look.bold && (r.font ?? look.role) === look.role),
    );
    if (plain) return paras.length === 1 ? paras[0]!.text : paras.map((p) => p.text).join('\n');
    const runs: { text: string; font: XFont }[] = [];
    paras.forEach((p, i) => {
      if (i > 0) runs.push({ text: '\n', font: this.font(look.role, look.size, look.bold) });
      for (const r of p.runs) {
        if (r.text)
          runs.push({ text: r.text, font: this.font(r.font ?? look.role, look.size, r.bold ?? look.bold, r.color) });
      }
    });
    return { runs };
  }
}

/** Write one cell (value + style); the writer gives formula-like text a quotePrefix format. */
function putCell(
  ws: XSheet,
  styles: Styles,
  row: number,
  col: number,
  paras: TextPara[],
  look: Look,
  style?: XStyle,
): void {
  const colour = styles.soleColour(paras, look);
  if (colour) {
    ws.cell(row, col, paras[0]!.runs[0]!.text, styles.colouredStyle(look, colour));
    return;
  }
  const value = styles.value(paras, look);
  ws.cell(row, col, value === '' ? null : value, style ?? styles.style(look));
}

// ---------------------------------------------------------------------------------------------------------------------
// Page geometry

function pageMm(page: PageSetup): { width: number; height: number } {
  return page.orientation === 'landscape'
    ? { width: A4_MM.long, height: A4_MM.short }
    : { width: A4_MM.short, height: A4_MM.long };
}

/** Usable width and height of the page inside the margins, in mm. */
function usableMm(page: PageSetup): { width: number; height: number } {
  const { width, height } = pageMm(page);
  const m = page.margins;
  return { width: width - m.left - m.right, height: height - m.top - m.bottom };
}

/** Excel column width (characters of the default font, 7 px each plus 5 px padding) for a width in pixels. */
const pxToWidth = (px: number) => Math.max(1, (px - 5) / 7);
/** The pixel width Excel gives a column of that width (as it rounds it). */
const widthToPx = (w: number) => Math.floor(w * 7 + 5);

/** Column widths scaled so the table fills the usable page width, as Excel widths and their pixels. */
function columnWidths(mm: number[], page: PageSetup): { widths: number[]; px: number[] } {
  const total = mm.reduce((s, w) => s + w, 0) || 1;
  const usablePx = usableMm(page).width * PX_PER_MM;
  const widths = mm.map((w) => Math.min(255, Math.round(pxToWidth((w / total) * usablePx) * 100) / 100));
  return { widths, px: widths.map(widthToPx) };
}

function footer(page: PageSetup): string | undefined {
  if (page.pageNumbers === 'of') return '&C第 &P 页 共 &N 页';
  if (page.pageNumbers === 'dash') return '&C— &P —';
  return undefined;
}

function applyPage(ws: XSheet, page: PageSetup, titleRows?: [number, number]): void {
  const m = page.margins;
  const inch = (mm: number) => Math.round((mm / MM_PER_INCH) * 1000) / 1000;
  const setup: XPage = {
    orientation: page.orientation,
    margins: {
      top: inch(m.top),
      bottom: inch(m.bottom),
      left: inch(m.left),
      right: inch(m.right),
      header: inch(Math.min(m.top / 2, 15)),
      footer: inch(Math.min(m.bottom / 2, 15)),
    },
    printTitles: titleRows,
    footer: footer(page),
    frozenRows: titleRows?.[1],
  };
  ws.page = setup;
}

// ---------------------------------------------------------------------------------------------------------------------
// Sheet names

/** Excel's rules: no \ / ? * [ ] :, no apostrophe at either end, not empty, not "History", at most 31 characters. */
export function sanitizeSheetName(name: string, fallback = 'Sheet'): string {
  const cleaned = name
    .replace(/[\\/?*[\]:]/g, '')
    .replace(/\p{Cc}/gu, '')
    .replace(/'/g, '’') // readers differ on apostrophes in the quoted names of defined names
    .trim();
  const out = truncate(cleaned, 31).trim();
  if (!out) return fallback;
  return out.toLowerCase() === 'history' ? `${out}1` : out;
}

/** At most `max` UTF-16 units (Excel's count), never half a surrogate pair. */
function truncate(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** A name not used yet in the workbook (Excel compares sheet names case-insensitively): 名称(2), 名称(3)… */
function uniqueName(name: string, used: Set<string>): string {
  let out = name;
  for (let k = 2; used.has(out.toLowerCase()); k++) {
    const suffix = `(${k})`;
    out = truncate(name, 31 - suffix.length) + suffix;
  }
  used.add(out.toLowerCase());
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// Page paragraphs

const PARA_LOOK: Record<ParaStyle, { role: FontRole; bold: boolean; align: Align }> = {
  attachment: { role: 'heading', bold: false, align: 'left' },
  title: { role: 'title', bold: true, align: 'center' },
  subtitle: { role: 'kai', bold: false, align: 'center' },
  heading: { role: 'body', bold: true, align: 'left' },
  body: { role: 'body', bold: false, align: 'left' },
  note: { role: 'body', bold: false, align: 'left' },
  signature: { role: 'body', bold: false, align: 'right' },
};

function paraSize(b: ParaBlock, bodySize: number): number {
  if (b.size) return b.size;
  if (b.style === 'title') return 22;
  if (b.style === 'subtitle') return 16;
  return bodySize;
}

const lineHeight = (size: number) => size * LINE_FACTOR;
const rowHeight = (lines: number, size: number, pad = CELL_PAD_PT) =>
  Math.ceil((Math.max(1, lines) * lineHeight(size) + pad) * 4) / 4;
const maxLines = (height: number, size: number, pad = CELL_PAD_PT) =>
  Math.max(1, Math.floor((height - pad) / lineHeight(size)));

/**
 * The sheet being written: next free row, the columns' pixel widths, and the tallest row it may have (Excel's limit,
 * or less: the page height under the repeated header — Excel cannot split a row over two pages, it clips it).
 */
type Sheet = { ws: XSheet; styles: Styles; colPx: number[]; next: number; rowLimit: number; pager: Pager };

/** Continuation rows are at most half the row limit, so page breaks between them leave little blank paper. */
const pieceHeight = (sh: Pick<Sheet, 'rowLimit'>) => sh.rowLimit / 2;

/** One page paragraph: a row merged across all columns (several rows when taller than Excel's row limit). */
function writeParagraph(sh: Sheet, b: ParaBlock, bodySize: number): void {
  const size = paraSize(b, bodySize);
  const base = PARA_LOOK[b.style];
  const look: Look = {
    role: base.role,
    size,
    bold: base.bold,
    align: b.para.align ?? base.align,
    vAlign: 'middle',
    border: 'none',
  };
  const pad = b.style === 'title' ? size * 0.8 : size * 0.5;
  const width = sh.colPx.reduce((s, w) => s + w, 0) - CELL_PAD_PX;
  const text = [textPara(b.para)];
  const lines = countLines(text, width, size);
  const fits = rowHeight(lines, size, pad) <= sh.rowLimit;
  const chunks = fits ? [{ paras: text, lines }] : chunkParas(text, width, size, maxLines(pieceHeight(sh), size, pad));
  for (const chunk of chunks) {
    const r = sh.next++;
    putCell(sh.ws, sh.styles, r, 1, chunk.paras, chunks.length > 1 ? { ...look, vAlign: 'top' } : look);
    if (sh.colPx.length > 1) sh.ws.merge(r, 1, r, sh.colPx.length);
    const height = Math.min(sh.rowLimit, rowHeight(chunk.lines, size, pad));
    sh.ws.height(r, height);
    advance(sh.pager, height, r);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Tables

/** A model cell placed on the grid (row r, column c, spans), with its text measured. */
type Placed = {
  cell: Cell;
  r: number;
  c: number;
  rs: number;
  cs: number;
  paras: TextPara[];
  widthPx: number;
  lines: number;
  /** Set when the cell is split over continuation rows. */
  chunks?: Chunk[];
  /** Set when the merged cell crosses a page break: its text goes to the top, into its first row. */
  top?: boolean;
};

/** Grid positions of HTML-style rows (validateTable has checked them), each cell measured. */
function place(rows: Cell[][], colPx: number[], size: number): Placed[][] {
  const width = colPx.length;
  const covered = new Array<number>(width).fill(0);
  const grid: Placed[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const out: Placed[] = new Array(row.length);
    let c = 0;
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]!;
      while (c < width && covered[c]! > 0) c++;
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      let px = -CELL_PAD_PX;
      for (let k = c; k < c + cs; k++) {
        covered[k] = rs;
        px += colPx[k]!;
      }
      const paras = cell.paras.length === 1 ? [textPara(cell.paras[0]!)] : cell.paras.map(textPara);
      out[i] = { cell, r, c, rs, cs, paras, widthPx: px, lines: countLines(paras, px, size) };
      c += cs;
    }
    for (let k = 0; k < width; k++) if (covered[k]! > 0) covered[k]!--;
    grid[r] = out;
  }
  return grid;
}

/** Sheet rows of one logical row: where they start and how tall each is. */
type RowPlan = { start: number; heights: number[] };

/** Heights of one logical row: one sheet row, or continuation rows when a single-row cell needs more than the limit. */
function planRow(cells: Placed[], size: number, limit: number, split: boolean): number[] {
  let most = 1;
  for (const p of cells) if (p.rs === 1 && p.lines > most) most = p.lines;
  const need = rowHeight(most, size);
  if (need <= limit || !split) return [Math.min(limit, need)];
  return continuationRows(
    cells.filter((p) => p.rs === 1),
    size,
    limit,
  );
}

/** Heights of the continuation rows of a row whose cells `single` (rowSpan 1) include some taller than `limit`. */
function continuationRows(single: Placed[], size: number, limit: number): number[] {
  const lines = maxLines(pieceHeight({ rowLimit: limit }), size);
  let pieces = 1;
  for (const p of single) {
    if (rowHeight(p.lines, size) <= limit) continue;
    p.chunks = chunkParas(p.paras, p.widthPx, size, lines);
    pieces = Math.max(pieces, p.chunks.length);
  }
  const heights = Array.from({ length: pieces }, (_, j) =>
    Math.max(rowHeight(1, size), ...single.map((p) => (p.chunks?.[j] ? rowHeight(p.chunks[j].lines, size) : 0))),
  );
  const short = Math.max(0, ...single.filter((p) => !p.chunks).map((p) => rowHeight(p.lines, size)));
  const have = heights.reduce((s, h) => s + h, 0);
  if (short > have) heights[pieces - 1] = Math.min(limit, heights[pieces - 1]! + short - have);
  return heights;
}

/** Add `extra` points spread evenly over the given rows, none above the limit. */
function spread(heights: number[][], rows: [number, number][], extra: number, limit: number): void {
  let left = extra;
  for (let round = 0; round < 4 && left > 0.01; round++) {
    const open = rows.filter(([r, j]) => heights[r]![j]! < limit);
    if (!open.length) return;
    const each = left / open.length;
    for (const [r, j] of open) {
      const h = heights[r]![j]!;
      const next = Math.min(limit, Math.ceil((h + each) * 4) / 4);
      left -= next - h;
      heights[r]![j] = next;
    }
  }
}

/** Sheet rows of every logical row; merged cells' shortfall spread over the rows they cover. */
function planRows(grid: Placed[][], size: number, limit: number, split: boolean, first: number): RowPlan[] {
  const heights = grid.map((cells) => planRow(cells, size, limit, split));
  for (const p of grid.flatMap((cells) => cells.filter((c) => c.rs > 1))) {
    const rows: [number, number][] = [];
    for (let r = p.r; r < p.r + p.rs; r++) for (let j = 0; j < heights[r]!.length; j++) rows.push([r, j]);
    const have = rows.reduce((s, [r, j]) => s + heights[r]![j]!, 0);
    const need = rowHeight(p.lines, size);
    if (need > have) spread(heights, rows, need - have, limit);
  }
  let next = first;
  return heights.map((h) => {
    const plan = { start: next, heights: h };
    next += h.length;
    return plan;
  });
}

type TablePart = {
  grid: Placed[][];
  plans: RowPlan[];
  header: boolean;
  size: number;
  columns: TableBlock['columns'];
  /** The look and style of each column's cells that set nothing themselves (most of them), worked out once. */
  looks: { look: Look; style: XStyle }[];
};

/** The look of a cell, and its style when it is its column's usual one. */
function cellLook(sh: Sheet, part: TablePart, p: Placed): { look: Look; style?: XStyle } {
  const { cell } = p;
  const plain =
    cell.align === undefined &&
    cell.vAlign === undefined &&
    cell.bold === undefined &&
    cell.shade === undefined &&
    !p.top &&
    cell.paras[0]?.align === undefined;
  if (!plain) return { look: ownLook(part, p) };
  let known = part.looks[p.c];
  if (!known) {
    const look = ownLook(part, p);
    known = { look, style: sh.styles.style(look) };
    part.looks[p.c] = known;
  }
  return known;
}

function ownLook(part: TablePart, p: Placed): Look {
  const { cell } = p;
  const align = part.header
    ? (cell.align ?? 'center')
    : (cell.align ?? cell.paras[0]?.align ?? part.columns[p.c]?.align ?? 'left');
  const vAlign = part.header ? 'middle' : (cell.vAlign ?? 'middle');
  return {
    role: part.header ? 'heading' : 'body',
    size: part.size,
    bold: part.header || (cell.bold ?? false),
    align,
    vAlign: p.top ? 'top' : vAlign,
    fill: cell.shade ?? (part.header ? HEADER_FILL : undefined),
    border: 'all',
  };
}

/** Borders of piece j of m: no line between the pieces, so they read as one cell. */
function pieceBorder(j: number, m: number): BorderKind {
  if (m === 1) return 'all';
  if (j === 0) return 'open-bottom';
  return j === m - 1 ? 'open-top' : 'open-both';
}

/** A cell split over continuation rows: one piece per sheet row, the last piece merged down to the row's end. */
function writePieces(sh: Sheet, part: TablePart, p: Placed, look: Look): void {
  const plan = part.plans[p.r]!;
  const chunks = p.chunks!;
  const lastRow = plan.start + plan.heights.length - 1;
  chunks.forEach((chunk, j) => {
    const row = plan.start + j;
    const bottom = j === chunks.length - 1 ? lastRow : row;
    putCell(sh.ws, sh.styles, row, p.c + 1, chunk.paras, {
      ...look,
      vAlign: 'top',
      border: pieceBorder(j, chunks.length),
    });
    if (bottom > row || p.cs > 1) sh.ws.merge(row, p.c + 1, bottom, p.c + p.cs);
  });
}

function writeTableCell(sh: Sheet, part: TablePart, p: Placed): void {
  const top = part.plans[p.r]!;
  const bottom = part.plans[p.r + p.rs - 1]!;
  const lastRow = bottom.start + bottom.heights.length - 1;
  const { look, style } = cellLook(sh, part, p);
  if (p.chunks) {
    writePieces(sh, part, p, look);
    return;
  }
  putCell(sh.ws, sh.styles, top.start, p.c + 1, p.paras, look, style);
  if (lastRow > top.start || p.cs > 1) sh.ws.merge(top.start, p.c + 1, lastRow, p.c + p.cs);
}

function writeTablePart(sh: Sheet, part: TablePart): void {
  for (const cells of part.grid) for (const p of cells) writeTableCell(sh, part, p);
  for (const plan of part.plans) {
    for (let j = 0; j < plan.heights.length; j++) sh.ws.height(plan.start + j, plan.heights[j]!);
  }
  const last = part.plans[part.plans.length - 1];
  if (last) sh.next = last.start + last.heights.length;
}

/**
 * Where rows land on the printed pages: y on the current page (points); a row that does not fit starts the next page,
 * and the row before it gets a manual page break. Forcing the breaks makes the pages the same in Excel, WPS and
 * LibreOffice (each paginates a little differently near the bottom edge), so a merged cell's place on the page is
 * known. Fit-to-width can only shrink the rows, never push them past these breaks.
 */
type Pager = { y: number; page: number; top: number; breaks: number[] };

/** Place a row of height h at sheet row `row`. */
function advance(pg: Pager, h: number, row: number): void {
  if (pg.y + h > pg.page && pg.y > pg.top) {
    pg.y = pg.top;
    pg.breaks.push(row - 1);
  }
  pg.y += h;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * A merged cell that crosses a page break cannot stay vertically centred: its text would be printed half on each
 * page, or cut. Such a cell goes to the top of its first row, which grows to hold it. Returns whether the row grew
 * (the pages after it move, so the caller paginates again).
 */
function keepOnOnePage(part: TablePart, p: Placed, pg: Pager, limit: number): boolean {
  const plan = part.plans[p.r]!;
  let area = 0;
  for (let r = p.r; r < p.r + p.rs; r++) area += sum(part.plans[r]!.heights);
  const first = plan.heights[0]!;
  const y = pg.y + first > pg.page && pg.y > pg.top ? pg.top : pg.y;
  if (y + area <= pg.page) return false;
  p.top = true;
  const need = Math.min(limit, rowHeight(p.lines, part.size));
  if (need <= first) return false;
  plan.heights[0] = need;
  return true;
}

/** Paginate the body rows; merged cells that cross a break move to the top of their first row. */
function paginate(part: TablePart, start: Pager, limit: number): Pager {
  /** Per row, the merged cells that start there (spanning rows, or a row cut into continuation rows). */
  const merged = part.grid.map((cells, r) =>
    cells.filter((p) => !p.chunks && (p.rs > 1 || part.plans[r]!.heights.length > 1)),
  );
  let pg = start;
  for (let pass = 0, grew = true; grew && pass < 4; pass++) {
    grew = false;
    pg = { ...start, breaks: [...start.breaks] };
    for (let r = 0; r < part.plans.length; r++) {
      for (const p of merged[r]!) grew = keepOnOnePage(part, p, pg, limit) || grew;
      const plan = part.plans[r]!;
      for (let j = 0; j < plan.heights.length; j++) advance(pg, plan.heights[j]!, plan.start + j);
    }
  }
  return pg;
}

/** Rows may not be taller than this (points): Excel's limit, or the page's usable height less `reserved`. */
const rowLimitFor = (pageHeightPt: number, reserved: number) =>
  Math.max(72, Math.min(MAX_ROW_HEIGHT, pageHeightPt - reserved - 12));

/** Header rows then body rows; returns the header's sheet rows (for print titles and the frozen pane). */
function writeTable(sh: Sheet, t: TableBlock): [number, number] | undefined {
  const mk = (rows: Cell[][], header: boolean): TablePart => {
    const grid = place(rows, sh.colPx, t.fontSize);
    const plans = planRows(grid, t.fontSize, header ? MAX_ROW_HEIGHT : sh.rowLimit, !header, sh.next);
    return { grid, plans, header, size: t.fontSize, columns: t.columns, looks: [] };
  };
  const first = sh.next;
  const header = mk(t.header, true);
  const headerHeight = sum(header.plans.map((p) => sum(p.heights)));
  writeTablePart(sh, header);
  const titles: [number, number] | undefined = t.header.length ? [first, sh.next - 1] : undefined;
  advance(sh.pager, headerHeight, first);
  sh.pager.top = headerHeight;
  sh.rowLimit = rowLimitFor(sh.pager.page, headerHeight);
  const body = mk(t.body, false);
  sh.pager = paginate(body, sh.pager, sh.rowLimit);
  writeTablePart(sh, body);
  return titles;
}

// ---------------------------------------------------------------------------------------------------------------------
// Sheets

/** What goes on one worksheet: a table with the paragraphs around it, or narrative parts (page breaks between). */
type SheetPlan =
  | { kind: 'table'; before: ParaBlock[]; table: TableBlock; after: ParaBlock[] }
  | { kind: 'text'; parts: ParaBlock[][] };

/** The blocks between page breaks (empty parts dropped). */
function sections(doc: DocModel): DocModel['blocks'][] {
  const out: DocModel['blocks'][] = [[]];
  for (const b of doc.blocks) {
    if (b.kind === 'pageBreak') out.push([]);
    else out[out.length - 1]!.push(b);
  }
  return out.filter((s) => s.length);
}

/** Split at page breaks; one sheet per table, narrative parts together on sheets of their own. */
export function planSheets(doc: DocModel): SheetPlan[] {
  const plans: SheetPlan[] = [];
  for (const section of sections(doc)) {
    const paras: ParaBlock[] = [];
    let lastTable: Extract<SheetPlan, { kind: 'table' }> | undefined;
    for (const b of section) {
      if (b.kind === 'paragraph') paras.push(b);
      else if (b.kind === 'table') {
        lastTable = { kind: 'table', before: paras.splice(0), table: b, after: [] };
        plans.push(lastTable);
      }
    }
    const prev = plans[plans.length - 1];
    if (lastTable) lastTable.after = paras;
    else if (prev?.kind === 'text') prev.parts.push(paras);
    else plans.push({ kind: 'text', parts: [paras] });
  }
  return plans;
}

function sheetNameFor(plan: SheetPlan, index: number, tableNo: number, doc: DocModel): string {
  if (index === 0) return sanitizeSheetName(doc.meta.sheetName ?? doc.meta.title, '表1');
  if (plan.kind === 'table') return `表${tableNo}`;
  const title = plan.parts[0]?.find((b) => b.style === 'title');
  const text = title ? textPara(title.para).text : '';
  return sanitizeSheetName(text, `正文${index + 1}`);
}

function writeTableSheet(sh: Sheet, plan: Extract<SheetPlan, { kind: 'table' }>, doc: DocModel): void {
  for (const b of plan.before) writeParagraph(sh, b, doc.bodySize);
  const titles = writeTable(sh, plan.table);
  for (const b of plan.after) writeParagraph(sh, b, doc.bodySize);
  applyPage(sh.ws, doc.page, titles);
}

function writeTextSheet(sh: Sheet, plan: Extract<SheetPlan, { kind: 'text' }>, doc: DocModel): void {
  plan.parts.forEach((part, i) => {
    if (i > 0 && sh.next > 1) {
      sh.pager.breaks.push(sh.next - 1);
      sh.pager.y = 0;
    }
    for (const b of part) writeParagraph(sh, b, doc.bodySize);
  });
  applyPage(sh.ws, doc.page);
}

/** Render a document model as an .xlsx workbook (formula-like text neutralised). Throws on an invalid table. */
export async function renderXlsx(doc: DocModel): Promise<Buffer> {
  doc.blocks.forEach((b, i) => {
    if (b.kind !== 'table') return;
    if (!b.columns.length) throw new Error(`renderXlsx: table at block ${i} has no columns`);
    const problems = validateTable(b);
    if (problems.length) throw new Error(`renderXlsx: table at block ${i} is invalid: ${problems.join('; ')}`);
  });
  const wb = new XWorkbook();
  const styles = new Styles();
  const used = new Set<string>();
  let tableNo = 0;
  const plans = planSheets(doc);
  if (!plans.length) plans.push({ kind: 'text', parts: [[]] });
  plans.forEach((plan, i) => {
    if (plan.kind === 'table') tableNo++;
    const ws = wb.addSheet(uniqueName(sheetNameFor(plan, i, tableNo, doc), used));
    const mm = plan.kind === 'table' ? plan.table.columns.map((c) => c.width) : [usableMm(doc.page).width];
    const { widths, px } = columnWidths(mm, doc.page);
    ws.widths = widths;
    const page = usableMm(doc.page).height * PT_PER_MM * PAGE_FILL;
    const pager: Pager = { y: 0, page, top: 0, breaks: [] };
    const sh: Sheet = { ws, styles, colPx: px, next: 1, rowLimit: rowLimitFor(page, 0), pager };
    if (plan.kind === 'table') writeTableSheet(sh, plan, doc);
    else writeTextSheet(sh, plan, doc);
    for (const row of sh.pager.breaks) ws.pageBreak(row);
  });
  return wb.write({ title: doc.meta.title, creator: doc.meta.author ?? 'Shishi', created: new Date() });
}
