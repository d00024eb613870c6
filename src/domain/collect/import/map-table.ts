/**
 * One grid → preview items. Finds the header (not necessarily the first row, possibly two rows), maps columns to
 * fields (synonyms + user overrides), skips repeated headers, example and note rows, carries 项目分类/民生事项 down to
 * the rows below, recognises category rows and sub-items without numbers.
 */

import { toSimplified } from '../../text/hant';
import { alignRaggedRows } from './align';
import { foldBreakdowns, indicatorMatrix, regionColumnsTable } from './breakdown';
import {
  extractSelfAssessment,
  levelsIn,
  parseEvaluation,
  parseNameCell,
  parseSeqCell,
  splitProblemsAndNextSteps,
  splitUnits,
} from './cells';
import { isMeasureUnit, isNumberCell, isRegionName, isTotalLabel, isUnitName, shareOf } from './content';
import { matchHeader, periodOfHeader } from './headers';
import { fitHeaderToRows, realignShiftedRows, rebuildFlatTwoRowHeader } from './realign';
import { cleanText, normalizeKey, valueOrNull } from './text';
import type {
  ColumnInfo,
  ColumnMappingOverride,
  Grid,
  GridCell,
  GridRow,
  ImportField,
  ImportItem,
  ImportWarning,
  PeriodInfo,
} from './types';
import { IMPORT_FIELD_LABELS } from './types';

export type MapTableOptions = {
  mapping?: ColumnMappingOverride[];
  headerSynonyms?: Record<string, ImportField | null>;
  /** Round period, to choose among several period-target/progress columns. */
  period?: PeriodInfo | null;
  selfAssessments?: readonly string[];
};

/** State carried from one table to the next (page-split tables, 民生事项 carry-down). */
export type CarryState = {
  columns: ColumnInfo[] | null;
  width: number;
  category: string | null;
  matter: string | null;
  matterNumber: string | null;
  lastCode: string | null;
};

export function emptyCarry(): CarryState {
  return { columns: null, width: 0, category: null, matter: null, matterNumber: null, lastCode: null };
}

export type MappedTable = {
  columns: ColumnInfo[];
  headerRows: number[];
  items: ImportItem[];
  warnings: ImportWarning[];
  notes: string[];
  skipped: boolean;
};

const EXAMPLE_WORDS = new Set(['示例', '例', '样例', '举例', '填报示例', '填写示例', '示范', '范例', '样表', '例子']);
const NOTE_ROW =
  /^(注|备注|说明|附注|填报说明|填表说明|填报要求)\s*[:：]|^(填报人|审核人|联系人|制表人?|填表人|负责人|联系电话|分管领导|单位负责人)\s*[:：]/;
const CATEGORY_ROW =
  /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[类部分方面])/;
const TOTAL_ROW = /^(合计|总计|小计|共计)$/;

function cellText(c: GridCell | undefined): string {
  return c ? cleanText(c.text) : '';
}

function headerScore(
  row: GridRow,
  synonyms?: MapTableOptions['headerSynonyms'],
): { fields: Set<ImportField>; n: number } {
  const fields = new Set<ImportField>();
  let n = 0;
  for (const c of row) {
    if (c.merged === 'h') continue;
    const f = matchHeader(c.text, synonyms);
    if (f) {
      fields.add(f);
      n++;
    }
  }
  return { fields, n };
}

function isCoreField(fields: Set<ImportField>): boolean {
  return fields.has('name') || fields.has('progress') || fields.has('annualTarget') || fields.has('problems');
}

/** The row (among the first 25) that names the most fields, at least two of them core fields; -1 when none. */
function bestHeaderRow(rows: GridRow[], synonyms?: MapTableOptions['headerSynonyms']): number {
  let best = -1;
  let bestN = 0;
  const limit = Math.min(rows.length, 25);
  for (let r = 0; r < limit; r++) {
    const row = rows[r]!;
    const { fields, n } = headerScore(row, synonyms);
    if (fields.size < 2 || !isCoreField(fields) || n <= bestN) continue;
    // A header cell is short; a data row that happens to contain field words has long cells.
    const long = row.filter((c) => cleanText(c.text).length > 40).length;
    if (long > 1) continue;
    best = r;
    bestN = n;
  }
  return best;
}

/** Sub-headers below the header ("完成情况 | 存在问题" under "进展情况"); cells repeated from vertical merges. */
function isSubHeaderRow(next: GridRow, top: GridRow, synonyms?: MapTableOptions['headerSynonyms']): boolean {
  let sub = 0;
  let dataLike = 0;
  for (let j = 0; j < next.length; j++) {
    const t = cellText(next[j]);
    if (!t) continue;
    if (next[j]?.merged === 'v' || t === cellText(top[j])) continue;
    if (matchHeader(t, synonyms) || periodOfHeader(t)) sub++;
    else dataLike++;
  }
  return (sub >= 1 && dataLike === 0) || underSpanningHeader(next, top);
}

/**
 * A row under the header whose filled cells all sit under header cells spanning several columns ("可支用预算数" over
 * "年度预算数 / 以前年度保留数 / 合计"), the other columns continuing the header downwards (vertical merges): the
 * header's second row, whatever its words.
 */
function underSpanningHeader(next: GridRow, top: GridRow): boolean {
  let under = 0;
  let continued = 0;
  for (let j = 0; j < next.length; j++) {
    const c = next[j];
    const t = cellText(c);
    if (c?.merged === 'v') {
      continued++;
      continue;
    }
    if (!t) continue;
    const spanning = top[j]?.merged === 'h' || top[j + 1]?.merged === 'h';
    if (!spanning || t.length > 16) return false;
    under++;
  }
  return under >= 2 && continued >= 1;
}

/** Group header above the header: "进展情况" spanning sub-headers in the found row. */
function isGroupHeaderRow(prev: GridRow, top: GridRow, synonyms?: MapTableOptions['headerSynonyms']): boolean {
  const { n } = headerScore(prev, synonyms);
  const fillsGaps = top.some((c, j) => !cellText(c) && cellText(prev[j]));
  const longPrev = prev.some((c) => cellText(c).length > 30);
  const distinct = new Set(prev.map((c) => cellText(c)).filter(Boolean)).size;
  return n >= 1 && fillsGaps && !longPrev && distinct >= 2;
}

/** Find the header rows. Returns [] when the grid has no recognisable header. */
export function findHeaderRows(rows: GridRow[], synonyms?: MapTableOptions['headerSynonyms']): number[] {
  const best = bestHeaderRow(rows, synonyms);
  if (best < 0) return [];
  const out = [best];
  const top = rows[best]!;
  const next = rows[best + 1];
  if (next && isSubHeaderRow(next, top, synonyms)) out.push(best + 1);
  const prev = rows[best - 1];
  if (prev && best > 0 && isGroupHeaderRow(prev, top, synonyms)) out.unshift(best - 1);
  return out;
}

/** The distinct header texts of column `j`, top to bottom. */
function columnHeaderTexts(rows: GridRow[], headerRows: number[], j: number): string[] {
  const texts: string[] = [];
  for (const r of headerRows) {
    const t = cellText(rows[r]?.[j]);
    if (t && !texts.includes(t)) texts.push(t);
  }
  return texts;
}

/** The field of a column from its header texts: the lowest specific text wins. */
function fieldOfHeaderTexts(texts: string[], synonyms: MapTableOptions['headerSynonyms']): ImportField | null {
  let field: ImportField | null = null;
  for (let k = texts.length - 1; k >= 0 && !field; k--) {
    const t = texts[k]!;
    field = matchHeader(t, synonyms);
    if (!field && k < texts.length - 1 && /进度安排|目标/.test(texts[0] ?? '') && periodOfHeader(t))
      field = 'periodTarget';
  }
  if (!field && texts.length > 1) field = matchHeader(texts.join(''), synonyms);
  return field;
}

/** The user's column mapping wins over the recognised header (by column number or by header text). */
function applyMappingOverrides(cols: ColumnInfo[], mapping: ColumnMappingOverride[], tableIndex: number): void {
  for (const o of mapping) {
    if (o.table !== undefined && o.table !== tableIndex) continue;
    for (const c of cols) {
      const byCol = o.column !== undefined && o.column === c.index;
      const byHeader = o.header !== undefined && c.header && normalizeKey(o.header) === normalizeKey(c.header);
      if (byCol || byHeader) {
        c.field = o.field;
        c.overridden = true;
      }
    }
  }
}

/** Map header rows to columns (lowest specific text wins; "进度安排 / 第三季度" → period target). */
export function mapColumns(
  rows: GridRow[],
  headerRows: number[],
  width: number,
  tableIndex: number,
  options: MapTableOptions,
): ColumnInfo[] {
  const cols: ColumnInfo[] = [];
  for (let j = 0; j < width; j++) {
    const texts = columnHeaderTexts(rows, headerRows, j);
    cols.push({ index: j, header: texts.join(' / '), field: fieldOfHeaderTexts(texts, options.headerSynonyms) });
  }
  applyMappingOverrides(cols, options.mapping ?? [], tableIndex);
  return cols;
}

type Roles = {
  codeCol: number | null;
  matterNumberCol: number | null;
  single: Partial<Record<ImportField, number[]>>;
  extraCols: number[];
  /** The target column holds numbers: a number goes to targetNumber, a sentence stays the annual target. */
  numericTarget?: boolean;
};

type Warn = (w: ImportWarning) => void;

/**
 * Columns under the same merged header cell read together (a value may sit in either after realignment); a copy
 * column holding only numbers is a number column under a shared header (民生事项 = [title][number]), not text.
 */
function addCopyColumns(roles: Roles, copies: [ImportField, number][], dataRows: GridRow[]): void {
  for (const [field, j] of copies) {
    const list = roles.single[field];
    if (!list?.includes(j - 1)) continue;
    if (numbersOnly(dataRows, j)) {
      if (field === 'matter' && roles.matterNumberCol === null) roles.matterNumberCol = j;
      continue;
    }
    list.push(j);
  }
}

/** True when the column's filled cells (not merge copies) are all bare numbers such as "40" or "19-2". */
function numbersOnly(rows: GridRow[], j: number): boolean {
  let filled = 0;
  for (const r of rows) {
    const c = r[j];
    if (!c || c.merged || !c.text.trim()) continue;
    if (!/^\d{1,4}([-－.]\d{1,3})?$/.test(c.text.trim())) return false;
    filled++;
  }
  return filled > 0;
}

function periodMatches(header: string, period: PeriodInfo | null | undefined): boolean {
  if (!period) return false;
  const p = periodOfHeader(header);
  if (!p) return false;
  if (period.type === 'range') return p.type === 'month' && p.index === period.to;
  return p.type === period.type && 'index' in period && p.index === period.index;
}

/** Columns grouped by field; unmapped columns with a header or data go to `extraCols` (with a warning). */
function groupColumnsByField(
  cols: ColumnInfo[],
  rows: GridRow[],
  headerRows: number[],
  warn: Warn,
  tableIndex: number,
): { byField: Map<ImportField, ColumnInfo[]>; extraCols: number[]; copies: [ImportField, number][] } {
  const byField = new Map<ImportField, ColumnInfo[]>();
  const extraCols: number[] = [];
  const copies: [ImportField, number][] = [];
  const headerRow = headerRows[headerRows.length - 1];
  for (const c of cols) {
    if (!c.field) {
      if (c.header || rows.some((r, i) => !headerRows.includes(i) && cellText(r[c.index]))) extraCols.push(c.index);
      if (c.header && !c.overridden) {
        warn({
          code: 'UNMAPPED_COLUMN',
          table: tableIndex,
          column: c.index,
          message: `未识别的列“${c.header}”，其内容保留在附加信息中（可在列映射中指定对应字段）`,
        });
      }
      continue;
    }
    // A column that only repeats the header cell to its left (horizontal merge) belongs to that column.
    const hc = headerRow !== undefined ? rows[headerRow]?.[c.index] : undefined;
    if (hc?.merged === 'h' && c.field !== 'seq' && cols[c.index - 1]?.field === c.field) {
      copies.push([c.field, c.index]);
      continue;
    }
    const list = byField.get(c.field) ?? [];
    list.push(c);
    byField.set(c.field, list);
  }
  return { byField, extraCols, copies };
}

const LATEST = /最新|目前|当前|现阶段/;

/** Several columns for one field: merge same-named ones, else keep the one for the round's period (or the first). */
function chooseAmongColumns(
  field: ImportField,
  list: ColumnInfo[],
  roles: Roles,
  options: MapTableOptions,
  warn: Warn,
  tableIndex: number,
): void {
  const sameHeader = list.every((c) => normalizeKey(c.header) === normalizeKey(list[0]!.header));
  if (sameHeader) {
    roles.single[field] = list.map((c) => c.index);
    warn({
      code: 'DUPLICATE_COLUMN',
      table: tableIndex,
      message: `有${list.length}列表头都是“${list[0]!.header}”，已合并为“${IMPORT_FIELD_LABELS[field]}”`,
    });
    return;
  }
  let chosen = list[0]!;
  if (field === 'periodTarget') chosen = list.find((c) => periodMatches(c.header, options.period)) ?? list[0]!;
  // Progress (and a status per period: 第1季 … 第4季) is read from the round's period, else the latest column.
  // A column headed 最新/目前/当前 (进展) is the latest whatever the dates of the others.
  if (field === 'progress' || (field === 'evaluation' && list.every((c) => periodOfHeader(c.header))))
    chosen =
      list.find((c) => LATEST.test(normalizeKey(c.header))) ??
      list.find((c) => periodMatches(c.header, options.period)) ??
      list[list.length - 1]!;
  roles.single[field] = [chosen.index];
  for (const c of list) if (c !== chosen) roles.extraCols.push(c.index);
  warn({
    code: 'AMBIGUOUS_COLUMN',
    table: tableIndex,
    message: `多列可作为“${IMPORT_FIELD_LABELS[field]}”（${list.map((c) => c.header).join('、')}），已采用“${chosen.header}”，其余保留在附加信息中`,
  });
}

const STATUS_WORD =
  /风险|滞后|落后|正常|按期|按计划|按序时|顺利|已完成|未完成|完成|超前|推进|红|黄|绿|蓝|良好|较好|一般|较差|达序|^是$|^否$/;

/**
 * Columns headed by a bare period ("第1季", "第三季度", "6月") are period targets, unless their cells are status words
 * (高风险, 滞后, 按计划推进 …): then each is that period's evaluation, and the round's (or latest) one is read.
 */
function periodStatusColumns(byField: Map<ImportField, ColumnInfo[]>, rows: GridRow[], headerRows: number[]): void {
  const list = byField.get('periodTarget');
  if (!list || byField.has('evaluation')) return;
  const bare = list.filter((c) => {
    const last = c.header.split(' / ').pop() ?? '';
    return periodOfHeader(last) !== null && normalizeKey(last).length <= 5 && !c.overridden;
  });
  if (bare.length === 0) return;
  const cells = bare.flatMap((c) => columnCells(rows, headerRows, c.index));
  const { share, n } = shareOf(cells, (t) => t.length <= 8 && STATUS_WORD.test(toSimplified(t)));
  if (n < 2 || share < 0.8) return;
  const rest = list.filter((c) => !bare.includes(c));
  if (rest.length) byField.set('periodTarget', rest);
  else byField.delete('periodTarget');
  for (const c of bare) c.field = 'evaluation';
  byField.set('evaluation', bare);
}

/**
 * Two progress columns, one of them holding only short status phrases ("进展情况" beside a "完成情况" of 已完成二季度任务 /
 * 未完成): that one is the evaluation, the other the progress.
 */
function statusProgressColumns(byField: Map<ImportField, ColumnInfo[]>, rows: GridRow[], headerRows: number[]): void {
  const list = byField.get('progress');
  if (!list || list.length < 2 || byField.has('evaluation')) return;
  const status = list.filter((c) => {
    if (c.overridden) return false;
    const { share, n } = shareOf(columnCells(rows, headerRows, c.index), (t) => {
      const s = toSimplified(t).replace(/\s+/g, '');
      return s.length <= 12 && !/\d{2,}/.test(s) && STATUS_WORD.test(s);
    });
    return n >= 2 && share >= 0.8;
  });
  if (status.length === 0 || status.length === list.length) return;
  byField.set(
    'progress',
    list.filter((c) => !status.includes(c)),
  );
  for (const c of status) c.field = 'evaluation';
  byField.set('evaluation', status);
}

function resolveRoles(
  cols: ColumnInfo[],
  rows: GridRow[],
  headerRows: number[],
  options: MapTableOptions,
  warn: Warn,
  tableIndex: number,
): Roles {
  const { byField, extraCols, copies } = groupColumnsByField(cols, rows, headerRows, warn, tableIndex);
  periodStatusColumns(byField, rows, headerRows);
  statusProgressColumns(byField, rows, headerRows);
  const roles: Roles = { codeCol: null, matterNumberCol: null, single: {}, extraCols };
  // Two number columns: the first numbers the 民生事项, the last the project.
  const seqCols = [...(byField.get('seq') ?? []), ...(byField.get('code') ?? [])].sort((a, b) => a.index - b.index);
  if (seqCols.length >= 2) {
    roles.matterNumberCol = seqCols[0]!.index;
    roles.codeCol = seqCols[seqCols.length - 1]!.index;
  } else if (seqCols.length === 1) roles.codeCol = seqCols[0]!.index;
  for (const [field, list] of byField) {
    if (field === 'seq' || field === 'code') continue;
    if (list.length === 1) roles.single[field] = [list[0]!.index];
    else chooseAmongColumns(field, list, roles, options, warn, tableIndex);
  }
  addCopyColumns(roles, copies, rows.slice((headerRows[headerRows.length - 1] ?? -1) + 1));
  return roles;
}

export function newItem(table: number, row: number): ImportItem {
  return {
    row: { table, row },
    code: null,
    parentCode: null,
    matterNumber: null,
    name: null,
    category: null,
    matter: null,
    annualTarget: null,
    periodTarget: null,
    progress: null,
    selfAssessment: null,
    evaluation: null,
    problems: null,
    nextSteps: null,
    leadUnits: [],
    assistUnits: [],
    cohostUnits: [],
    levels: [],
    flags: [],
    unit: null,
    region: null,
    actual: null,
    rate: null,
    targetNumber: null,
    investmentPlanned: null,
    investmentDone: null,
    isTotal: false,
    remarks: null,
    subTargets: [],
    breakdown: [],
    extra: {},
    warnings: [],
  };
}

function joinValues(row: GridRow, cols: number[] | undefined): string | null {
  if (!cols || cols.length === 0) return null;
  const parts: string[] = [];
  for (const j of cols) {
    const v = valueOrNull(row[j]?.text);
    if (v && !parts.includes(v)) parts.push(v);
  }
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  // "目标任务 | 目标任务" as text + number: join on a space when one part is a bare number.
  return parts.some((p) => /^[\d.,%，]+$/.test(p)) ? parts.join(' ') : parts.join('\n');
}

function rowLabel(table: number, row: number): string {
  return `表格${table + 1}第${row + 1}行`;
}

/** Everything the row steps need about one table, fixed once its header is known. */
type TableContext = {
  tableIndex: number;
  rows: GridRow[];
  width: number;
  columns: ColumnInfo[];
  headerRows: number[];
  roles: Roles;
  /** Normalised header texts, to recognise a header repeated on a later page. */
  headerKeys: Set<string>;
  options: MapTableOptions;
  warn: Warn;
  notes: string[];
  /** First row of the signature under the table (rows.length when there is none). */
  signatureFrom: number;
  /** The unit of measurement named in the count columns' headers, for tables without a unit column. */
  headerUnit: string | null;
};

/** Clean every cell once (after aligning ragged rows); the helpers then take their fast path. */
function cleanRows(grid: Grid): GridRow[] {
  return (
    grid.ragged ? fitHeaderToRows(alignRaggedRows(rebuildFlatTwoRowHeader(grid.rows))) : realignShiftedRows(grid.rows)
  ).map((r) =>
    r.map((c) => {
      const text = cleanText(c.text);
      return text === c.text ? c : { ...c, text };
    }),
  );
}

/** Header rows and columns of the grid: its own header, else the previous table's columns (a page split). */
function tableColumns(
  rows: GridRow[],
  width: number,
  tableIndex: number,
  carry: CarryState,
  options: MapTableOptions,
): { columns: ColumnInfo[]; headerRows: number[] } | null {
  const headerRows = findHeaderRows(rows, options.headerSynonyms);
  if (headerRows.length > 0) return { columns: mapColumns(rows, headerRows, width, tableIndex, options), headerRows };
  // A table continued on the next page without its header.
  if (carry.columns && Math.abs(carry.width - width) <= 1 && width >= 2)
    return { columns: carry.columns.map((c) => ({ ...c })), headerRows: [] };
  return null;
}

/** A header repeated on a later page, or (in a headerless continuation) a row that reads like a header. */
function isRepeatedHeader(ctx: TableContext, row: GridRow, nonEmpty: string[]): boolean {
  const headerHits = nonEmpty.filter((t) => t.length <= 60 && ctx.headerKeys.has(normalizeKey(t))).length;
  if (headerHits >= Math.max(2, Math.ceil(nonEmpty.length * 0.6))) return true;
  return ctx.headerRows.length === 0 && headerScore(row, ctx.options.headerSynonyms).fields.size >= 3;
}

/** An example / instruction row ("示  例"). */
function isExampleRow(row: GridRow): boolean {
  const firstCells = row
    .filter((c) => c.merged !== 'v' && c.text)
    .slice(0, 4)
    .map((c) => (c.text.length <= 12 ? normalizeKey(c.text) : c.text.slice(0, 4)));
  return firstCells.some((t) => EXAMPLE_WORDS.has(t) || /^示\s*例[:：]/.test(t));
}

/** A category row: one text across the row ("一、加大社会保障力度"), not just a name standing alone. */
function isCategoryRow(ctx: TableContext, texts: string[], nonEmpty: string[], distinct: string[]): boolean {
  if (distinct.length !== 1 || ctx.width < 3) return false;
  const first = nonEmpty[0]!;
  const onlyInName =
    ctx.roles.single.name?.some((j) => texts[j] === first) && nonEmpty.length === 1 && !CATEGORY_ROW.test(first);
  return !onlyInName && (CATEGORY_ROW.test(first) || nonEmpty.length >= Math.ceil(ctx.width / 2));
}

/**
 * Handle a row that is not a project: blank, repeated header, example, note, total or category row.
 * Returns true when the row is consumed (notes and the carried category are updated here).
 */
function consumeNonItemRow(ctx: TableContext, row: GridRow, r: number, carry: CarryState): boolean {
  const texts = row.map((c) => cellText(c));
  const nonEmpty = texts.filter(Boolean);
  if (nonEmpty.length === 0) return true;
  if (r >= ctx.signatureFrom) {
    ctx.notes.push([...new Set(nonEmpty)].join(' '));
    return true;
  }
  if (nonEmpty.every((t) => valueOrNull(t) === null)) return true;
  if (isRepeatedHeader(ctx, row, nonEmpty)) return true;
  if (isExampleRow(row)) {
    ctx.warn({
      code: 'EXAMPLE_ROW',
      table: ctx.tableIndex,
      row: r,
      message: `${rowLabel(ctx.tableIndex, r)}是填报示例，未导入`,
    });
    return true;
  }
  const first = nonEmpty[0]!;
  if (NOTE_ROW.test(first)) {
    ctx.notes.push(nonEmpty.filter((t, i) => nonEmpty.indexOf(t) === i).join(' '));
    return true;
  }
  const distinct = [...new Set(nonEmpty)];
  if (distinct.length === 1 && TOTAL_ROW.test(normalizeKey(first))) return true;
  if (isCategoryRow(ctx, texts, nonEmpty, distinct)) {
    carry.category = first;
    carry.matter = null;
    return true;
  }
  return false;
}

/** A warning on one item, located at its row (and column). */
function itemWarning(item: ImportItem, code: string, message: string, column?: number): void {
  const w: ImportWarning = { code, message, table: item.row.table, row: item.row.row };
  if (column !== undefined) w.column = column;
  item.warnings.push(w);
}

function warnUnreadableCells(item: ImportItem, row: GridRow): void {
  const { table, row: r } = item.row;
  for (let j = 0; j < row.length; j++) {
    const c = row[j]!;
    if (c.unreadable || c.text.includes('\uFFFD')) {
      itemWarning(
        item,
        'UNREADABLE_CELL',
        `${rowLabel(table, r)}第${j + 1}列的内容无法识别（${c.text.slice(0, 20) || '错误值'}），请核对`,
        j,
      );
    }
  }
}

/** Name, code, co-hosts, levels and flags from the name cell; the code also from the number column. */
function fillNameAndCode(ctx: TableContext, item: ImportItem, row: GridRow): ReturnType<typeof parseNameCell> | null {
  const { roles } = ctx;
  const nameText = joinValues(row, roles.single.name);
  const parts = nameText ? parseNameCell(nameText) : null;
  item.name = parts?.name || null;
  item.cohostUnits = parts?.cohosts ?? [];
  item.levels = parts?.levels ?? [];
  item.flags = parts?.flags ?? [];
  const seqCell = roles.codeCol !== null ? row[roles.codeCol] : undefined;
  const seqCode = seqCell ? parseSeqCell(seqCell.text) : null;
  item.code = parts?.code ?? seqCode;
  if (roles.matterNumberCol !== null) item.matterNumber = parseSeqCell(row[roles.matterNumberCol]?.text ?? '');
  return parts;
}

/** Category and matter carry down to the rows below until the next one. */
function fillCategoryAndMatter(ctx: TableContext, item: ImportItem, row: GridRow, carry: CarryState): void {
  const category = joinValues(row, ctx.roles.single.category);
  if (category) {
    if (category !== carry.category) carry.matter = null;
    carry.category = category;
  }
  item.category = carry.category;
  const matter = joinValues(row, ctx.roles.single.matter);
  if (matter) {
    carry.matter = matter;
    carry.matterNumber = item.matterNumber;
  }
  item.matter = carry.matter;
}

/** Targets, progress with its self-assessment (a column of its own wins), and the evaluation. */
function fillTargetsAndProgress(ctx: TableContext, item: ImportItem, row: GridRow): void {
  const { single } = ctx.roles;
  item.annualTarget = joinValues(row, single.annualTarget);
  item.periodTarget = joinValues(row, single.periodTarget);
  const progress = extractSelfAssessment(joinValues(row, single.progress), ctx.options.selfAssessments);
  item.progress = progress.text;
  item.selfAssessment = progress.selfAssessment;
  const selfAssessCol = single.selfAssessment?.[0];
  if (selfAssessCol !== undefined) {
    const sa = valueOrNull(row[selfAssessCol]?.text);
    if (sa) item.selfAssessment = sa;
  }
  const evalCol = single.evaluation?.[0];
  if (evalCol !== undefined) {
    const ev = parseEvaluation(row[evalCol]);
    item.evaluation = ev.value;
    if (ev.colourUnknown) {
      itemWarning(
        item,
        'EVALUATION_COLOUR_UNKNOWN',
        `${rowLabel(item.row.table, item.row.row)}的进度评价是色块“▋”，但文件中没有颜色信息，请手工选择`,
        evalCol,
      );
    }
  }
}

/** Problems and next steps, from their own columns or split out of one combined column. */
function fillProblems(ctx: TableContext, item: ImportItem, row: GridRow): void {
  const { single } = ctx.roles;
  item.problems = joinValues(row, single.problems);
  item.nextSteps = joinValues(row, single.nextSteps);
  const both = joinValues(row, single.problemsAndNextSteps);
  if (both) {
    const split = splitProblemsAndNextSteps(both);
    if (!item.problems) item.problems = split.problems;
    if (!item.nextSteps) item.nextSteps = split.nextSteps;
  }
}

function addUnits(list: string[], row: GridRow, cols: number[] | undefined): void {
  for (const j of cols ?? []) for (const u of splitUnits(row[j]?.text)) if (!list.includes(u)) list.push(u);
}

/** Lead / assist / co-host units, the small fields, levels named in the remarks, the routine flag. */
function fillUnitsAndDetails(ctx: TableContext, item: ImportItem, row: GridRow): void {
  const { single } = ctx.roles;
  addUnits(item.leadUnits, row, single.leadUnits);
  addUnits(item.assistUnits, row, single.assistUnits);
  addUnits(item.cohostUnits, row, single.cohostUnits);
  item.unit = joinValues(row, single.unit) ?? ctx.headerUnit;
  item.region = joinValues(row, single.region);
  item.actual = joinValues(row, single.actual);
  item.rate = joinValues(row, single.rate);
  item.investmentPlanned = joinValues(row, single.investmentPlanned);
  item.investmentDone = joinValues(row, single.investmentDone);
  const target = joinValues(row, single.targetNumber);
  if (target && ctx.roles.numericTarget && !isNumberCell(target)) {
    if (!item.annualTarget) item.annualTarget = target;
  } else item.targetNumber = target;
  item.remarks = joinValues(row, single.remarks);
  if (item.remarks) for (const l of levelsIn(item.remarks)) if (!item.levels.includes(l)) item.levels.push(l);
  if (item.annualTarget && /常态化|不设年度目标|无年度目标/.test(item.annualTarget)) item.flags.push('routine');
}

/** Columns kept as additional information under their header (people, investment, deadline, unmapped columns). */
function fillExtras(ctx: TableContext, item: ImportItem, row: GridRow): void {
  const keep = (j: number) => {
    const v = valueOrNull(row[j]?.text);
    if (v) item.extra[ctx.columns[j]?.header || `列${j + 1}`] = v;
  };
  for (const f of ['people', 'investment', 'deadline'] as const) for (const j of ctx.roles.single[f] ?? []) keep(j);
  for (const j of ctx.roles.extraCols) keep(j);
}

/**
 * Sub-items: rows without their own number under a numbered row (or whose number is only a merged copy).
 * Returns the new last top-level item.
 */
function linkSubItem(
  ctx: TableContext,
  item: ImportItem,
  row: GridRow,
  ownCode: string | null | undefined,
  lastTop: ImportItem | null,
  carry: CarryState,
): ImportItem | null {
  const { roles } = ctx;
  const seqMergedDown = roles.codeCol !== null && row[roles.codeCol]?.merged === 'v';
  const nameMergedDown = roles.single.name?.every((j) => row[j]?.merged === 'v') ?? false;
  if (!ownCode && seqMergedDown && !nameMergedDown && lastTop?.code) {
    item.parentCode = lastTop.code;
    item.code = null;
    item.flags.push('sub_item');
  } else if (!item.code && roles.codeCol !== null && lastTop?.code && item.name) {
    item.parentCode = lastTop.code;
    item.flags.push('sub_item');
  } else if (item.code) {
    carry.lastCode = item.code;
    return item;
  }
  return lastTop;
}

/** Fields whose text may run on into the next row (a long cell split over rows, as Excel files do for row height). */
const RUN_ON_FIELDS = new Set<ImportField | null>([
  'progress',
  'problems',
  'nextSteps',
  'problemsAndNextSteps',
  'remarks',
]);

/** Merged down from a data row above (not from the header). */
const mergedFromAbove = (c: GridCell | undefined, firstData: number) =>
  c?.merged === 'v' && (c.origin === undefined || c.origin[0] >= firstData);

/** A row whose number and name are merged down from the row above and whose own text is only free text. */
function isRunOnRow(row: GridRow, columns: ColumnInfo[], roles: Roles, firstData: number): boolean {
  const nameCols = roles.single.name ?? [];
  if (nameCols.length === 0 || !nameCols.every((j) => mergedFromAbove(row[j], firstData))) return false;
  if (roles.codeCol !== null && !mergedFromAbove(row[roles.codeCol], firstData)) return false;
  return row.every((c, j) => !c.text || c.merged === 'v' || RUN_ON_FIELDS.has(columns[j]?.field ?? null));
}

/**
 * Rows that only continue the row above (one project's long text split over several rows, its number, name and units
 * merged down): their free text is appended to the row above, and they are left blank so row numbers stay as in the
 * file. `rows` is the mapper's own copy.
 */
function joinRunOnRows(rows: GridRow[], columns: ColumnInfo[], roles: Roles, firstData: number): void {
  let target = -1;
  for (let r = firstData; r < rows.length; r++) {
    const row = rows[r]!;
    if (target < 0 || !isRunOnRow(row, columns, roles, firstData)) {
      if (row.some((c) => c.text)) target = r;
      continue;
    }
    rows[target] = rows[target]!.map((c, j) => {
      const more = row[j];
      if (!more?.text || more.merged === 'v') return c;
      return { ...c, text: c.text ? `${c.text}\n${more.text}` : more.text };
    });
    rows[r] = row.map(() => ({ text: '' }));
  }
}

/** Map one grid. `carry` is updated in place (page-split tables, carry-down across tables). */
export function mapTable(
  grid: Grid,
  tableIndex: number,
  carry: CarryState,
  options: MapTableOptions = {},
): MappedTable {
  const warnings: ImportWarning[] = [];
  const notes: string[] = [];
  const warn = (w: ImportWarning) => warnings.push(w);
  const rows = cleanRows(grid);
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  const found = tableColumns(rows, width, tableIndex, carry, options);
  if (!found) {
    const matrix = indicatorMatrix(rows, tableIndex) ?? regionColumnsTable(rows, tableIndex);
    if (matrix)
      return {
        columns: matrix.columns,
        headerRows: [matrix.headerRow],
        items: matrix.items,
        warnings,
        notes,
        skipped: false,
      };
    return { columns: [], headerRows: [], items: [], warnings, notes, skipped: true };
  }
  const { columns, headerRows } = found;
  carry.columns = columns;
  carry.width = width;
  const roles = resolveRoles(columns, rows, headerRows, options, warn, tableIndex);
  refineRolesByContent(roles, columns, rows, headerRows);
  const headerKeys = new Set(
    headerRows.flatMap((r) => (rows[r] ?? []).map((c) => normalizeKey(c.text))).filter((k) => k.length > 0),
  );
  const firstData = headerRows.length ? headerRows[headerRows.length - 1]! + 1 : 0;
  joinRunOnRows(rows, columns, roles, firstData);
  const ctx: TableContext = {
    tableIndex,
    rows,
    width,
    columns,
    headerRows,
    roles,
    headerKeys,
    options,
    warn,
    notes,
    signatureFrom: signatureStart(rows, firstData),
    headerUnit: roles.single.unit ? null : headerUnit(columns, roles),
  };
  const items: ImportItem[] = [];
  let lastTop: ImportItem | null = null;
  for (let r = firstData; r < rows.length; r++) {
    const row = rows[r]!;
    if (consumeNonItemRow(ctx, row, r, carry)) continue;
    const item = newItem(tableIndex, r);
    warnUnreadableCells(item, row);
    const parts = fillNameAndCode(ctx, item, row);
    fillCategoryAndMatter(ctx, item, row, carry);
    fillTargetsAndProgress(ctx, item, row);
    fillProblems(ctx, item, row);
    fillUnitsAndDetails(ctx, item, row);
    fillExtras(ctx, item, row);
    if (markTotal(ctx, item, row)) {
      items.push(item);
      continue;
    }
    lastTop = linkSubItem(ctx, item, row, parts?.code, lastTop, carry);
    if (!item.name) {
      const hasContent =
        item.progress || item.annualTarget || item.code || item.region || item.actual || item.targetNumber || item.rate;
      if (!hasContent) continue;
      itemWarning(item, 'MISSING_NAME', `${rowLabel(tableIndex, r)}没有项目名称，请补充`);
    }
    items.push(item);
  }
  return { columns, headerRows, items: foldBreakdowns(items), warnings, notes, skipped: false };
}

const SIGNATURE_DATE = /^(\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?|\d{4}[-./]\d{1,2}[-./]\d{1,2})$/;

/**
 * The signature under a table (the issuing office and a date, one line each, in the first cell): the first row of
 * that trailing block, or rows.length when the table ends with data. The block must hold a date line.
 */
function signatureStart(rows: GridRow[], firstData: number): number {
  let start = rows.length;
  let dated = false;
  for (let r = rows.length - 1; r > firstData; r--) {
    const texts = [...new Set(rows[r]!.map((c) => cellText(c)).filter(Boolean))];
    if (texts.length === 0) {
      if (start === r + 1) start = r;
      continue;
    }
    if (texts.length > 1) break;
    const lines = texts[0]!
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // a note under the table ("注：…", "※註：資料來源…", "说明：…") ends it like a signature
    if (lines.length && NOTE_LINE.test(lines[0]!)) {
      dated = true;
      start = r;
      continue;
    }
    const ok = lines.every((l) => SIGNATURE_DATE.test(l) || isUnitName(l));
    if (!ok) break;
    if (lines.some((l) => SIGNATURE_DATE.test(l))) dated = true;
    start = r;
  }
  return dated ? start : rows.length;
}

/** The first line of a note under a table. */
const NOTE_LINE = /^[※*＊]?\s*(?:注|註|备注|備註|说明|說明|资料来源|資料來源|数据来源|數據來源)\s*[:：]/;

/**
 * The unit of measurement written in the headers of the count columns ("全年任务目标（个）", "实际完成（个）") when the
 * table has no unit column: one unit shared by them all, else null.
 */
function headerUnit(columns: ColumnInfo[], roles: Roles): string | null {
  const units = new Set<string>();
  for (const f of ['targetNumber', 'annualTarget', 'actual'] as const) {
    for (const j of roles.single[f] ?? []) {
      const header = columns[j]?.header ?? '';
      const m = /[（(]([^()（）]{1,6})[)）]$/.exec(header);
      if (m?.[1] && isMeasureUnit(m[1])) units.add(m[1].trim());
    }
  }
  return units.size === 1 ? [...units][0]! : null;
}

/**
 * A 合计/总计/全市/全省 row: a total, not a project. The label sits in the number, name or first cell; a 全市 value in
 * the region column of a named project is that project's city-wide row (see breakdown.ts), not a total row.
 */
function markTotal(ctx: TableContext, item: ImportItem, row: GridRow): boolean {
  const { roles } = ctx;
  const nameMergedDown = roles.single.name?.some((j) => row[j]?.merged === 'v') ?? false;
  const labels = [
    item.name,
    roles.codeCol !== null ? cellText(row[roles.codeCol]) : null,
    cellText(row.find((c) => cellText(c))),
  ];
  const label = labels.find((l) => isTotalLabel(l));
  if (!label) return false;
  item.isTotal = true;
  item.code = null;
  item.parentCode = null;
  item.flags = item.flags.filter((f) => f !== 'sub_item');
  if (!item.name || nameMergedDown) item.name = label;
  return true;
}

/** Data cells of one column (below the header). */
function columnCells(rows: GridRow[], headerRows: number[], j: number): string[] {
  const first = headerRows.length ? headerRows[headerRows.length - 1]! + 1 : 0;
  const out: string[] = [];
  for (let r = first; r < rows.length; r++) {
    const c = rows[r]?.[j];
    if (c && c.merged !== 'h') out.push(cellText(c));
  }
  return out;
}

function moveRole(roles: Roles, columns: ColumnInfo[], from: ImportField, to: ImportField): void {
  const cols = roles.single[from];
  if (!cols) return;
  roles.single[to] = cols;
  delete roles.single[from];
  for (const j of cols) {
    const c = columns[j];
    if (c && !c.overridden) c.field = to;
  }
}

const overridden = (columns: ColumnInfo[], cols: number[] | undefined) =>
  (cols ?? []).some((j) => columns[j]?.overridden);

/** A 完成情况 column holding only counts ("4385") is the number done, not a progress text; percentages stay progress. */
function countsAsActual(roles: Roles, columns: ColumnInfo[], cellsOf: (cols: number[] | undefined) => string[]): void {
  const { single } = roles;
  if (single.actual || !single.progress || overridden(columns, single.progress)) return;
  const { share, n } = shareOf(cellsOf(single.progress), (t) => isNumberCell(t) && !/[%％]/.test(t));
  if (n >= 2 && share >= 0.8) moveRole(roles, columns, 'progress', 'actual');
}

/**
 * Decisions the header alone cannot make, taken from the column's cells: 备注 holding the responsible units, 单位 holding
 * counties (a region column), a 目标 column of numbers (a target number).
 */
function refineRolesByContent(roles: Roles, columns: ColumnInfo[], rows: GridRow[], headerRows: number[]): void {
  const { single } = roles;
  const cellsOf = (cols: number[] | undefined) => (cols ?? []).flatMap((j) => columnCells(rows, headerRows, j));
  if (!single.leadUnits && single.remarks && !overridden(columns, single.remarks)) {
    const { share, n } = shareOf(cellsOf(single.remarks), isUnitName);
    if (n >= 1 && share >= 0.6) moveRole(roles, columns, 'remarks', 'leadUnits');
  }
  if (!single.region && single.unit && !overridden(columns, single.unit)) {
    const cells = cellsOf(single.unit);
    const regions = shareOf(cells, (t) => isRegionName(t) || isTotalLabel(t));
    const measures = shareOf(cells, isMeasureUnit);
    if (regions.n >= 2 && regions.share >= 0.6 && measures.share < 0.3) moveRole(roles, columns, 'unit', 'region');
    else if (!single.leadUnits && shareOf(cells, isUnitName).share >= 0.6 && measures.share < 0.3)
      moveRole(roles, columns, 'unit', 'leadUnits');
  }
  countsAsActual(roles, columns, cellsOf);
  if (!single.targetNumber && single.annualTarget && !overridden(columns, single.annualTarget)) {
    const { share, n } = shareOf(cellsOf(single.annualTarget), isNumberCell);
    if (n >= 1 && share >= 0.6) {
      moveRole(roles, columns, 'annualTarget', 'targetNumber');
      roles.numericTarget = true;
    }
  }
}
