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
import { DEFAULT_IMPORT_LIMITS, exceedsRows, ImportFileError, type ImportLimits, tooManyRows } from './errors';
import { readHtml } from './read-html';

type Segment = { cells: string[]; para: number };

/** A category row's text: "一、社会保障", "（二）城乡建设", "第三类 …". */
const CATEGORY_LINE =
  /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[类部分方面])\S/;

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
  // The same bounds as the office readers: columns beyond the limit are dropped, the cells of the grid are counted.
  let cells = 0;
  for (const r of rows) cells += Math.min(r.length, current.maxColumns);
  if (cells > current.maxGridCells) {
    throw new ImportFileError(
      'GRID_TOO_LARGE',
      `粘贴或导入的文字超过 ${current.maxGridCells.toLocaleString('en-US')} 个单元格（每表最多 ${current.maxColumns} 列、${current.maxRows} 行），请拆分后再导入`,
      413,
    );
  }
  return {
    name: `表格${index + 1}`,
    source: 'text',
    rows: rows.map((r) => r.slice(0, current.maxColumns).map((text): GridCell => ({ text }))),
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

/** Split a line on runs of two or more spaces (or ideographic spaces): "序号  项目名称  进展情况". */
function spaceCells(line: string): string[] {
  return line
    .trim()
    .split(/(?:[ \u00a0]{2,}|\u3000+|\t)+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** A header cell: a short text naming a field. */
function isHeaderCell(t: string): boolean {
  const s = t.trim();
  // A title line names a field too ("…2023年…工作进展"): header cells are short and carry no year.
  // "牵头领导：陈国华" is a labelled line of a narrative item, not a header cell.
  return s.length > 0 && s.length <= 16 && !/\d{4}\s*年/.test(s) && !/[:：]\s*\S/.test(s) && matchHeader(s) !== null;
}

/** A short piece of a header word broken over lines ("项目", "是否", "分管"): no figures, a few characters. */
const isFragment = (t: string, max: number) => t.length <= max && !/\d/.test(t) && !t.includes('\n');

/** Two pieces of one header word: they name the same field as their join, or one of them names none ("序号" + "项目名称" do not). */
function samePiece(a: string, b: string): boolean {
  const fa = matchHeader(a);
  const fb = matchHeader(b);
  const joined = matchHeader(a + b);
  return (fa === null || fb === null || fa === fb) && (fa ?? fb) === joined;
}

/**
 * The first run of ≥3 header cells, one per line (blank lines between allowed), with a cell's text broken over lines
 * by the page joined back: a bracketed note or a conjunction continues the cell above ("进展情况" / "（7月）",
 * "未达序时原因" / "及存在问题"); two short pieces that only together name a field are one cell ("项目" / "名称",
 * "是否" / "达序时"). null when there is no such run. `end`: the first line after the header.
 */
function headerRunStart(lines: string[]): { start: number; end: number; width: number; cells: string[] } | null {
  let run: HeaderRun = { start: -1, end: 0, cells: [] };
  let gap = false;
  const limit = Math.min(lines.length, 400);
  for (let i = 0; i < limit; i++) {
    if (!lines[i]!.trim()) {
      gap = true;
      continue;
    }
    const step = headerStep(run, lines, i, gap);
    gap = false;
    if (step.kind === 'join') {
      run.cells[run.cells.length - 1] += `\n${lines[i]!.trim()}`;
      run.end = i + 1;
    } else if (step.kind === 'cell') {
      if (run.start < 0) run.start = i;
      run.cells.push(step.text);
      run.end = i + step.take;
      i += step.take - 1;
    } else {
      if (run.cells.length >= 3) break;
      run = { start: -1, end: 0, cells: [] };
    }
  }
  return run.cells.length >= 3 ? { ...run, width: run.cells.length } : null;
}

type HeaderRun = { start: number; end: number; cells: string[] };
type HeaderStep = { kind: 'join' } | { kind: 'cell'; text: string; take: number } | { kind: 'none' };

/** What line i (not blank) is to the header run: the rest of its last cell, a new cell (one or two lines), or neither. */
function headerStep(run: HeaderRun, lines: string[], i: number, gap: boolean): HeaderStep {
  const t = lines[i]!.trim();
  if (t.includes('\t')) return { kind: 'none' };
  const last = run.cells[run.cells.length - 1];
  if (run.start >= 0 && !gap && last !== undefined && continuesCell(last, t)) return { kind: 'join' };
  if (isHeaderCell(t)) return { kind: 'cell', text: t, take: 1 };
  // a piece that names a field only with the next line ("是否" + "达序时", "分管" + "领导")
  const next = lines[i + 1]?.trim() ?? '';
  if (isFragment(t, 4) && isFragment(next, 6) && isHeaderCell(t + next))
    return { kind: 'cell', text: `${t}\n${next}`, take: 2 };
  return { kind: 'none' };
}

/** Line t continues the header cell `last`: a bracketed note, a conjunction, or the second piece of one word. */
function continuesCell(last: string, t: string): boolean {
  if (t.length <= 14 && (/^[（(]/.test(t) || /^[及和与并、/]/.test(t))) return true;
  return isFragment(last, 3) && isFragment(t, 3) && isHeaderCell(last + t) && samePiece(last, t);
}

/** The first line that splits on runs of spaces into ≥3 cells, at least 3 of them header words. */
function spaceHeaderLine(lines: string[]): number {
  for (let i = 0; i < Math.min(lines.length, 200); i++) {
    const cells = spaceCells(lines[i]!);
    if (cells.length >= 3 && cells.filter(isHeaderCell).length >= 3) return i;
  }
  return -1;
}

export function detectTextForm(
  text: string,
): 'tsv' | 'lines' | 'pipe' | 'markdown' | 'narrative' | 'html' | 'spaces' | 'cells' {
  if (/<table[\s>]/i.test(text.slice(0, 200_000))) return 'html';
  const lines = text.split('\n');
  const { nonEmpty, pipe, leadTab, innerTab, md } = countLineForms(lines);
  if (md >= 2 && md >= nonEmpty * 0.3) return 'markdown';
  if (pipe >= 4 && pipe >= nonEmpty * 0.3) return 'pipe';
  if (leadTab >= 4 && leadTab > innerTab) return 'lines';
  if (innerTab >= 2) return 'tsv';
  if (spaceHeaderLine(lines) >= 0) return 'spaces';
  if (headerRunStart(lines)) return 'cells';
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
    } else if (rows.length && CATEGORY_LINE.test((rec[0] ?? '').trim())) {
      // A category row spanning the table ("一、社会保障") stays in the table.
      rows.push([(rec[0] ?? '').trim()]);
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
        a.length !== next.length &&
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

/** Row width: cells before the first row number (any start: an excerpt may begin at 24), or the run of header cells. */
function pipeRowWidth(cells: string[]): number {
  let width = 0;
  while (width < cells.length && (matchHeader(cells[width] ?? '') || (width > 0 && !cells[width]))) width++;
  while (width > 0 && !cells[width - 1]) width--;
  for (let k = 2; k < Math.min(cells.length, 40); k++) {
    const n = seqValue(cells[k] ?? '');
    if (n === null || !cells.slice(0, k).every((c) => c.length <= 40 && seqValue(c) === null)) continue;
    // The next row's number a row width further on (or one short: a sub-item row) confirms the width.
    const confirmed = seqValue(cells[2 * k] ?? '') === n + 1 || n === 1 || k === width || 2 * k >= cells.length;
    if (confirmed) return k;
  }
  return width;
}

const FREE_TEXT = new Set(['progress', 'problems', 'nextSteps', 'problemsAndNextSteps', 'remarks']);

/** The column a split cell most likely belongs to: the first free-text column (进展情况 …), else the last. */
function freeTextColumn(header: string[]): number {
  const k = header.findIndex((h) => FREE_TEXT.has(matchHeader(h) ?? ''));
  return k >= 0 ? k : Math.max(0, header.length - 1);
}

/** Where the row numbered `expected` starts, looking around `pos + width` first; -1 when not found. */
function findSeq(cells: string[], from: number, width: number, expected: number): number {
  const order: number[] = [];
  for (let d = 0; d <= width + 2; d++) {
    order.push(from + width - d);
    if (d > 0) order.push(from + width + d);
  }
  for (const q of order) if (q > from && q < cells.length && seqValue(cells[q] ?? '') === expected) return q;
  return -1;
}

/** Cells without a number of their own between two numbered rows: sub-item rows of `width - 1` cells, or one row. */
function subRows(cells: string[], width: number): string[][] {
  const n = cells.length;
  if (n <= width) return [cells];
  const w = width - 1;
  if (w >= 2 && n % w === 0) {
    const out: string[][] = [];
    for (let k = 0; k < n; k += w) out.push(cells.slice(k, k + w));
    return out;
  }
  return [cells];
}

/**
 * Cut the cells into rows of `width`. With a number column, rows re-synchronise on the next number: cells between
 * two numbered rows that do not fill a row are the row's overflow (joined to its last cell, with a warning) or
 * sub-item rows without a number of their own; when the numbers stop, the rest are paragraphs.
 */
function pipeRows(cells: string[], width: number, paragraphs: string[], warnings: ImportWarning[]): string[][] {
  const rows: string[][] = [cells.slice(0, width)];
  const first = seqValue(cells[width] ?? '');
  if (first === null) {
    for (let pos = width; pos < cells.length; pos += width) rows.push(cells.slice(pos, pos + width));
    return rows;
  }
  let pos = width;
  let expected = first;
  while (pos < cells.length) {
    const next = findSeq(cells, pos, width, expected + 1);
    if (next < 0) {
      lastRows(cells.slice(pos), width, rows, paragraphs);
      break;
    }
    if (next - pos <= width) rows.push(cells.slice(pos, next));
    else rowWithExtra(cells.slice(pos, next), width, rows, expected, warnings);
    pos = next;
    expected++;
  }
  return rows;
}

/** The last numbered row; what follows it beyond a row or two of sub-items is text under the table. */
function lastRows(rest: string[], width: number, rows: string[][], paragraphs: string[]): void {
  const take = Math.min(rest.length, width);
  rows.push(rest.slice(0, take));
  const after = rest.slice(take);
  if (after.length >= width - 1 && after.length <= 3 * width && seqValue(after[0] ?? '') === null) {
    const subs = subRows(after.slice(0, Math.floor(after.length / (width - 1)) * (width - 1)), width);
    if (subs.every((r) => r.length >= 2)) {
      for (const r of subs) rows.push(r);
      append(paragraphs, after.slice(subs.reduce((a, r) => a + r.length, 0)));
      return;
    }
  }
  append(paragraphs, after);
}

/** A numbered row followed by cells without a number: sub-item rows, or the row's text split over several cells. */
function rowWithExtra(all: string[], width: number, rows: string[][], expected: number, warnings: ImportWarning[]) {
  const extra = all.slice(width);
  if (extra.length >= width - 1 && extra.length % (width - 1) === 0) {
    rows.push(all.slice(0, width));
    for (const r of subRows(extra, width)) rows.push(r);
    return;
  }
  // The extra cells are paragraphs of one free-text cell (进展情况 …): join them back into it.
  const k = freeTextColumn(rows[0] ?? []);
  const d = extra.length;
  rows.push([...all.slice(0, k), all.slice(k, k + d + 1).join('\n'), ...all.slice(k + d + 1)]);
  warnings.push({
    code: 'TEXT_REALIGNED',
    message: `第${expected}行有多出的单元格，已并入“${rows[0]?.[k] ?? '最后一列'}”列，请核对`,
  });
}

/** Characters of `a` found in `b`. */
function sharedChars(a: string, b: string): number {
  let n = 0;
  for (const ch of new Set(a)) if (/[\u4e00-\u9fff]/.test(ch) && b.includes(ch)) n++;
  return n;
}

/**
 * A two-row header copied as one run of cells ("序号 | 项目名称 | 进展情况 | 承办单位 | 至8月进展 | 最新进展 | 主办 | 协办"):
 * more header cells than a data row has (the rows are told by their numbers). Split it into the upper row and the
 * lower row of sub-headers: the lower row is the last cells, each group cell spanning two to four of them, and its
 * first cell shares words with a cell of the upper row ("至8月进展" under "进展情况"). The mapper then places the
 * group cells (rebuildFlatTwoRowHeader). null when the counts do not allow it.
 */
function splitTwoRowHeader(header: string[], rowWidth: number): [string[], string[]] | null {
  const n = header.length;
  const g = n - rowWidth;
  if (g < 1 || rowWidth < 3) return null;
  let best: [string[], string[]] | null = null;
  let bestScore = 0;
  for (let k = n - 2; k >= g && k >= 2; k--) {
    const m = n - k;
    if (m % g !== 0 || m / g < 2 || m / g > 4) continue;
    const top = header.slice(0, k);
    const sub = header.slice(k);
    // the group cell is the general word over specific ones: no period or date of its own, not longer than them
    // ("进展情况" over "至8月10日进展"; not "1-10月推进情况" beside "1-11月推进情况", a header one cell wider than its rows)
    const first = sub[0] ?? '';
    const score = Math.max(
      ...top.map((t) =>
        /\d/.test(t) || t.length > first.length || sharedChars(first, t) < 2 ? 0 : sharedChars(first, t),
      ),
    );
    if (score > bestScore) {
      bestScore = score;
      best = [top, sub];
    }
  }
  return best;
}

/** The width of a data row: from the first row number to the next (0 when there is no next). */
function dataRowWidth(cells: string[], from: number): number {
  const first = seqValue(cells[from] ?? '');
  if (first === null) return 0;
  for (let q = from + 2; q < Math.min(cells.length, from + 60); q++)
    if (seqValue(cells[q] ?? '') === first + 1) return q - from;
  return 0;
}

function readPipe(text: string): ReadResult {
  const warnings: ImportWarning[] = [];
  const { cells, title, trailing } = pipeCells(text);
  const paragraphs = [...title];
  const width = pipeRowWidth(cells);
  const tables: Grid[] = [];
  const rowWidth = width >= 2 ? dataRowWidth(cells, width) : 0;
  const split = rowWidth && rowWidth < width ? splitTwoRowHeader(cells.slice(0, width), rowWidth) : null;
  if (split) {
    // rows cut at the data width behind a placeholder header, then the two header rows put in its place
    const rows = pipeRows([...Array<string>(rowWidth).fill(''), ...cells.slice(width)], rowWidth, paragraphs, warnings);
    rows.splice(0, 1, split[0], split[1]);
    tables.push(grid(rows, 0, paragraphs.length));
  } else if (width >= 2) {
    const rows = pipeRows(cells, width, paragraphs, warnings);
    tables.push(grid(rows, 0, paragraphs.length));
  } else append(paragraphs, cells);
  append(paragraphs, trailing);
  checkRows(paragraphs.length);
  return { kind: 'text', form: 'pipe', tables, paragraphs, warnings };
}

/** One cell per line, no tabs (a browser copy of a web table): header run, then cells re-cut on the row numbers. */
function readCells(text: string): ReadResult {
  const lines = text.split('\n');
  const run = headerRunStart(lines);
  const warnings: ImportWarning[] = [];
  if (!run) return { kind: 'text', form: 'cells', tables: [], paragraphs: lines.filter((l) => l.trim()), warnings };
  const paragraphs = lines.slice(0, run.start).filter((l) => l.trim());
  // Cells separated by blank lines when the header's cells are: then a single line break stays inside a cell.
  const headerLines = lines.slice(run.start, run.end);
  const blankSeparated = headerLines.filter((l) => !l.trim()).length >= run.width - 1;
  const cells: string[] = [...run.cells];
  let buf: string[] = [];
  const flushCell = () => {
    if (buf.length) cells.push(buf.join('\n'));
    buf = [];
  };
  for (const line of lines.slice(run.end)) {
    const t = line.trim();
    if (!t) {
      flushCell();
      continue;
    }
    if (blankSeparated) buf.push(t);
    else cells.push(t);
    checkRows(cells.length / run.width);
  }
  flushCell();
  const rows = pipeRows(cells, run.width, paragraphs, warnings);
  return {
    kind: 'text',
    form: 'cells',
    tables: [grid(rows, 0, run.start ? paragraphs.length : 0)],
    paragraphs,
    warnings,
  };
}

/** Cells separated by runs of spaces, one row per line (a copy from a PDF or a plain-text page). */
function readSpaces(text: string): ReadResult {
  const lines = text.split('\n');
  const h = spaceHeaderLine(lines);
  const paragraphs = lines.slice(0, h).filter((l) => l.trim());
  const rows: string[][] = [];
  const after: string[] = [];
  for (const line of lines.slice(h)) {
    if (!line.trim()) continue;
    const cells = spaceCells(line);
    if (after.length || (cells.length === 1 && /^(注|备注|说明|附注)\s*[:：]/.test(cells[0]!))) {
      after.push(line.trim());
      continue;
    }
    if (cells.length >= 2 || rows.length === 0) rows.push(cells);
    else if (/^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])/.test(cells[0]!)) rows.push(cells);
    else {
      const last = rows[rows.length - 1]!;
      last[last.length - 1] = `${last[last.length - 1]}\n${cells[0]}`;
    }
    checkRows(rows.length);
  }
  append(paragraphs, after);
  return {
    kind: 'text',
    form: 'spaces',
    tables: [grid(rows, 0, h > 0 ? lines.slice(0, h).filter((l) => l.trim()).length : 0)],
    paragraphs,
    warnings: [],
  };
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
    case 'spaces':
      return readSpaces(text);
    case 'cells':
      return readCells(text);
    default: {
      const paragraphs = text.split('\n').filter((l) => l.trim());
      checkRows(paragraphs.length);
      return { kind: 'text', form: 'narrative', tables: [], paragraphs, warnings: [] };
    }
  }
}
