/**
 * The official consolidated progress table (民生实事进展情况表) as an .xlsx workbook, laid out for printing.
 *
 * Written with xlsx-write.ts (SpreadsheetML as strings, zipped with fflate) rather than exceljs: the same sheet —
 * merges, widths, heights, fonts, borders, fills, number formats, print setup, footer, frozen header — at a fraction
 * of the cost for a city-wide table of 15,000 rows (issue 12 §5). Formula-like text is stored as text with a
 * quotePrefix style (formula-safety.ts), as every .xlsx export does.
 */

import { formatCnDate } from '../../../domain/plan/periods';
import { progressCell } from '../../../domain/publish/progress-cell';
import type { ConsolidatedTable, TableRow } from '../../../shared/api-types';
import { PROJECT_FLAG_LABELS, REPORT_STATUS_LABELS, type ReportStatus } from '../../../shared/statuses';
import { type XFont, type XSheet, type XStyle, XWorkbook } from './xlsx-write';

type Col = {
  key: string;
  header: string;
  width: number;
  /** Short values: centred both ways. */
  short?: boolean;
  /** One value per project, merged vertically over the project's unit rows. */
  project?: boolean;
  value: (r: TableRow, seq: number) => string | number | null;
  numFmt?: string;
};

const TITLE_FONT: XFont = { name: '方正小标宋简体', size: 16, bold: true, charset: 134 };
const SUB_FONT: XFont = { name: '仿宋_GB2312', size: 11, charset: 134 };
const HEADER_FONT: XFont = { name: '黑体', size: 11, bold: true, charset: 134 };
const BODY_FONT: XFont = { name: '仿宋_GB2312', size: 10, charset: 134 };
/** The workbook's Normal font (what exceljs wrote, so column widths keep their unit). */
const DEFAULT_FONT: XFont = { name: 'Calibri', size: 11 };
const HEADER_FILL = 'D9D9D9';
const PENDING_FILL = 'FFF2CC';

// Cell styles (shared objects: xlsx-write looks a style up by identity).
const TITLE: XStyle = { font: TITLE_FONT, horizontal: 'center', vertical: 'middle', border: 'none' };
const AS_OF: XStyle = { font: SUB_FONT, horizontal: 'right', vertical: 'middle', border: 'none', wrap: false };
const HEADER: XStyle = {
  font: HEADER_FONT,
  horizontal: 'center',
  vertical: 'middle',
  border: 'all',
  fill: HEADER_FILL,
};
const NOTE: XStyle = { font: SUB_FONT, horizontal: 'left', vertical: 'top', border: 'none' };
const MAKER: XStyle = { font: SUB_FONT, horizontal: 'left', vertical: 'middle', border: 'none', wrap: false };

/** A data column's style, and the one of a report not handed in (审核状态 only: filled). */
function bodyStyles(c: Col): { normal: XStyle; pending: XStyle } {
  const normal: XStyle = {
    font: BODY_FONT,
    ...(c.short ? { horizontal: 'center', vertical: 'middle' } : { horizontal: 'left', vertical: 'top' }),
    border: 'all',
    ...(c.numFmt ? { numFmt: c.numFmt } : {}),
  };
  return { normal, pending: c.key === 'status' ? { ...normal, fill: PENDING_FILL } : normal };
}

const HEADER_ROW = 3;
const MAX_ROW_HEIGHT = 409; // Excel's limit, in points.

const join = (units: string[]) => units.filter(Boolean).join('、');

/** 审核状态 as printed: reports not handed in read 未报送 / 已退回. */
export function statusLabel(status: ReportStatus): string {
  if (status === 'draft') return '未报送';
  return REPORT_STATUS_LABELS[status] ?? status;
}

const isPending = (status: ReportStatus) => status === 'draft' || status === 'returned';

/** Title without a doubled year: 云溪区2026年民生实事 + 2026年第三季度 → 云溪区2026年民生实事第三季度进展情况表. */
export function consolidatedTitle(table: ConsolidatedTable): string {
  const name = table.programme.name.trim();
  const label = table.round.periodLabel.trim();
  const m = /^(\d{4})年(.*)$/.exec(label);
  let period = label;
  if (m && name.includes(`${m[1]}年`)) period = m[2] === '度' ? '年度' : (m[2] ?? '');
  return `${name}${period}进展情况表`;
}

/** Download name, e.g. 云溪区2026年民生实事第三季度进展情况表.xlsx. */
export function consolidatedFileName(table: ConsolidatedTable): string {
  return `${consolidatedTitle(table).replace(/[\\/:*?"<>|\r\n\t]/g, '_')}.xlsx`;
}

function sheetName(label: string): string {
  const s = label
    .replace(/[\\/?*[\]:]/g, '')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  return s || '进展情况表';
}

/** A wide (CJK or full-width) UTF-16 unit: U+1100–115F, 2E80–A4CF, AC00–D7A3, F900–FAFF, FE30–FE4F, FF00–FF60, FFE0–FFE6. */
const isWide = (c: number) =>
  (c >= 0x2e80 && c <= 0xa4cf) ||
  (c >= 0xac00 && c <= 0xd7a3) ||
  (c >= 0x1100 && c <= 0x115f) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  (c >= 0xfe30 && c <= 0xfe4f) ||
  (c >= 0xff00 && c <= 0xff60) ||
  (c >= 0xffe0 && c <= 0xffe6);

/** Display width of text in Excel column units (CJK and full-width characters count double). */
function textUnits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one character, never wide (the ranges are all in the BMP).
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n += isWide(c) ? 2 : 1;
  }
  return n;
}

/** Wrapped line count of text in a column of the given width. */
function lineCount(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split(/\r?\n/).reduce((sum, seg) => sum + Math.max(1, Math.ceil(textUnits(seg) / usable)), 0);
}

const heightFor = (lines: number, lineHeight: number) => Math.min(MAX_ROW_HEIGHT, Math.max(20, lines * lineHeight + 6));

function columns(table: ConsolidatedTable, includeComputed: boolean): Col[] {
  const asOf = /^\d{4}-(\d{2})-(\d{2})/.exec(table.round.asOf);
  const asOfShort = asOf ? `${Number(asOf[1])}月${Number(asOf[2])}日` : formatCnDate(table.round.asOf);
  const cols: Col[] = [
    { key: 'seq', header: '序号', width: 6, short: true, project: true, value: (_r, seq) => seq },
    { key: 'code', header: '项目编号', width: 9, short: true, project: true, value: (r) => r.code },
    {
      key: 'name',
      header: '项目名称',
      width: 24,
      project: true,
      value: (r) => {
        const name = r.cohostUnits.length ? `${r.name}（区共同主办单位：${join(r.cohostUnits)}）` : r.name;
        // 挂牌督办 (planned, or an open listed 督办 record) is printed with the name, as offices mark it.
        return r.flags.includes('listed_supervision') ? `${name}（${PROJECT_FLAG_LABELS.listed_supervision}）` : name;
      },
    },
    { key: 'annual', header: '年度目标', width: 24, project: true, value: (r) => r.annualTarget },
    { key: 'period', header: table.periodTargetLabel, width: 20, project: true, value: (r) => r.periodTarget },
    {
      key: 'progress',
      header: `截至${asOfShort}落实情况+进度自评（按计划推进/滞后/已完成）`,
      width: 48,
      value: (r) => progressCell(r.progress, r.selfAssessment),
    },
    { key: 'problems', header: '存在问题', width: 28, value: (r) => r.problems.trim() || '无' },
    { key: 'next', header: '下一步工作', width: 28, value: (r) => r.nextSteps.trim() },
    { key: 'lead', header: '牵头责任单位', width: 14, short: true, project: true, value: (r) => join(r.leadUnits) },
    { key: 'assist', header: '协办单位', width: 14, short: true, project: true, value: (r) => join(r.assistUnits) },
    { key: 'unit', header: '填报单位', width: 14, short: true, value: (r) => r.unit },
    { key: 'status', header: '审核状态', width: 9, short: true, value: (r) => statusLabel(r.status) },
  ];
  cols.push(...numericColumns(table));
  if (includeComputed) {
    cols.push(
      { key: 'computed', header: '系统研判', width: 11, short: true, value: (r) => r.computedStatus ?? '' },
      {
        key: 'ratio',
        header: '完成率',
        width: 9,
        short: true,
        numFmt: '0.0%',
        value: (r) => r.completionRatio ?? null,
      },
      {
        key: 'gap',
        header: '序时差（个百分点）',
        width: 11,
        short: true,
        numFmt: '0.0',
        value: (r) => r.gapPoints ?? null,
      },
    );
  }
  return cols;
}

/**
 * The numeric columns of an imported table (issue 14), when any row has them: 计量单位, 年度目标数, 完成数, 完成率
 * (as published), 计划投资 and 完成投资 (万元). Numbers are numbers in the sheet.
 */
function numericColumns(table: ConsolidatedTable): Col[] {
  type Numbers = NonNullable<TableRow['numbers']>;
  const rows = table.rows.filter((r) => r.numbers);
  const defs: [keyof Numbers, string, number, string?][] = [
    ['unit', '计量单位', 8],
    ['target', '年度目标数', 10],
    ['actual', '完成数', 10],
    ['publishedRatio', '完成率（公布）', 10, '0.0%'],
    ['investmentPlanned', '计划投资（万元）', 11],
    ['investmentDone', '完成投资（万元）', 11],
  ];
  return defs
    .filter(([k]) => rows.some((r) => r.numbers && r.numbers[k] !== null))
    .map(([k, header, width, numFmt]) => ({
      key: `n-${k}`,
      header,
      width,
      short: true,
      ...(numFmt ? { numFmt } : {}),
      value: (r: TableRow) => {
        const v = r.numbers?.[k] ?? null;
        return typeof v === 'number' || typeof v === 'string' ? v : null;
      },
    }));
}

/** Consecutive rows of the same project: [first, last] indexes into table.rows. */
function projectGroups(rows: TableRow[]): [number, number][] {
  const groups: [number, number][] = [];
  rows.forEach((r, i) => {
    const last = groups[groups.length - 1];
    if (last && rows[last[1]]?.projectId === r.projectId) last[1] = i;
    else groups.push([i, i]);
  });
  return groups;
}

type Row = ConsolidatedTable['rows'][number];

/** Row 1: title; row 2: as-of date. */
function addTitleRows(ws: XSheet, table: ConsolidatedTable, n: number): void {
  ws.cell(1, 1, consolidatedTitle(table), TITLE);
  ws.merge(1, 1, 1, n);
  ws.height(1, 36);
  ws.cell(2, 1, `（截至${formatCnDate(table.round.asOf)}）`, AS_OF);
  ws.merge(2, 1, 2, n);
  ws.height(2, 20);
}

/** Row 3: header. */
function addHeaderRow(ws: XSheet, cols: Col[]): void {
  cols.forEach((c, i) => {
    ws.cell(HEADER_ROW, i + 1, c.header, HEADER);
  });
  ws.height(HEADER_ROW, heightFor(Math.max(...cols.map((c) => lineCount(c.header, c.width))), 15));
}

type Styled = Col & { styles: { normal: XStyle; pending: XStyle } };

/**
 * One data row (project number g); project cells are written on the group's first row only (the others are blank,
 * styled, and merged). Returns the number of text lines the row needs (project cells count only when not merged).
 */
function writeDataRow(ws: XSheet, at: number, cols: Styled[], r: Row, g: number, first: boolean, merged: boolean) {
  let lines = 1;
  const pending = isPending(r.status);
  cols.forEach((c, ci) => {
    const value = c.value(r, g);
    const keep = !c.project || first;
    ws.cell(at, ci + 1, keep && value !== '' ? value : null, pending ? c.styles.pending : c.styles.normal);
    if (!c.project || !merged) lines = Math.max(lines, lineCount(String(value ?? ''), c.width));
  });
  return lines;
}

/** Merge the project cells of a group; they must fit in its combined height, so top the rows up evenly when not. */
function mergeProjectGroup(ws: XSheet, cols: Col[], r: Row, g: number, rows: [number, number], heights: number[]) {
  const [a, b] = rows;
  const first = HEADER_ROW + 1;
  const need = Math.max(
    ...cols.filter((c) => c.project).map((c) => heightFor(lineCount(String(c.value(r, g) ?? ''), c.width), 14)),
  );
  const have = heights.slice(a, b + 1).reduce((s, h) => s + h, 0);
  if (need > have)
    for (let i = a; i <= b; i++) heights[i] = Math.min(MAX_ROW_HEIGHT, heights[i]! + (need - have) / (b - a + 1));
  cols.forEach((c, ci) => {
    if (c.project) ws.merge(first + a, ci + 1, first + b, ci + 1);
  });
}

/** Data rows, one group of rows per project (its cells merged), with heights that fit their text. */
function addDataRows(ws: XSheet, cols: Col[], table: ConsolidatedTable): void {
  const first = HEADER_ROW + 1;
  const styled: Styled[] = cols.map((c) => ({ ...c, styles: bodyStyles(c) }));
  const heights = table.rows.map(() => 20);
  projectGroups(table.rows).forEach(([a, b], g) => {
    for (let i = a; i <= b; i++) {
      const lines = writeDataRow(ws, first + i, styled, table.rows[i]!, g + 1, i === a, a !== b);
      heights[i] = heightFor(lines, 14);
    }
    if (b > a) mergeProjectGroup(ws, cols, table.rows[a]!, g + 1, [a, b], heights);
  });
  heights.forEach((h, i) => {
    ws.height(first + i, Math.ceil(h));
  });
}

/** Blank row, then who has not handed in yet, and who made the table. */
function addFooter(ws: XSheet, table: ConsolidatedTable, n: number, totalWidth: number): void {
  const noteRow = HEADER_ROW + 1 + table.rows.length + 1;
  const note = table.missing.length
    ? `未报送单位：${table.missing.map((m) => `${m.unit}（${m.pending}项）`).join('、')}`
    : '全部单位已报送';
  ws.cell(noteRow, 1, note, NOTE);
  ws.merge(noteRow, 1, noteRow, n);
  ws.height(noteRow, heightFor(lineCount(note, totalWidth), 15));
  if (table.programme.owner) {
    ws.cell(noteRow + 1, 1, `制表：${table.programme.owner}`, MAKER);
    ws.merge(noteRow + 1, 1, noteRow + 1, n);
  }
}

export async function buildConsolidatedXlsx(
  table: ConsolidatedTable,
  options: { includeComputed?: boolean } = {},
): Promise<Buffer> {
  const cols = columns(table, options.includeComputed ?? false);
  const n = cols.length;
  const totalWidth = cols.reduce((s, c) => s + c.width, 0);
  const wb = new XWorkbook();
  const ws = wb.addSheet(sheetName(table.round.periodLabel));
  ws.page = {
    orientation: 'landscape',
    margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    printTitles: [HEADER_ROW, HEADER_ROW],
    footer: '&C第 &P 页，共 &N 页',
    frozenRows: HEADER_ROW,
  };
  ws.widths = cols.map((c) => c.width);
  addTitleRows(ws, table, n);
  addHeaderRow(ws, cols);
  addDataRows(ws, cols, table);
  addFooter(ws, table, n, totalWidth);
  return wb.writeAsync({
    title: consolidatedTitle(table),
    creator: table.programme.owner || 'Shishi',
    created: new Date(),
    defaultFont: DEFAULT_FONT,
  });
}

export { progressCell };
