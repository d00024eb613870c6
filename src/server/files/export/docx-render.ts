/**
 * DocModel → .docx (issue 9 §2), with the `docx` library. The model says what the document is (../../../domain/publish/
 * document/model.ts); this file says how Word draws it:
 *
 * - Fonts and sizes live in paragraph styles (公文标题, 正文, 表格正文 …) so the document stays editable in Word/WPS and
 *   document.xml stays lean; runs carry only what differs (bold, colour, a font role override, a size override).
 *   Every style names a font for each script slot: the government face in `eastAsia` (仿宋_GB2312, 黑体, 楷体_GB2312,
 *   方正小标宋简体) and a face every Windows has in `ascii`/`hAnsi`/`cs` (FangSong, SimHei, KaiTi, SimSun).
 * - Tables are real Word tables: a fixed layout whose grid is the model's mm widths scaled to the usable page width
 *   (twips, summing exactly to it), cell widths set too, gridSpan for colSpan, vMerge restart/continue for the model's
 *   HTML-style rowSpan (the "continue" cells are written into the rows below), header rows repeated on every page,
 *   rows allowed to break across pages (no cantSplit), single black borders, ~1 mm cell margins.
 *   Header cells are centred both ways; body cells sit at the top unless the model asks for `vAlign: 'middle'`.
 * - word/fontTable.xml declares the faces with their GB2312 charset and the name to substitute (仿宋_GB2312 → 仿宋).
 * - Every table is checked with `validateTable` first; a table Word would "repair" is an Error, never a file.
 * - Cost: the table's body text is the document default (Normal), so body paragraphs carry no style reference, and
 *   repeated short cell paragraphs (units, 无, 已完成, ▋ marks) and the continue cells of a merge are written once.
 *   Tables are written as XML strings by docx-table-xml.ts — the same bytes `docxTable` makes docx write, without
 *   docx's objects per cell, paragraph and run — so a 2,000-project table costs well under what the bare library
 *   takes for the same cells (bench/docx-export.bench.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  type IBorderOptions,
  type IContext,
  type IFontAttributesProperties,
  type IParagraphOptions,
  type IParagraphStyleOptions,
  type IRunOptions,
  type ITableCellOptions,
  type IXmlableObject,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type {
  Align,
  Block,
  Cell,
  DocModel,
  FontRole,
  PageSetup,
  Para,
  ParaBlock,
  ParaStyle,
  Run,
  TableBlock,
} from '../../../domain/publish/document/model';
import { validateTable } from '../../../domain/publish/document/model';
import { RawTable, type TableXmlDeps, tableInnerXml } from './docx-table-xml';

// ---------------------------------------------------------------------------------------------------------------
// Units and page geometry
// ---------------------------------------------------------------------------------------------------------------

/** A4 in twips, portrait (docx wants the portrait size plus the orientation for landscape: stack-notes 7a). */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;

/** Millimetres → twips (1/20 pt), rounded. */
export const mmToTwips = (mm: number): number => Math.round((mm * 1440) / 25.4);

/** Points → docx half-points (w:sz). */
const halfPoints = (pt: number): number => Math.round(pt * 2);

/** Width of the text block in twips: the page width for the orientation minus the left and right margins. */
export function usableWidthTwips(page: PageSetup): number {
  const width = page.orientation === 'landscape' ? A4_TWIPS.height : A4_TWIPS.width;
  return width - mmToTwips(page.margins.left) - mmToTwips(page.margins.right);
}

/**
 * Scale widths (any unit) to whole twips that keep their proportions and add up to exactly `total` (largest remainder).
 * Widths that are not positive numbers count as the average of the others (or all equal when none is).
 */
export function scaleColumnWidths(widths: readonly number[], total: number): number[] {
  if (widths.length === 0) return [];
  const valid = widths.filter((w) => Number.isFinite(w) && w > 0);
  const fill = valid.length ? valid.reduce((a, b) => a + b, 0) / valid.length : 1;
  const ws = widths.map((w) => (Number.isFinite(w) && w > 0 ? w : fill));
  const sum = ws.reduce((a, b) => a + b, 0);
  const exact = ws.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]! += 1;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Fonts and styles
// ---------------------------------------------------------------------------------------------------------------

/** The government faces with a fallback in every script slot; `hint` makes shared punctuation (“”：▋) East Asian. */
export const DOCX_FONTS: Record<FontRole | 'pageNumber', IFontAttributesProperties> = {
  title: { eastAsia: '方正小标宋简体', ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun', hint: 'eastAsia' },
  heading: { eastAsia: '黑体', ascii: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei', hint: 'eastAsia' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong', cs: 'FangSong', hint: 'eastAsia' },
  kai: { eastAsia: '楷体_GB2312', ascii: 'KaiTi', hAnsi: 'KaiTi', cs: 'KaiTi', hint: 'eastAsia' },
  /** 四号半角宋体 page numbers (GB/T 9704). */
  pageNumber: { eastAsia: '宋体', ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun', hint: 'eastAsia' },
};

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
};

/** Page paragraph styles: style id, Word's style name, font role, default size, alignment. */
type PageStyle = { id: string; name: string; font: FontRole; size: (doc: DocModel) => number; align: Align };
const PAGE_STYLES: Record<ParaStyle, PageStyle> = {
  attachment: { id: 'SsAttachment', name: '附件标识', font: 'heading', size: () => 16, align: 'left' },
  title: { id: 'SsTitle', name: '公文标题', font: 'title', size: () => 22, align: 'center' },
  subtitle: { id: 'SsSubtitle', name: '副标题', font: 'kai', size: () => 16, align: 'center' },
  heading: { id: 'SsHeading', name: '条目标题', font: 'body', size: (d) => d.bodySize, align: 'justify' },
  body: { id: 'SsBody', name: '公文正文', font: 'body', size: (d) => d.bodySize, align: 'justify' },
  note: { id: 'SsNote', name: '说明', font: 'body', size: (d) => d.bodySize, align: 'justify' },
  signature: { id: 'SsSignature', name: '落款', font: 'body', size: (d) => d.bodySize, align: 'right' },
};
const PAGE_NUMBER_STYLE = 'SsPageNumber';
const PAGE_NUMBER_SIZE = 14;
/** Line pitch of page paragraphs: exact, 1.75 × the size (三号 16 pt → 28 pt, near GB/T's 22 lines per page). */
const LINE_FACTOR = 1.75;

const lineTwips = (size: number) => Math.round(size * LINE_FACTOR * 20);
/** The style ids of a table's paragraphs at one font size. */
const cellStyleId = (size: number) => `SsCell${halfPoints(size)}`;
const headStyleId = (size: number) => `SsHead${halfPoints(size)}`;

function pageStyle(doc: DocModel, style: ParaStyle): IParagraphStyleOptions {
  const s = PAGE_STYLES[style];
  const size = s.size(doc);
  return {
    id: s.id,
    name: s.name,
    basedOn: 'Normal',
    next: style === 'title' || style === 'subtitle' || style === 'attachment' ? PAGE_STYLES.body.id : s.id,
    quickFormat: true,
    run: { font: DOCX_FONTS[s.font], size: halfPoints(size), ...(style === 'heading' ? { bold: true } : {}) },
    paragraph: {
      alignment: ALIGN[s.align],
      spacing: {
        before: 0,
        after: style === 'subtitle' ? 120 : 0,
        line: lineTwips(size),
        lineRule: LineRuleType.EXACT,
      },
      ...(style === 'title' || style === 'attachment' || style === 'heading' ? { keepNext: true } : {}),
      ...(style === 'signature' ? { indent: { right: size * 20 * 4 } } : {}),
    },
  };
}

/** Table cell paragraphs: single line spacing, no space between paragraphs (the cell margins give the air). */
const CELL_SPACING = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };

/**
 * The size whose table body text is the document default (Normal): the size of the table with the most body rows, so
 * its cell paragraphs need no style reference (thousands of them; the pStyle would be most of document.xml's
 * overhead). Tables of other sizes get a style of their own. Without tables, the body size.
 */
export function defaultCellSize(doc: DocModel): number {
  let best: TableBlock | undefined;
  for (const b of doc.blocks) if (b.kind === 'table' && (!best || b.body.length > best.body.length)) best = b;
  return best ? best.fontSize : doc.bodySize;
}

function tableStyles(sizes: Set<number>, normalSize: number): IParagraphStyleOptions[] {
  const out: IParagraphStyleOptions[] = [];
  for (const size of sizes) {
    if (size !== normalSize) {
      out.push({
        id: cellStyleId(size),
        name: `表格正文 ${size}`,
        basedOn: 'Normal',
        run: { size: halfPoints(size) },
      });
    }
    out.push({
      id: headStyleId(size),
      name: `表格表头 ${size}`,
      basedOn: 'Normal',
      run: { font: DOCX_FONTS.heading, size: halfPoints(size), bold: true },
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
    });
  }
  return out;
}

function documentStyles(doc: DocModel, normalSize: number) {
  const tables = doc.blocks.filter((b): b is TableBlock => b.kind === 'table');
  return {
    default: {
      document: {
        // Normal = 表格正文: 仿宋 at the main table's size, justified, single spacing, widow/orphan control.
        run: {
          font: DOCX_FONTS.body,
          size: halfPoints(normalSize),
          language: { value: 'en-US', eastAsia: 'zh-CN' },
        },
        paragraph: { spacing: CELL_SPACING, alignment: AlignmentType.BOTH, widowControl: true },
      },
    },
    paragraphStyles: [
      ...(Object.keys(PAGE_STYLES) as ParaStyle[]).map((s) => pageStyle(doc, s)),
      ...tableStyles(new Set(tables.map((t) => t.fontSize)), normalSize),
      {
        id: PAGE_NUMBER_STYLE,
        name: '页码',
        basedOn: 'Normal',
        run: { font: DOCX_FONTS.pageNumber, size: halfPoints(PAGE_NUMBER_SIZE) },
        paragraph: { alignment: AlignmentType.CENTER },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Runs and paragraphs
// ---------------------------------------------------------------------------------------------------------------

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/FFFF, unpaired surrogates): Word refuses the file. */
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the characters XML 1.0 refuses.
  /[\u0000-\u0008\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the quick test for any character cleanText changes.
const NEEDS_CLEANING = /[\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: Word's manual line break and page break (clipboard text).
const SOFT_BREAKS = /[\u000B\u000C]/g;

/**
 * Text safe for w:t: Word's manual line/page breaks (U+000B/U+000C) become newlines (written as line breaks), CR is
 * dropped before LF, tabs become spaces, and characters XML forbids are dropped.
 */
export function cleanText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(SOFT_BREAKS, '\n').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(INVALID_XML, '');
}

const HEX = /^[0-9A-F]{6}$/;
/** "RRGGBB" (a leading # tolerated), or undefined when it is not a colour. */
export function hexColor(c: string | undefined): string | undefined {
  if (!c) return undefined;
  const v = c.replace(/^#/, '').toUpperCase();
  return HEX.test(v) ? v : undefined;
}

type RunContext = { bold?: boolean; size?: number };
const PLAIN: RunContext = {};
const BOLD: RunContext = { bold: true };
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One model run → TextRuns (a newline inside the text becomes a line break, the text stays in one paragraph). */
function textRuns(run: Run, ctx: RunContext, out: TextRun[]) {
  const text = cleanText(run.text);
  const color = run.color === undefined ? undefined : hexColor(run.color);
  if (text === '') return;
  const plain = !run.bold && !ctx.bold && !color && !run.font && !ctx.size;
  if (plain && !text.includes('\n')) {
    out.push(new TextRun(text));
    return;
  }
  const props: Mutable<IRunOptions> = {};
  if (run.bold || ctx.bold) props.bold = true;
  if (color) props.color = color;
  if (run.font) props.font = DOCX_FONTS[run.font];
  if (ctx.size) props.size = halfPoints(ctx.size);
  const parts = text.split('\n');
  for (let i = 0; i < parts.length; i++) {
    out.push(new TextRun(i > 0 ? { ...props, text: parts[i], break: 1 } : { ...props, text: parts[i] }));
  }
}

function runsOf(para: Para, ctx: RunContext): TextRun[] {
  const out: TextRun[] = [];
  for (const run of para.runs) textRuns(run, ctx, out);
  return out;
}

/** A two-character first-line indent: in characters for Word/WPS, in twips for LibreOffice. */
const firstLineIndent = (size: number) => ({ firstLineChars: 200, firstLine: size * 20 * 2 });

// ---------------------------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------------------------

/** A cell placed on the grid: an origin cell of the model, or the "continue" part of a rowSpan from a row above. */
export type PlacedCell = { cell: Cell; col: number; span: number; merge?: 'restart' | 'continue' };

/**
 * Place the model's rows on the grid, HTML-style: a cell with rowSpan n covers its columns in the n − 1 rows below,
 * which list no cell there. Returns each row's cells in grid order with the continue cells Word needs written in.
 * Expects a table that `validateTable` accepts.
 */
export function placeCells(rows: readonly Cell[][], width: number): PlacedCell[][] {
  // covered[k]: the origin still covering column k (only at the origin's first column) and the rows left.
  const covered: ({ origin: Cell; span: number; left: number } | undefined)[] = new Array(width).fill(undefined);
  return rows.map((row) => {
    const out: PlacedCell[] = [];
    let col = 0;
    let next = 0;
    while (col < width) {
      const c = covered[col];
      if (c && c.left > 0) {
        out.push({ cell: c.origin, col, span: c.span, merge: 'continue' });
        c.left--;
        col += c.span;
        continue;
      }
      const cell = row[next++];
      if (!cell) break;
      const span = cell.colSpan ?? 1;
      const down = cell.rowSpan ?? 1;
      covered[col] = down > 1 ? { origin: cell, span, left: down - 1 } : undefined;
      out.push({ cell, col, span, ...(down > 1 ? { merge: 'restart' as const } : {}) });
      col += span;
    }
    return out;
  });
}

const BLACK_LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const TABLE_BORDERS = {
  top: BLACK_LINE,
  bottom: BLACK_LINE,
  left: BLACK_LINE,
  right: BLACK_LINE,
  insideHorizontal: BLACK_LINE,
  insideVertical: BLACK_LINE,
};
/** About 1 mm of cell margin left and right (Word's default is 1.9 mm; tables of long text want the room). */
const CELL_MARGIN = mmToTwips(1);

type TablePart = {
  table: TableBlock;
  grid: number[];
  header: boolean;
  /** undefined: the table's body size is the document default (Normal). */
  cellStyle: string | undefined;
  emptyPara: Paragraph;
  continues: Map<Cell, TableCell>;
  paragraphs: Map<string, Paragraph>;
};

function cellAlign(part: TablePart, placed: PlacedCell, para: Para): Align | undefined {
  if (para.align) return para.align;
  if (placed.cell.align) return placed.cell.align;
  if (part.header) return undefined; // the header style centres
  return part.table.columns[placed.col]?.align;
}

/** Longest single-run text whose paragraph is shared between cells (units, 无, /, 已完成, ▋ marks repeat). */
const SHARE_MAX = 20;

/**
 * The key under which identical short paragraphs of a table part share one docx Paragraph (docx writes a component
 * the same way wherever it sits; a shared one is built once). Undefined for paragraphs not worth sharing.
 */
function shareKey(para: Para, align: Align | undefined, bold: boolean | undefined): string | undefined {
  if (para.runs.length !== 1) return undefined;
  const r = para.runs[0]!;
  if (r.text.length > SHARE_MAX) return undefined;
  return `${align ?? ''}|${para.indent ? 1 : 0}|${bold || r.bold ? 1 : 0}|${r.color ?? ''}|${r.font ?? ''}|${r.text}`;
}

/**
 * A paragraph that several cells share. It holds text runs only (no numbering, links or bookmarks), so docx writes
 * it the same wherever it sits: its XML object is prepared once and reused for every occurrence.
 */
class SharedParagraph extends Paragraph {
  private prepared: IXmlableObject | undefined;
  override prepForXml(context: IContext): IXmlableObject | undefined {
    if (this.prepared === undefined) this.prepared = super.prepForXml(context);
    return this.prepared;
  }
}

/** The continue cells of one vertical merge: identical (width, span, shading, an empty paragraph), prepared once. */
class SharedCell extends TableCell {
  private prepared: IXmlableObject | undefined;
  override prepForXml(context: IContext): IXmlableObject | undefined {
    if (this.prepared === undefined) this.prepared = super.prepForXml(context);
    return this.prepared;
  }
}

function cellParagraph(part: TablePart, placed: PlacedCell, para: Para): Paragraph {
  const align = cellAlign(part, placed, para);
  const key = shareKey(para, align, placed.cell.bold);
  const shared = key === undefined ? undefined : part.paragraphs.get(key);
  if (shared) return shared;
  // Options built in place (no spreads): this runs for every paragraph of a table of thousands of rows.
  const opts: Mutable<IParagraphOptions> = { children: runsOf(para, placed.cell.bold ? BOLD : PLAIN) };
  if (part.cellStyle) opts.style = part.cellStyle;
  if (align && align !== 'justify') opts.alignment = ALIGN[align];
  if (para.indent) opts.indent = firstLineIndent(part.table.fontSize);
  if (key === undefined) return new Paragraph(opts);
  const out = new SharedParagraph(opts);
  part.paragraphs.set(key, out);
  return out;
}

function cellParagraphs(part: TablePart, placed: PlacedCell): Paragraph[] {
  if (placed.merge === 'continue' || placed.cell.paras.length === 0) return [part.emptyPara];
  return placed.cell.paras.map((para) => cellParagraph(part, placed, para));
}

function docxCell(part: TablePart, placed: PlacedCell): TableCell {
  const { cell, col, span, merge } = placed;
  // The continue cells of one merge are identical (an empty paragraph under the origin's width, span and shading):
  // one instance serves every row below the origin.
  const shared = merge === 'continue' ? part.continues.get(cell) : undefined;
  if (shared) return shared;
  let width = 0;
  for (let k = col; k < col + span; k++) width += part.grid[k]!;
  const opts: Mutable<ITableCellOptions> = {
    width: { size: width, type: WidthType.DXA },
    children: cellParagraphs(part, placed),
  };
  if (span > 1) opts.columnSpan = span;
  if (merge) opts.verticalMerge = merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE;
  if (merge !== 'continue' && (part.header || cell.vAlign === 'middle')) opts.verticalAlign = VerticalAlignTable.CENTER;
  const shade = hexColor(cell.shade);
  if (shade) opts.shading = { type: ShadingType.CLEAR, color: 'auto', fill: shade };
  if (merge !== 'continue') return new TableCell(opts);
  const out = new SharedCell(opts);
  part.continues.set(cell, out);
  return out;
}

/** Throw when a table would make Word "repair" the file. */
function assertValidTable(table: TableBlock, index: number) {
  const problems = validateTable(table);
  if (table.columns.length === 0) problems.push('the table has no columns');
  if (table.header.length + table.body.length === 0) problems.push('the table has no rows');
  if (problems.length)
    throw new Error(`renderDocx: table ${index + 1} is not a sound grid:\n- ${problems.join('\n- ')}`);
}

/**
 * A model table → a Word table (validated first). `normalSize`: the document's default text size (see
 * `defaultCellSize`); body cells of a table at that size need no paragraph style.
 */
export function docxTable(table: TableBlock, usableWidth: number, normalSize: number, index = 0): Table {
  assertValidTable(table, index);
  const grid = scaleColumnWidths(
    table.columns.map((c) => c.width),
    usableWidth,
  );
  const width = table.columns.length;
  const rows: TableRow[] = [];
  for (const header of [true, false]) {
    const cellStyle = header
      ? headStyleId(table.fontSize)
      : table.fontSize === normalSize
        ? undefined
        : cellStyleId(table.fontSize);
    const emptyPara = new SharedParagraph(cellStyle ? { style: cellStyle } : {});
    const part: TablePart = { table, grid, header, cellStyle, emptyPara, continues: new Map(), paragraphs: new Map() };
    for (const placedRow of placeCells(header ? table.header : table.body, width)) {
      rows.push(
        new TableRow({
          children: placedRow.map((placed) => docxCell(part, placed)),
          ...(header ? { tableHeader: true } : {}),
        }),
      );
    }
  }
  return new Table({
    rows,
    width: { size: usableWidth, type: WidthType.DXA },
    columnWidths: grid,
    layout: TableLayoutType.FIXED,
    indent: { size: 0, type: WidthType.DXA },
    borders: TABLE_BORDERS,
    margins: { marginUnitType: WidthType.DXA, top: 0, bottom: 0, left: CELL_MARGIN, right: CELL_MARGIN },
  });
}

const XML_DEPS: TableXmlDeps = {
  fonts: DOCX_FONTS,
  cleanText,
  hexColor,
  placeCells,
  firstLine: firstLineIndent,
  cellMargin: CELL_MARGIN,
};

/** The same table as `docxTable`, written as XML by docx-table-xml.ts (validated first). */
export function xmlTable(table: TableBlock, usableWidth: number, normalSize: number, index = 0): RawTable {
  assertValidTable(table, index);
  const grid = scaleColumnWidths(
    table.columns.map((c) => c.width),
    usableWidth,
  );
  const cell = table.fontSize === normalSize ? undefined : cellStyleId(table.fontSize);
  return new RawTable(tableInnerXml(table, grid, usableWidth, { head: headStyleId(table.fontSize), cell }, XML_DEPS));
}

/** How tables are built: as XML strings (the export), or as docx objects (the reference the tests compare with). */
export type TableWriter = 'xml' | 'docx';

// ---------------------------------------------------------------------------------------------------------------
// Page paragraphs, blocks, footer, document
// ---------------------------------------------------------------------------------------------------------------

type BlockState = { pageBreak: boolean; previous?: Block };

/** Space before a page paragraph: two lines above the 落款, one line between the title and the text under it. */
function gapBefore(block: ParaBlock, previous: Block | undefined, line: number): number {
  if (previous?.kind !== 'paragraph') return 0;
  if (block.style === 'signature' && previous.style !== 'signature') return line * 2;
  if (previous.style === 'title' && block.style !== 'title' && block.style !== 'subtitle') return line;
  return 0;
}

function pageParagraph(doc: DocModel, block: ParaBlock, state: BlockState): Paragraph {
  const s = PAGE_STYLES[block.style] ?? PAGE_STYLES.body;
  const size = block.size && block.size !== s.size(doc) ? block.size : undefined;
  const effective = size ?? s.size(doc);
  const line = lineTwips(effective);
  const align = block.para.align && block.para.align !== s.align ? block.para.align : undefined;
  const before = state.pageBreak ? 0 : gapBefore(block, state.previous, line);
  const indent = {
    ...(block.para.indent ? firstLineIndent(effective) : {}),
    ...(block.style === 'signature' && size ? { right: size * 20 * 4 } : {}),
  };
  return new Paragraph({
    style: s.id,
    ...(align ? { alignment: ALIGN[align] } : {}),
    ...(Object.keys(indent).length ? { indent } : {}),
    ...(size || before ? { spacing: { line, lineRule: LineRuleType.EXACT, ...(before ? { before } : {}) } } : {}),
    ...(state.pageBreak ? { pageBreakBefore: true } : {}),
    children: runsOf(block.para, size ? { size } : {}),
  });
}

/** The body's children: paragraphs and tables; a page break becomes pageBreakBefore on the next paragraph. */
function bodyChildren(doc: DocModel, normalSize: number, tables: TableWriter): (Paragraph | Table | RawTable)[] {
  const usable = usableWidthTwips(doc.page);
  const out: (Paragraph | Table | RawTable)[] = [];
  const state: BlockState = { pageBreak: false };
  let tableIndex = 0;
  for (const block of doc.blocks) {
    if (block.kind === 'pageBreak') {
      state.pageBreak = true;
    } else if (block.kind === 'paragraph') {
      out.push(pageParagraph(doc, block, state));
      state.pageBreak = false;
    } else {
      // A table cannot carry the break, and two tables in a row would fuse into one: a paragraph goes between.
      if (state.pageBreak) out.push(new Paragraph({ children: [new PageBreak()] }));
      else if (state.previous?.kind === 'table') out.push(new Paragraph({}));
      const make = tables === 'xml' ? xmlTable : docxTable;
      out.push(make(block, usable, normalSize, tableIndex++));
      state.pageBreak = false;
    }
    if (block.kind !== 'pageBreak') state.previous = block;
  }
  // A break at the very end still starts a new (empty) page, as the model asks.
  if (state.pageBreak) out.push(new Paragraph({ children: [new PageBreak()] }));
  return out;
}

function pageNumberFooter(style: PageSetup['pageNumbers']): Footer | undefined {
  if (style === 'none') return undefined;
  const children =
    style === 'of'
      ? ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页']
      : ['— ', PageNumber.CURRENT, ' —'];
  return new Footer({ children: [new Paragraph({ style: PAGE_NUMBER_STYLE, children: [new TextRun({ children })] })] });
}

/** Section page setup: A4 in the model's orientation, margins in twips, header/footer about 12 mm inside the margins. */
function sectionPage(page: PageSetup) {
  const m = page.margins;
  return {
    size: {
      width: A4_TWIPS.width,
      height: A4_TWIPS.height,
      orientation: page.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
    },
    margin: {
      top: mmToTwips(m.top),
      right: mmToTwips(m.right),
      bottom: mmToTwips(m.bottom),
      left: mmToTwips(m.left),
      header: mmToTwips(Math.max(5, m.top - 12)),
      footer: mmToTwips(Math.max(5, m.bottom - 12)),
      gutter: 0,
    },
  };
}

/**
 * Build the docx Document (not packed), for callers that stream it; pack it with
 * `[{ path: 'word/fontTable.xml', data: fontTableXml() }]` as the overrides, as `renderDocx` does.
 */
export function buildDocxDocument(doc: DocModel, tables: TableWriter = 'xml'): Document {
  const footer = pageNumberFooter(doc.page.pageNumbers);
  const normalSize = defaultCellSize(doc);
  return new Document({
    title: doc.meta.title,
    creator: doc.meta.author ?? '',
    lastModifiedBy: doc.meta.author ?? '',
    styles: documentStyles(doc, normalSize),
    sections: [
      {
        properties: { page: sectionPage(doc.page) },
        ...(footer ? { footers: { default: footer } } : {}),
        // RawTable is a docx XmlComponent like Table; the section's children type lists docx's own classes only
        children: bodyChildren(doc, normalSize, tables) as (Paragraph | Table)[],
      },
    ],
  });
}

/**
 * word/fontTable.xml naming each face we use with its Simplified Chinese charset (86 = GB2312) and the name it goes by
 * on a machine without it (altName: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体), which Word and WPS
 * use to substitute a missing font. docx writes an empty table by default.
 */
export function fontTableXml(): string {
  const faces: [name: string, alt: string, family: 'modern' | 'auto', pitch: 'fixed' | 'variable'][] = [
    ['仿宋_GB2312', '仿宋', 'modern', 'fixed'],
    ['FangSong', '仿宋', 'modern', 'fixed'],
    ['楷体_GB2312', '楷体', 'modern', 'fixed'],
    ['KaiTi', '楷体', 'modern', 'fixed'],
    ['黑体', 'SimHei', 'modern', 'fixed'],
    ['SimHei', '黑体', 'modern', 'fixed'],
    ['方正小标宋简体', '宋体', 'auto', 'variable'],
    ['宋体', 'SimSun', 'auto', 'variable'],
    ['SimSun', '宋体', 'auto', 'variable'],
  ];
  const fonts = faces
    .map(
      ([name, alt, family, pitch]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/>` +
        `<w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

/** The document as a .docx file. Throws when a table is not a sound grid (see `validateTable`). */
export async function renderDocx(doc: DocModel, tables: TableWriter = 'xml'): Promise<Buffer> {
  return Packer.toBuffer(buildDocxDocument(doc, tables), false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
