/**
 * A model table drawn on the PDF canvas, page by page.
 *
 * - Columns: the model's mm widths scaled to the text block. Cells: ~1 mm padding left/right, 2 pt top/bottom, one
 *   line pitch for the whole table (1.3 × the font size); header cells centred in the heading face (黑体 look), body
 *   cells justified unless the column/cell/paragraph says otherwise; vertically centred unless `vAlign: 'top'`.
 * - Merged cells: colSpan makes the cell wider; a rowSpan cell is one box over the rows it covers (its height is the
 *   sum of theirs; the last covered row grows when the merged text needs more room).
 * - Header rows are drawn again at the top of every page the table continues on.
 * - Page breaks, row by row: a row that does not fit the space left moves to the next page when it fits on a fresh
 *   page; a row taller than a page is split where the page ends and every cell's lines continue on the next page
 *   (a 40-paragraph cell is never cut). A rowSpan group is split at row boundaries (or inside a split row) like in
 *   Word: the merged cell gets a box on each page over its rows there. Its text flows from the first box into the
 *   next ones; once it has been shown whole, it is repeated in the boxes on later pages when it fits there (so every
 *   page says which 民生事项 its rows belong to; it never makes a row taller). The group's last row grows if the rest
 *   of the merged text needs more room.
 */
import type { Align, Cell, Para, TableBlock } from '../../../domain/publish/document/model';
import { validateTable } from '../../../domain/publish/document/model';
import { colorOf, faceOf, type LaidPara, mmToPt, type PdfCanvas } from './pdf-canvas';
import type { Line, TextStyle } from './pdf-text';

const PAD_X = mmToPt(1);
const PAD_Y = 2;
const LINE_FACTOR = 1.3;
const EPS = 0.01;

/** A cell on the grid, laid out: its lines (all paragraphs) and how many of them earlier boxes have shown. */
type Placed = {
  cell: Cell;
  row: number;
  col: number;
  colSpan: number;
  rowSpan: number;
  x: number;
  w: number;
  lines: { line: Line; styles: TextStyle[] }[];
  shown: number;
  /** Top of the cell's box on the current page, once one of its rows is placed there. */
  top: number | null;
  /** A merged cell whose text was shown whole on an earlier page: repeated in the next boxes when it fits. */
  repeat: boolean;
};

/** Throw when the table is not a sound grid (the same rule as the Word renderer). */
export function assertValidPdfTable(table: TableBlock, index: number) {
  const problems = validateTable(table);
  if (table.columns.length === 0) problems.push('the table has no columns');
  if (table.header.length + table.body.length === 0) problems.push('the table has no rows');
  if (problems.length)
    throw new Error(`renderPdf: table ${index + 1} is not a sound grid:\n- ${problems.join('\n- ')}`);
}

/** Column edges in pt: the model's widths scaled to `total` keeping their proportions (bad widths count as average). */
export function columnEdges(widths: readonly number[], left: number, total: number): number[] {
  const valid = widths.filter((w) => Number.isFinite(w) && w > 0);
  const fill = valid.length ? valid.reduce((a, b) => a + b, 0) / valid.length : 1;
  const ws = widths.map((w) => (Number.isFinite(w) && w > 0 ? w : fill));
  const sum = ws.reduce((a, b) => a + b, 0);
  const edges = [left];
  let acc = 0;
  for (const w of ws) {
    acc += w;
    edges.push(left + (acc / sum) * total);
  }
  return edges;
}

/** Grid positions of a part's cells (rows already validated). */
function placeGrid(rows: Cell[][], width: number): { cell: Cell; row: number; col: number }[] {
  const out: { cell: Cell; row: number; col: number }[] = [];
  const covered = new Array<number>(width).fill(0);
  rows.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      while (col < width && covered[col]! > 0) col++;
      out.push({ cell, row: r, col });
      const span = cell.colSpan ?? 1;
      for (let k = col; k < col + span; k++) covered[k] = cell.rowSpan ?? 1;
      col += span;
    }
    for (let k = 0; k < width; k++) covered[k] = Math.max(0, covered[k]! - 1);
  });
  return out;
}

type Part = { table: TableBlock; header: boolean; size: number };

function paraAlign(part: Part, cell: Cell, col: number, para: Para): Align {
  return para.align ?? cell.align ?? (part.header ? 'center' : (part.table.columns[col]?.align ?? 'justify'));
}

function cellLines(canvas: PdfCanvas, part: Part, cell: Cell, col: number, width: number): Placed['lines'] {
  const out: Placed['lines'] = [];
  const role = part.header ? 'heading' : 'body';
  for (const para of cell.paras) {
    const runs = para.runs.map((r) => ({
      text: r.text,
      face: faceOf(r.font ?? role, Boolean(r.bold || cell.bold)),
      color: colorOf(r.color),
    }));
    const laid: LaidPara = canvas.layout(
      runs,
      part.size,
      width,
      paraAlign(part, cell, col, para),
      para.indent ? 2 * part.size : 0,
    );
    for (const line of laid.lines) out.push({ line, styles: laid.styles });
  }
  return out;
}

function layoutPart(canvas: PdfCanvas, part: Part, rows: Cell[][], edges: number[]): Placed[] {
  const width = part.table.columns.length;
  return placeGrid(rows, width).map(({ cell, row, col }) => {
    const colSpan = Math.min(cell.colSpan ?? 1, width - col);
    const x = edges[col]!;
    const w = edges[col + colSpan]! - x;
    return {
      cell,
      row,
      col,
      colSpan,
      rowSpan: cell.rowSpan ?? 1,
      x,
      w,
      lines: cellLines(canvas, part, cell, col, Math.max(1, w - 2 * PAD_X)),
      shown: 0,
      top: null,
      repeat: false,
    };
  });
}

/** Row heights of a part drawn whole (the header): tallest single-row cell, then rowSpan cells grow their last row. */
function rowHeights(cells: Placed[], rows: number, lineHeight: number): number[] {
  const minRow = lineHeight + 2 * PAD_Y;
  const h = new Array<number>(rows).fill(minRow);
  const need = (p: Placed) => p.lines.length * lineHeight + 2 * PAD_Y;
  for (const p of cells) if (p.rowSpan === 1) h[p.row] = Math.max(h[p.row]!, need(p));
  for (const p of [...cells].filter((c) => c.rowSpan > 1).sort((a, b) => a.rowSpan - b.rowSpan)) {
    const last = Math.min(rows, p.row + p.rowSpan) - 1;
    let sum = 0;
    for (let r = p.row; r <= last; r++) sum += h[r]!;
    if (sum < need(p)) h[last]! += need(p) - sum;
  }
  return h;
}

/** The state of one table being drawn. */
class TableFlow {
  private readonly lineHeight: number;
  private readonly minRow: number;
  private readonly header: Placed[];
  private readonly headerRows: number[];
  private readonly headerHeight: number;
  private readonly startsAt: Placed[][];
  private readonly endsAt: Placed[][];
  private open: Placed[] = [];
  /** Where the first body row of the current page may start. */
  private pageTop = 0;
  private y = 0;

  constructor(
    private readonly canvas: PdfCanvas,
    private readonly table: TableBlock,
  ) {
    const size = table.fontSize > 0 ? table.fontSize : 10.5;
    this.lineHeight = size * LINE_FACTOR;
    this.minRow = this.lineHeight + 2 * PAD_Y;
    const edges = columnEdges(
      table.columns.map((c) => c.width),
      canvas.left,
      canvas.width,
    );
    this.header = layoutPart(canvas, { table, header: true, size }, table.header, edges);
    this.headerRows = rowHeights(this.header, table.header.length, this.lineHeight);
    this.headerHeight = this.headerRows.reduce((a, b) => a + b, 0);
    const body = layoutPart(canvas, { table, header: false, size }, table.body, edges);
    this.startsAt = table.body.map(() => []);
    this.endsAt = table.body.map(() => []);
    for (const p of body) {
      this.startsAt[p.row]!.push(p);
      this.endsAt[Math.min(table.body.length, p.row + p.rowSpan) - 1]!.push(p);
    }
    if (this.headerHeight + this.minRow > canvas.bottom - canvas.top + EPS) {
      throw new Error('renderPdf: the table header is taller than a page');
    }
  }

  draw() {
    const c = this.canvas;
    // Start on a new page when the header and the first row (or three lines of it, when it is taller than a page and
    // will be split anyway) do not fit: never a header alone at the foot of a page.
    const first = this.table.body.length ? this.need(0, 0, true) : 0;
    const room = c.bottom - c.top - this.headerHeight;
    const want = this.headerHeight + (first <= room ? first : 3 * this.lineHeight + 2 * PAD_Y);
    if (c.pages === 0 || (c.y > c.top + EPS && c.y + want > c.bottom + EPS)) c.newPage();
    this.drawHeader(c.y);
    for (let r = 0; r < this.table.body.length; r++) this.placeRow(r);
    c.y = this.y;
  }

  private drawHeader(top: number) {
    const rowTops = [top];
    for (const h of this.headerRows) rowTops.push(rowTops[rowTops.length - 1]! + h);
    for (const p of this.header) {
      p.shown = 0;
      const last = Math.min(this.headerRows.length, p.row + p.rowSpan);
      this.drawBox(p, rowTops[p.row]!, rowTops[last]!);
    }
    this.y = this.pageTop = top + this.headerHeight;
  }

  /** Height row `r` needs with its top at `y`: cells ending here need their remaining lines below their box's top
   * (`fresh`: as if every box started at `y`, i.e. at the top of a new page). */
  private need(r: number, y: number, fresh: boolean): number {
    let need = this.minRow;
    for (const p of this.endsAt[r]!) {
      const top = fresh ? y : (p.top ?? y);
      const rest = (p.lines.length - p.shown) * this.lineHeight + 2 * PAD_Y;
      need = Math.max(need, top + rest - y);
    }
    return need;
  }

  private placeRow(r: number) {
    const bottom = this.canvas.bottom;
    this.open.push(...this.startsAt[r]!);
    for (let guard = 0; guard < 100_000; guard++) {
      const need = this.need(r, this.y, false);
      if (this.y + need <= bottom + EPS) {
        for (const p of this.open) p.top ??= this.y;
        const rowBottom = this.y + need;
        for (const p of this.endsAt[r]!) this.drawBox(p, p.top!, rowBottom);
        this.open = this.open.filter((p) => !this.endsAt[r]!.includes(p));
        this.y = rowBottom;
        return;
      }
      const freshTop = this.canvas.top + this.headerHeight;
      const fitsFresh = freshTop + this.need(r, freshTop, true) <= bottom + EPS;
      if ((this.y > this.pageTop + EPS && fitsFresh) || bottom - this.y < this.minRow) {
        this.breakPage(this.y);
      } else {
        // Taller than a page: fill this page to the bottom, the rest continues on the next.
        for (const p of this.open) p.top ??= this.y;
        this.breakPage(bottom);
      }
    }
    throw new Error('renderPdf: a table row could not be placed');
  }

  /** Close every open box at `at`, start a new page and repeat the header. */
  private breakPage(at: number) {
    for (const p of this.open) {
      if (p.top !== null && at > p.top + EPS) this.drawBox(p, p.top, at);
      p.top = null;
      if (p.rowSpan > 1 && p.shown > 0 && p.shown === p.lines.length) p.repeat = true;
    }
    this.canvas.newPage();
    this.drawHeader(this.canvas.top);
  }

  /** Draw a cell's box from `top` to `bottom` with as many of its remaining lines as fit. */
  private drawBox(p: Placed, top: number, bottom: number) {
    const c = this.canvas;
    const lh = this.lineHeight;
    c.box(p.x, top, p.w, bottom - top, p.cell.shade ? colorOf(p.cell.shade) : undefined);
    const room = bottom - top - 2 * PAD_Y;
    if (p.repeat && p.lines.length * lh <= room + EPS) p.shown = 0;
    const rest = p.lines.length - p.shown;
    const n = Math.max(0, Math.min(rest, Math.floor(room / lh + EPS)));
    const offset = n === rest && p.cell.vAlign !== 'top' ? (room - n * lh) / 2 : 0;
    const size = lh / LINE_FACTOR;
    for (let k = 0; k < n; k++) {
      const { line, styles } = p.lines[p.shown + k]!;
      c.drawLine(line, styles, p.x + PAD_X, top + PAD_Y + offset + k * lh, p.w - 2 * PAD_X, size, lh);
    }
    p.shown += n;
  }
}

/** Draw a table from the canvas cursor on; the cursor ends under the table. Throws on an unsound grid. */
export function drawTable(canvas: PdfCanvas, table: TableBlock, index: number) {
  assertValidPdfTable(table, index);
  new TableFlow(canvas, table).draw();
}
