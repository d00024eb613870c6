/** Reports, their immutable versions and values. */
import type { ReportScope } from '../../domain/policies/policies';
import type { DbOrTx } from '../db/connect';
import type { ReportVersionsTable } from '../db/database';

/** A report with what the policy and the detail page need about its project and round. */
export async function findReportContext(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('projects', 'projects.id', 'reports.projectId')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .leftJoin('matters', 'matters.id', 'projects.matterId')
    .selectAll('reports')
    .select([
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
  },
): Promise<boolean> {
  const res = await db
    .updateTable('reports')
    .set(set)
    .where('id', '=', id)
    .where('versionNo', '=', baseVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
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
  opts: { publishedOnly?: boolean } = {},
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
    .select([
      'reports.id as reportId',
      'reports.projectId',
      'reports.orgId',
      'reports.status',
      'reports.versionNo',
      'reports.lastComment',
      'reports.submittedAt',
      'projects.code',
      'projects.name',
      'projects.levels',
      'projects.flags',
      'projects.annualTargetText',
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
  if (scope.kind === 'key') q = q.where('projects.flags', 'like', '%"key_supervision"%');
  if (opts.publishedOnly) q = q.where('reports.status', '=', 'published');
  const rows = await q.execute();
  return rows.sort(
    (a, b) =>
      (a.matterSeq ?? 1e9) - (b.matterSeq ?? 1e9) ||
      a.projectSeq - b.projectSeq ||
      a.code.localeCompare(b.code, 'zh') ||
      a.unitSeq - b.unitSeq,
  );
}

/** Units in roles for a set of projects, with organisation names. */
export async function findProjectUnits(db: DbOrTx, projectIds: string[]) {
  if (!projectIds.length) return [];
  const out = [];
  for (let i = 0; i < projectIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('projectUnits')
        .innerJoin('organizations', 'organizations.id', 'projectUnits.orgId')
        .select([
          'projectUnits.projectId',
          'projectUnits.orgId',
          'projectUnits.role',
          'projectUnits.shareNote',
          'projectUnits.seq',
          'organizations.name',
        ])
        .where('projectUnits.projectId', 'in', projectIds.slice(i, i + 500))
        .orderBy('projectUnits.seq')
        .execute()),
    );
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
  return db
    .selectFrom('indicators')
    .select(['id', 'name', 'kind', 'unit', 'targetText', 'targetValue', 'orgId', 'seq'])
    .where('projectId', '=', projectId)
    .where((eb) => eb.or([eb('orgId', 'is', null), eb('orgId', '=', orgId)]))
    .orderBy('seq')
    .execute();
}

/** Approved reports of a round (for publishing). */
export async function findApprovedReports(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'versionNo'])
    .where('roundId', '=', roundId)
    .where('status', '=', 'approved')
    .execute();
}
