/** The project page's reads and the 年度目标调整 writes. */
import type { DbOrTx } from '../db/connect';
import type { TargetVersionsTable } from '../db/database';
import { CURRENT_ASSESSMENT_COLUMNS } from './assessments.repo';

export async function findProjectWithMatter(db: DbOrTx, id: string) {
  return db
    .selectFrom('projects')
    .leftJoin('matters', 'matters.id', 'projects.matterId')
    .leftJoin('categories', 'categories.id', 'matters.categoryId')
    .selectAll('projects')
    .select(['matters.title as matter', 'categories.name as category'])
    .where('projects.id', '=', id)
    .executeTakeFirst();
}

export async function findIndicatorsWithUnit(db: DbOrTx, id: string) {
  return db
    .selectFrom('indicators')
    .leftJoin('organizations', 'organizations.id', 'indicators.orgId')
    .select([
      'indicators.id',
      'indicators.name',
      'indicators.kind',
      'indicators.unit',
      'indicators.targetText',
      'indicators.targetValue',
      'organizations.name as unitName',
    ])
    .where('indicators.projectId', '=', id)
    .orderBy('indicators.seq')
    .execute();
}

export async function findTargetVersions(db: DbOrTx, id: string) {
  const [ofIndicators, ofProject] = await Promise.all([indicatorTargetVersions(db, id), projectTargetVersions(db, id)]);
  return [...ofIndicators, ...ofProject].sort((a, b) => a.approvedAt.localeCompare(b.approvedAt));
}

/** 年度目标调整 of the project's own annual target (a re-import's accepted change, 0012), as the indicator's are shown. */
async function projectTargetVersions(db: DbOrTx, id: string) {
  const rows = await db
    .selectFrom('projectTargetVersions')
    .select(['version', 'oldText', 'newText', 'reason', 'approvedBy', 'approvedAt'])
    .where('projectId', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ indicator: '年度目标', ...r }));
}

async function indicatorTargetVersions(db: DbOrTx, id: string) {
  return db
    .selectFrom('targetVersions')
    .innerJoin('indicators', 'indicators.id', 'targetVersions.indicatorId')
    .select([
      'indicators.name as indicator',
      'targetVersions.version',
      'targetVersions.oldText',
      'targetVersions.newText',
      'targetVersions.reason',
      'targetVersions.approvedBy',
      'targetVersions.approvedAt',
    ])
    .where('indicators.projectId', '=', id)
    .orderBy('targetVersions.approvedAt')
    .execute();
}

/** Every round's report of a project with its current content, newest round first. */
export async function findProjectReports(db: DbOrTx, id: string) {
  return db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .leftJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select([
      'reports.id as reportId',
      'reports.orgId',
      ...CURRENT_ASSESSMENT_COLUMNS,
      'reports.status',
      'rounds.id as roundId',
      'rounds.name as roundName',
      'rounds.periodKey',
      'rounds.asOf',
      'organizations.name as unit',
      'reportVersions.progressText',
      'reportVersions.selfAssessment',
      'reportVersions.problems',
      'reportVersions.nextSteps',
    ])
    .where('reports.projectId', '=', id)
    .orderBy('rounds.asOf', 'desc')
    .orderBy('organizations.seq')
    .execute();
}

export async function findIndicator(db: DbOrTx, id: string) {
  return db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextTargetVersion(db: DbOrTx, indicatorId: string): Promise<number> {
  const last = await db
    .selectFrom('targetVersions')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .where('indicatorId', '=', indicatorId)
    .executeTakeFirst();
  return Number(last?.v ?? 0) + 1;
}

export async function insertTargetVersion(db: DbOrTx, v: TargetVersionsTable) {
  await db.insertInto('targetVersions').values(v).execute();
}

export async function updateIndicatorTarget(db: DbOrTx, id: string, text: string, value: number | null) {
  await db.updateTable('indicators').set({ targetText: text, targetValue: value }).where('id', '=', id).execute();
}
