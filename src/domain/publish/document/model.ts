/**
 * The document model: what an official document IS, independent of Word, Excel or PDF. Layouts (../layouts) compose
 * it from a round's data; the renderers (server/files/export: docx, xlsx, pdf) draw it. Pure data, no I/O.
 *
 * Conventions (GB/T 9704-2012 and the seeds; see ../../../../README.md "正式文件"): sizes in points (号: 二号 22, 小二 18,
 * 三号 16, 四号 14, 小四 12, 五号 10.5, 小五 9), lengths in millimetres, colours as "RRGGBB". Fonts are named by role
 * (title/heading/body/kai), the renderers map roles to the government fonts with fallbacks.
 */

/** Font roles: title 方正小标宋简体, heading 黑体, body 仿宋_GB2312, kai 楷体_GB2312 (renderers add fallbacks). */
export type FontRole = 'title' | 'heading' | 'body' | 'kai';

/** A piece of text with one look. A status mark is the text "▋" in a colour (seed 001's 进度评价). */
export type Run = {
  text: string;
  bold?: boolean;
  /** "RRGGBB"; default black. */
  color?: string;
  /** Overrides the paragraph's font role. */
  font?: FontRole;
};

export type Align = 'left' | 'center' | 'right' | 'justify';

/** One paragraph: inside a table cell ("1.…" "2.…" stay separate paragraphs) or on the page. */
export type Para = {
  runs: Run[];
  align?: Align;
  /** First-line indent of two characters (公文 body text). */
  indent?: boolean;
};

/**
 * A table cell. Spans work as in HTML: a cell with `colSpan: 3` stands for three grid columns and the row lists two
 * fewer cells; a cell with `rowSpan: 4` covers the same grid column in the next three rows, which list no cell there.
 * Every row must cover exactly the table's grid (`validateTable` checks it).
 */
export type Cell = {
  paras: Para[];
  colSpan?: number;
  rowSpan?: number;
  align?: Align;
  vAlign?: 'top' | 'middle';
  bold?: boolean;
  /** Background "RRGGBB" (the 示例 row, group rows). */
  shade?: string;
};

export type TableColumn = {
  /** Width in mm; the renderers scale all columns to the usable page width keeping the proportions. */
  width: number;
  /** Default alignment of the column's body cells. */
  align?: Align;
};

export type TableBlock = {
  kind: 'table';
  columns: TableColumn[];
  /** Header rows: repeated at the top of every page; set in the heading font. */
  header: Cell[][];
  body: Cell[][];
  /** Font size of the body in pt (header uses the same size, bold heading font). */
  fontSize: number;
};

/** The roles a page paragraph plays; each renderer gives each its font, size, spacing and alignment. */
export type ParaStyle =
  /** "附件1": 三号黑体, top left. */
  | 'attachment'
  /** The document's title: 二号/小二 小标宋, centred. */
  | 'title'
  /** "（截至2023年9月30日）": 三号/四号 楷体, centred. */
  | 'subtitle'
  /** A numbered item's heading in a narrative (seed 004 "1、实施…"): body size, bold. */
  | 'heading'
  /** Body text: 三号仿宋 (or the document's body size), first-line indent. */
  | 'body'
  /** A note or preamble under the title (seed 002's lag-analysis rule). */
  | 'note'
  /** The issuing office and date at the end: right-aligned. */
  | 'signature';

export type ParaBlock = {
  kind: 'paragraph';
  style: ParaStyle;
  para: Para;
  /** Font size in pt; default by style (title 22, subtitle 16, others the document's bodySize). */
  size?: number;
};

/** Start the next block on a new page (one table per 主办 unit, seed 000). */
export type PageBreakBlock = { kind: 'pageBreak' };

export type Block = ParaBlock | TableBlock | PageBreakBlock;

export type PageSetup = {
  size: 'A4';
  orientation: 'portrait' | 'landscape';
  /** Margins in mm. */
  margins: { top: number; right: number; bottom: number; left: number };
  /** 'dash': "— 3 —" (公文); 'of': "第 3 页 共 12 页"; 'none'. Centred in the footer. */
  pageNumbers: 'dash' | 'of' | 'none';
};

export type DocModel = {
  page: PageSetup;
  /** Body text size of page paragraphs in pt (三号 16 for a 公文, 四号 14 for a table's notes). */
  bodySize: number;
  /** Document properties (file title, for the .docx/.pdf metadata and the .xlsx sheet name). */
  meta: { title: string; author?: string; sheetName?: string };
  blocks: Block[];
};

/** Plain text of a paragraph. */
export const paraText = (p: Para) => p.runs.map((r) => r.text).join('');
/** Plain text of a cell: its paragraphs joined by newlines. */
export const cellText = (c: Cell) => c.paras.map(paraText).join('\n');

/** One paragraph of plain text. */
export const para = (text: string, opts: Omit<Para, 'runs'> & Omit<Run, 'text'> = {}): Para => {
  const { align, indent, ...run } = opts;
  return { runs: [{ text, ...run }], ...(align ? { align } : {}), ...(indent ? { indent } : {}) };
};

/** A cell of plain text, one paragraph per line. */
export const textCell = (text: string, opts: Omit<Cell, 'paras'> = {}): Cell => ({
  paras: (text === '' ? [''] : text.split('\n')).map((line) => para(line)),
  ...opts,
});

/**
 * Check that every row covers the grid exactly, spans stay inside the table, and no two cells claim one grid slot.
 * Returns the problems (English, for developers); [] when the table is sound. Word "repairs" a table that fails this.
 */
export function validateTable(t: TableBlock): string[] {
  return [...validateRows('header', t.header, t.columns.length), ...validateRows('body', t.body, t.columns.length)];
}

/** Place one row's cells on the grid; `covered[k]` counts the rows a rowSpan above still covers in column k. */
function placeRow(where: string, row: Cell[], r: number, rows: number, covered: number[], out: string[]) {
  const width = covered.length;
  let col = 0;
  const skipCovered = () => {
    while (col < width && covered[col]! > 0) col++;
  };
  for (const cell of row) {
    skipCovered();
    const span = cell.colSpan ?? 1;
    const down = cell.rowSpan ?? 1;
    if (span < 1 || down < 1) out.push(`${where}: span below 1`);
    if (col + span > width) return out.push(`${where}: cells overflow the ${width}-column grid`);
    for (let k = col; k < col + span; k++) {
      if (covered[k]! > 0) out.push(`${where} col ${k}: slot claimed twice`);
      covered[k] = down;
    }
    if (r + down > rows) out.push(`${where}: rowSpan ${down} runs past the last row`);
    col += span;
  }
  skipCovered();
  if (col !== width) out.push(`${where}: covers ${col} of ${width} grid columns`);
}

function validateRows(part: string, rows: Cell[][], width: number): string[] {
  const out: string[] = [];
  const covered = new Array<number>(width).fill(0);
  rows.forEach((row, r) => {
    placeRow(`${part} row ${r}`, row, r, rows.length, covered, out);
    for (let k = 0; k < width; k++) covered[k] = Math.max(0, covered[k]! - 1);
  });
  return out;
}
