/**
 * compose(layout, data) → the document model. Pure: the same layout and data always give the same document; the
 * renderers (docx, xlsx, pdf) draw it. What is printed follows the layout: only report content in `includeStates`
 * (approved or published by default — never a unit's unsubmitted draft), empty markers only where an included report
 * left a field empty, grouped columns merged down, the project name composed as the office writes it.
 */
import type { Block, Cell, DocModel, Para, Run, TableBlock } from '../document/model';
import { para, textCell } from '../document/model';
import { progressCell } from '../progress-cell';
import { fillPattern, type LayoutData, type LayoutReport, type LayoutRow, placeholders } from './data';
import type { Layout, LayoutColumn } from './schema';

/** The colours of the ▋ progress mark (seed 001's 进度评价). */
export const MARK_COLOURS = { green: '00B050', yellow: 'FFC000', red: 'FF0000' } as const;

/** A project's rows (one per reporting unit), in order. */
type ProjectGroup = { rows: LayoutRow[] };

function groupProjects(rows: readonly LayoutRow[]): ProjectGroup[] {
  const out: ProjectGroup[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.rows[0]!.projectId === r.projectId) last.rows.push(r);
    else out.push({ rows: [r] });
  }
  return out;
}

/** The report of a row if the layout prints its state, else null. */
const included = (layout: Layout, r: LayoutRow): LayoutReport | null =>
  r.report && (layout.includeStates as string[]).includes(r.report.status) ? r.report : null;

const lines = (s: string | null | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The project name cell: name, co-host note, code note, level tags, as the layout composes them. */
export function composeName(layout: Layout, r: LayoutRow): string {
  const nc = layout.nameCell;
  const parts = [r.name.trim()];
  if (nc.levelTags && r.levels.length) parts.push(`(${r.levels.join('、')})`);
  if (nc.cohostNote && r.cohostUnits.length)
    parts.push(fillPattern(nc.cohostNote, { cohost: r.cohostUnits.join('、') }));
  if (nc.codeNote && r.code) parts.push(fillPattern(nc.codeNote, { code: r.code }));
  return parts.reduce((acc, p) => (/[）)]$/.test(acc) || /^[（(]/.test(p) ? acc + p : acc + nc.separator + p));
}

/** The ▋ mark (green/yellow/red) or 已完成, from the computed light, else the self-assessment's words. */
function markCell(row: LayoutRow, rep: LayoutReport | null): Cell {
  if (!rep) return textCell('', { align: 'center' });
  const sa = rep.selfAssessment ?? '';
  if (rep.completedAnnualTarget || sa.includes('已完成')) return textCell('已完成', { align: 'center' });
  const light = row.light ?? (/严重/.test(sa) ? 'red' : /滞后|落后/.test(sa) ? 'yellow' : sa ? 'green' : null);
  if (!light) return textCell('', { align: 'center' });
  return { paras: [{ runs: [{ text: '▋', color: MARK_COLOURS[light] }], align: 'center' }], align: 'center' };
}

/** Paragraphs of one text field over a project's rows: each unit's text in turn, named when several report. */
function fieldParas(layout: Layout, rows: LayoutRow[], pick: (rep: LayoutReport, r: LayoutRow) => string[]): Para[] {
  const withReport = rows.map((r) => ({ r, rep: included(layout, r) })).filter((x) => x.rep);
  if (withReport.length === 0) return [para('')];
  const named = withReport.length > 1;
  const out: Para[] = [];
  for (const { r, rep } of withReport) {
    const ls = pick(rep!, r);
    if (named)
      out.push(...(ls.length ? ls : [layout.emptyMarker]).map((l, i) => para(i === 0 ? `${r.unit}：${l}` : l)));
    else out.push(...ls.map((l) => para(l)));
  }
  return out.length ? out : [para(layout.emptyMarker)];
}

const unique = (xs: string[]) => [...new Set(xs)];

/** The progress lines; with `selfAssessment: 'suffix'` the self-assessment closes the text as printed tables write it. */
function progressLines(col: LayoutColumn, rep: LayoutReport): string[] {
  const suffix = col.value.field === 'progress' && col.value.selfAssessment === 'suffix';
  return lines(suffix ? progressCell(rep.progress, rep.selfAssessment) : rep.progress);
}

const pct = (n: number | null) => (n === null ? '' : `${(n * 100).toFixed(1).replace(/\.0$/, '')}%`);

/** A numeric column of the row (issue 14): the unit as written, numbers without trailing zeros, 完成率 as a percentage. */
function numberCell(r: LayoutRow, column: NonNullable<LayoutRow['numbers']> extends infer N ? keyof N : never): string {
  const n = r.numbers;
  if (!n) return '';
  if (column === 'unit') return n.unit ?? '';
  if (column === 'publishedRatio') return pct(n.publishedRatio);
  const v = n[column];
  return v === null ? '' : String(Math.round(v * 100) / 100);
}

/** One body cell of a project (its rows: one unit, or all units when merged). */
function cellFor(layout: Layout, col: LayoutColumn, rows: LayoutRow[], seq: number): Cell {
  const first = rows[0]!;
  const v = col.value;
  const plain = (s: string) => textCell(s, col.align ? { align: col.align } : {});
  const text = (pick: (rep: LayoutReport, r: LayoutRow) => string[]) => ({
    paras: fieldParas(layout, rows, pick),
    ...(col.align ? { align: col.align } : {}),
  });
  const orEmpty = (ls: string[]) => (ls.length ? ls : [layout.emptyMarker]);
  switch (v.field) {
    case 'seq':
      return plain(String(seq));
    case 'code':
      return plain(first.code);
    case 'name':
      return plain(composeName(layout, first));
    case 'category':
      return plain(first.category ?? '');
    case 'matter':
      return plain(first.matter ?? '');
    case 'matterNumber':
      return plain(first.matterNumber ?? '');
    case 'annualTarget':
      return plain(v.original ? (first.originalAnnualTarget ?? first.annualTarget) : first.annualTarget);
    case 'periodTarget':
      return plain(first.periodTarget);
    case 'progress':
      return text((rep) => orEmpty(progressLines(col, rep)));
    case 'problems':
      return text((rep) => orEmpty(lines(rep.problems)));
    case 'nextSteps':
      return text((rep) => orEmpty(lines(rep.nextSteps)));
    case 'problemsAndNextSteps':
      return text((rep) => orEmpty([...lines(rep.problems), ...lines(rep.nextSteps)]));
    case 'problemsAndAdjustments':
      return text((rep, r) => orEmpty([...lines(rep.problems), ...r.adjustments]));
    case 'selfAssessment': {
      const rep = rows.map((r) => included(layout, r)).find(Boolean) ?? null;
      if (v.as === 'mark') return markCell(first, rep);
      return plain(rep?.selfAssessment ?? '');
    }
    case 'completedAnnualTarget': {
      const reps = rows.map((r) => included(layout, r)).filter((x): x is LayoutReport => x !== null);
      return plain(reps.length ? (reps.every((x) => x.completedAnnualTarget) ? '已完成' : '未完成') : '');
    }
    case 'leadUnits':
      return plain(unique(rows.flatMap((r) => r.leadUnits)).join('、'));
    case 'assistUnits':
      return plain(unique(rows.flatMap((r) => r.assistUnits)).join('、') || layout.emptyMarker);
    case 'cohostUnits':
      return plain(unique(rows.flatMap((r) => r.cohostUnits)).join('、'));
    case 'unit':
      return plain(unique(rows.map((r) => r.unit)).join('、'));
    case 'computedStatus':
      return plain(unique(rows.map((r) => r.computedStatus ?? '')).join('、'));
    case 'completionRatio':
      return plain(rows.map((r) => pct(r.completionRatio)).join('、'));
    case 'gapPoints':
      return plain(rows.map((r) => (r.gapPoints === null ? '' : r.gapPoints.toFixed(1))).join('、'));
    case 'number':
      return plain(rows.map((r) => numberCell(r, v.column)).join('、'));
    case 'fixed':
      return plain(v.text);
  }
}

/** The header row: placeholders filled, `headerSpan` columns sharing one header cell. */
function headerRow(layout: Layout, values: Record<string, string>): Cell[] {
  const row: Cell[] = [];
  for (let i = 0; i < layout.columns.length; ) {
    const col = layout.columns[i]!;
    const span = Math.min(col.headerSpan ?? 1, layout.columns.length - i);
    row.push(
      textCell(fillPattern(col.header, values), {
        align: 'center',
        vAlign: 'middle',
        bold: true,
        ...(span > 1 ? { colSpan: span } : {}),
      }),
    );
    i += span;
  }
  return row;
}

/** The 示例 row: the label over the columns before the first rule, each rule under its column, "-" elsewhere. */
function exampleRow(layout: Layout): Cell[] | null {
  const ex = layout.exampleRow;
  if (!ex) return null;
  const firstRule = layout.columns.findIndex((_, i) => ex.cells[String(i)] !== undefined);
  const labelSpan = Math.max(1, firstRule < 0 ? layout.columns.length : firstRule);
  const shade = 'F2F2F2';
  const row: Cell[] = [textCell(ex.label, { colSpan: labelSpan, align: 'center', vAlign: 'middle', shade })];
  for (let i = labelSpan; i < layout.columns.length; i++) {
    const rule = ex.cells[String(i)];
    row.push(rule === undefined ? textCell('-', { align: 'center', shade }) : textCell(rule, { shade }));
  }
  if (labelSpan === 1) row[0] = { ...row[0]!, colSpan: undefined } as Cell;
  return row;
}

/** Merge equal consecutive cells down in the columns marked `mergeDown` (within the groups of the columns to the left). */
function mergeDown(layout: Layout, body: Cell[][], keys: string[][]) {
  const cols = layout.columns.map((c, i) => (c.mergeDown ? i : -1)).filter((i) => i >= 0);
  // Work right to left so that removing a cell does not shift the indexes of columns still to do.
  for (const col of [...cols].reverse()) {
    let start = 0;
    for (let r = 1; r <= body.length; r++) {
      const same =
        r < body.length &&
        keys[r]![col] !== '' &&
        cols.filter((c) => c <= col).every((c) => keys[r]![c] === keys[start]![c]);
      if (same) continue;
      const span = r - start;
      if (span > 1) {
        body[start]![col] = { ...body[start]![col]!, rowSpan: span, vAlign: 'middle' };
        for (let k = start + 1; k < r; k++) body[k]![col] = null as unknown as Cell;
      }
      start = r;
    }
  }
  for (let r = 0; r < body.length; r++) body[r] = body[r]!.filter((c) => c !== null);
}

function tableFor(layout: Layout, groups: ProjectGroup[], values: Record<string, string>): TableBlock {
  const body: Cell[][] = [];
  const keys: string[][] = [];
  let seq = 0;
  for (const g of groups) {
    seq++;
    const units = layout.splitProjects === 'perUnit' ? g.rows.map((r) => [r]) : [g.rows];
    for (const rows of units) {
      const cells = layout.columns.map((col) => cellFor(layout, col, rows, seq));
      body.push(cells);
      keys.push(cells.map((c) => c.paras.map((p) => p.runs.map((x) => x.text).join('')).join('\n')));
    }
  }
  mergeDown(layout, body, keys);
  const example = exampleRow(layout);
  return {
    kind: 'table',
    columns: layout.columns.map((c) => ({ width: c.width, ...(c.align ? { align: c.align } : {}) })),
    header: [headerRow(layout, values)],
    body: example ? [example, ...body] : body,
    fontSize: layout.sizes.table,
  };
}

const paraBlock = (style: Extract<Block, { kind: 'paragraph' }>['style'], p: Para, size?: number): Block => ({
  kind: 'paragraph',
  style,
  para: p,
  ...(size ? { size } : {}),
});

/** The narrative items (seed 004): "N、name", the units line, "完成情况：" and the progress paragraphs. */
function narrativeBlocks(layout: Layout, groups: ProjectGroup[]): Block[] {
  const n = layout.narrative ?? { unitsLine: '主责部门：{lead}，配合部门：{assist}', progressLabel: '完成情况：' };
  const out: Block[] = [];
  groups.forEach((g, i) => {
    const first = g.rows[0]!;
    const name = composeName(layout, first);
    out.push(paraBlock('heading', para(`${i + 1}、${/[。.]$/.test(name) ? name : `${name}。`}`, { indent: true })));
    const lead = unique(g.rows.flatMap((r) => r.leadUnits)).join('、');
    const assist = unique(g.rows.flatMap((r) => r.assistUnits)).join('、');
    const unitsLine = fillPattern(assist ? n.unitsLine : n.unitsLine.replace(/[，,][^，,{}]*\{assist\}.*$/, ''), {
      lead,
      assist,
    });
    out.push(paraBlock('body', para(unitsLine, { indent: true })));
    const progress = fieldParas(layout, g.rows, (rep) => lines(rep.progress));
    const texts = progress.map((p) => p.runs.map((r) => r.text).join('')).filter(Boolean);
    const [head = layout.emptyMarker, ...rest] = texts;
    const runs: Run[] = [{ text: n.progressLabel }, { text: head }];
    out.push(paraBlock('body', { runs, indent: true }));
    for (const t of rest) out.push(paraBlock('body', para(t, { indent: true })));
  });
  return out;
}

/** The page paragraphs above a table or narrative: 附件 label, title, subtitle, preamble. */
function headBlocks(layout: Layout, values: Record<string, string>): Block[] {
  const out: Block[] = [];
  if (layout.attachmentLabel) out.push(paraBlock('attachment', para(fillPattern(layout.attachmentLabel, values))));
  out.push(paraBlock('title', para(fillPattern(layout.title, values), { align: 'center' }), layout.sizes.title));
  if (layout.subtitle) out.push(paraBlock('subtitle', para(fillPattern(layout.subtitle, values), { align: 'center' })));
  for (const p of layout.preamble) out.push(paraBlock('note', para(fillPattern(p, values), { indent: true })));
  return out;
}

/** Compose the document of a layout for a round. */
export function compose(layout: Layout, data: LayoutData): DocModel {
  const base = placeholders(data);
  const groups = groupProjects(data.rows);
  const blocks: Block[] = [];
  if (layout.kind === 'narrative') {
    blocks.push(...headBlocks(layout, base), ...narrativeBlocks(layout, groups));
  } else if (layout.perHostUnit) {
    const hosts = unique(groups.map((g) => g.rows[0]!.leadUnits[0] ?? g.rows[0]!.unit));
    hosts.forEach((host, i) => {
      const values = { ...base, host: `（${host}主办）` };
      if (i > 0) blocks.push({ kind: 'pageBreak' });
      const mine = groups.filter((g) => (g.rows[0]!.leadUnits[0] ?? g.rows[0]!.unit) === host);
      blocks.push(...headBlocks(layout, values), tableFor(layout, mine, values));
    });
    if (hosts.length === 0) blocks.push(...headBlocks(layout, base), tableFor(layout, [], base));
  } else {
    blocks.push(...headBlocks(layout, base), tableFor(layout, groups, base));
  }
  for (const line of layout.footer)
    blocks.push(paraBlock('signature', para(fillPattern(line, base), { align: 'right' })));
  return {
    page: { size: 'A4', ...layout.page },
    bodySize: layout.sizes.body,
    meta: {
      title: fillPattern(layout.title, base).replace(/\{host\}/g, ''),
      author: data.office,
      sheetName: layout.name,
    },
    blocks,
  };
}
