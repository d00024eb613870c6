/** The bulk-edit grid's cells as text: to and from the rows, pasting a block from Excel, filling down, checking a cell. */
import type { z } from 'zod';
import type { GridRowSchema, GridSaveInput } from '../../../../src/shared/contract/plan';
import { PROJECT_FLAG_LABELS, PROJECT_FLAGS } from '../../../../src/shared/statuses';

export type GridRow = z.infer<typeof GridRowSchema>;
/** A row as edited: every cell is text. */
export type Cells = Record<string, string>;

const SEP = /[、,，;；\n]+/;
/** Unit names or flags typed or pasted into one cell ("东湖街道、西岭街道"). */
export const splitNames = (s: string) =>
  s
    .split(SEP)
    .map((x) => x.trim())
    .filter(Boolean);
export const FLAG_BY_LABEL = new Map<string, string>(
  PROJECT_FLAGS.flatMap((f) => [
    [PROJECT_FLAG_LABELS[f], f],
    [PROJECT_FLAG_LABELS[f].replace(/（.*）$/, ''), f],
  ]),
);
const flagLabel = (f: string) => (PROJECT_FLAG_LABELS as Record<string, string>)[f]?.replace(/（.*）$/, '') ?? f;

export function toCells(r: GridRow, keys: string[]): Cells {
  return {
    code: r.code,
    name: r.name,
    lead: r.leadUnits.join('、'),
    assist: r.assistUnits.join('、'),
    annualTarget: r.annualTarget,
    ...Object.fromEntries(keys.map((k) => [k, r.periodTargets[k] ?? ''])),
    flags: r.flags.map(flagLabel).join('、'),
  };
}

/** The changed columns of one row as the save request sends them. */
export function changedRow(r: GridRow, c: Cells, o: Cells, keys: string[]): GridSaveInput['rows'][number] {
  const diff = (k: string) => (c[k] ?? '') !== (o[k] ?? '');
  const periods = keys.filter(diff);
  return {
    projectId: r.projectId,
    version: r.version,
    ...(diff('code') ? { code: c.code ?? '' } : {}),
    ...(diff('name') ? { name: c.name ?? '' } : {}),
    ...(diff('lead') ? { leadUnits: splitNames(c.lead ?? '') } : {}),
    ...(diff('assist') ? { assistUnits: splitNames(c.assist ?? '') } : {}),
    ...(diff('annualTarget') ? { annualTarget: c.annualTarget ?? '' } : {}),
    ...(periods.length ? { periodTargets: Object.fromEntries(periods.map((k) => [k, c[k] ?? ''])) } : {}),
    ...(diff('flags') ? { flags: splitNames(c.flags ?? '').map((l) => FLAG_BY_LABEL.get(l)!) as never } : {}),
  };
}

/** The server's per-cell problems (path rows.n.field[.period]) keyed by `${row}:${column}` of the grid. */
export function cellErrors(issues: { path: readonly PropertyKey[]; message: string }[], rowOf: number[]) {
  const fieldCol: Record<string, string> = { leadUnits: 'lead', assistUnits: 'assist' };
  const errs: Record<string, string> = {};
  for (const issue of issues) {
    const [, n, field, key] = issue.path as [string, number, string, string?];
    const i = rowOf[n];
    if (i === undefined) continue;
    errs[`${i}:${field === 'periodTargets' && key ? key : (fieldCol[field] ?? field)}`] = issue.message;
  }
  return errs;
}

/** The Chinese problem of a cell's text, or null. */
export function cellProblem(col: string, v: string, unitNames: ReadonlySet<string>): string | null {
  if (col === 'name' && !v.trim()) return '请填写项目名称';
  if (col === 'lead' && !splitNames(v).length) return '须至少有一个牵头单位';
  if (col === 'lead' || col === 'assist') {
    const unknown = splitNames(v).filter((n) => !unitNames.has(n));
    if (unknown.length) return `找不到单位：${unknown.join('、')}`;
  }
  if (col === 'flags') {
    const unknown = splitNames(v).filter((n) => !FLAG_BY_LABEL.has(n));
    if (unknown.length) return `标记应为人大重点监督、挂牌督办或常态化：${unknown.join('、')}`;
  }
  return null;
}

/** A block pasted from Excel (tab/newline separated): rows down, columns to the right, from the cell pasted into. */
export function pasteBlock(all: Cells[], cols: readonly string[], row: number, col: string, text: string): Cells[] {
  const lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
  const start = cols.indexOf(col);
  const next = all.map((r) => ({ ...r }));
  lines.forEach((line, di) => {
    const target = next[row + di];
    if (!target) return;
    line.split('\t').forEach((v, dj) => {
      const c = cols[start + dj];
      if (c) target[c] = v.trim();
    });
  });
  return next;
}

/** The value of one cell copied into every row below it. */
export function fillColumnDown(all: Cells[], row: number, col: string): Cells[] {
  const v = all[row]?.[col] ?? '';
  return all.map((r, j) => (j > row ? { ...r, [col]: v } : r));
}
