/**
 * After a table's rows are items: breakdown tables become one project each, and total rows are checked.
 *  - One project broken down by region (a 县区/街道 column, the project's name on the first row or merged down, one row
 *    per region): ONE item whose `breakdown` lists each region's target, actual, rate and progress. A 合计/全市 row in
 *    the group gives the project's own figures.
 *  - Total rows (合计, 总计, 全市, 全省, 全区) stay as `isTotal` items, not projects; their numbers are compared with the
 *    sum of the rows they total and a difference is a warning (never a correction).
 */

import { toSimplified } from '../../text/hant';
import { isMeasureUnit, isNumberCell, isRegionName, isTotalLabel, plainNumber, shareOf } from './content';
import { HEADER_SYNONYMS, matchHeader } from './headers';
import { newItem } from './map-table';
import { cleanText, valueOrNull } from './text';
import type { BreakdownEntry, ColumnInfo, GridCell, GridRow, ImportItem } from './types';

const SUMMED = ['targetNumber', 'actual', 'investmentPlanned', 'investmentDone'] as const;
const LABEL: Record<(typeof SUMMED)[number], string> = {
  targetNumber: '目标数',
  actual: '完成数',
  investmentPlanned: '计划投资',
  investmentDone: '完成投资',
};

function entryOf(it: ImportItem): BreakdownEntry {
  return {
    unit: it.region ?? it.name ?? '',
    target: it.targetNumber ?? it.annualTarget,
    actual: it.actual,
    rate: it.rate,
    progress: it.progress,
  };
}

/** Can `it` continue the region group headed by `head`? */
function continues(head: ImportItem, it: ImportItem): boolean {
  if (!head.region || !it.region || it.region === head.region) return false;
  if (it.isTotal) return false;
  const sameName = !it.name || it.name === head.name;
  // Without a project column the numbers only count the region rows (1 长沙市, 2 株洲市 …).
  const sameCode = !it.code || it.code === head.code || (!head.name && !it.name);
  return sameName && sameCode;
}

function closeGroup(head: ImportItem, all: ImportItem[], totalRow: ImportItem | null): void {
  // A 全市/全省 region row inside the group is the project's own total.
  const regionTotal = all.find((m) => isTotalLabel(m.region));
  const members = all.filter((m) => m !== regionTotal);
  const total = totalRow ?? regionTotal ?? null;
  head.breakdown = members.map(entryOf);
  const units = [...head.leadUnits];
  for (const m of members) for (const u of m.leadUnits) if (!units.includes(u)) units.push(u);
  head.leadUnits = units;
  head.region = null;
  if (!head.name) head.code = null;
  head.progress = total?.progress ?? null;
  head.actual = total?.actual ?? null;
  head.rate = total?.rate ?? null;
  head.investmentPlanned = total?.investmentPlanned ?? null;
  head.investmentDone = total?.investmentDone ?? null;
  const target = total?.targetNumber ?? null;
  head.targetNumber = target;
  if (!total) head.annualTarget = members.every((m) => m.annualTarget === head.annualTarget) ? head.annualTarget : null;
  else if (total.annualTarget) head.annualTarget = total.annualTarget;
  if (!head.flags.includes('breakdown')) head.flags.push('breakdown');
  head.parentCode = null;
  if (total) checkTotal(total, members, head);
}

/** Compare a total row with the sum of its rows; a difference beyond rounding is a warning on `on`. */
export function checkTotal(total: ImportItem, rows: ImportItem[], on: ImportItem = total): void {
  for (const f of SUMMED) {
    const t = plainNumber(total[f]);
    if (t === null) continue;
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      const v = plainNumber(r[f]);
      if (v === null) continue;
      sum += v;
      n++;
    }
    if (n < 2) continue;
    const tolerance = Math.max(0.01, Math.abs(t) * 0.005);
    if (Math.abs(sum - t) > tolerance) {
      const shown = Number(sum.toFixed(4));
      on.warnings.push({
        code: 'TOTAL_MISMATCH',
        table: total.row.table,
        row: total.row.row,
        message: `表格${total.row.table + 1}第${total.row.row + 1}行合计的${LABEL[f]}为${total[f]}，各行相加为${shown}，请核对`,
      });
    }
  }
}

/** Fold region groups into one item each, check totals; returns the table's items in order. */
export function foldBreakdowns(items: ImportItem[]): ImportItem[] {
  const out: ImportItem[] = [];
  let head: ImportItem | null = null;
  let members: ImportItem[] = [];
  let total: ImportItem | null = null;
  const flush = () => {
    if (head && members.length >= 2) closeGroup(head, members, total);
    else if (total) out.push(total);
    head = null;
    members = [];
    total = null;
  };
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (head && continues(head, it)) {
      members.push(it);
      continue;
    }
    if (head && it.isTotal && !total) {
      total = it;
      continue;
    }
    if (head) flush();
    // A total printed above its region rows (全市 first, then each county).
    const next = items[i + 1];
    const after = items[i + 2];
    if (it.isTotal && next?.region && after && continues(next, after)) {
      total = it;
      continue;
    }
    if (it.region && !it.isTotal) {
      head = it;
      members = [it];
    }
    out.push(it);
  }
  flush();
  // Totals outside region groups: compare with the projects above them (since the previous total).
  let since: ImportItem[] = [];
  for (const it of out) {
    if (it.isTotal) {
      checkTotal(it, since);
      since = [];
    } else since.push(it);
  }
  return out;
}

const REGION_HEADER = /^(地区|县区|区县|市州|县\(市、?区\)|县市区|镇街|街镇|乡镇|街道|区域|单位|地市|市县)$/;

function text(c: GridCell | undefined): string {
  return c ? cleanText(c.text) : '';
}

/** One indicator column of a region matrix: a project whose breakdown lists the regions. */
function indicatorItem(head: string, data: GridRow[], j: number, tableIndex: number, h: number): ImportItem {
  const m = /^(.*?)[（(]([^()（）]{1,8})[)）]$/.exec(head);
  const unit = m?.[2] && isMeasureUnit(m[2]) ? m[2] : null;
  const it = newItem(tableIndex, h);
  it.name = (unit && m?.[1] ? m[1] : head).trim();
  it.unit = unit;
  it.flags.push('breakdown', 'indicator');
  const isTarget = /目标|计划|任务/.test(head);
  for (const r of data) {
    const region = text(r[0]);
    const v = valueOrNull(r[j]?.text);
    if (isTotalLabel(region)) {
      if (isTarget) it.targetNumber = v;
      else it.actual = v;
      continue;
    }
    const target = isTarget ? v : null;
    const actual = isTarget ? null : v;
    it.breakdown.push({ unit: region, target, actual, rate: null, progress: null });
  }
  return it;
}

/**
 * A region × indicator matrix (no project column): the first column names regions (a 全市 row among them), each other
 * column is one indicator with its unit in brackets ("城镇新增就业（人）"). Each indicator becomes one project whose
 * breakdown lists the regions; the 全市/合计 row gives its own figure. Returns null when the grid is not such a matrix.
 */
export function indicatorMatrix(
  rows: GridRow[],
  tableIndex: number,
): { items: ImportItem[]; headerRow: number; columns: ColumnInfo[] } | null {
  const limit = Math.min(rows.length, 10);
  for (let h = 0; h < limit; h++) {
    const header = rows[h]!;
    const first = toSimplified(text(header[0]).replace(/\s+/g, '').normalize('NFKC'));
    if (!REGION_HEADER.test(first)) continue;
    const cols: number[] = [];
    for (let j = 1; j < header.length; j++) if (text(header[j]) && header[j]?.merged !== 'h') cols.push(j);
    if (cols.length < 2) return null;
    const data = rows.slice(h + 1).filter((r) => text(r[0]));
    const regions = shareOf(
      data.map((r) => text(r[0])),
      (t) => isRegionName(t) || isTotalLabel(t),
    );
    const numbers = shareOf(
      data.flatMap((r) => cols.map((j) => text(r[j]))),
      isNumberCell,
    );
    if (regions.n < 2 || regions.share < 0.6 || numbers.share < 0.6) return null;
    const items = cols.map((j) => indicatorItem(text(header[j]), data, j, tableIndex, h));
    const columns: ColumnInfo[] = header.map((c, index) => ({
      index,
      header: text(c),
      field: index === 0 ? 'region' : null,
    }));
    return { items, headerRow: h, columns };
  }
  return null;
}

/** Row labels of a region-column table and the field each gives: 年度目标 → target, 实际完成 → actual … */
const ROW_FIELDS = new Set(['targetNumber', 'annualTarget', 'actual', 'rate', 'investmentPlanned', 'investmentDone']);

/** The field a row label names and the indicator name before it ("新辟线路年度目标" → 新辟线路, annualTarget). */
function rowLabel(label: string): { field: string; name: string | null } | null {
  const t = toSimplified(label).replace(/\s+/g, '');
  const asRow = (field: string | null | undefined, name: string | null) =>
    field && ROW_FIELDS.has(field) ? { field: field === 'annualTarget' ? 'targetNumber' : field, name } : null;
  // The longest ending that is a header word of its own: "新辟线路" + "年度目标".
  for (let k = 1; k < t.length - 1; k++) {
    const row = asRow(HEADER_SYNONYMS[t.slice(k)], t.slice(0, k).replace(/[：:（(]+$/, '') || null);
    if (row) return row;
  }
  return asRow(matchHeader(t), null);
}

/** The region columns of a header row ("东湖区 | 西岭区 | 合计", first cell blank or a label); null when it is not one. */
function regionHeaderColumns(header: GridRow): number[] | null {
  const cols: number[] = [];
  for (let j = 1; j < header.length; j++) if (text(header[j]) && header[j]?.merged !== 'h') cols.push(j);
  const regions = shareOf(
    cols.map((j) => text(header[j])),
    // "海曙、江东、江北": several short area names in one cell.
    (t) =>
      isRegionName(t) ||
      isTotalLabel(t) ||
      t.split(/[、，,]/).every((p) => isRegionName(p) || (p.length <= 3 && !/\d/.test(p) && !matchHeader(p))),
  );
  if (cols.length < 2 || regions.share < 0.8 || !cols.some((j) => isRegionName(text(header[j])))) return null;
  return cols;
}

/** One labelled row's values into the indicator: the 合计 column on the item, the others on its breakdown. */
function fillRegionRow(it: ImportItem, field: string, row: GridRow, cols: number[], header: GridRow): void {
  let k = 0;
  for (const j of cols) {
    const v = valueOrNull(row[j]?.text);
    if (isTotalLabel(text(header[j]))) {
      (it as unknown as Record<string, string | null>)[field] = v;
      continue;
    }
    const entry = it.breakdown[k++]!;
    if (field === 'targetNumber') entry.target = v;
    else if (field === 'actual') entry.actual = v;
    else if (field === 'rate') entry.rate = v;
  }
}

/**
 * Regions across the top, measures down the side (one project, or a few, broken down by region): a header row of
 * region names (a 合计 column among them) over rows labelled 年度目标 / 实际完成 / 完成率. Each run of labelled rows
 * is one indicator whose breakdown lists the regions; the 合计 column gives its own figures. Null when the grid is not
 * such a table.
 */
export function regionColumnsTable(
  rows: GridRow[],
  tableIndex: number,
): { items: ImportItem[]; headerRow: number; columns: ColumnInfo[] } | null {
  const h = rows.slice(0, 10).findIndex((r) => regionHeaderColumns(r) !== null);
  if (h < 0) return null;
  const header = rows[h]!;
  const cols = regionHeaderColumns(header)!;
  const data: { r: GridRow; index: number; label: { field: string; name: string | null } }[] = [];
  for (let i = h + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (!text(r[0])) continue;
    const label = rowLabel(text(r[0]));
    if (!label) return null;
    data.push({ r, index: i, label });
  }
  const numbers = shareOf(
    data.flatMap((d) => cols.map((j) => text(d.r[j]))),
    isNumberCell,
  );
  if (data.length === 0 || numbers.share < 0.6) return null;
  const items: ImportItem[] = [];
  let cur: ImportItem | null = null;
  const seen = new Set<string>();
  for (const { r, index, label } of data) {
    // A field already given, or another indicator's name, starts the next indicator.
    if (!cur || seen.has(label.field) || (label.name && cur.name && label.name !== cur.name)) {
      cur = newItem(tableIndex, index);
      cur.flags.push('breakdown');
      cur.breakdown = cols
        .filter((j) => !isTotalLabel(text(header[j])))
        .map((j) => ({ unit: text(header[j]), target: null, actual: null, rate: null, progress: null }));
      items.push(cur);
      seen.clear();
    }
    cur.name ??= label.name;
    seen.add(label.field);
    fillRegionRow(cur, label.field, r, cols, header);
  }
  const columns: ColumnInfo[] = header.map((c, index) => ({ index, header: text(c), field: null }));
  return { items, headerRow: h, columns };
}
