/**
 * Text copies of Word tables lose merges: a header cell spanning two columns ("序号" over 件号 and 项号) or a merged
 * number cell gives a row with fewer cells than the others. This puts every cell of a short row back in the columns it
 * most likely covered, by dynamic programming over column profiles built from the full-width rows.
 */

import { looksLikeCode } from './cells';
import { isMeasureUnit, isNumberCell, isRegionName, isTotalLabel, isUnitName } from './content';
import { matchHeader } from './headers';
import { cleanText } from './text';
import type { GridCell, GridRow, ImportField } from './types';

export type CellType = 'empty' | 'code' | 'mark' | 'short' | 'long' | 'num' | 'pct' | 'measure' | 'region' | 'org';
export const TYPES: CellType[] = ['empty', 'code', 'mark', 'short', 'long', 'num', 'pct', 'measure', 'region', 'org'];

/** Cell types of recent texts: tables repeat the same units, marks and numbers many times. */
const typeCache = new Map<string, CellType>();

export function cellType(text: string): CellType {
  if (text.length <= 40) {
    const hit = typeCache.get(text);
    if (hit) return hit;
    const t = computeCellType(text);
    if (typeCache.size > 20_000) typeCache.clear();
    typeCache.set(text, t);
    return t;
  }
  return computeCellType(text);
}

function computeCellType(text: string): CellType {
  const t = cleanText(text);
  if (!t) return 'empty';
  if (/^[约近超]?\s*-?\d+(\.\d+)?\s*[%％]$/.test(t)) return 'pct';
  if (looksLikeCode(t)) return 'code';
  if (isNumberCell(t)) return 'num';
  if (isMeasureUnit(t)) return 'measure';
  if (t.length <= 12 && (isRegionName(t) || isTotalLabel(t))) return 'region';
  if (t.length <= 30 && isUnitName(t)) return 'org';
  if (t.length <= 4 && /^([/／\\\-—－–▋▌█■●]+|无|是|否|已完成|完成|滞后|√|×)$/.test(t)) return 'mark';
  if (t.length <= 16) return 'short';
  return 'long';
}

export type Profile = Record<CellType, number>;

export function headerExpectation(field: ImportField | null): Partial<Record<CellType, number>> {
  switch (field) {
    case 'seq':
    case 'code':
      return { code: 1, empty: 0.5 };
    case 'rate':
      return { pct: 1, num: 0.5, code: 0.3, empty: 0.3, short: 0.2 };
    case 'actual':
    case 'targetNumber':
    case 'investmentPlanned':
    case 'investmentDone':
      return { num: 1, code: 0.8, empty: 0.3, short: 0.3, pct: 0.1 };
    case 'unit':
      return { measure: 1, short: 0.3, empty: 0.4 };
    case 'name':
    case 'annualTarget':
    case 'periodTarget':
    case 'progress':
    case 'problems':
    case 'nextSteps':
    case 'problemsAndNextSteps':
    case 'matter':
      return { long: 1, short: 0.6, empty: 0.3, mark: 0.3, pct: 0.2, num: 0.1 };
    case 'category':
      return { short: 1, long: 0.6, empty: 0.6 };
    case 'leadUnits':
    case 'assistUnits':
    case 'cohostUnits':
      return { org: 1, short: 0.6, region: 0.3, long: 0.3, mark: 0.3, empty: 0.3 };
    case 'region':
      return { region: 1, short: 0.4, empty: 0.2 };
    case 'evaluation':
    case 'selfAssessment':
      return { mark: 1, short: 0.7, empty: 0.4 };
    default:
      return { short: 0.3, long: 0.3, code: 0.3, mark: 0.3, empty: 0.3 };
  }
}

/** Most common width among rows with at least three cells (ties → the wider). */
export function typicalWidth(rows: GridRow[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) if (r.length >= 3) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [w, c] of counts) {
    if (c > bestCount || (c === bestCount && w > best)) {
      best = w;
      bestCount = c;
    }
  }
  if (best) return best;
  let widest = 0;
  for (const r of rows) if (r.length > widest) widest = r.length;
  return widest;
}

export function isHeaderLike(row: GridRow): boolean {
  let n = 0;
  let long = 0;
  for (const c of row) {
    const t = cleanText(c.text);
    if (t.length > 30) long++;
    else if (matchHeader(t)) n++;
  }
  return n >= 2 && long <= 1;
}

/** For each column, how often each kind of cell occurs in the full-width rows (smoothed, summing to 1). */
export function columnProfiles(full: GridRow[], width: number): Profile[] {
  const profiles: Profile[] = [];
  for (let j = 0; j < width; j++) {
    const p = Object.fromEntries(TYPES.map((t) => [t, 0.05])) as Profile;
    for (const r of full) {
      const c = r[j];
      if (c) p[cellType(c.text)] += 1;
    }
    const total = TYPES.reduce((s, t) => s + p[t], 0);
    for (const t of TYPES) p[t] /= total;
    profiles.push(p);
  }
  return profiles;
}

/** Profiles blended with the header's expectation; the fewer the rows, the more the header counts. */
export function blendProfiles(base: Profile[], fields: (ImportField | null)[], n: number): Profile[] {
  const w = 3 / (n + 3);
  return base.map((p, j) => {
    const exp = headerExpectation(fields[j] ?? null);
    const total = TYPES.reduce((s, t) => s + (exp[t] ?? 0.05), 0);
    const out = { ...p };
    for (const t of TYPES) out[t] = (1 - w) * p[t] + (w * (exp[t] ?? 0.05)) / total;
    return out;
  });
}

/** Log-likelihood of a cell in column j (a header cell by the field it names). */
/** What a cell is, computed once per cell: its type, or (in a header row) the field it names. */
type CellKey = { type: CellType; exp: Partial<Record<CellType, number>> | null };

function cellKey(header: boolean, cell: GridCell): CellKey {
  return header
    ? { type: 'short', exp: headerExpectation(matchHeader(cell.text)) }
    : { type: cellType(cell.text), exp: null };
}

function cellScore(profiles: Profile[], key: CellKey, j: number): number {
  const p = profiles[j];
  if (!p) return 0;
  if (key.exp) {
    let s = 0;
    for (const t of TYPES) s += (key.exp[t] ?? 0) * p[t];
    return Math.log(s + 0.01);
  }
  // Log-probabilities: one cell in a column where its kind never occurs costs much more than several near misses.
  return Math.log(p[key.type]);
}

/** Spanning `extra` more columns: likely for a number (a merged code), unlikely for long text and empty cells. */
function spanBonus(header: boolean, cell: GridCell, extra: number): number {
  if (extra === 0) return 0;
  const t = header ? (matchHeader(cell.text) === 'seq' ? 'code' : 'short') : cellType(cell.text);
  if (t === 'code') return 0.3 * extra;
  if (t === 'long') return -0.2 * extra;
  if (t === 'empty') return -0.1 * extra;
  return 0;
}

export type SpanOptions = {
  /** Columns may stay empty (a dropped cell), scored as an empty cell of that column. */
  gaps?: boolean;
  /** A cell may cover several columns (a merged cell); off for office files, whose merges are real. */
  spans?: boolean;
};

/** Score of leaving column j empty. */
function gapScore(profiles: Profile[], j: number): number {
  const p = profiles[j];
  // On a tie, a gap to the right wins: cells stay where they were written.
  return p ? Math.log(p.empty) - 0.5 - 0.01 * (profiles.length - j) : 0;
}

type Table = { dp: number[][]; choice: number[][] };

const NEG = Number.NEGATIVE_INFINITY;

/** Keep the better of the current and a new score for state (i, j); `s` = span placed, 0 = a gap. */
function relax(t: Table, i: number, j: number, v: number, s: number): void {
  if (v > t.dp[i]![j]!) {
    t.dp[i]![j] = v;
    t.choice[i]![j] = s;
  }
}

/** Place cell i from column j over 1…maxSpan columns. */
function placeCell(
  t: Table,
  profiles: Profile[],
  c: { key: CellKey; header: boolean; cell: GridCell },
  i: number,
  j: number,
  maxSpan: number,
): void {
  const base = t.dp[i]![j]!;
  let acc = 0;
  for (let s = 1; s <= maxSpan; s++) {
    acc += cellScore(profiles, c.key, j + s - 1);
    relax(t, i + 1, j + s, base + acc + spanBonus(c.header, c.cell, s - 1), s);
  }
}

/** Spans and gaps of the best placement, read back from the choices. */
function traceBack(choice: number[][], m: number, width: number): { spans: number[]; gapsBefore: number[] } {
  const spans = new Array<number>(m).fill(1);
  const gapsBefore = new Array<number>(m + 1).fill(0);
  let j = width;
  let i = m;
  while (j > 0) {
    const s = choice[i]![j]!;
    if (s === 0) {
      gapsBefore[i]!++;
      j--;
      continue;
    }
    spans[i - 1] = s;
    j -= s;
    i--;
  }
  return { spans, gapsBefore };
}

/**
 * The best placement of a short row's cells (dynamic programming): each cell's span and the empty columns (gaps, when
 * allowed) before each cell. Returns null when none fits.
 */
export function bestPlacement(
  row: GridRow,
  width: number,
  profiles: Profile[],
  opts: SpanOptions = {},
): { spans: number[]; gapsBefore: number[]; score: number } | null {
  const m = row.length;
  const header = isHeaderLike(row);
  const gap = width - m;
  const maxSpan = opts.spans !== false ? gap + 1 : 1;
  // dp[i][j]: best score placing the first i cells over the first j columns.
  const t: Table = {
    dp: Array.from({ length: m + 1 }, () => new Array<number>(width + 1).fill(NEG)),
    choice: Array.from({ length: m + 1 }, () => new Array<number>(width + 1).fill(0)),
  };
  t.dp[0]![0] = 0;
  const keys = row.map((c) => cellKey(header, c));
  for (let i = 0; i <= m; i++) {
    for (let j = i; j <= i + gap && j <= width; j++) {
      const base = t.dp[i]![j]!;
      if (base === NEG) continue;
      if (opts.gaps && j < width) relax(t, i, j + 1, base + gapScore(profiles, j), 0);
      const cell = row[i];
      if (cell && j < width)
        placeCell(t, profiles, { key: keys[i]!, header, cell }, i, j, Math.min(maxSpan, width - j));
    }
  }
  const score = t.dp[m]![width]!;
  if (score === NEG) return null;
  return { ...traceBack(t.choice, m, width), score };
}

/** Each cell followed by its merged copies (row index r) for the columns it spans; empty cells for the gaps. */
export function expandRow(row: GridRow, spans: number[], r: number, gapsBefore?: number[]): GridRow {
  const out: GridRow = [];
  for (let i = 0; i <= row.length; i++) {
    for (let g = 0; g < (gapsBefore?.[i] ?? 0); g++) out.push({ text: '' });
    const cell = row[i];
    if (!cell) continue;
    const start = out.length;
    out.push(cell);
    for (let k = 1; k < spans[i]!; k++) out.push({ ...cell, merged: 'h', origin: [r, start] });
  }
  return out;
}

/** A two-cell row that is data (a sub-item: name and progress), not a title, category or note line. */
function twoCellDataRow(row: GridRow): boolean {
  const a = cleanText(row[0]?.text ?? '');
  const b = cleanText(row[1]?.text ?? '');
  if (!a || !b || looksLikeCode(a)) return false;
  return !/^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|注|备注|说明|附件|填报|联系|审核|制表)/.test(
    a,
  );
}

/**
 * Align short rows of a ragged grid to the typical width. Rows with one or two cells (titles, category rows) and
 * rows more than `maxGap` cells short are left alone. Returns new rows; covered cells are copies marked merged 'h'.
 */
export function alignRaggedRows(rows: GridRow[], maxGap = 4): GridRow[] {
  let width = typicalWidth(rows);
  // Sub-rows without their merged cells may outnumber full rows: a header as wide as some data rows sets the width.
  const headerRow = rows.slice(0, 25).find((r) => isHeaderLike(r));
  if (headerRow && headerRow.length > width && rows.filter((r) => r.length === headerRow.length).length >= 2)
    width = headerRow.length;
  if (width < 3) return rows;
  const full = rows.filter((r) => r.length === width && !isHeaderLike(r));
  if (full.length === 0) return rows;
  // What the header announces for each column steadies the profiles of a short table.
  const header = rows.slice(0, 25).find((r) => r.length === width && isHeaderLike(r));
  const profiles = header
    ? blendProfiles(
        columnProfiles(full, width),
        header.map((c) => matchHeader(c.text)),
        full.length,
      )
    : columnProfiles(full, width);
  return rows.map((row, r) => {
    const m = row.length;
    if (m >= width || m < 2 || width - m > maxGap || (m === 2 && !twoCellDataRow(row))) return row;
    const placed = bestPlacement(row, width, profiles, { gaps: true });
    return placed ? expandRow(row, placed.spans, r, placed.gapsBefore) : row;
  });
}
