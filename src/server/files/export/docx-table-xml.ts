/**
 * A model table as WordprocessingML, written as a string (issue 9 §5: the .docx export may cost no more than the bare
 * `docx` library writing the same cells). docx builds an object per table, row, cell, paragraph and run, then an
 * object tree per element for its XML writer; for a 2,000-project table that is most of the export's time. This
 * module writes the same XML — byte for byte what docx-render.ts's `docxTable` makes docx write (a test compares
 * them) — directly, and hands it to docx as one component (`RawTable`), so the rest of the document (styles, page,
 * footer, fonts, packaging) is still docx's.
 *
 * How it gets into docx's output: docx's XML writer keeps a non-object child of an element as content and writes it
 * with String(); escaping applies to strings only, so a function whose toString() returns the table's inner XML is
 * written verbatim inside <w:tbl>. The equality test in docx-render.test.ts fails if a docx upgrade changes this.
 */
import { type IContext, type IXmlableObject, XmlComponent } from 'docx';
import type { Align, Cell, FontRole, Para, Run, TableBlock } from '../../../domain/publish/document/model';

/** What the table needs from docx-render.ts (passed in to avoid an import cycle). */
export type TableXmlDeps = {
  fonts: Record<FontRole, { eastAsia?: string; ascii?: string; hAnsi?: string; cs?: string; hint?: string }>;
  cleanText: (s: string) => string;
  hexColor: (c: string | undefined) => string | undefined;
  placeCells: (
    rows: readonly Cell[][],
    width: number,
  ) => { cell: Cell; col: number; span: number; merge?: 'restart' | 'continue' }[][];
  firstLine: (size: number) => { firstLineChars: number; firstLine: number };
  cellMargin: number;
};

const JC: Record<Align, string> = { left: 'left', center: 'center', right: 'right', justify: 'both' };

/** docx's attribute/text escaping (its stringify: & " ' < > as entities). */
const esc = (s: string) =>
  /[&"'<>]/.test(s)
    ? s.replace(/[&"'<>]/g, (c) =>
        c === '&' ? '&amp;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : c === '<' ? '&lt;' : '&gt;',
      )
    : s;

const LINE = '<w:top w:val="single" w:color="000000" w:sz="4"/>';
const BORDERS =
  `<w:tblBorders>${LINE}${LINE.replace('top', 'left')}${LINE.replace('top', 'bottom')}${LINE.replace('top', 'right')}` +
  `${LINE.replace('top', 'insideH')}${LINE.replace('top', 'insideV')}</w:tblBorders>`;

type Ctx = {
  deps: TableXmlDeps;
  table: TableBlock;
  grid: number[];
  header: boolean;
  /** The paragraph style of this part's cells, as <w:pStyle/> ('' when the text is the document default). */
  pStyle: string;
  fontXml: Map<FontRole, string>;
  shared: Map<string, string>;
  continues: Map<Cell, string>;
};

function rPr(ctx: Ctx, run: Run, bold: boolean, color: string | undefined): string {
  if (!bold && !color && !run.font) return '';
  return (
    '<w:rPr>' +
    (run.font ? ctx.fontXml.get(run.font)! : '') +
    (bold ? '<w:b/><w:bCs/>' : '') +
    (color ? `<w:color w:val="${color}"/>` : '') +
    '</w:rPr>'
  );
}

/** One model run → <w:r> elements (a newline: a run with a line break, as docx-render's textRuns). */
function runsXml(ctx: Ctx, run: Run, cellBold: boolean): string {
  const text = ctx.deps.cleanText(run.text);
  if (text === '') return '';
  const color = run.color === undefined ? undefined : ctx.deps.hexColor(run.color);
  const props = rPr(ctx, run, Boolean(run.bold || cellBold), color);
  if (!text.includes('\n')) return `<w:r>${props}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
  const parts = text.split('\n');
  let out = '';
  for (let i = 0; i < parts.length; i++)
    out += `<w:r>${props}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${esc(parts[i]!)}</w:t></w:r>`;
  return out;
}

function cellAlign(ctx: Ctx, cell: Cell, col: number, para: Para): Align | undefined {
  if (para.align) return para.align;
  if (cell.align) return cell.align;
  if (ctx.header) return undefined;
  return ctx.table.columns[col]?.align;
}

const SHARE_MAX = 20;

/** The key under which identical short paragraphs of a table part share their XML (undefined: not shared). */
function shareKey(cell: Cell, para: Para, align: Align | undefined): string | undefined {
  if (para.runs.length !== 1 || para.runs[0]!.text.length > SHARE_MAX) return undefined;
  const r = para.runs[0]!;
  return `${align ?? ''}|${para.indent ? 1 : 0}|${cell.bold || r.bold ? 1 : 0}|${r.color ?? ''}|${r.font ?? ''}|${r.text}`;
}

function paraXml(ctx: Ctx, cell: Cell, col: number, para: Para): string {
  const align = cellAlign(ctx, cell, col, para);
  const key = shareKey(cell, para, align);
  const known = key === undefined ? undefined : ctx.shared.get(key);
  if (known !== undefined) return known;
  let pPr = ctx.pStyle;
  if (para.indent) {
    const ind = ctx.deps.firstLine(ctx.table.fontSize);
    pPr += `<w:ind w:firstLine="${ind.firstLine}" w:firstLineChars="${ind.firstLineChars}"/>`;
  }
  if (align && align !== 'justify') pPr += `<w:jc w:val="${JC[align]}"/>`;
  let runs = '';
  for (const r of para.runs) runs += runsXml(ctx, r, Boolean(cell.bold));
  const xml = pPr || runs ? `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>` : '<w:p/>';
  if (key !== undefined) ctx.shared.set(key, xml);
  return xml;
}

function cellXml(ctx: Ctx, placed: { cell: Cell; col: number; span: number; merge?: 'restart' | 'continue' }): string {
  const { cell, col, span, merge } = placed;
  if (merge === 'continue') {
    const known = ctx.continues.get(cell);
    if (known !== undefined) return known;
  }
  let width = 0;
  for (let k = col; k < col + span; k++) width += ctx.grid[k]!;
  let tcPr = `<w:tcW w:type="dxa" w:w="${width}"/>`;
  if (span > 1) tcPr += `<w:gridSpan w:val="${span}"/>`;
  if (merge) tcPr += `<w:vMerge w:val="${merge}"/>`;
  const shade = ctx.deps.hexColor(cell.shade);
  if (shade) tcPr += `<w:shd w:fill="${shade}" w:color="auto" w:val="clear"/>`;
  if (merge !== 'continue' && (ctx.header || cell.vAlign === 'middle')) tcPr += '<w:vAlign w:val="center"/>';
  let body = '';
  if (merge === 'continue' || cell.paras.length === 0)
    body = ctx.pStyle ? `<w:p><w:pPr>${ctx.pStyle}</w:pPr></w:p>` : '<w:p/>';
  else for (const p of cell.paras) body += paraXml(ctx, cell, col, p);
  const xml = `<w:tc><w:tcPr>${tcPr}</w:tcPr>${body}</w:tc>`;
  if (merge === 'continue') ctx.continues.set(cell, xml);
  return xml;
}

/** The inner XML of <w:tbl> (properties, grid, rows) for a validated table. */
export function tableInnerXml(
  table: TableBlock,
  grid: number[],
  usableWidth: number,
  styles: { head: string; cell: string | undefined },
  deps: TableXmlDeps,
): string {
  const fontXml = new Map<FontRole, string>();
  for (const [role, f] of Object.entries(deps.fonts) as [FontRole, TableXmlDeps['fonts'][FontRole]][]) {
    const attrs = (['ascii', 'cs', 'eastAsia', 'hAnsi', 'hint'] as const)
      .filter((k) => f[k] !== undefined)
      .map((k) => ` w:${k}="${esc(f[k]!)}"`)
      .join('');
    fontXml.set(role, `<w:rFonts${attrs}/>`);
  }
  const m = deps.cellMargin;
  const out: string[] = [
    `<w:tblPr><w:tblW w:type="dxa" w:w="${usableWidth}"/><w:tblInd w:type="dxa" w:w="0"/>${BORDERS}` +
      '<w:tblLayout w:type="fixed"/>' +
      `<w:tblCellMar><w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="${m}"/><w:bottom w:type="dxa" w:w="0"/>` +
      `<w:right w:type="dxa" w:w="${m}"/></w:tblCellMar></w:tblPr>` +
      `<w:tblGrid>${grid.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
  ];
  for (const header of [true, false]) {
    const style = header ? styles.head : styles.cell;
    const ctx: Ctx = {
      deps,
      table,
      grid,
      header,
      pStyle: style ? `<w:pStyle w:val="${style}"/>` : '',
      fontXml,
      shared: new Map(),
      continues: new Map(),
    };
    const open = header ? '<w:tr><w:trPr><w:tblHeader/></w:trPr>' : '<w:tr>';
    for (const row of deps.placeCells(header ? table.header : table.body, table.columns.length)) {
      let xml = open;
      for (const placed of row) xml += cellXml(ctx, placed);
      out.push(`${xml}</w:tr>`);
    }
  }
  return out.join('');
}

/** A <w:tbl> whose content is written verbatim (see the header comment). */
export class RawTable extends XmlComponent {
  constructor(private readonly inner: string) {
    super('w:tbl');
  }

  override prepForXml(_context: IContext): IXmlableObject {
    const inner = this.inner;
    const verbatim = Object.assign(() => inner, { toString: () => inner });
    return { 'w:tbl': [verbatim] } as unknown as IXmlableObject;
  }
}
