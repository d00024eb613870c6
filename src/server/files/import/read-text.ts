/**
 * Text copies of progress tables, in the forms offices produce:
 *  - tsv:      one row per line, cells separated by tabs (Excel/WPS copy; quoted cells may hold line breaks);
 *  - lines:    one cell per line with a leading tab, a blank line between rows (Word "save as text");
 *  - pipe:     cells ending in " |", rows not marked (web page copies) — rows rebuilt from the header width;
 *  - markdown: "| a | b |" rows;
 *  - narrative: no table at all (numbered items with 主责部门/完成情况 labels).
 * Text copies lose merges, so the grids are marked `ragged` for the mapper to realign.
 */
import { matchHeader } from '../../../domain/collect/import/headers';
import type { Grid, GridCell, ImportWarning, ReadResult } from '../../../domain/collect/import/types';
import { DEFAULT_IMPORT_LIMITS, exceedsRows, type ImportLimits, tooManyRows } from './errors';
import { readHtml } from './read-html';

type Segment = { cells: string[]; para: number };

/** Append without spreading into a call (a spread of a huge array overflows the stack). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const x of items) target.push(x);
}

/** The limits of the text being read (set by readText; the readers below are synchronous). */
let current: ImportLimits = DEFAULT_IMPORT_LIMITS;

/** Refuse a table (or a list of paragraphs) longer than the row limit, as the other formats do. */
function checkRows(count: number): void {
  if (exceedsRows(count, current)) throw tooManyRows(current, '粘贴或导入的文字');
}

function grid(rows: string[][], index: number, paragraphIndex: number): Grid {
  checkRows(rows.length);
  return {
    name: `表格${index + 1}`,
    source: 'text',
    rows: rows.map((r) => r.map((text): GridCell => ({ text }))),
    paragraphIndex,
    ragged: true,
  };
}

type LineCounts = { nonEmpty: number; pipe: number; leadTab: number; innerTab: number; md: number };

/** Count the lines that look like each text form. */
function countLineForms(lines: string[]): LineCounts {
  const c: LineCounts = { nonEmpty: 0, pipe: 0, leadTab: 0, innerTab: 0, md: 0 };
  for (const l of lines) {
    if (!l.trim()) continue;
    c.nonEmpty++;
    const t = l.trimEnd();
    if (/^\s*\|.*\|\s*$/.test(t) && (t.match(/\|/g)?.length ?? 0) >= 3) c.md++;
    else if (t.endsWith('|')) c.pipe++;
    if (/^\t[^\t]*$/.test(l)) c.leadTab++;
    else if (/[^\t\s][^\t]*\t|\t[^\t]*\t/.test(l)) c.innerTab++;
  }
  return c;
}

export function detectTextForm(text: string): 'tsv' | 'lines' | 'pipe' | 'markdown' | 'narrative' | 'html' {
  if (/<table[\s>]/i.test(text.slice(0, 200_000))) return 'html';
  const { nonEmpty, pipe, leadTab, innerTab, md } = countLineForms(text.split('\n'));
  if (md >= 2 && md >= nonEmpty * 0.3) return 'markdown';
  if (pipe >= 4 && pipe >= nonEmpty * 0.3) return 'pipe';
  if (leadTab >= 4 && leadTab > innerTab) return 'lines';
  if (innerTab >= 2) return 'tsv';
  return 'narrative';
}

/** Tab-separated records; a field starting with a quote may span lines (Excel clipboard). */
function tsvRecords(text: string): string[][] {
  const out: string[][] = [];
  let rec: string[] = [];
  let field = '';
  let i = 0;
  let atFieldStart = true;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      const close = findClosingQuote(text, i + 1);
      if (close > 0) {
        field = text.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        atFieldStart = false;
        continue;
      }
    }
    atFieldStart = false;
    if (ch === '\t') {
      rec.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n') {
      rec.push(field);
      out.push(rec);
      checkRows(out.length);
      rec = [];
      field = '';
      atFieldStart = true;
    } else field += ch;
    i++;
  }
  rec.push(field);
  out.push(rec);
  return out;
}

function findClosingQuote(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    if (text[q + 1] === '"') {
      i = q + 2;
      continue;
    }
    const next = text[q + 1];
    return next === undefined || next === '\t' || next === '\n' ? q : -1;
  }
  return -1;
}

function readTsv(text: string): ReadResult {
  const paragraphs: string[] = [];
  const tables: Grid[] = [];
  let rows: string[][] = [];
  let start = 0;
  const flush = () => {
    if (rows.length) tables.push(grid(rows, tables.length, start));
    rows = [];
  };
  for (const rec of tsvRecords(text)) {
    if (rec.length >= 2) {
      if (!rows.length) start = paragraphs.length;
      rows.push(rec);
    } else {
      const t = rec[0] ?? '';
      if (!t.trim()) flush();
      else {
        flush();
        paragraphs.push(t);
      }
    }
  }
  flush();
  return { kind: 'text', form: 'tsv', tables, paragraphs, warnings: [] };
}

function typical(widths: number[]): number {
  const counts = new Map<number, number>();
  for (const w of widths) if (w >= 3) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [w, c] of counts) if (c > bestCount || (c === bestCount && w > best)) [best, bestCount] = [w, c];
  return best;
}

function readLines(text: string): ReadResult {
  const paragraphs: string[] = [];
  const blocks: { segments: Segment[]; para: number }[] = [];
  let block: { segments: Segment[]; para: number } | null = null;
  let seg: Segment | null = null;
  const endSegment = () => {
    if (seg?.cells.some((c) => c.trim())) {
      if (!block) {
        block = { segments: [], para: paragraphs.length };
        blocks.push(block);
      }
      block.segments.push(seg);
    }
    seg = null;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      seg ??= { cells: [], para: paragraphs.length };
      append(seg.cells, line.slice(1).split('\t'));
    } else if (!line.trim()) {
      endSegment();
    } else if (seg?.cells.length) {
      seg.cells[seg.cells.length - 1] += `\n${line}`;
    } else {
      endSegment();
      block = null;
      paragraphs.push(line);
      checkRows(paragraphs.length);
    }
  }
  endSegment();
  const tables: Grid[] = [];
  for (const b of blocks) {
    const w = typical(b.segments.map((s) => s.cells.length));
    // A blank paragraph inside a cell splits a row in two: join fragments that add up to the row width.
    const rows: string[][] = [];
    for (let i = 0; i < b.segments.length; i++) {
      const a = b.segments[i]!.cells;
      const next = b.segments[i + 1]?.cells;
      if (
        next &&
        w &&
        a.length >= 2 &&
        next.length >= 2 &&
        a.length < w &&
        next.length < w &&
        a.length + next.length === w
      ) {
        rows.push([...a, ...next]);
        i++;
      } else rows.push(a);
    }
    tables.push(grid(rows, tables.length, b.para));
  }
  return { kind: 'text', form: 'lines', tables, paragraphs, warnings: [] };
}

function seqValue(s: string): number | null {
  const t = s.trim().normalize('NFKC');
  return /^\d{1,4}$/.test(t) ? Number(t) : null;
}

/** The cells of a pipe copy in reading order; lines above the first cell are a title, lines after the last trail. */
function pipeCells(text: string): { cells: string[]; title: string[]; trailing: string[] } {
  const title: string[] = [];
  const cells: string[] = [];
  let buf: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trimEnd();
    if (!t.endsWith('|')) {
      buf.push(line);
      continue;
    }
    const pieces = t.slice(0, -1).split(/\s+\|\s+/);
    if (cells.length === 0 && buf.length > 0) {
      // Lines above the first cell are a title, not the first cell.
      append(
        title,
        buf.filter((b) => b.trim()),
      );
      buf = [];
    }
    const first = [...buf, pieces[0] ?? ''].join('\n').trim();
    cells.push(first);
    for (let k = 1; k < pieces.length; k++) cells.push((pieces[k] ?? '').trim());
    checkRows(cells.length / 2);
    buf = [];
  }
  return { cells, title, trailing: buf.filter((b) => b.trim()) };
}

/** Row width: cells before the first "1", or the run of recognised header cells. */
function pipeRowWidth(cells: string[]): number {
  for (let k = 2; k < Math.min(cells.length, 40); k++) {
    if (seqValue(cells[k] ?? '') === 1 && cells.slice(0, k).every((c) => c.length <= 40 && seqValue(c) === null))
      return k;
  }
  let width = 0;
  while (width < cells.length && matchHeader(cells[width] ?? '')) width++;
  return width;
}

/** Position of the expected row number within the next two cells, or -1. */
function nextSeq(cells: string[], pos: number, expected: number): number {
  for (let d = 1; d <= 2; d++) if (seqValue(cells[pos + d] ?? '') === expected) return pos + d;
  return -1;
}

/**
 * Cut the cells into rows of `width`. With a number column, rows re-synchronise on the next expected number: extra
 * cells join the previous row's last cell (with a warning); when the numbers stop, the rest are paragraphs.
 */
function pipeRows(cells: string[], width: number, paragraphs: string[], warnings: ImportWarning[]): string[][] {
  const rows: string[][] = [cells.slice(0, width)];
  const hasSeq = seqValue(cells[width] ?? '') !== null;
  let pos = width;
  let expected = 1;
  while (pos < cells.length) {
    if (hasSeq && seqValue(cells[pos] ?? '') !== expected) {
      // Re-synchronise on the next expected number (a cell split in two, or one missing).
      const found = nextSeq(cells, pos, expected);
      if (found < 0) {
        append(paragraphs, cells.slice(pos));
        break;
      }
      if (rows.length > 1) {
        const last = rows[rows.length - 1]!;
        last[last.length - 1] = [last[last.length - 1], ...cells.slice(pos, found)].join('\n');
        warnings.push({
          code: 'TEXT_REALIGNED',
          message: `第${expected}行前有多出的单元格，已并入上一行最后一列，请核对`,
        });
        pos = found;
      }
    }
    rows.push(cells.slice(pos, pos + width));
    pos += width;
    expected++;
  }
  return rows;
}

function readPipe(text: string): ReadResult {
  const warnings: ImportWarning[] = [];
  const { cells, title, trailing } = pipeCells(text);
  const paragraphs = [...title];
  const width = pipeRowWidth(cells);
  const tables: Grid[] = [];
  if (width >= 2) {
    const rows = pipeRows(cells, width, paragraphs, warnings);
    tables.push(grid(rows, 0, paragraphs.length));
  } else append(paragraphs, cells);
  append(paragraphs, trailing);
  checkRows(paragraphs.length);
  return { kind: 'text', form: 'pipe', tables, paragraphs, warnings };
}

function readMarkdown(text: string): ReadResult {
  const paragraphs: string[] = [];
  const tables: Grid[] = [];
  let rows: string[][] = [];
  let start = 0;
  const flush = () => {
    if (rows.length) tables.push(grid(rows, tables.length, start));
    rows = [];
  };
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (/^\|.*\|$/.test(t)) {
      if (/^\|?[\s:|-]+\|?$/.test(t) && t.includes('-')) continue;
      if (!rows.length) start = paragraphs.length;
      checkRows(rows.length + 1);
      rows.push(
        t
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim().replace(/<br\s*\/?>/gi, '\n')),
      );
    } else {
      flush();
      if (t) paragraphs.push(line);
      checkRows(paragraphs.length + rows.length);
    }
  }
  flush();
  return { kind: 'text', form: 'markdown', tables, paragraphs, warnings: [] };
}

/** Read a text copy (already decoded); tables and paragraphs get the same row limit as the other formats. */
export function readText(raw: string, limits: Partial<ImportLimits> = {}): ReadResult {
  current = { ...DEFAULT_IMPORT_LIMITS, ...limits };
  try {
    return readTextForm(raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
  } finally {
    current = DEFAULT_IMPORT_LIMITS;
  }
}

function readTextForm(text: string): ReadResult {
  const form = detectTextForm(text);
  switch (form) {
    case 'html':
      return readHtml(text, current);
    case 'tsv':
      return readTsv(text);
    case 'lines':
      return readLines(text);
    case 'pipe':
      return readPipe(text);
    case 'markdown':
      return readMarkdown(text);
    default: {
      const paragraphs = text.split('\n').filter((l) => l.trim());
      checkRows(paragraphs.length);
      return { kind: 'text', form: 'narrative', tables: [], paragraphs, warnings: [] };
    }
  }
}
