/**
 * Test fixtures generated at run time (nothing binary is committed):
 *  - seed text copies are read from ../shared/seeds (tests skip when absent);
 *  - .docx versions built with the `docx` package: title paragraphs above, real w:gridSpan / w:vMerge merges,
 *    multi-paragraph cells, a repeated header row marked w:tblHeader;
 *  - .xlsx versions built with exceljs: title rows merged across, merged ranges, numbers stored as numbers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Document,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { alignRaggedRows } from '../../../../domain/collect/import/align';
import { matchHeader } from '../../../../domain/collect/import/headers';
import type { GridCell, ReadResult } from '../../../../domain/collect/import/types';

const here = path.dirname(fileURLToPath(import.meta.url));

/** ../shared/seeds next to the repository, or null when this checkout has none. */
export function seedsDir(): string | null {
  const candidates = [
    path.resolve(here, '../../../../../../shared/seeds'),
    path.resolve(process.cwd(), '../shared/seeds'),
    path.resolve(process.cwd(), 'shared/seeds'),
  ];
  return candidates.find((d) => existsSync(d)) ?? null;
}

export function seedFile(prefix: string): { name: string; bytes: Uint8Array } | null {
  const dir = seedsDir();
  if (!dir) return null;
  const name = readdirSync(dir).find((f) => f.startsWith(prefix));
  return name ? { name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) } : null;
}

export type TableSpec = {
  rows: GridCell[][];
  /** Paragraphs to print just above the table. */
  before: string[];
  /** Columns whose empty cells continue the value above as a vertical merge (民生事项, 项目分类). */
  vmergeColumns: number[];
};

export type DocSpec = { tables: TableSpec[]; after: string[] };

/** Turn what the text reader found into a document description with the merges a Word table would have. */
export function specFromRead(read: ReadResult, opts: { vmergeFields?: string[] } = {}): DocSpec {
  const vmergeFields = opts.vmergeFields ?? ['matter', 'category'];
  const tables: TableSpec[] = [];
  let p = 0;
  for (const g of read.tables) {
    const before = read.paragraphs.slice(p, g.paragraphIndex);
    p = Math.max(p, g.paragraphIndex);
    const rows = g.ragged ? alignRaggedRows(g.rows) : g.rows;
    const header = rows.find((r) => r.filter((c) => matchHeader(c.text)).length >= 3) ?? [];
    const vmergeColumns = header
      .map((c, j) => (vmergeFields.includes(matchHeader(c.text) ?? '') ? j : -1))
      .filter((j) => j >= 0);
    tables.push({ rows, before, vmergeColumns });
  }
  return { tables, after: read.paragraphs.slice(p) };
}

function paragraphsOf(text: string): Paragraph[] {
  const lines = text.split('\n');
  return lines.map((l) => new Paragraph({ children: [new TextRun(l)] }));
}

/** Which cells start a vertical merge, continue one, or stand alone. */
function vmergePlan(rows: GridCell[][], columns: number[], headerRow: number): Map<string, 'restart' | 'continue'> {
  const plan = new Map<string, 'restart' | 'continue'>();
  for (const j of columns) {
    let running = -1;
    for (let r = headerRow + 1; r < rows.length; r++) {
      const t = rows[r]?.[j]?.text.trim() ?? '';
      const cells = (rows[r] ?? []).filter((c) => c.text.trim());
      const fullRow = cells.length >= 3 && !/^示\s*例$/.test(cells[0]?.text.trim() ?? '');
      if (!fullRow) {
        running = -1;
        continue;
      }
      if (t) running = r;
      else if (running >= 0) {
        plan.set(`${running},${j}`, 'restart');
        plan.set(`${r},${j}`, 'continue');
      }
    }
  }
  return plan;
}

export type DocxOptions = {
  /** Fill colour for cells holding "▋" (e.g. "00B050"); none by default. */
  glyphFill?: string;
  /** Put all tables into one Word table (a table split across pages with its header repeated). */
  mergeTables?: boolean;
};

type VPlan = ReturnType<typeof vmergePlan>;

/** The Word cells of one grid row: horizontal spans, vertical merges from the plan, shaded "▋" cells. */
function docxCells(row: GridCell[], r: number, width: number, plan: VPlan, opts: DocxOptions): TableCell[] {
  const cells: TableCell[] = [];
  for (let j = 0; j < width; j++) {
    const c = row[j] ?? { text: '' };
    if (c.merged === 'h') continue;
    let span = 1;
    while (row[j + span]?.merged === 'h') span++;
    if (j + span > width) span = width - j;
    const v = plan.get(`${r},${j}`);
    const glyph = /▋/.test(c.text) && opts.glyphFill;
    cells.push(
      new TableCell({
        children: v === 'continue' ? [new Paragraph('')] : paragraphsOf(c.text),
        ...(span > 1 ? { columnSpan: span } : {}),
        ...(v ? { verticalMerge: v === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
        ...(glyph ? { shading: { fill: opts.glyphFill, type: ShadingType.CLEAR, color: 'auto' } } : {}),
      }),
    );
  }
  return cells;
}

function docxRow(row: GridCell[], r: number, width: number, plan: VPlan, headerRow: number, opts: DocxOptions) {
  const cells = docxCells(row, r, width, plan, opts);
  // Short rows (title/category rows in the text) span the whole width.
  const used = row.length;
  if (used < width && cells.length > 0 && used <= 2) {
    const text = row
      .map((c) => c.text)
      .filter(Boolean)
      .join(' ');
    return new TableRow({ children: [new TableCell({ children: paragraphsOf(text), columnSpan: width })] });
  }
  for (let k = row.length; k < width; k++) cells.push(new TableCell({ children: [new Paragraph('')] }));
  return new TableRow({ children: cells, ...(r === headerRow ? { tableHeader: true } : {}) });
}

export async function makeDocx(spec: DocSpec, opts: DocxOptions = {}): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  const tables = opts.mergeTables
    ? [
        {
          rows: spec.tables.flatMap((t) => t.rows),
          before: spec.tables.flatMap((t) => t.before),
          vmergeColumns: spec.tables[0]?.vmergeColumns ?? [],
        },
      ]
    : spec.tables;
  for (const t of tables) {
    for (const p of t.before) children.push(new Paragraph({ children: [new TextRun(p)] }));
    const width = Math.max(...t.rows.map((r) => r.length));
    const headerRow = t.rows.findIndex((r) => r.filter((c) => matchHeader(c.text)).length >= 3);
    const plan = vmergePlan(t.rows, t.vmergeColumns, headerRow);
    const rows = t.rows.map((row, r) => docxRow(row, r, width, plan, headerRow, opts));
    children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
    children.push(new Paragraph(''));
  }
  for (const p of spec.after) children.push(new Paragraph({ children: [new TextRun(p)] }));
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A document of paragraphs only (the narrative form). */
export async function makeDocxParagraphs(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export type XlsxOptions = { sheetPerTable?: boolean; glyphFill?: string };

/** Cells of one grid row at sheet row r (numbers as numbers), horizontal merges, "▋" fills. */
function writeXlsxRow(ws: ExcelJS.Worksheet, r: number, row: GridCell[], ri: number, plan: VPlan, opts: XlsxOptions) {
  for (let j = 0; j < row.length; j++) {
    const c = row[j]!;
    if (c.merged) continue;
    if (plan.get(`${ri},${j}`) === 'continue') continue;
    const cell = ws.getCell(r, j + 1);
    const text = c.text;
    // Numbers stored as numbers (序号), the rest as text.
    cell.value = /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : text;
    if (text.includes('\n')) cell.alignment = { wrapText: true };
    if (opts.glyphFill && /▋/.test(text)) {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${opts.glyphFill}` } };
    }
    let span = 1;
    while (row[j + span]?.merged === 'h') span++;
    if (span > 1) ws.mergeCells(r, j + 1, r, j + span);
  }
}

/** Vertical merges for 民生事项/项目分类 (table starting at sheet row `top`). */
function mergeVerticalRuns(ws: ExcelJS.Worksheet, t: TableSpec, plan: VPlan, top: number): void {
  for (const j of t.vmergeColumns) {
    let start = -1;
    for (let ri = 0; ri <= t.rows.length; ri++) {
      const v = plan.get(`${ri},${j}`);
      if (v === 'restart') start = ri;
      else if (v !== 'continue' && start >= 0) {
        if (ri - 1 > start) ws.mergeCells(top + start, j + 1, top + ri - 1, j + 1);
        start = -1;
      }
    }
  }
}

export async function makeXlsx(spec: DocSpec, opts: XlsxOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  let ws = wb.addWorksheet('Sheet1');
  let r = 1;
  const width = Math.max(1, ...spec.tables.map((t) => Math.max(...t.rows.map((row) => row.length))));
  const textRow = (text: string) => {
    ws.getCell(r, 1).value = text;
    if (width > 1) ws.mergeCells(r, 1, r, width);
    r++;
  };
  spec.tables.forEach((t, ti) => {
    if (opts.sheetPerTable && ti > 0) {
      ws = wb.addWorksheet(`Sheet${ti + 1}`);
      r = 1;
    }
    for (const p of t.before) textRow(p);
    const headerRow = t.rows.findIndex((row) => row.filter((c) => matchHeader(c.text)).length >= 3);
    const plan = vmergePlan(t.rows, t.vmergeColumns, headerRow);
    const top = r;
    t.rows.forEach((row, ri) => {
      if (row.length <= 2 && width > 2) {
        textRow(
          row
            .map((c) => c.text)
            .filter(Boolean)
            .join(' '),
        );
        return;
      }
      writeXlsxRow(ws, r, row, ri, plan, opts);
      r++;
    });
    mergeVerticalRuns(ws, t, plan, top);
    r++;
  });
  for (const p of spec.after) textRow(p);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** One paragraph per row in column A (the narrative form as a spreadsheet). */
export async function makeXlsxLines(lines: string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('推进情况');
  lines.forEach((l, i) => {
    ws.getCell(i + 1, 1).value = l;
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
