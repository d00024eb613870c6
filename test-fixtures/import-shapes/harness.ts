/**
 * Table-shape fixtures → files in every format the importer accepts, and the score of what it reads back.
 *   text        the text copy in the fixture's form (browser paste, spaces, "|" cells, markdown, Word "save as text"…):
 *               cells covered by a merge are absent, as in a real copy;
 *   docx, xlsx  the table with its real merges (w:vMerge/w:gridSpan; merged ranges);
 *   docx-flat, xlsx-flat  made from the text copy: rows with fewer cells (Word) or cells shifted left (Excel).
 * Narrative fixtures: text, a .docx of paragraphs, an .xlsx of one line per row.
 */
import {
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { toSimplified } from '../../src/domain/text/hant';
import { buildImportPreview } from '../../src/domain/collect/import/preview';
import type { ImportItem, ImportPreview } from '../../src/domain/collect/import/types';
import { readImportFile } from '../../src/server/files/import/read-import-file';

export type FixtureCell = string | { t: string; rs?: number; cs?: number };

export type TextForm = 'tsv' | 'cells' | 'cellsBlank' | 'spaces' | 'pipe' | 'markdown' | 'lines';

export type ExpectedItem = {
  name: string;
  code?: string | null;
  parentCode?: string | null;
  isTotal?: boolean;
  /** Number of breakdown entries (regions) folded into this item. */
  breakdown?: number;
  /** Other fields, compared after trimming; arrays (units) compared joined with "、". */
  fields?: Partial<Record<keyof ImportItem, string | null | string[]>>;
};

export type Fixture = {
  id: string;
  /** Which real shape it reproduces (see SOURCES.md). */
  shape: string;
  title: string[];
  /** Header rows then data rows; a cell spanning rows/columns is written once, covered positions are left out. */
  header?: FixtureCell[][];
  rows?: FixtureCell[][];
  after?: string[];
  textForm?: TextForm;
  /** Narrative fixtures: paragraphs instead of a table. */
  narrative?: string[];
  expected: ExpectedItem[];
};

export const FORMATS = ['text', 'docx', 'xlsx', 'docx-flat', 'xlsx-flat'] as const;
export type Format = (typeof FORMATS)[number];

type Placed = { text: string; rs: number; cs: number; r: number; c: number };

/** The full grid: each origin cell with its span; `covered` marks positions a merge covers. */
export function layout(rows: FixtureCell[][]): { origins: Placed[][]; width: number; covered: Set<string> } {
  const covered = new Set<string>();
  const origins: Placed[][] = [];
  let width = 0;
  rows.forEach((row, r) => {
    const placed: Placed[] = [];
    let c = 0;
    for (const cell of row) {
      while (covered.has(`${r},${c}`)) c++;
      const text = typeof cell === 'string' ? cell : cell.t;
      const rs = typeof cell === 'string' ? 1 : (cell.rs ?? 1);
      const cs = typeof cell === 'string' ? 1 : (cell.cs ?? 1);
      placed.push({ text, rs, cs, r, c });
      for (let dr = 0; dr < rs; dr++)
        for (let dc = 0; dc < cs; dc++) if (dr || dc) covered.add(`${r + dr},${c + dc}`);
      c += cs;
    }
    width = Math.max(width, c);
    origins.push(placed);
  });
  return { origins, width, covered };
}

function allRows(f: Fixture): FixtureCell[][] {
  return [...(f.header ?? []), ...(f.rows ?? [])];
}

/** The text copy of a table fixture in its form (merged cells appear once, covered positions are absent). */
export function textCopy(f: Fixture): string {
  if (f.narrative) return [...f.title, ...f.narrative].join('\n');
  const { origins } = layout(allRows(f));
  const rows = origins.map((r) => r.map((p) => p.text));
  const out: string[] = [...f.title];
  switch (f.textForm ?? 'tsv') {
    case 'tsv':
      for (const r of rows) out.push(r.map((t) => t.replace(/\n/g, ' ')).join('\t'));
      break;
    case 'cells':
      for (const r of rows) for (const t of r) if (t) out.push(t);
      break;
    case 'cellsBlank':
      for (const r of rows) for (const t of r) if (t) out.push(t, '');
      break;
    case 'spaces':
      for (const r of rows) out.push(r.map((t) => t.replace(/\n/g, '')).join('   '));
      break;
    case 'pipe':
      for (const r of rows) for (const t of r) out.push(`${t} |`);
      break;
    case 'markdown':
      rows.forEach((r, i) => {
        out.push(`| ${r.map((t) => t.replace(/\n/g, '<br>')).join(' | ')} |`);
        if (i === (f.header?.length ?? 1) - 1) out.push(`|${r.map(() => ' --- ').join('|')}|`);
      });
      break;
    case 'lines':
      for (const r of rows) {
        for (const t of r) out.push(`\t${t}`);
        out.push('');
      }
      break;
  }
  for (const a of f.after ?? []) out.push(a);
  return out.join('\n');
}

function paragraphsOf(text: string): Paragraph[] {
  return text.split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] }));
}

async function docxOf(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The table as Word would hold it: real vertical and horizontal merges. */
async function mergedDocx(f: Fixture): Promise<Uint8Array> {
  const { origins, width, covered } = layout(allRows(f));
  const byPos = new Map<string, Placed>();
  for (const r of origins) for (const p of r) byPos.set(`${p.r},${p.c}`, p);
  const vOrigin = new Map<string, Placed>();
  for (const r of origins)
    for (const p of r) for (let dr = 1; dr < p.rs; dr++) vOrigin.set(`${p.r + dr},${p.c}`, p);
  const rows: TableRow[] = origins.map((_, r) => {
    const cells: TableCell[] = [];
    for (let c = 0; c < width; ) {
      const p = byPos.get(`${r},${c}`);
      const v = vOrigin.get(`${r},${c}`);
      if (p) {
        cells.push(
          new TableCell({
            children: paragraphsOf(p.text),
            ...(p.cs > 1 ? { columnSpan: p.cs } : {}),
            ...(p.rs > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          }),
        );
        c += p.cs;
      } else if (v) {
        cells.push(
          new TableCell({
            children: [new Paragraph('')],
            verticalMerge: VerticalMergeType.CONTINUE,
            ...(v.cs > 1 ? { columnSpan: v.cs } : {}),
          }),
        );
        c += v.cs;
      } else {
        if (!covered.has(`${r},${c}`)) cells.push(new TableCell({ children: [new Paragraph('')] }));
        c++;
      }
    }
    return new TableRow({ children: cells });
  });
  return docxOf([
    ...f.title.map((t) => new Paragraph({ children: [new TextRun(t)] })),
    new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
    ...(f.after ?? []).map((t) => new Paragraph({ children: [new TextRun(t)] })),
  ]);
}

/** A Word table made from the text copy: each row only has the cells the copy kept. */
async function flatDocx(f: Fixture): Promise<Uint8Array> {
  const { origins } = layout(allRows(f));
  const rows = origins.map(
    (r) => new TableRow({ children: r.map((p) => new TableCell({ children: paragraphsOf(p.text) })) }),
  );
  return docxOf([
    ...f.title.map((t) => new Paragraph({ children: [new TextRun(t)] })),
    new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
    ...(f.after ?? []).map((t) => new Paragraph({ children: [new TextRun(t)] })),
  ]);
}

function cellValue(text: string): string | number {
  return /^\d{1,7}(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text;
}

async function xlsxOf(f: Fixture, merged: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进展情况');
  const { origins, width } = layout(allRows(f));
  let r = 1;
  for (const t of f.title) {
    ws.getCell(r, 1).value = t;
    if (width > 1) ws.mergeCells(r, 1, r, width);
    r++;
  }
  const top = r;
  origins.forEach((row, i) => {
    row.forEach((p, k) => {
      const col = merged ? p.c + 1 : k + 1;
      const cell = ws.getCell(top + i, col);
      cell.value = cellValue(p.text);
      if (p.text.includes('\n')) cell.alignment = { wrapText: true };
      if (merged && (p.rs > 1 || p.cs > 1)) ws.mergeCells(top + i, col, top + i + p.rs - 1, col + p.cs - 1);
    });
  });
  r = top + origins.length;
  for (const t of f.after ?? []) ws.getCell(r++, 1).value = t;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function narrativeFile(f: Fixture, format: Format): Promise<Uint8Array> {
  const lines = [...f.title, ...(f.narrative ?? [])];
  if (format.startsWith('docx')) return docxOf(lines.map((l) => new Paragraph({ children: [new TextRun(l)] })));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进展情况');
  lines.forEach((l, i) => {
    ws.getCell(i + 1, 1).value = l;
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The bytes and file name of a fixture in one format. */
export async function fileOf(f: Fixture, format: Format): Promise<{ bytes: Uint8Array; name: string }> {
  if (format === 'text') return { bytes: new TextEncoder().encode(textCopy(f)), name: `${f.id}.txt` };
  const ext = format.startsWith('docx') ? 'docx' : 'xlsx';
  const name = `${f.id}.${ext}`;
  if (f.narrative) return { bytes: await narrativeFile(f, format), name };
  if (format === 'docx') return { bytes: await mergedDocx(f), name };
  if (format === 'docx-flat') return { bytes: await flatDocx(f), name };
  return { bytes: await xlsxOf(f, format === 'xlsx'), name };
}

export async function previewOf(f: Fixture, format: Format): Promise<ImportPreview> {
  const { bytes, name } = await fileOf(f, format);
  return buildImportPreview(readImportFile(bytes, name));
}

export type Score = {
  expected: number;
  found: number;
  invented: number;
  fieldsRight: number;
  fieldsTotal: number;
  problems: string[];
};

const norm = (s: string | null | undefined) =>
  s == null ? null : toSimplified(s).normalize('NFKC').replace(/\s+/g, '').replace(/[。．.]$/, '');

function valueOf(it: ImportItem, k: keyof ImportItem): string | null {
  const v = it[k];
  if (Array.isArray(v)) return v.length ? (v as string[]).join('、') : null;
  if (typeof v === 'boolean') return String(v);
  return (v as string | null) ?? null;
}

/** Rows found / expected, invented rows and fields right, matching items by name in order. */
export function score(f: Fixture, prev: ImportPreview): Score {
  const s: Score = { expected: f.expected.length, found: 0, invented: 0, fieldsRight: 0, fieldsTotal: 0, problems: [] };
  const used = new Set<ImportItem>();
  for (const e of f.expected) {
    const it = prev.items.find((x) => !used.has(x) && norm(x.name) === norm(e.name));
    const checks: [string, string | null, string | null][] = [];
    if (e.code !== undefined) checks.push(['code', e.code, it ? it.code : null]);
    if (e.parentCode !== undefined) checks.push(['parentCode', e.parentCode, it ? it.parentCode : null]);
    checks.push(['isTotal', String(e.isTotal ?? false), it ? String(it.isTotal) : null]);
    if (e.breakdown !== undefined) checks.push(['breakdown', String(e.breakdown), it ? String(it.breakdown.length) : null]);
    for (const [k, v] of Object.entries(e.fields ?? {})) {
      const want = Array.isArray(v) ? (v.length ? v.join('、') : null) : (v as string | null);
      checks.push([k, want, it ? valueOf(it, k as keyof ImportItem) : null]);
    }
    s.fieldsTotal += checks.length;
    if (!it) {
      s.problems.push(`缺少：${e.name}`);
      continue;
    }
    used.add(it);
    s.found++;
    for (const [k, want, got] of checks) {
      if (norm(want) === norm(got)) s.fieldsRight++;
      else s.problems.push(`${e.name}.${k}：应为 ${JSON.stringify(want)}，读到 ${JSON.stringify(got)}`);
    }
  }
  for (const it of prev.items) {
    if (used.has(it)) continue;
    s.invented++;
    s.problems.push(`多出：${it.name ?? `(无名称，第${it.row.row + 1}行)`}`);
  }
  return s;
}
