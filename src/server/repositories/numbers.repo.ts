/** Numeric columns of imports (migration 0020): indicators from columns, reported values, published ratios. */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { IndicatorsTable, ReportValuesTable, ReportVersionNumbersTable } from '../db/database';
import { chunks, insertMany } from './batch';

const IN_CHUNK = 5000;

/** Indicators created from numeric columns, of these projects. */
export async function columnIndicators(db: DbOrTx, projectIds: readonly string[]) {
  const out: { id: string; projectId: string; sourceColumn: string; unit: string; targetValue: number | null }[] = [];
  for (const ids of chunks([...new Set(projectIds)], IN_CHUNK)) {
    const rows = await db
      .selectFrom('indicators')
      .select(['id', 'projectId', 'sourceColumn', 'unit', 'targetValue'])
      .where('projectId', 'in', ids)
      .where('sourceColumn', 'is not', null)
      .execute();
    for (const r of rows) out.push({ ...r, sourceColumn: r.sourceColumn ?? '' });
  }
  return out;
}

/**
 * The numbers an import stored with each version: its 完成数 and 完成投资 (values on the projects' column indicators)
 * and its published 完成率 — what a re-import of the same table compares before it calls a row unchanged.
 */
export async function importedNumbersOf(db: DbOrTx, versionIds: readonly string[]) {
  const out = new Map<
    string,
    { actual: number | null; investmentDone: number | null; publishedRatio: number | null }
  >();
  const of = (id: string) => {
    const found = out.get(id);
    if (found) return found;
    const n = { actual: null, investmentDone: null, publishedRatio: null };
    out.set(id, n);
    return n;
  };
  for (const vs of chunks([...new Set(versionIds)], IN_CHUNK)) {
    const values = await db
      .selectFrom('reportValues')
      .innerJoin('indicators', 'indicators.id', 'reportValues.indicatorId')
      .select(['reportValues.versionId', 'reportValues.value', 'indicators.sourceColumn'])
      .where('reportValues.versionId', 'in', vs)
      .where('indicators.sourceColumn', 'is not', null)
      .execute();
    for (const v of values)
      if (v.sourceColumn === 'targetNumber') of(v.versionId).actual = v.value;
      else if (v.sourceColumn === 'investment') of(v.versionId).investmentDone = v.value;
    const ratios = await db
      .selectFrom('reportVersionNumbers')
      .select(['versionId', 'publishedRatio'])
      .where('versionId', 'in', vs)
      .execute();
    for (const r of ratios) of(r.versionId).publishedRatio = r.publishedRatio;
  }
  return out;
}

/** The number of indicators each project has (new ones are numbered after them). */
export async function indicatorCounts(db: DbOrTx, projectIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const ids of chunks([...new Set(projectIds)], IN_CHUNK)) {
    const rows = await db
      .selectFrom('indicators')
      .select(['projectId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('projectId', 'in', ids)
      .groupBy('projectId')
      .execute();
    for (const r of rows) out.set(r.projectId, Number(r.n));
  }
  return out;
}

export async function insertColumnIndicators(db: DbOrTx, rows: Insertable<IndicatorsTable>[]) {
  await insertMany(db, 'indicators', rows);
}

/** The current version of each report of a round: (project, unit) → version id. */
export async function currentVersionsOfRound(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .select(['reports.projectId', 'reports.orgId', 'reportVersions.id as versionId'])
    .where('reports.roundId', '=', roundId)
    .execute();
}

/** Replace these versions' values on these indicators (the versions were just written by the import). */
export async function replaceReportValues(
  db: DbOrTx,
  rows: Insertable<ReportValuesTable>[],
  indicatorIds: readonly string[],
) {
  const versionIds = [...new Set(rows.map((r) => r.versionId))];
  const indicators = [...new Set(indicatorIds)];
  if (versionIds.length && indicators.length)
    for (const vs of chunks(versionIds, IN_CHUNK))
      for (const is of chunks(indicators, IN_CHUNK))
        await db.deleteFrom('reportValues').where('versionId', 'in', vs).where('indicatorId', 'in', is).execute();
  await insertMany(db, 'reportValues', rows);
}

export async function insertVersionNumbers(db: DbOrTx, rows: Insertable<ReportVersionNumbersTable>[]) {
  await insertMany(db, 'reportVersionNumbers', rows);
}

/**
 * Carry the numbers of an imported table (完成率 and its check) from each version to the one a transition or the
 * publication writes from it, as its values are carried: the new version has the same content.
 */
export async function copyVersionNumbers(db: DbOrTx, pairs: readonly { from: string; to: string }[], at: string) {
  const toOf = new Map(pairs.map((p) => [p.from, p.to]));
  const rows: Insertable<ReportVersionNumbersTable>[] = [];
  for (const vs of chunks([...toOf.keys()], IN_CHUNK))
    for (const r of await db.selectFrom('reportVersionNumbers').selectAll().where('versionId', 'in', vs).execute())
      rows.push({ ...r, versionId: toOf.get(r.versionId)!, createdAt: at });
  await insertMany(db, 'reportVersionNumbers', rows);
}

/** For the table: column indicators of the projects, values of the versions on them, the versions' ratios. */
export async function numbersForTable(db: DbOrTx, projectIds: readonly string[], versionIds: readonly string[]) {
  const indicators = await columnIndicators(db, projectIds);
  const values: { versionId: string; indicatorId: string; value: number | null }[] = [];
  const ratios: {
    versionId: string;
    publishedRatio: number | null;
    computedRatio: number | null;
    ratioCheck: string;
  }[] = [];
  const ids = indicators.map((i) => i.id);
  if (ids.length && versionIds.length)
    for (const vs of chunks([...new Set(versionIds)], IN_CHUNK)) {
      values.push(
        ...(await db
          .selectFrom('reportValues')
          .select(['versionId', 'indicatorId', 'value'])
          .where('versionId', 'in', vs)
          .where('indicatorId', 'in', ids)
          .execute()),
      );
    }
  if (versionIds.length)
    for (const vs of chunks([...new Set(versionIds)], IN_CHUNK))
      ratios.push(
        ...(await db
          .selectFrom('reportVersionNumbers')
          .select(['versionId', 'publishedRatio', 'computedRatio', 'ratioCheck'])
          .where('versionId', 'in', vs)
          .execute()),
      );
  return { indicators, values, ratios };
}
