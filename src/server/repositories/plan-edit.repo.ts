/** 计划编制: the writes and reads of the programme editor (tree, projects, units, indicators, period targets). */
import type { Insertable, Updateable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type {
  CategoriesTable,
  IndicatorsTable,
  MattersTable,
  PeriodTargetsTable,
  ProgrammesTable,
  ProjectsTable,
  ProjectUnitsTable,
} from '../db/database';

// ---- Programmes -------------------------------------------------------------------------------------------------

export async function insertProgramme(db: DbOrTx, row: Insertable<ProgrammesTable>) {
  await db.insertInto('programmes').values(row).execute();
}

export async function updateProgramme(db: DbOrTx, id: string, patch: Updateable<ProgrammesTable>) {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('programmes').set(patch).where('id', '=', id).execute();
}

/** The whole organisation tree (small: a district has a few hundred organisations). */
export async function listOrgTree(db: DbOrTx) {
  return db
    .selectFrom('organizations')
    .select(['id', 'parentId', 'name', 'shortName', 'aliases', 'seq'])
    .orderBy('seq')
    .orderBy('name')
    .execute();
}

export async function findOrganization(db: DbOrTx, id: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

// ---- The tree ---------------------------------------------------------------------------------------------------

export async function listCategories(db: DbOrTx, programmeId: string) {
  return db.selectFrom('categories').selectAll().where('programmeId', '=', programmeId).orderBy('seq').execute();
}

export async function listMatters(db: DbOrTx, programmeId: string) {
  return db.selectFrom('matters').selectAll().where('programmeId', '=', programmeId).orderBy('seq').execute();
}

export async function listProjects(db: DbOrTx, programmeId: string) {
  return db.selectFrom('projects').selectAll().where('programmeId', '=', programmeId).orderBy('seq').execute();
}

/** Units in roles of a programme's projects, with names, in order. */
export async function listProgrammeUnits(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('projectUnits')
    .innerJoin('projects', 'projects.id', 'projectUnits.projectId')
    .innerJoin('organizations', 'organizations.id', 'projectUnits.orgId')
    .select([
      'projectUnits.projectId',
      'projectUnits.orgId',
      'projectUnits.role',
      'projectUnits.shareNote',
      'organizations.name',
    ])
    .where('projects.programmeId', '=', programmeId)
    .orderBy('projectUnits.seq')
    .execute();
}

/** Period targets of a programme's projects. */
export async function listProgrammePeriodTargets(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('periodTargets')
    .innerJoin('projects', 'projects.id', 'periodTargets.projectId')
    .selectAll('periodTargets')
    .where('projects.programmeId', '=', programmeId)
    .execute();
}

/** Whole-project indicators (not split parts) of a programme's projects. */
export async function listProgrammeIndicators(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.projectId')
    .selectAll('indicators')
    .where('projects.programmeId', '=', programmeId)
    .orderBy('indicators.seq')
    .execute();
}

export async function findCategory(db: DbOrTx, id: string) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertCategory(db: DbOrTx, row: Insertable<CategoriesTable>) {
  await db.insertInto('categories').values(row).execute();
}
export async function updateCategory(db: DbOrTx, id: string, patch: Updateable<CategoriesTable>) {
  if (Object.keys(patch).length) await db.updateTable('categories').set(patch).where('id', '=', id).execute();
}
export async function deleteCategory(db: DbOrTx, id: string) {
  await db.deleteFrom('categories').where('id', '=', id).execute();
}

export async function findMatter(db: DbOrTx, id: string) {
  return db.selectFrom('matters').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertMatter(db: DbOrTx, row: Insertable<MattersTable>) {
  await db.insertInto('matters').values(row).execute();
}
export async function updateMatter(db: DbOrTx, id: string, patch: Updateable<MattersTable>) {
  if (Object.keys(patch).length) await db.updateTable('matters').set(patch).where('id', '=', id).execute();
}
export async function deleteMatter(db: DbOrTx, id: string) {
  await db.deleteFrom('matters').where('id', '=', id).execute();
}

/** The next seq at the end of a list (categories / matters / projects of a programme). */
export async function maxSeq(db: DbOrTx, table: 'categories' | 'matters' | 'projects', programmeId: string) {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number>('seq').as('m'))
    .where('programmeId', '=', programmeId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export async function setSeq(db: DbOrTx, table: 'categories' | 'matters' | 'projects', id: string, seq: number) {
  await db.updateTable(table).set({ seq }).where('id', '=', id).execute();
}

// ---- Projects ---------------------------------------------------------------------------------------------------

export async function findProject(db: DbOrTx, id: string) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProject(db: DbOrTx, row: Insertable<ProjectsTable>) {
  await db.insertInto('projects').values(row).execute();
}

/** Update a project if its version is still `version` (and bump it); false when someone else changed it first. */
export async function updateProjectGuarded(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Updateable<ProjectsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('projects')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Update a project without a version check (the bump still happens: readers holding the old version get 409). */
export async function updateProjectBump(db: DbOrTx, id: string, patch: Updateable<ProjectsTable>) {
  await db
    .updateTable('projects')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Count of reports per project among `projectIds` (only projects that have any). */
export async function countReportsByProject(db: DbOrTx, projectIds: readonly string[]) {
  if (!projectIds.length) return new Map<string, number>();
  const out = new Map<string, number>();
  for (let i = 0; i < projectIds.length; i += 500) {
    const rows = await db
      .selectFrom('reports')
      .select(['projectId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('projectId', 'in', projectIds.slice(i, i + 500))
      .groupBy('projectId')
      .execute();
    for (const r of rows) out.set(r.projectId, Number(r.n));
  }
  return out;
}

/** Adjustment records of the projects' indicators and annual targets (history a delete must not lose). */
export async function countTargetVersions(db: DbOrTx, projectIds: readonly string[]) {
  if (!projectIds.length) return 0;
  const r = await db
    .selectFrom('targetVersions')
    .innerJoin('indicators', 'indicators.id', 'targetVersions.indicatorId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('indicators.projectId', 'in', projectIds)
    .executeTakeFirst();
  const p = await db
    .selectFrom('projectTargetVersions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('projectId', 'in', projectIds)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + Number(p?.n ?? 0);
}

/** Delete projects with their units, indicators and period targets (the caller checked nothing was reported). */
export async function deleteProjects(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return;
  const list = [...ids];
  await db.deleteFrom('periodTargets').where('projectId', 'in', list).execute();
  await db.updateTable('indicators').set({ splitOf: null }).where('projectId', 'in', list).execute();
  await db.deleteFrom('indicators').where('projectId', 'in', list).execute();
  await db.deleteFrom('projectUnits').where('projectId', 'in', list).execute();
  await db.updateTable('projects').set({ parentId: null }).where('id', 'in', list).execute();
  await db.deleteFrom('projects').where('id', 'in', list).execute();
}

// ---- Units, indicators, period targets of one project ----------------------------------------------------------

export async function findUnitsOf(db: DbOrTx, projectId: string) {
  return db
    .selectFrom('projectUnits')
    .innerJoin('organizations', 'organizations.id', 'projectUnits.orgId')
    .select(['projectUnits.orgId', 'projectUnits.role', 'projectUnits.shareNote', 'organizations.name'])
    .where('projectUnits.projectId', '=', projectId)
    .orderBy('projectUnits.seq')
    .execute();
}

export async function replaceUnits(db: DbOrTx, projectId: string, rows: Insertable<ProjectUnitsTable>[]) {
  await db.deleteFrom('projectUnits').where('projectId', '=', projectId).execute();
  if (rows.length) await db.insertInto('projectUnits').values(rows).execute();
}

export async function setShareNote(db: DbOrTx, projectId: string, orgId: string, shareNote: string) {
  await db
    .updateTable('projectUnits')
    .set({ shareNote })
    .where('projectId', '=', projectId)
    .where('orgId', '=', orgId)
    .execute();
}

export async function findIndicatorsOf(db: DbOrTx, projectId: string) {
  return db.selectFrom('indicators').selectAll().where('projectId', '=', projectId).orderBy('seq').execute();
}

export async function findPeriodTargetsOf(db: DbOrTx, projectId: string) {
  return db.selectFrom('periodTargets').selectAll().where('projectId', '=', projectId).orderBy('periodKey').execute();
}

export async function insertIndicator(db: DbOrTx, row: Insertable<IndicatorsTable>) {
  await db.insertInto('indicators').values(row).execute();
}
export async function updateIndicator(db: DbOrTx, id: string, patch: Updateable<IndicatorsTable>) {
  await db.updateTable('indicators').set(patch).where('id', '=', id).execute();
}
export async function deleteIndicators(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return;
  await db
    .deleteFrom('periodTargets')
    .where('indicatorId', 'in', [...ids])
    .execute();
  await db
    .updateTable('indicators')
    .set({ splitOf: null })
    .where('splitOf', 'in', [...ids])
    .execute();
  await db
    .deleteFrom('indicators')
    .where('id', 'in', [...ids])
    .execute();
}

/** Indicators among `ids` that have reported values or adjustment records (they are history). */
export async function indicatorsWithHistory(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const values = await db
    .selectFrom('reportValues')
    .select('indicatorId')
    .distinct()
    .where('indicatorId', 'in', [...ids])
    .execute();
  const versions = await db
    .selectFrom('targetVersions')
    .select('indicatorId')
    .distinct()
    .where('indicatorId', 'in', [...ids])
    .execute();
  return new Set([...values, ...versions].map((r) => r.indicatorId));
}

/** Replace the period targets of a project (all of them: indicators' and 形象进度). */
export async function replacePeriodTargets(db: DbOrTx, projectId: string, rows: Insertable<PeriodTargetsTable>[]) {
  await db.deleteFrom('periodTargets').where('projectId', '=', projectId).execute();
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('periodTargets')
      .values(rows.slice(i, i + 100))
      .execute();
}

/** Replace the period targets of one period of a project. */
export async function replacePeriodTargetsOfPeriod(
  db: DbOrTx,
  projectId: string,
  periodKey: string,
  rows: Insertable<PeriodTargetsTable>[],
) {
  await db.deleteFrom('periodTargets').where('projectId', '=', projectId).where('periodKey', '=', periodKey).execute();
  if (rows.length) await db.insertInto('periodTargets').values(rows).execute();
}

export async function findIndicatorPeriodTargets(db: DbOrTx, indicatorId: string) {
  return db.selectFrom('periodTargets').selectAll().where('indicatorId', '=', indicatorId).execute();
}

export async function updatePeriodTarget(db: DbOrTx, id: string, targetText: string, targetValue: number | null) {
  await db.updateTable('periodTargets').set({ targetText, targetValue }).where('id', '=', id).execute();
}

/** Set (or replace) one period target of an indicator. */
export async function upsertIndicatorPeriodTarget(db: DbOrTx, row: Insertable<PeriodTargetsTable>) {
  await db
    .deleteFrom('periodTargets')
    .where('indicatorId', '=', row.indicatorId!)
    .where('periodKey', '=', row.periodKey)
    .execute();
  await db.insertInto('periodTargets').values(row).execute();
}

export async function deletePeriodTargetsById(db: DbOrTx, ids: readonly string[]) {
  if (ids.length)
    await db
      .deleteFrom('periodTargets')
      .where('id', 'in', [...ids])
      .execute();
}

export async function insertPeriodTargets(db: DbOrTx, rows: Insertable<PeriodTargetsTable>[]) {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('periodTargets')
      .values(rows.slice(i, i + 100))
      .execute();
}
