/** Reports, their immutable versions and values. */
import type { ReportScope } from '../../domain/policies/policies';
import type { DbOrTx } from '../db/connect';
import type { ReportVersionsTable } from '../db/database';
import { CURRENT_ASSESSMENT_COLUMNS, refreshReportSummaries } from './assessments.repo';

/** A report with what the policy and the detail page need about its project and round. */
export async function findReportContext(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('projects', 'projects.id', 'reports.projectId')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .innerJoin('programmes', 'programmes.id', 'projects.programmeId')
    .leftJoin('matters', 'matters.id', 'projects.matterId')
    .selectAll('reports')
    .select([
      'programmes.ownerOrgId',
      'projects.code',
      'projects.name as projectName',
      'projects.annualTargetText',
      'projects.levels',
      'projects.flags',
      'projects.type',
      'projects.programmeId',
      'matters.title as matterTitle',
      'rounds.name as roundName',
      'rounds.periodKey',
      'rounds.asOf',
      'rounds.dueDate',
      'rounds.status as roundStatus',
      'organizations.name as unitName',
    ])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
}

export async function findVersion(db: DbOrTx, reportId: string, versionNo: number) {
  return db
    .selectFrom('reportVersions')
    .selectAll()
    .where('reportId', '=', reportId)
    .where('versionNo', '=', versionNo)
    .executeTakeFirst();
}

export async function findValues(db: DbOrTx, versionId: string) {
  return db
    .selectFrom('reportValues')
    .select(['indicatorId', 'value', 'note'])
    .where('versionId', '=', versionId)
    .execute();
}

export async function listVersions(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('reportVersions')
    .leftJoin('users', 'users.id', 'reportVersions.createdBy')
    .select([
      'reportVersions.versionNo',
      'reportVersions.status',
      'reportVersions.action',
      'reportVersions.comment',
      'reportVersions.createdAt',
      'users.displayName as by',
    ])
    .where('reportVersions.reportId', '=', reportId)
    .orderBy('reportVersions.versionNo', 'desc')
    .execute();
}

/** The same project × unit's latest filled report in an earlier round of the programme. */
export async function findPreviousReport(
  db: DbOrTx,
  r: { projectId: string; orgId: string; programmeId: string; asOf: string },
) {
  return db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .select([
      'rounds.name as roundName',
      'rounds.periodKey',
      'rounds.asOf',
      'reports.status',
      'reportVersions.id as versionId',
      'reportVersions.progressText',
      'reportVersions.selfAssessment',
      'reportVersions.problems',
      'reportVersions.nextSteps',
    ])
    .where('reports.projectId', '=', r.projectId)
    .where('reports.orgId', '=', r.orgId)
    .where('rounds.programmeId', '=', r.programmeId)
    .where('rounds.asOf', '<', r.asOf)
    .where('reports.versionNo', '>', 0)
    .orderBy('rounds.asOf', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Move a report to a new state only if nobody changed it since `baseVersion` (optimistic lock). */
export async function updateReportState(
  db: DbOrTx,
  id: string,
  baseVersion: number,
  set: {
    status: string;
    versionNo: number;
    updatedAt: string;
    lastComment?: string | null;
    submittedAt?: string | null;
    approvedAt?: string | null;
    submittedLate?: number;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('reports')
    .set(set)
    .where('id', '=', id)
    .where('versionNo', '=', baseVersion)
    .executeTakeFirst();
  const moved = Number(res.numUpdatedRows) === 1;
  if (moved && set.versionNo !== baseVersion) await refreshReportSummaries(db, [id]);
  return moved;
}

export async function insertVersion(
  db: DbOrTx,
  v: ReportVersionsTable,
  values: { id: string; indicatorId: string; value: number | null; note: string }[],
) {
  await db.insertInto('reportVersions').values(v).execute();
  if (values.length)
    await db
      .insertInto('reportValues')
      .values(values.map((x) => ({ ...x, versionId: v.id })))
      .execute();
}

export async function insertReports(
  db: DbOrTx,
  rows: { id: string; roundId: string; projectId: string; orgId: string; updatedAt: string }[],
) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('reports')
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, status: 'draft', versionNo: 0 })))
      .execute();
  }
}

/** Rows of a round's consolidated table (one per report) within the actor's scope. */
export async function findRoundRows(
  db: DbOrTx,
  roundId: string,
  scope: ReportScope,
  opts: {
    publishedOnly?: boolean;
    /**
     * The round's programme, when the caller has it: rows are read through its projects (an index range instead of a
     * scan of every project of the city) and the owner backstop is checked here once, rather than as a sub-query
     * over the actor's organisations (thousands of them for a city leader).
     */
    programme?: { id: string; ownerOrgId: string };
  } = {},
) {
  let q = db
    .selectFrom('reports')
    .innerJoin('projects', 'projects.id', 'reports.projectId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .leftJoin('matters', 'matters.id', 'projects.matterId')
    .leftJoin('categories', 'categories.id', 'matters.categoryId')
    .leftJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select([
      'reports.id as reportId',
      ...CURRENT_ASSESSMENT_COLUMNS,
      'reports.projectId',
      'reports.orgId',
      'reports.status',
      'reports.versionNo',
      'reports.lastComment',
      'reports.submittedAt',
      'reports.submittedLate',
      'projects.code',
      'projects.name',
      'projects.levels',
      'projects.flags',
      'projects.annualTargetText',
      'projects.matterId',
      'projects.seq as projectSeq',
      'matters.title as matter',
      'matters.number as matterNumber',
      'matters.seq as matterSeq',
      'categories.name as category',
      'organizations.name as unit',
      'organizations.seq as unitSeq',
      'reportVersions.progressText',
      'reportVersions.selfAssessment',
      'reportVersions.problems',
      'reportVersions.nextSteps',
      'reportVersions.completedAnnualTarget',
    ])
    .where('reports.roundId', '=', roundId);
  if (scope.kind === 'none') return [];
  if (scope.kind === 'units') {
    if (!scope.orgIds.length) return [];
    q = q.where('reports.orgId', 'in', scope.orgIds);
  }
  if (scope.kind === 'key') q = q.where('projects.keySupervision', '=', 1);
  // Only programmes owned within the actor's organisations (a round belongs to one programme; this is the backstop).
  const programme = opts.programme;
  if (programme) {
    if (scope.ownerOrgIds !== 'all' && !scope.ownerOrgIds.includes(programme.ownerOrgId)) return [];
    q = q.where('projects.programmeId', '=', programme.id);
  } else if (scope.ownerOrgIds !== 'all') {
    const owners = scope.ownerOrgIds;
    if (!owners.length) return [];
    q = q.where('projects.programmeId', 'in', (eb) =>
      eb.selectFrom('programmes').select('programmes.id').where('programmes.ownerOrgId', 'in', owners),
    );
  }
  if (opts.publishedOnly) q = q.where('reports.status', '=', 'published');
  const rows = await q.execute();
  // A project without a matter sorts by its own seq (imports number matters and projects on one scale, in file order).
  return rows.sort(
    (a, b) =>
      (a.matterSeq ?? a.projectSeq) - (b.matterSeq ?? b.projectSeq) ||
      a.projectSeq - b.projectSeq ||
      a.code.localeCompare(b.code, 'zh') ||
      a.unitSeq - b.unitSeq,
  );
}

/**
 * Units in roles for a set of projects, with organisation names. The name is a sub-select by primary key (org_id is a
 * foreign key, so every row has one): joined, PostgreSQL hashed every organisation of the city for each call.
 */
export async function findProjectUnits(db: DbOrTx, projectIds: string[]) {
  if (!projectIds.length) return [];
  const out = [];
  for (let i = 0; i < projectIds.length; i += 500) {
    const rows = await db
      .selectFrom('projectUnits')
      .select((eb) => [
        'projectUnits.projectId',
        'projectUnits.orgId',
        'projectUnits.role',
        'projectUnits.shareNote',
        'projectUnits.seq',
        eb
          .selectFrom('organizations')
          .select('organizations.name')
          .whereRef('organizations.id', '=', 'projectUnits.orgId')
          .as('name'),
      ])
      .where('projectUnits.projectId', 'in', projectIds.slice(i, i + 500))
      .orderBy('projectUnits.seq')
      .execute();
    for (const r of rows) out.push({ ...r, name: r.name ?? '' });
  }
  return out;
}

/** Period targets of projects (all periods; the service picks the one for the round). */
export async function findPeriodTargets(db: DbOrTx, projectIds: string[]) {
  if (!projectIds.length) return [];
  const out = [];
  for (let i = 0; i < projectIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('periodTargets')
        .select(['projectId', 'indicatorId', 'periodKey', 'targetText'])
        .where('projectId', 'in', projectIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

export async function findIndicators(db: DbOrTx, projectId: string, orgId: string) {
  return (
    db
      .selectFrom('indicators')
      .select(['id', 'name', 'kind', 'unit', 'targetText', 'targetValue', 'orgId', 'seq'])
      .where('projectId', '=', projectId)
      .where((eb) => eb.or([eb('orgId', 'is', null), eb('orgId', '=', orgId)]))
      // A whole indicator split across units (分解到单位) is replaced by this unit's own part.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('indicators as part')
              .select('part.id')
              .whereRef('part.splitOf', '=', 'indicators.id')
              .where('part.orgId', '=', orgId),
          ),
        ),
      )
      .orderBy('seq')
      .execute()
  );
}

/** The current versions of a round's approved reports (for publishing). */
export async function findApprovedVersions(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .selectAll('reportVersions')
    .where('reports.roundId', '=', roundId)
    .where('reports.status', '=', 'approved')
    .execute();
}

/** Move approved reports to published (version number + 1); answers how many moved. */
export async function publishApproved(db: DbOrTx, reportIds: string[], at: string): Promise<number> {
  let moved = 0;
  for (let i = 0; i < reportIds.length; i += 500) {
    const res = await db
      .updateTable('reports')
      .set((eb) => ({ status: 'published', versionNo: eb('versionNo', '+', 1), updatedAt: at }))
      .where('id', 'in', reportIds.slice(i, i + 500))
      .where('status', '=', 'approved')
      .executeTakeFirst();
    moved += Number(res.numUpdatedRows);
  }
  await refreshReportSummaries(db, reportIds);
  return moved;
}

/** Values of several versions. */
export async function findValuesOfVersions(db: DbOrTx, versionIds: string[]) {
  const out = [];
  for (let i = 0; i < versionIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('reportValues')
        .select(['versionId', 'indicatorId', 'value', 'note'])
        .where('versionId', 'in', versionIds.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** Insert many versions and their values in batches. */
export async function insertVersions(
  db: DbOrTx,
  versions: ReportVersionsTable[],
  values: { id: string; versionId: string; indicatorId: string; value: number | null; note: string }[],
) {
  for (let i = 0; i < versions.length; i += 200)
    await db
      .insertInto('reportVersions')
      .values(versions.slice(i, i + 200))
      .execute();
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto('reportValues')
      .values(values.slice(i, i + 500))
      .execute();
}
