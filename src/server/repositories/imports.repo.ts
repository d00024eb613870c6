/**
 * SQL of the import commit: the programme's current state loaded with one query per table, then set-based writes
 * (multi-row inserts, multi-row updates by id) inside the caller's transaction.
 */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type {
  CategoriesTable,
  MattersTable,
  PeriodTargetsTable,
  ProjectsTable,
  ProjectUnitsTable,
  ReportsTable,
  ReportVersionsTable,
  RoundsTable,
} from '../db/database';
import { chunks, insertMany, rowsPerStatement, updateManyById } from './batch';

/** Everything of a programme the commit matches against, in the order the engines return it for the same filter. */
export async function loadProgrammeForImport(db: DbOrTx, programmeId: string, periodKey: string | null) {
  const [categories, matters, projects, units, periodTargets] = await Promise.all([
    db.selectFrom('categories').select(['id', 'name']).where('programmeId', '=', programmeId).execute(),
    db.selectFrom('matters').select(['id', 'goalText']).where('programmeId', '=', programmeId).execute(),
    db.selectFrom('projects').selectAll().where('programmeId', '=', programmeId).execute(),
    db
      .selectFrom('projectUnits')
      .innerJoin('projects', 'projects.id', 'projectUnits.projectId')
      .select(['projectUnits.projectId', 'projectUnits.orgId', 'projectUnits.role'])
      .where('projects.programmeId', '=', programmeId)
      .orderBy('projectUnits.seq')
      .execute(),
    periodKey
      ? db
          .selectFrom('periodTargets')
          .innerJoin('projects', 'projects.id', 'periodTargets.projectId')
          .selectAll('periodTargets')
          .where('projects.programmeId', '=', programmeId)
          .where('periodTargets.periodKey', '=', periodKey)
          .where('periodTargets.indicatorId', 'is', null)
          .execute()
      : Promise.resolve([]),
  ]);
  return { categories, matters, projects, units, periodTargets };
}

/** Reports of a round (id, who, status, version pointer). */
export async function findRoundReports(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'projectId', 'orgId', 'status', 'versionNo'])
    .where('roundId', '=', roundId)
    .execute();
}

export async function insertRoundRow(db: DbOrTx, row: Insertable<RoundsTable>) {
  await db.insertInto('rounds').values(row).execute();
}

export async function insertCategories(db: DbOrTx, rows: Insertable<CategoriesTable>[]) {
  await insertMany(db, 'categories', rows);
}

export async function insertMatters(db: DbOrTx, rows: Insertable<MattersTable>[]) {
  await insertMany(db, 'matters', rows);
}

export async function insertProjects(db: DbOrTx, rows: Insertable<ProjectsTable>[]) {
  await insertMany(db, 'projects', rows);
}

/** Rewrite what an import changes on existing projects; rows are the complete, merged project rows. */
export async function updateImportedProjects(db: DbOrTx, rows: Insertable<ProjectsTable>[]) {
  await updateManyById(db, 'projects', rows, [
    'name',
    'annualTargetText',
    'levels',
    'flags',
    'keySupervision',
    'matterId',
    'updatedAt',
  ]);
}

export async function insertProjectUnits(db: DbOrTx, rows: Insertable<ProjectUnitsTable>[]) {
  await insertMany(db, 'projectUnits', rows);
}

export async function insertPeriodTargets(db: DbOrTx, rows: Insertable<PeriodTargetsTable>[]) {
  await insertMany(db, 'periodTargets', rows);
}

/** Rewrite the target text of existing period targets; rows are the complete rows with the new text. */
export async function updatePeriodTargetTexts(db: DbOrTx, rows: Insertable<PeriodTargetsTable>[]) {
  await updateManyById(db, 'periodTargets', rows, ['targetText']);
}

export async function insertReportRows(db: DbOrTx, rows: Insertable<ReportsTable>[]) {
  await insertMany(db, 'reports', rows);
}

/**
 * Move the version pointer of many reports forward by `by`, one statement per chunk of ids; with `marked`, also set
 * their state (an import stored as approved or published).
 */
export async function advanceReportVersions(
  db: DbOrTx,
  reportIds: string[],
  by: number,
  updatedAt: string,
  marked?: { status: string; approvedAt: string },
) {
  for (const ids of chunks(reportIds, rowsPerStatement(1) - 4))
    await db
      .updateTable('reports')
      .set((eb) => ({ versionNo: eb('versionNo', '+', by), updatedAt, ...(marked ?? {}) }))
      .where('id', 'in', ids)
      .execute();
}

export async function insertReportVersions(db: DbOrTx, rows: Insertable<ReportVersionsTable>[]) {
  await insertMany(db, 'reportVersions', rows);
}
