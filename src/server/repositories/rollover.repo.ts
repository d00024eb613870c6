/**
 * SQL of the roll-over (结转): a programme's structure read whole (every column, so columns added by later migrations
 * are carried over as they are), the state its projects ended the year in, and set-based inserts of the copy.
 */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type {
  CategoriesTable,
  IndicatorsTable,
  MattersTable,
  ProgrammesTable,
  ProjectsTable,
  ProjectUnitsTable,
} from '../db/database';
import { insertMany } from './batch';

/** The programme row, every column. */
export async function findProgrammeRow(db: DbOrTx, id: string) {
  return db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A programme of the year owned by the organisation (a roll-over into it is refused). */
export async function findProgrammeOfYear(db: DbOrTx, ownerOrgId: string, year: number) {
  return db
    .selectFrom('programmes')
    .select(['id', 'name'])
    .where('ownerOrgId', '=', ownerOrgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function findOrgName(db: DbOrTx, id: string) {
  const row = await db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? '';
}

/** Categories, matters, projects, their units in roles (with the unit's name) and indicators, in display order. */
export async function loadProgrammeStructure(db: DbOrTx, programmeId: string) {
  const [categories, matters, projects, units, indicators] = await Promise.all([
    db.selectFrom('categories').selectAll().where('programmeId', '=', programmeId).orderBy('seq').execute(),
    db.selectFrom('matters').selectAll().where('programmeId', '=', programmeId).orderBy('seq').execute(),
    db
      .selectFrom('projects')
      .selectAll()
      .where('programmeId', '=', programmeId)
      .orderBy('seq')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('projectUnits')
      .innerJoin('projects', 'projects.id', 'projectUnits.projectId')
      .innerJoin('organizations', 'organizations.id', 'projectUnits.orgId')
      .selectAll('projectUnits')
      .select('organizations.name as orgName')
      .where('projects.programmeId', '=', programmeId)
      .orderBy('projectUnits.seq')
      .execute(),
    db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.projectId')
      .selectAll('indicators')
      .where('projects.programmeId', '=', programmeId)
      .orderBy('indicators.seq')
      .execute(),
  ]);
  return { categories, matters, projects, units, indicators };
}

/**
 * Every approved or published report of the programme with its round and current version: what the year ended with
 * (the unit's 已完成 / completed-annual-target and the stored judgement of that version).
 */
export async function findReviewedReports(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select([
      'reports.projectId',
      'reports.status',
      'rounds.name as roundName',
      'rounds.periodKey',
      'rounds.asOf',
      'reportVersions.completedAnnualTarget',
      'reportVersions.selfAssessment',
      'reportAssessments.computedStatus',
    ])
    .where('rounds.programmeId', '=', programmeId)
    .where('reports.status', 'in', ['approved', 'published'])
    .execute();
}

export async function insertProgrammeRow(db: DbOrTx, row: Insertable<ProgrammesTable>) {
  await db.insertInto('programmes').values(row).execute();
}

/** The copied rows, parents first. */
export async function insertCopies(
  db: DbOrTx,
  rows: {
    categories: Insertable<CategoriesTable>[];
    matters: Insertable<MattersTable>[];
    projects: Insertable<ProjectsTable>[];
    units: Insertable<ProjectUnitsTable>[];
    indicators: Insertable<IndicatorsTable>[];
  },
) {
  await insertMany(db, 'categories', rows.categories);
  await insertMany(db, 'matters', rows.matters);
  await insertMany(db, 'projects', rows.projects);
  await insertMany(db, 'projectUnits', rows.units);
  await insertMany(db, 'indicators', rows.indicators);
}
