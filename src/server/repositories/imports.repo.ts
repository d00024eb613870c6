/**
 * SQL of the import commit: what of the programme a file's rows name, loaded with a few IN-list queries per table,
 * then set-based writes (multi-row inserts, multi-row updates by id) inside the caller's transaction.
 */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type {
  CategoriesTable,
  MattersTable,
  PeriodTargetsTable,
  ProjectsTable,
  ProjectTargetVersionsTable,
  ProjectUnitsTable,
  ReportsTable,
  ReportValuesTable,
  ReportVersionsTable,
  RoundsTable,
} from '../db/database';
import { refreshReportSummaries } from './assessments.repo';
import { chunks, insertMany, rowsPerStatement, updateManyById } from './batch';

/** The rows of a file an import matches projects by: their codes and names. */
export type ImportScope = { codes: readonly string[]; names: readonly string[] };

/** Ids, codes or names per IN list: well under every engine's parameter limit, and a short statement each. */
const IN_LIST = 1000;

/**
 * What of a programme the commit matches a file's rows against: its categories and matters, the projects whose code
 * or name a row has (a 50,000-project programme is not loaded whole for a 2,000-row batch), and those projects' units
 * in roles and period targets. Projects come in the programme's order (seq, then id) whatever the engine.
 */
export async function loadProgrammeForImport(
  db: DbOrTx,
  programmeId: string,
  periodKey: string | null,
  scope: ImportScope,
) {
  const [categories, matters] = await Promise.all([
    db.selectFrom('categories').select(['id', 'name']).where('programmeId', '=', programmeId).execute(),
    db.selectFrom('matters').select(['id', 'goalText']).where('programmeId', '=', programmeId).execute(),
  ]);
  type Project = Selectable<ProjectsTable>;
  const byId = new Map<string, Project>();
  for (const [column, values] of [
    ['code', scope.codes],
    ['name', scope.names],
  ] as const)
    for (const part of chunks([...new Set(values)].filter(Boolean), IN_LIST))
      for (const p of await db
        .selectFrom('projects')
        .selectAll()
        .where('programmeId', '=', programmeId)
        .where(column, 'in', part)
        .execute())
        byId.set(p.id, p);
  const projects = [...byId.values()].sort((x, y) => x.seq - y.seq || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const units: { id: string; projectId: string; orgId: string; role: string; orgName: string; seq: number }[] = [];
  const periodTargets: Selectable<PeriodTargetsTable>[] = [];
  for (const ids of chunks(
    projects.map((p) => p.id),
    IN_LIST,
  )) {
    units.push(
      ...(await db
        .selectFrom('projectUnits')
        .innerJoin('organizations', 'organizations.id', 'projectUnits.orgId')
        .select([
          'projectUnits.id',
          'projectUnits.projectId',
          'projectUnits.orgId',
          'projectUnits.role',
          'projectUnits.seq',
          'organizations.name as orgName',
        ])
        .where('projectUnits.projectId', 'in', ids)
        .execute()),
    );
    if (periodKey)
      periodTargets.push(
        ...(await db
          .selectFrom('periodTargets')
          .selectAll()
          .where('projectId', 'in', ids)
          .where('periodKey', '=', periodKey)
          .where('indicatorId', 'is', null)
          .execute()),
      );
  }
  units.sort((x, y) => x.seq - y.seq);
  return { categories, matters, projects, units, periodTargets };
}

/**
 * Reports of a round (id, who, status, version pointer) with their current version's content and who made it
 * (`action`: a unit's save/submit, a review, or an import) — what a re-import is compared with; only the reports on
 * `projectIds` (the projects a file's rows matched).
 */
export async function findRoundReports(db: DbOrTx, roundId: string, projectIds: readonly string[]) {
  const out = [];
  for (const ids of chunks(projectIds, IN_LIST))
    out.push(
      ...(await db
        .selectFrom('reports')
        .leftJoin('reportVersions', (j) =>
          j
            .onRef('reportVersions.reportId', '=', 'reports.id')
            .onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
        )
        .select([
          'reports.id',
          'reports.projectId',
          'reports.orgId',
          'reports.status',
          'reports.versionNo',
          'reportVersions.id as versionId',
          'reportVersions.action',
          'reportVersions.progressText',
          'reportVersions.selfAssessment',
          'reportVersions.problems',
          'reportVersions.nextSteps',
          'reportVersions.completedAnnualTarget',
          'reportVersions.targetAdjustmentNote',
          'reportVersions.lagAnalysis',
        ])
        .where('reports.roundId', '=', roundId)
        .where('reports.projectId', 'in', ids)
        .execute()),
    );
  return out;
}

/** The newest 年度目标调整 number of each project (0 when none). */
export async function lastProjectTargetVersions(db: DbOrTx, projectIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const ids of chunks(projectIds, rowsPerStatement(1) - 4)) {
    const rows = await db
      .selectFrom('projectTargetVersions')
      .select(['projectId', (eb) => eb.fn.max('version').as('v')])
      .where('projectId', 'in', ids)
      .groupBy('projectId')
      .execute();
    for (const r of rows) out.set(r.projectId, Number(r.v));
  }
  return out;
}

export async function insertProjectTargetVersions(db: DbOrTx, rows: Insertable<ProjectTargetVersionsTable>[]) {
  await insertMany(db, 'projectTargetVersions', rows);
}

/** (project, unit) pairs among `pairs` that have reports in any round (their unit-in-role row is not deleted). */
export async function unitsWithReports(db: DbOrTx, pairs: { projectId: string; orgId: string }[]) {
  const found = new Set<string>();
  const projectIds = [...new Set(pairs.map((p) => p.projectId))];
  for (const ids of chunks(projectIds, rowsPerStatement(1) - 4)) {
    const rows = await db
      .selectFrom('reports')
      .select(['projectId', 'orgId'])
      .distinct()
      .where('projectId', 'in', ids)
      .execute();
    for (const r of rows) found.add(`${r.projectId}|${r.orgId}`);
  }
  return found;
}

export async function deleteProjectUnits(db: DbOrTx, ids: string[]) {
  for (const chunk of chunks(ids, rowsPerStatement(1) - 4))
    await db.deleteFrom('projectUnits').where('id', 'in', chunk).execute();
}

/** Copy the indicator values of versions to new versions (an office version keeps the unit's numbers). */
export async function copyReportValues(db: DbOrTx, pairs: { from: string; to: string }[], newId: () => string) {
  const toOf = new Map(pairs.map((p) => [p.from, p.to]));
  const rows: Insertable<ReportValuesTable>[] = [];
  for (const ids of chunks([...toOf.keys()], rowsPerStatement(1) - 4)) {
    const values = await db.selectFrom('reportValues').selectAll().where('versionId', 'in', ids).execute();
    for (const v of values) rows.push({ ...v, id: newId(), versionId: toOf.get(v.versionId)! });
  }
  await insertMany(db, 'reportValues', rows);
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
export async function updateImportedProjects(
  db: DbOrTx,
  rows: Insertable<ProjectsTable>[],
  extra: readonly (keyof ProjectsTable & string)[] = [],
) {
  await updateManyById(db, 'projects', rows, [
    'name',
    'annualTargetText',
    'levels',
    'flags',
    'keySupervision',
    'matterId',
    'updatedAt',
    ...extra,
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
  await refreshReportSummaries(db, reportIds);
}

export async function insertReportVersions(db: DbOrTx, rows: Insertable<ReportVersionsTable>[]) {
  await insertMany(db, 'reportVersions', rows);
}
