/**
 * 领导总览, 排名, 考核 (issue 12 §1, §3): a programme's rounds, every report of a set of its rounds with its current
 * stored assessment (one statement per chunk of rounds), its 督办 records, money indicators and their values, and its
 * evaluation rules.
 */
import type { OrgSet } from '../../domain/policies/policies';
import type { DbOrTx } from '../db/connect';
import { CURRENT_ASSESSMENT_COLUMNS } from './assessments.repo';

/** Programmes owned within `owners` with their owner's name (the picker). */
export async function findDashboardProgrammes(db: DbOrTx, owners: OrgSet) {
  if (owners !== 'all' && owners.length === 0) return [];
  return db
    .selectFrom('programmes')
    .innerJoin('organizations', 'organizations.id', 'programmes.ownerOrgId')
    .$if(owners !== 'all', (q) => q.where('programmes.ownerOrgId', 'in', owners as readonly string[]))
    .select([
      'programmes.id',
      'programmes.name',
      'programmes.year',
      'programmes.ownerOrgId',
      'programmes.evaluationRules',
      'organizations.name as owner',
    ])
    .orderBy('programmes.year', 'desc')
    .orderBy('programmes.name')
    .execute();
}

/** One programme with its owner and rules. */
export async function findDashboardProgramme(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('programmes')
    .innerJoin('organizations', 'organizations.id', 'programmes.ownerOrgId')
    .select([
      'programmes.id',
      'programmes.name',
      'programmes.year',
      'programmes.ownerOrgId',
      'programmes.evaluationRules',
      'organizations.name as owner',
    ])
    .where('programmes.id', '=', programmeId)
    .executeTakeFirst();
}

/** A programme's rounds that units were asked to fill (not drafts), in time order. */
export async function findProgrammeRounds(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('rounds')
    .select(['id', 'name', 'periodKey', 'asOf', 'dueDate', 'status'])
    .where('programmeId', '=', programmeId)
    .where('status', '<>', 'draft')
    .orderBy('asOf')
    .orderBy('createdAt')
    .execute();
}

/**
 * Every report of the programme's rounds with its project, unit, current version's text and current assessment. Three
 * index-driven statements joined here (reports by round with their version and assessment; the programme's projects
 * with matters; the units): one statement with every join lets PostgreSQL hash-join a seq scan of every project of the
 * installation (15,000 at scale 100) — 140 ms instead of a few.
 */
export async function findDashboardRows(db: DbOrTx, programmeId: string, roundIds: readonly string[]) {
  if (!roundIds.length) return [];
  const reports = [];
  for (let i = 0; i < roundIds.length; i += 50) {
    reports.push(
      ...(await db
        .selectFrom('reports')
        .leftJoin('reportVersions', (j) =>
          j
            .onRef('reportVersions.reportId', '=', 'reports.id')
            .onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
        )
        .leftJoin('reportAssessments', (j) =>
          j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
        )
        .select([
          'reports.id as reportId',
          'reports.roundId',
          'reports.projectId',
          'reports.orgId',
          'reports.status',
          'reports.versionNo',
          'reports.submittedLate',
          ...CURRENT_ASSESSMENT_COLUMNS,
          'reportVersions.selfAssessment',
          'reportVersions.problems',
          'reportVersions.completedAnnualTarget',
        ])
        .where('reports.roundId', 'in', roundIds.slice(i, i + 50))
        .execute()),
    );
  }
  const projects = await db
    .selectFrom('projects')
    .leftJoin('matters', 'matters.id', 'projects.matterId')
    .select([
      'projects.id',
      'projects.code',
      'projects.name',
      'projects.levels',
      'projects.flags',
      'projects.seq as projectSeq',
      'matters.id as matterId',
      'matters.number as matterNumber',
      'matters.title as matter',
      'matters.seq as matterSeq',
    ])
    .where('projects.programmeId', '=', programmeId)
    .execute();
  const orgIds = [...new Set(reports.map((r) => r.orgId))];
  const orgs = [];
  for (let i = 0; i < orgIds.length; i += 500)
    orgs.push(
      ...(await db
        .selectFrom('organizations')
        .select(['id', 'name', 'seq'])
        .where('id', 'in', orgIds.slice(i, i + 500))
        .execute()),
    );
  const projectOf = new Map(projects.map((p) => [p.id, p]));
  const orgOf = new Map(orgs.map((o) => [o.id, o]));
  return reports.flatMap((r) => {
    const p = projectOf.get(r.projectId);
    const o = orgOf.get(r.orgId);
    if (!p || !o) return [];
    const { id: _id, ...project } = p;
    return [{ ...r, ...project, unit: o.name, unitSeq: o.seq }];
  });
}

/** Due-date extensions of the rounds (whole round: orgId null; one unit: its id), oldest first. */
export async function findExtensions(db: DbOrTx, roundIds: readonly string[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('roundExceptions')
    .select(['roundId', 'orgId', 'dueDate'])
    .where('roundId', 'in', roundIds)
    .where('dueDate', 'is not', null)
    .orderBy('createdAt')
    .execute();
}

/** The programme's 督办 records with their project. */
export async function findProgrammeSupervisions(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('supervisions')
    .innerJoin('projects', 'projects.id', 'supervisions.projectId')
    .select([
      'supervisions.id',
      'supervisions.roundId',
      'supervisions.projectId',
      'supervisions.orgId',
      'supervisions.reportId',
      'supervisions.level',
      'supervisions.status',
      'supervisions.createdAt',
      'projects.code',
      'projects.name',
    ])
    .where('supervisions.programmeId', '=', programmeId)
    .orderBy('supervisions.createdAt')
    .execute();
}

/** Money indicators (万元, 亿元, 元) of the programme's projects (by the projects' index, not a scan of indicators). */
export async function findMoneyIndicators(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('projects')
    .innerJoin('indicators', 'indicators.projectId', 'projects.id')
    .select([
      'indicators.id',
      'indicators.projectId',
      'indicators.orgId',
      'indicators.name',
      'indicators.unit',
      'indicators.targetValue',
      'projects.code',
      'projects.name as projectName',
    ])
    .where('projects.programmeId', '=', programmeId)
    .where('indicators.unit', 'in', ['万元', '亿元', '元'])
    .execute();
}

/** Values of the given indicators in the given versions. */
export async function findIndicatorValues(db: DbOrTx, versionIds: readonly string[], indicatorIds: readonly string[]) {
  if (!versionIds.length || !indicatorIds.length) return [];
  const out = [];
  for (let i = 0; i < versionIds.length; i += 400)
    out.push(
      ...(await db
        .selectFrom('reportValues')
        .select(['versionId', 'indicatorId', 'value'])
        .where('versionId', 'in', versionIds.slice(i, i + 400))
        .where('indicatorId', 'in', indicatorIds)
        .execute()),
    );
  return out;
}

export async function setEvaluationRules(db: DbOrTx, programmeId: string, json: string | null) {
  await db.updateTable('programmes').set({ evaluationRules: json }).where('id', '=', programmeId).execute();
}
