/**
 * The public document of a publication (pure): a layout made fit for the public and composed from published content
 * only. What the public never sees, whatever the layout says: the system's judgement (研判 columns, the traffic light
 * behind the ▋ mark — the mark then follows the unit's own published self-assessment), the 示例 row and preamble (the
 * office's instructions to units), the 附件 label, and any report that is not published. Split projects print one row
 * per unit with the unit named (a 责任单位 column is added when the layout has none) or one merged row per project
 * (each unit's text named inside the cell), as the publication's split mode says.
 */
import { createHash } from 'node:crypto';
import type { Cell, DocModel, TableBlock } from '../../../domain/publish/document/model';
import { cellText } from '../../../domain/publish/document/model';
import { compose } from '../../../domain/publish/layouts/compose';
import type { LayoutData, LayoutRow } from '../../../domain/publish/layouts/data';
import type { Layout, LayoutColumn } from '../../../domain/publish/layouts/schema';

export type SplitMode = 'perUnit' | 'merged';

/** Columns whose values are the system's judgement: never public. */
const INTERNAL_FIELDS = new Set(['computedStatus', 'completionRatio', 'gapPoints']);

/** One body row as plain text, for machines and screen readers: the project's public code, its unit(s), the cells. */
export type PublicRow = { code: string; unit: string; cells: string[] };

/** What a publication stores: the document (every renderer draws it) and its rows as text. */
export type PublicDocument = { doc: DocModel; headers: string[]; rows: PublicRow[] };

const HIDDEN: LayoutColumn[] = [
  { header: '', value: { field: 'code' }, width: 4 },
  { header: '', value: { field: 'unit' }, width: 4 },
];

/** Drop columns, shrinking header spans that covered them. */
function withoutColumns(cols: LayoutColumn[], drop: (c: LayoutColumn) => boolean): LayoutColumn[] {
  const spans = cols.map((c) => c.headerSpan ?? 1);
  cols.forEach((c, i) => {
    if (!drop(c)) return;
    for (let j = i - 1; j >= 0; j--)
      if (j + spans[j]! - 1 >= i) {
        spans[j]!--;
        break;
      }
  });
  return cols
    .map((c, i) => (spans[i]! > 1 ? { ...c, headerSpan: spans[i]! } : { ...c, headerSpan: undefined }))
    .filter((c) => !drop(c))
    .map(({ headerSpan, ...c }) => (headerSpan ? { ...c, headerSpan } : c));
}

/** The layout as the public gets it (see the file comment); `hasSplit`: some project has several units' rows. */
export function publicLayout(layout: Layout, split: SplitMode, hasSplit: boolean): Layout {
  let columns = withoutColumns(layout.columns, (c) => INTERNAL_FIELDS.has(c.value.field));
  const named = columns.some((c) => c.value.field === 'unit');
  if (split === 'perUnit' && hasSplit && !named && layout.kind === 'table') {
    const at = columns.findIndex((c) => c.value.field === 'name');
    const unitCol: LayoutColumn = { header: '责任单位', value: { field: 'unit' }, width: 18, align: 'center' };
    columns = at < 0 ? [...columns, unitCol] : [...columns.slice(0, at + 1), unitCol, ...columns.slice(at + 1)];
  }
  // No header span may reach into the hidden key columns.
  columns = columns.map((c, i) =>
    c.headerSpan && c.headerSpan > columns.length - i ? { ...c, headerSpan: columns.length - i } : c,
  );
  return {
    ...layout,
    attachmentLabel: null,
    preamble: [],
    exampleRow: null,
    includeStates: ['published'],
    splitProjects: split,
    columns: layout.kind === 'table' ? [...columns, ...HIDDEN] : columns,
  };
}

/** Rows stripped of the judgement (the mark then follows the published self-assessment). */
const publicRow = (r: LayoutRow): LayoutRow => ({
  ...r,
  report: r.report && r.report.status === 'published' ? r.report : null,
  computedStatus: null,
  light: null,
  completionRatio: null,
  gapPoints: null,
});

/** The texts of a table's grid, spans expanded (each slot holds the text of the cell covering it). */
function gridTexts(rows: Cell[][], width: number): string[][] {
  const out: string[][] = rows.map(() => new Array<string>(width).fill(''));
  const taken: boolean[][] = rows.map(() => new Array<boolean>(width).fill(false));
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (col < width && taken[r]![col]) col++;
      const text = cellText(cell);
      for (let dr = 0; dr < (cell.rowSpan ?? 1) && r + dr < rows.length; dr++)
        for (let dc = 0; dc < (cell.colSpan ?? 1) && col + dc < width; dc++) {
          out[r + dr]![col + dc] = text;
          taken[r + dr]![col + dc] = true;
        }
      col += cell.colSpan ?? 1;
    }
  });
  return out;
}

/** Cut the two hidden key columns off a table block; returns the block and each body row's code and unit. */
function cutKeys(t: TableBlock): { table: TableBlock; keys: { code: string; unit: string }[] } {
  const width = t.columns.length;
  const texts = gridTexts(t.body, width);
  const keys = texts.map((row) => ({ code: row[width - 2] ?? '', unit: row[width - 1] ?? '' }));
  const cut = (rows: Cell[][]) => rows.map((row) => row.slice(0, Math.max(0, row.length - 2)));
  return {
    table: { ...t, columns: t.columns.slice(0, width - 2), header: cut(t.header), body: cut(t.body) },
    keys,
  };
}

/** Compose the public document of a round's published rows in a layout. */
export function composePublic(layout: Layout, data: LayoutData, split: SplitMode): PublicDocument {
  const rows = data.rows.map(publicRow).filter((r) => r.report !== null);
  const perProject = new Map<string, number>();
  for (const r of rows) perProject.set(r.projectId, (perProject.get(r.projectId) ?? 0) + 1);
  const hasSplit = [...perProject.values()].some((n) => n > 1);
  const pub = publicLayout(layout, split, hasSplit);
  const composed = compose(pub, { ...data, rows });
  const out: PublicRow[] = [];
  let headers: string[] = [];
  const blocks = composed.blocks.map((b) => {
    if (b.kind !== 'table') return b;
    const { table, keys } = cutKeys(b);
    const head = gridTexts(table.header, table.columns.length);
    headers = head[head.length - 1] ?? [];
    gridTexts(table.body, table.columns.length).forEach((cells, i) => {
      out.push({ code: keys[i]!.code, unit: keys[i]!.unit, cells });
    });
    return table;
  });
  return { doc: { ...composed, blocks }, headers, rows: out };
}

/** A stable fingerprint of what a publication shows (ETags, "nothing changed"). */
export function documentHash(d: PublicDocument): string {
  return createHash('sha256').update(JSON.stringify(d)).digest('hex');
}

/** A 勘误 of one cell: the row by its project code and unit, the column by its header, the corrected text. */
export type CellEdit = { code: string; unit: string; column: string; text: string };

/** For each grid slot of a table's rows, the [row, cell index] of the cell covering it. */
function slots(rows: Cell[][], width: number): [number, number][][] {
  const out: [number, number][][] = rows.map(() => new Array<[number, number]>(width));
  rows.forEach((row, r) => {
    let col = 0;
    row.forEach((cell, i) => {
      while (col < width && out[r]![col]) col++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1) && r + dr < rows.length; dr++)
        for (let dc = 0; dc < (cell.colSpan ?? 1) && col + dc < width; dc++) out[r + dr]![col + dc] = [r, i];
      col += cell.colSpan ?? 1;
    });
  });
  return out;
}

/**
 * Apply cell corrections to a composed public document (a 勘误 of what a published report said): the cell covering
 * the slot gets the new text (one paragraph per line), the text rows follow. Unknown rows or columns are refused.
 */
export function applyEdits(d: PublicDocument, edits: readonly CellEdit[], strict = true): PublicDocument {
  if (!edits.length) return d;
  const blocks = structuredClone(d.doc.blocks);
  const tables = blocks.filter((b): b is TableBlock => b.kind === 'table');
  // Row index → (table, body row).
  const where: [TableBlock, number][] = tables.flatMap((t) => t.body.map((_, r) => [t, r] as [TableBlock, number]));
  for (const e of edits) {
    const i = d.rows.findIndex((r) => r.code === e.code && r.unit === e.unit);
    const c = d.headers.indexOf(e.column);
    if (i < 0 || c < 0 || !where[i]) {
      if (!strict) continue; // an earlier correction of a cell the new layout no longer has
      throw new Error(`找不到要更正的单元格：${e.code} ${e.unit} “${e.column}”`);
    }
    const [t, r] = where[i]!;
    const [r0, idx] = slots(t.body, t.columns.length)[r]![c]!;
    const old = t.body[r0]![idx]!;
    t.body[r0]![idx] = { ...old, paras: e.text.split('\n').map((line) => ({ runs: [{ text: line }] })) };
  }
  const rows: PublicRow[] = [];
  let k = 0;
  for (const t of tables)
    for (const cells of gridTexts(t.body, t.columns.length)) {
      rows.push({ ...d.rows[k]!, cells });
      k++;
    }
  return { ...d, doc: { ...d.doc, blocks }, rows };
}
