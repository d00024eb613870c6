/**
 * ReadResult → ImportPreview: round from the title/headers, every table mapped (page-split tables continue),
 * the numbered narrative form when there is no table, per-row warnings (unreadable cell, unknown unit, duplicate
 * code, unmapped column) and the unit matching summary. Nothing is written anywhere.
 */
import { emptyCarry, findHeaderRows, type MapTableOptions, mapTable } from './map-table';
import { parseNarrative } from './narrative';
import { cleanText } from './text';
import { parseRound } from './title';
import type {
  ColumnMappingOverride,
  ImportField,
  ImportItem,
  ImportPreview,
  ImportWarning,
  OrgRef,
  ReadResult,
  TableColumns,
} from './types';
import { matchUnits } from './units';

/** Append without spreading into a call: a spread of a long array overflows the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const x of items) target.push(x);
}

export type PreviewOptions = {
  /** Organisation tree for unit matching. Without it every unit is listed as unknown and no row warnings are made. */
  orgs?: OrgRef[];
  /** User-supplied column mapping overrides. */
  mapping?: ColumnMappingOverride[];
  /** Extra header synonyms (exact header text → field, or null to ignore). */
  headerSynonyms?: Record<string, ImportField | null>;
  /** Self-assessment vocabulary recognised at the end of progress text. */
  selfAssessments?: readonly string[];
};

function distinctTexts(row: { text: string }[]): string[] {
  const out: string[] = [];
  for (const c of row) {
    const t = cleanText(c.text);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Texts around the tables that help find the round: header cells, lines above a header, lines below a table. */
type TitleTexts = { headerTexts: string[]; titleCandidates: string[]; trailingCandidates: string[] };

/** Rows of the grid holding a single distinct text (a title line inside a spreadsheet). */
function singleTexts(grid: ReadResult['tables'][number], from: number, to: number, maxLength = Infinity): string[] {
  const out: string[] = [];
  for (let r = from; r < to; r++) {
    const texts = distinctTexts(grid.rows[r] ?? []);
    if (texts.length === 1 && texts[0]!.length <= maxLength) out.push(texts[0]!);
  }
  return out;
}

/** Pass 1: headers and the lines above them (title / date line inside a spreadsheet). */
function collectTitleTexts(read: ReadResult, options: PreviewOptions): TitleTexts {
  const out: TitleTexts = { headerTexts: [], titleCandidates: [], trailingCandidates: [] };
  for (const grid of read.tables) {
    const rows = findHeaderRows(grid.rows, options.headerSynonyms);
    const first = rows[0];
    if (first === undefined) continue;
    for (const r of rows) for (const c of grid.rows[r] ?? []) if (c.text) out.headerTexts.push(c.text);
    append(out.titleCandidates, singleTexts(grid, 0, first));
    // Single-text rows below the header (a title printed under a copied table) come after the paragraphs.
    append(out.trailingCandidates, singleTexts(grid, rows[rows.length - 1]! + 1, grid.rows.length, 90));
  }
  return out;
}

type MappedTables = {
  items: ImportItem[];
  columns: TableColumns[];
  skippedTables: number[];
  warnings: ImportWarning[];
  notes: string[];
};

/** Pass 2: every table mapped in order, page-split tables continuing the previous one. */
function mapTables(read: ReadResult, options: PreviewOptions, round: ImportPreview['round']): MappedTables {
  const mapOptions: MapTableOptions = {
    period: round.period,
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.headerSynonyms ? { headerSynonyms: options.headerSynonyms } : {}),
    ...(options.selfAssessments ? { selfAssessments: options.selfAssessments } : {}),
  };
  const carry = emptyCarry();
  const out: MappedTables = { items: [], columns: [], skippedTables: [], warnings: [], notes: [] };
  read.tables.forEach((grid, t) => {
    const mapped = mapTable(grid, t, carry, mapOptions);
    out.columns.push({
      table: t,
      name: grid.name,
      headerRows: mapped.headerRows,
      columns: mapped.columns,
      ...(mapped.skipped ? { skipped: true } : {}),
    });
    if (mapped.skipped) out.skippedTables.push(t);
    append(out.warnings, mapped.warnings);
    append(out.notes, mapped.notes);
    append(out.items, mapped.items);
  });
  return out;
}

/** Paragraphs and the rows of header-less tables, in document order (a sheet with one line per row). */
function narrativeSequence(read: ReadResult, skippedTables: number[]): string[] {
  const sequence: string[] = [];
  let p = 0;
  const ordered = [...skippedTables].sort(
    (a, b) => (read.tables[a]?.paragraphIndex ?? 0) - (read.tables[b]?.paragraphIndex ?? 0),
  );
  for (const t of ordered) {
    const grid = read.tables[t]!;
    while (p < grid.paragraphIndex && p < read.paragraphs.length) sequence.push(read.paragraphs[p++]!);
    for (const row of grid.rows) {
      const texts = distinctTexts(row);
      if (texts.length) sequence.push(texts.join(' '));
    }
  }
  while (p < read.paragraphs.length) sequence.push(read.paragraphs[p++]!);
  return sequence;
}

/** Tables skipped for want of a header that look like real tables (2+ rows and columns). */
function skippedTableWarnings(read: ReadResult, skippedTables: number[]): ImportWarning[] {
  const out: ImportWarning[] = [];
  for (const t of skippedTables) {
    const g = read.tables[t]!;
    if (g.rows.length >= 2 && g.rows.some((r) => r.length >= 2)) {
      out.push({ code: 'TABLE_SKIPPED', table: t, message: `表格${t + 1}（${g.name}）没有可识别的表头，未导入` });
    }
  }
  return out;
}

function rowPlace(x: ImportItem): string {
  return x.row.table >= 0 ? `表格${x.row.table + 1}第${x.row.row + 1}行` : `第${x.row.row + 1}段`;
}

/** Duplicate codes (the same code for different regions/units is a split project, not a duplicate). */
function warnDuplicateCodes(items: ImportItem[]): void {
  const seen = new Map<string, ImportItem>();
  for (const it of items) {
    if (!it.code) continue;
    const key = `${it.code}|${it.region ?? ''}|${it.leadUnits.join('、')}|${it.unit ?? ''}`;
    const before = seen.get(key);
    if (before) {
      const message = `项目编号“${it.code}”重复（${rowPlace(before)}、${rowPlace(it)}），请核对`;
      it.warnings.push({ code: 'DUPLICATE_CODE', table: it.row.table, row: it.row.row, message });
    } else seen.set(key, it);
  }
}

/** A breakdown table without a project column is about the project its title names. */
function nameBreakdownsFromTitle(items: ImportItem[], title: string | null): void {
  for (const it of items) {
    if (it.name || it.breakdown.length === 0) continue;
    it.name = title;
    it.warnings = it.warnings.filter((w) => w.code !== 'MISSING_NAME');
  }
}

/** Rows of one unknown unit that carry their own warning; the last one says how many rows name the unit in all. */
const UNKNOWN_UNIT_ROW_WARNINGS = 3;

/**
 * Units against the organisation tree; with a tree, each unknown unit is a warning on the first rows naming it (a
 * 50,000-row file naming one unknown unit gets three warnings, not 50,000).
 */
function matchItemUnits(items: ImportItem[], orgs: OrgRef[] | undefined): ImportPreview['units'] {
  const names: string[] = [];
  for (const it of items)
    for (const u of [...it.leadUnits, ...it.assistUnits, ...it.cohostUnits]) if (!names.includes(u)) names.push(u);
  const units = matchUnits(names, orgs ?? []);
  if (!orgs) return units;
  const unknown = new Set(units.unknown);
  const rowsOf = new Map<string, ImportItem[]>();
  for (const it of items)
    for (const u of new Set([...it.leadUnits, ...it.assistUnits, ...it.cohostUnits]))
      if (unknown.has(u)) rowsOf.set(u, [...(rowsOf.get(u) ?? []), it]);
  for (const [u, rows] of rowsOf) {
    const shown = rows.slice(0, UNKNOWN_UNIT_ROW_WARNINGS);
    shown.forEach((it, i) => {
      const more = i === shown.length - 1 && rows.length > shown.length ? `（共${rows.length}行含此单位）` : '';
      it.warnings.push({
        code: 'UNKNOWN_UNIT',
        table: it.row.table,
        row: it.row.row,
        message: `单位“${u}”不在组织机构中，请对应到已有单位或新建${more}`,
      });
    });
  }
  return units;
}

function noItemsWarning(read: ReadResult): ImportWarning {
  return {
    code: 'NO_ITEMS',
    message:
      read.tables.length === 0
        ? '文件中没有找到表格或编号的项目，请确认文件内容是民生实事进展表'
        : '表格中没有识别到项目行（表头需包含“项目名称”“进展情况”等列），可在列映射中指定各列',
  };
}

export function buildImportPreview(read: ReadResult, options: PreviewOptions = {}): ImportPreview {
  const warnings: ImportWarning[] = [...read.warnings];
  const { headerTexts, titleCandidates, trailingCandidates } = collectTitleTexts(read, options);
  const paragraphs = read.paragraphs.map((p) => cleanText(p)).filter(Boolean);
  const round = parseRound([...titleCandidates, ...paragraphs, ...trailingCandidates], headerTexts);
  const mapped = mapTables(read, options, round);
  const { columns, skippedTables, notes } = mapped;
  append(warnings, mapped.warnings);
  let items = mapped.items;
  let form = read.form ?? null;
  if (items.length === 0) {
    // No project table: numbered narrative in the paragraphs (or in one-column tables: a sheet with one line per row).
    const sequence = narrativeSequence(read, skippedTables);
    const narrative = parseNarrative(
      sequence,
      options.headerSynonyms ? { headerSynonyms: options.headerSynonyms } : {},
    );
    if (narrative.items.length) {
      items = narrative.items;
      append(warnings, narrative.warnings);
      form = 'narrative';
      if (!read.paragraphs.length) Object.assign(round, parseRound(sequence, headerTexts));
    }
  } else append(warnings, skippedTableWarnings(read, skippedTables));
  // Long paragraphs around the table are notes (rules about lagging projects …).
  for (const p of [...titleCandidates, ...paragraphs]) {
    if (p.length > 40 && p !== round.title && read.tables.length > 0 && !notes.includes(p)) notes.push(p);
  }
  nameBreakdownsFromTitle(items, round.title ?? titleCandidates[titleCandidates.length - 1] ?? paragraphs[0] ?? null);
  warnDuplicateCodes(items);
  const units = matchItemUnits(items, options.orgs);
  for (const it of items) append(warnings, it.warnings);
  if (items.length === 0) warnings.push(noItemsWarning(read));
  return {
    round,
    items,
    warnings,
    columns,
    units,
    notes,
    source: { kind: read.kind, form, tables: read.tables.length, paragraphs: read.paragraphs.length },
  };
}
