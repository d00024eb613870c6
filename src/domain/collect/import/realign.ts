/**
 * Office files (.docx/.xlsx) made from web pages or text copies carry the same damage as the text: a row whose merged
 * number or unit cell was dropped has its cells shifted left (Word: fewer cells in the row; Excel: empty cells at the
 * end), and a header may have one more cell than its rows. This puts each such row's cells back in the columns their
 * content fits — by the column profiles of the other rows and what each header announces — and only when the fit is
 * clearly better than leaving the row as it is. Cells are never invented and rows never added.
 */
import {
  bestPlacement,
  blendProfiles,
  type CellType,
  cellType,
  columnProfiles,
  expandRow,
  headerExpectation,
  isHeaderLike,
  type Profile,
  TYPES,
} from './align';
import { matchHeader, periodOfHeader } from './headers';
import { cleanText, normalizeKey } from './text';
import type { GridCell, GridRow, ImportField } from './types';

/** How much better (in log-likelihood) a shifted placement must fit than the row as written. */
const MARGIN = 2.5;

function hasMerges(row: GridRow): boolean {
  return row.some((c) => c.merged);
}

/** Index of the last non-empty cell, -1 when the row is blank. */
function lastFilled(row: GridRow): number {
  for (let j = row.length - 1; j >= 0; j--) if (cleanText(row[j]!.text)) return j;
  return -1;
}

/** Column profiles from the data rows, blended with what each column's header announces. */
function blendedProfiles(data: GridRow[], width: number, fields: (ImportField | null)[]): Profile[] {
  return blendProfiles(columnProfiles(data, width), fields, data.length);
}

function rowScore(row: GridRow, profiles: Profile[]): number {
  let s = 0;
  for (let j = 0; j < profiles.length; j++) {
    const t: CellType = cellType(row[j]?.text ?? '');
    s += Math.log(profiles[j]![t]);
  }
  return s;
}

function headerIndex(rows: GridRow[]): number {
  const limit = Math.min(rows.length, 25);
  for (let r = 0; r < limit; r++) {
    const row = rows[r]!;
    // A title merged across the sheet repeats one text: not a header.
    const distinct = new Set(row.map((c) => cleanText(c.text)).filter(Boolean)).size;
    if (distinct >= 3 && isHeaderLike(row)) return r;
  }
  return -1;
}

/**
 * A header with one cell more than its rows fill (every data row leaves the last column empty): drop the header cell
 * whose removal lets the columns' contents fit their headers best.
 */
function fitWideHeader(rows: GridRow[], h: number, width: number): GridRow[] {
  const header = rows[h]!;
  const data = rows.slice(h + 1).filter((r) => !hasMerges(r) && lastFilled(r) >= 0);
  if (data.length < 2 || !cleanText(header[width - 1]?.text ?? '')) return rows;
  if (data.some((r) => lastFilled(r) >= width - 1)) return rows;
  if (header.filter((c) => cleanText(c.text)).length < width) return rows;
  const fieldsOf = (cells: GridCell[]) => cells.map((c) => matchHeader(c.text));
  const profiles = columnProfiles(data, width - 1);
  const profilesOf = (fields: (ImportField | null)[]) =>
    profiles.map((p, j) => {
      const exp = headerExpectation(fields[j] ?? null);
      let s = 0;
      for (const t of TYPES) s += (exp[t] ?? 0) * p[t];
      return Math.log(s + 0.01);
    });
  const score = (cells: GridCell[]) => profilesOf(fieldsOf(cells)).reduce((a, b) => a + b, 0);
  const asIs = score(header.slice(0, width - 1));
  let best = -1;
  let bestScore = asIs + 1;
  for (let k = 0; k < width; k++) {
    const s = score([...header.slice(0, k), ...header.slice(k + 1)]);
    if (s > bestScore) {
      best = k;
      bestScore = s;
    }
  }
  if (best < 0) return rows;
  const fixed = [...header.slice(0, best), ...header.slice(best + 1), { text: '' }];
  return rows.map((r, i) => (i === h ? fixed : r));
}

/** Realign shifted rows of an office grid (see the file comment). Returns the rows unchanged when nothing fits better. */
export function realignShiftedRows(original: GridRow[]): GridRow[] {
  const input = rebuildFlatTwoRowHeader(original);
  const h = headerIndex(input);
  if (h < 0) return input;
  let width = 0;
  for (const r of input) if (r.length > width) width = r.length;
  if (width < 3) return input;
  const rows = fitWideHeader(input, h, width);
  // A header wider than its rows explains the short rows: they are not shifted.
  if (rows !== input) return rows;
  const fields = rows[h]!.map((c) => matchHeader(c.text));
  const data = rows.slice(h + 1).filter((r) => lastFilled(r) >= 0);
  const complete = data.filter((r) => !hasMerges(r) && lastFilled(r) === width - 1);
  const profiles = blendedProfiles(complete.length >= 2 ? complete : data, width, fields);
  let changed = false;
  const out = rows.map((row, r) => {
    if (r <= h || hasMerges(row)) return row;
    const last = lastFilled(row);
    const filled = row.filter((c) => cleanText(c.text)).length;
    // A few dropped cells at most (merged number, unit, lead unit); a longer gap is a short row, not a shifted one.
    if (last < 0 || last >= width - 1 || filled < 2 || width - 1 - last > 6) return row;
    const short = row.slice(0, last + 1);
    const placed = bestPlacement(short, width, profiles, { gaps: true, spans: false });
    if (!placed) return row;
    const padded: GridRow = [...row];
    while (padded.length < width) padded.push({ text: '' });
    if (placed.score <= rowScore(padded, profiles) + MARGIN) return row;
    changed = true;
    return expandRow(short, placed.spans, r, placed.gapsBefore);
  });
  return changed || rows !== original ? out : original;
}

/** Only the wide-header fix (text copies, whose short rows the ragged alignment already placed). */
export function fitHeaderToRows(rows: GridRow[]): GridRow[] {
  const h = headerIndex(rows);
  if (h < 0) return rows;
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  return width < 3 ? rows : fitWideHeader(rows, h, width);
}

function filledCount(row: GridRow | undefined): number {
  return row ? row.filter((c) => cleanText(c.text)).length : 0;
}

/**
 * The lower row of a two-row header: short cells, at least one naming a field; the others short words with no
 * figures of their own ("上年结转", "小计", "合计" under "可用预算"), never a number or a percentage.
 */
function isSubHeaderLine(row: GridRow | undefined): boolean {
  if (!row) return false;
  const cells = row.filter((c) => cleanText(c.text));
  if (cells.length < 2) return false;
  const named = cells.filter((c) => cleanText(c.text).length <= 16 && matchHeader(c.text) !== null).length;
  const wordy = cells.every((c) => {
    const t = cleanText(c.text).replace(/\s+/g, '');
    return t.length <= 16 && !/^[\d.,，%％\s-]+$/.test(t) && !/^\d/.test(t.replace(/^\d{2,4}年度?/, ''));
  });
  // the widths must also add up (rebuildFlatTwoRowHeader): one named cell is enough here
  return wordy && named >= 1;
}

/** All ways to choose `g` of `k` positions (small k, g). */
function choose(k: number, g: number, from = 0): number[][] {
  if (g === 0) return [[]];
  const out: number[][] = [];
  for (let i = from; i <= k - g; i++) for (const rest of choose(k, g - 1, i + 1)) out.push([i, ...rest]);
  return out;
}

const UNIT_FIELDS = new Set(['leadUnits', 'assistUnits', 'cohostUnits']);

/** A header that only names a period: 第二季度, 三季度, 6月, 上半年. */
function isBarePeriod(text: string): boolean {
  const t = normalizeKey(text);
  return t.length <= 5 && periodOfHeader(t) !== null;
}

/**
 * A two-row header copied without its merges ("序号 项目名称 目标任务 进展情况 投资" over "完成数 完成率 计划投资 完成投资"):
 * the upper row has group cells each spanning some of the lower row's cells. Rebuild both rows at full width, choosing
 * the group cells whose placement lets the data columns fit their headers best.
 */
export function rebuildFlatTwoRowHeader(rows: GridRow[]): GridRow[] {
  const h = headerIndex(rows);
  if (h < 0) return rows;
  const top = rows[h]!;
  const sub = rows[h + 1];
  if (top.some((c) => c.merged) || !isSubHeaderLine(sub) || sub!.some((c) => c.merged)) return rows;
  const data = rows.slice(h + 2).filter((r) => filledCount(r) >= 3);
  let width = 0;
  for (const r of data) width = Math.max(width, r.length);
  const topCells = top.filter((c) => cleanText(c.text));
  const subCells = sub!.filter((c) => cleanText(c.text));
  const k = topCells.length;
  const m = subCells.length;
  const g = k + m - width;
  if (data.length === 0 || g < 1 || g > Math.min(k, 3) || m % g !== 0 || k > 14) return rows;
  const span = m / g;
  const profiles = columnProfiles(data, width);
  let best: GridRow[] | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const groups of choose(k, g)) {
    const newTop: GridRow = [];
    const newSub: GridRow = [];
    let s = 0;
    topCells.forEach((c, i) => {
      if (groups.includes(i)) {
        const start = newTop.length;
        for (let q = 0; q < span; q++) {
          newTop.push(q === 0 ? c : { ...c, merged: 'h', origin: [h, start] });
          newSub.push(subCells[s++]!);
        }
      } else {
        newTop.push(c);
        newSub.push({ ...c, merged: 'v', origin: [h, newTop.length - 1] });
      }
    });
    // A bare period ("第二季度") over its columns is the usual group cell: a small prior when the content cannot tell.
    let score = groups.filter((i) => isBarePeriod(topCells[i]?.text ?? '')).length * 0.5;
    // A group names what its sub-headers share ("进展情况" over "至8月进展 / 最新进展", "承办单位" over "主办 / 协办");
    // the number or the name of the project is never a group.
    for (const i of groups) {
      const field = matchHeader(topCells[i]?.text ?? '');
      if (field === 'seq' || field === 'name') score -= 3;
    }
    newTop.forEach((c, j) => {
      if (c.merged !== 'h' && newTop[j + 1]?.merged !== 'h') return;
      const f = matchHeader(c.text);
      const sf = matchHeader(newSub[j]?.text ?? '');
      if (f && sf && (f === sf || (UNIT_FIELDS.has(f) && UNIT_FIELDS.has(sf)))) score += 1;
    });
    newSub.forEach((c, j) => {
      const exp = headerExpectation(matchHeader(c.text));
      let v = 0;
      for (const t of TYPES) v += (exp[t] ?? 0) * (profiles[j]?.[t] ?? 0);
      score += Math.log(v + 0.01);
    });
    if (score > bestScore) {
      bestScore = score;
      best = [newTop, newSub];
    }
  }
  if (!best) return rows;
  return rows.map((r, i) => (i === h ? best![0]! : i === h + 1 ? best![1]! : r));
}
