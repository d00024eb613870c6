/**
 * The numeric columns of an import (计量单位, 年度目标数, 完成数, 完成率, 计划投资, 完成投资) stored as data, inside the
 * commit's transaction, after its rows were written (import-commit.ts calls this once, set-based):
 * - 年度目标数 (+ 计量单位, 万人 folded to 人) → an indicator of the project (source_column 'targetNumber', target value
 *   + unit); 计划投资 → an indicator in 万元 (source_column 'investment'). An existing one is never overwritten silently:
 *   a different value in the file is reported in the summary's notes;
 * - 完成数 / 完成投资 → report_values of the version this import wrote for the row's unit;
 * - 完成率 → report_version_numbers: the published ratio, the computed one and whether they agree.
 * Total rows (合计, 全市) are not projects and store nothing.
 */
import type { Insertable } from 'kysely';
import { hasNumbers, type NumericColumns, parseNumericColumns } from '../../../domain/collect/import/numbers';
import type { ImportItem } from '../../../domain/collect/import/types';
import type { DbOrTx } from '../../db/connect';
import type { IndicatorsTable, ReportValuesTable, ReportVersionNumbersTable } from '../../db/database';
import * as repo from '../../repositories/numbers.repo';
import { newId } from '../../util';

/** The numbers of a row as stored (完成数, 完成投资, 完成率), as one comparable key; '' when the row has none. */
export function numbersKey(n: { actual: number | null; investmentDone: number | null; publishedRatio: number | null }) {
  const k = (v: number | null) => (v === null ? '' : fmt(v));
  const key = `${k(n.actual)}|${k(n.investmentDone)}|${k(n.publishedRatio)}`;
  return key === '||' ? '' : key;
}

/** A row's numbers as an import would store them, as the key of `numbersKey`. */
export function itemNumbersKey(item: ImportItem): string {
  if (item.isTotal) return '';
  return numbersKey(parseNumericColumns(item));
}

/** One imported row and the project it went to. */
export type NumericRow = { item: ImportItem; projectId: string };

const MONEY_UNITS = new Set(['元', '万元', '亿元', '千元']);

const fmt = (v: number) => String(Math.round(v * 1e6) / 1e6);

type Ind = { id: string; unit: string; targetValue: number | null };
type Parsed = NumericRow & { n: NumericColumns };
type Column = 'targetNumber' | 'investment';

/** The project's indicators from numeric columns: found, or planned as new rows (never overwritten silently). */
class ColumnIndicators {
  readonly rows: Insertable<IndicatorsTable>[] = [];
  readonly notes: string[] = [];
  constructor(
    private readonly existing: Map<string, Ind>,
    private readonly counts: Map<string, number>,
  ) {}

  of(r: Parsed, column: Column): Ind {
    const key = `${r.projectId}|${column}`;
    const value = column === 'investment' ? r.n.investmentPlanned : r.n.target;
    const unit = column === 'investment' ? '万元' : (r.n.unit ?? '');
    const found = this.existing.get(key);
    if (found) {
      this.noteDifferent(r, column, found, value, unit);
      return found;
    }
    const ind = { id: newId(), unit, targetValue: value };
    this.rows.push(newIndicator(ind, r.projectId, this.nextSeq(r.projectId), column));
    this.existing.set(key, ind);
    return ind;
  }

  private nextSeq(projectId: string): number {
    const seq = (this.counts.get(projectId) ?? 0) + 1;
    this.counts.set(projectId, seq);
    return seq;
  }

  private noteDifferent(r: Parsed, column: Column, found: Ind, value: number | null, unit: string) {
    if (value === null || found.targetValue === null || Math.abs(found.targetValue - value) <= 1e-9) return;
    const what = column === 'investment' ? '计划投资' : '年度目标数';
    this.notes.push(
      `${r.item.code ?? ''} ${r.item.name ?? ''}：文件中的${what}${fmt(value)}${unit}与已有的${fmt(found.targetValue)}${found.unit}不同，未覆盖`,
    );
  }
}

function newIndicator(ind: Ind, projectId: string, seq: number, column: Column): Insertable<IndicatorsTable> {
  const money = column === 'investment' || MONEY_UNITS.has(ind.unit);
  return {
    id: ind.id,
    projectId,
    seq,
    // named by what a unit fills in against it (the target is 年度目标数 / 计划投资, shown as its target)
    name: column === 'investment' ? '完成投资' : '完成数',
    kind: money ? 'money' : 'quantity',
    unit: ind.unit,
    targetText: ind.targetValue === null ? '' : `${fmt(ind.targetValue)}${ind.unit}`,
    targetValue: ind.targetValue,
    deadline: null,
    orgId: null,
    splitOf: null,
    sourceColumn: column,
  };
}

/** The version this import wrote for each (project, unit): values go to nothing else (a unit's report is not touched). */
async function writtenVersions(trx: DbOrTx, roundId: string | null, versionIds: readonly string[]) {
  const written = new Set(versionIds);
  const out = new Map<string, string>();
  if (roundId)
    for (const v of await repo.currentVersionsOfRound(trx, roundId))
      if (written.has(v.versionId)) out.set(`${v.projectId}|${v.orgId}`, v.versionId);
  return out;
}

/** The reported values and the ratio row of one imported row's version. */
function rowData(r: Parsed, versionId: string, target: Ind | null, invest: Ind | null, now: string) {
  const n = r.n;
  const values: Insertable<ReportValuesTable>[] = [];
  if (target && n.actual !== null)
    values.push({ id: newId(), versionId, indicatorId: target.id, value: n.actual, note: '导入：完成数' });
  if (invest && n.investmentDone !== null)
    values.push({ id: newId(), versionId, indicatorId: invest.id, value: n.investmentDone, note: '导入：完成投资' });
  const ratio: Insertable<ReportVersionNumbersTable> | null =
    n.publishedRatio !== null || n.ratioCheck.computed !== null
      ? {
          versionId,
          publishedRatio: n.publishedRatio,
          computedRatio: n.ratioCheck.computed,
          ratioCheck: n.ratioCheck.status,
          createdAt: now,
        }
      : null;
  return { values, ratio };
}

/** Store the rows' numeric columns. Returns notes for the commit summary (values not overwritten). */
export async function storeNumericColumns(
  trx: DbOrTx,
  rows: readonly NumericRow[],
  at: { roundId: string | null; versionIds: readonly string[]; byName: Map<string, string>; now: string },
): Promise<string[]> {
  const parsed: Parsed[] = rows
    .filter((r) => !r.item.isTotal)
    .map((r) => ({ ...r, n: parseNumericColumns(r.item) }))
    .filter((r) => hasNumbers(r.n));
  if (!parsed.length) return [];
  const projectIds = parsed.map((r) => r.projectId);
  const existing = new Map<string, Ind>();
  for (const i of await repo.columnIndicators(trx, projectIds)) existing.set(`${i.projectId}|${i.sourceColumn}`, i);
  const indicators = new ColumnIndicators(existing, await repo.indicatorCounts(trx, projectIds));
  const versionOf = await writtenVersions(trx, at.roundId, at.versionIds);
  const values: Insertable<ReportValuesTable>[] = [];
  const ratios = new Map<string, Insertable<ReportVersionNumbersTable>>();
  for (const r of parsed) {
    const n = r.n;
    const target = n.target !== null || n.actual !== null ? indicators.of(r, 'targetNumber') : null;
    const invest = n.investmentPlanned !== null || n.investmentDone !== null ? indicators.of(r, 'investment') : null;
    const lead = r.item.leadUnits.map((u) => at.byName.get(u)).find(Boolean);
    const versionId = lead ? versionOf.get(`${r.projectId}|${lead}`) : undefined;
    if (!versionId) continue;
    const d = rowData(r, versionId, target, invest, at.now);
    values.push(...d.values);
    if (d.ratio) ratios.set(versionId, d.ratio);
  }
  await repo.insertColumnIndicators(trx, indicators.rows);
  await repo.replaceReportValues(
    trx,
    values,
    values.map((v) => v.indicatorId),
  );
  await repo.insertVersionNumbers(trx, [...ratios.values()]);
  return indicators.notes;
}
