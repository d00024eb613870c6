/**
 * Text copies of Word tables lose merges: a header cell spanning two columns ("序号" over 件号 and 项号) or a merged
 * number cell gives a row with fewer cells than the others. This puts every cell of a short row back in the columns it
 * most likely covered, by dynamic programming over column profiles built from the full-width rows.
 */

import { looksLikeCode } from './cells';
import { matchHeader } from './headers';
import { cleanText } from './text';
import type { GridCell, GridRow, ImportField } from './types';

type CellType = 'empty' | 'code' | 'mark' | 'short' | 'long';
const TYPES: CellType[] = ['empty', 'code', 'mark', 'short', 'long'];

function cellType(text: string): CellType {
  const t = cleanText(text);
  if (!t) return 'empty';
  if (looksLikeCode(t)) return 'code';
  if (t.length <= 4 && /^([/／\\\-—－–▋▌█■●]+|无|是|否|已完成|完成|滞后|√|×)$/.test(t)) return 'mark';
  if (t.length <= 16) return 'short';
  return 'long';
}

type Profile = Record<CellType, number>;

function headerExpectation(field: ImportField | null): Partial<Record<CellType, number>> {
  switch (field) {
    case 'seq':
    case 'code':
      return { code: 1, empty: 0.5 };
    case 'name':
    case 'annualTarget':
    case 'periodTarget':
    case 'progress':
    case 'problems':
    case 'nextSteps':
    case 'problemsAndNextSteps':
    case 'matter':
      return { long: 1, short: 0.6, empty: 0.3, mark: 0.3 };
    case 'category':
      return { short: 1, long: 0.6, empty: 0.6 };
    case 'leadUnits':
    case 'assistUnits':
    case 'cohostUnits':
    case 'region':
    case 'unit':
      return { short: 1, long: 0.4, mark: 0.5, empty: 0.3 };
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

function isHeaderLike(row: GridRow): boolean {
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
function columnProfiles(full: GridRow[], width: number): Profile[] {
  const profiles: Profile[] = [];
  for (let j = 0; j < width; j++) {
    const p: Profile = { empty: 0.05, code: 0.05, mark: 0.05, short: 0.05, long: 0.05 };
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

/** Log-likelihood of a cell in column j (a header cell by the field it names). */
function cellScore(profiles: Profile[], header: boolean, cell: GridCell, j: number): number {
  const p = profiles[j];
  if (!p) return 0;
  if (header) {
    const exp = headerExpectation(matchHeader(cell.text));
    let s = 0;
    for (const t of TYPES) s += (exp[t] ?? 0) * p[t];
    return Math.log(s + 0.01);
  }
  // Log-probabilities: one cell in a column where its kind never occurs costs much more than several near misses.
  return Math.log(p[cellType(cell.text)]);
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

/** The best number of columns for each cell of a short row (dynamic programming); null when none fits. */
function bestSpans(row: GridRow, width: number, profiles: Profile[]): number[] | null {
  const m = row.length;
  const header = isHeaderLike(row);
  const gap = width - m;
  // dp[i][j]: best score placing the first i cells over the first j columns.
  const NEG = Number.NEGATIVE_INFINITY;
  const dp: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(width + 1).fill(NEG));
  const choice: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(width + 1).fill(0));
  dp[0]![0] = 0;
  for (let i = 0; i < m; i++) {
    const cell = row[i]!;
    for (let j = i; j <= i + gap && j < width; j++) {
      const base = dp[i]![j]!;
      if (base === NEG) continue;
      let acc = 0;
      for (let s = 1; s <= gap + 1 && j + s <= width; s++) {
        acc += cellScore(profiles, header, cell, j + s - 1);
        const v = base + acc + spanBonus(header, cell, s - 1);
        if (v > dp[i + 1]![j + s]!) {
          dp[i + 1]![j + s] = v;
          choice[i + 1]![j + s] = s;
        }
      }
    }
  }
  if (dp[m]![width] === NEG) return null;
  const spans = new Array<number>(m).fill(1);
  let j = width;
  for (let i = m; i > 0; i--) {
    const s = choice[i]![j]!;
    spans[i - 1] = s;
    j -= s;
  }
  return spans;
}

/** Each cell followed by its merged copies (row index r) for the columns it spans. */
function expandRow(row: GridRow, spans: number[], r: number): GridRow {
  const out: GridRow = [];
  for (let i = 0; i < row.length; i++) {
    const cell = row[i]!;
    const start = out.length;
    out.push(cell);
    for (let k = 1; k < spans[i]!; k++) out.push({ ...cell, merged: 'h', origin: [r, start] });
  }
  return out;
}

/**
 * Align short rows of a ragged grid to the typical width. Rows with one or two cells (titles, category rows) and
 * rows more than `maxGap` cells short are left alone. Returns new rows; covered cells are copies marked merged 'h'.
 */
export function alignRaggedRows(rows: GridRow[], maxGap = 4): GridRow[] {
  const width = typicalWidth(rows);
  if (width < 3) return rows;
  const full = rows.filter((r) => r.length === width && !isHeaderLike(r));
  if (full.length === 0) return rows;
  const profiles = columnProfiles(full, width);
  return rows.map((row, r) => {
    const m = row.length;
    if (m >= width || m < 3 || width - m > maxGap) return row;
    const spans = bestSpans(row, width, profiles);
    return spans ? expandRow(row, spans, r) : row;
  });
}
