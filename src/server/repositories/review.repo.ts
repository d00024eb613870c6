/** Rounds' lifecycle (state, extensions, reopenings), review helpers, the reporter's tasks and lag analyses (0013). */
import type { ReportScope } from '../../domain/policies/policies';
import type { DbOrTx } from '../db/connect';
import type { LagAnalysisVersionsTable, RoundExceptionsTable } from '../db/database';

/** Set a round's lifecycle state (draft, open, closed, archived). */
export async function setRoundStatus(db: DbOrTx, id: string, status: string) {
  await db.updateTable('rounds').set({ status }).where('id', '=', id).execute();
}

/** Move the whole round's due date (the old one stays in round_exceptions). */
export async function setRoundDueDate(db: DbOrTx, id: string, dueDate: string) {
  await db.updateTable('rounds').set({ dueDate }).where('id', '=', id).execute();
}

export async function insertRoundException(db: DbOrTx, row: RoundExceptionsTable) {
  await db.insertInto('roundExceptions').values(row).execute();
}

/** Extensions and reopenings of a round, newest first, with who and which unit. */
export async function listRoundExceptions(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('roundExceptions')
    .leftJoin('organizations', 'organizations.id', 'roundExceptions.orgId')
    .leftJoin('users', 'users.id', 'roundExceptions.createdBy')
    .select([
      'roundExceptions.id',
      'roundExceptions.kind',
      'roundExceptions.orgId',
      'roundExceptions.dueDate',
      'roundExceptions.previousDueDate',
      'roundExceptions.reason',
      'roundExceptions.createdAt',
      'organizations.name as unit',
      'users.displayName as by',
    ])
    .where('roundExceptions.roundId', '=', roundId)
    .orderBy('roundExceptions.createdAt', 'desc')
    .orderBy('roundExceptions.id', 'desc')
    .execute();
}

/** The units' exceptions of several rounds plus the rounds' closings (the reporter's tasks, one unit's report). */
export async function findUnitExceptions(db: DbOrTx, roundIds: string[], orgIds: string[]) {
  if (!roundIds.length || !orgIds.length) return [];
  const out = [];
  for (let i = 0; i < roundIds.length; i += 400)
    out.push(
      ...(await db
        .selectFrom('roundExceptions')
        .select(['roundId', 'orgId', 'kind', 'dueDate', 'createdAt'])
        .where('roundId', 'in', roundIds.slice(i, i + 400))
        .where((eb) => eb.or([eb('orgId', 'in', orgIds), eb('kind', '=', 'close')]))
        .orderBy('createdAt')
        .execute()),
    );
  return out;
}

/** Units with reports in a round, with counts (total, handed in). */
export async function findRoundUnits(db: DbOrTx, roundId: string) {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .select(['reports.orgId', 'organizations.name', 'organizations.seq', 'reports.status'])
    .where('reports.roundId', '=', roundId)
    .execute();
  const byOrg = new Map<string, { orgId: string; name: string; seq: number; total: number; handedIn: number }>();
  for (const r of rows) {
    const u = byOrg.get(r.orgId) ?? { orgId: r.orgId, name: r.name, seq: r.seq, total: 0, handedIn: 0 };
    u.total++;
    if (['submitted', 'approved', 'published'].includes(r.status)) u.handedIn++;
    byOrg.set(r.orgId, u);
  }
  return [...byOrg.values()].sort((a, b) => a.seq - b.seq || a.name.localeCompare(b.name, 'zh'));
}

/** Every version of a report (id, number, state, action, comments, who, when), oldest first. */
export async function listVersionRefs(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('reportVersions')
    .leftJoin('users', 'users.id', 'reportVersions.createdBy')
    .select([
      'reportVersions.id',
      'reportVersions.versionNo',
      'reportVersions.status',
      'reportVersions.action',
      'reportVersions.comment',
      'reportVersions.fieldComments',
      'reportVersions.createdAt',
      'users.displayName as by',
    ])
    .where('reportVersions.reportId', '=', reportId)
    .orderBy('reportVersions.versionNo')
    .execute();
}

/** The newest 'return' version of each report (its comments per field). */
export async function findLastReturns(db: DbOrTx, reportIds: string[]) {
  if (!reportIds.length) return [];
  const out = [];
  for (let i = 0; i < reportIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('reportVersions')
        .select(['reportId', 'versionNo', 'comment', 'fieldComments'])
        .where('reportId', 'in', reportIds.slice(i, i + 500))
        .where('action', '=', 'return')
        .orderBy('versionNo', 'desc')
        .execute()),
    );
  const newest = new Map<string, (typeof out)[number]>();
  for (const r of out) {
    const had = newest.get(r.reportId);
    if (!had || had.versionNo < r.versionNo) newest.set(r.reportId, r);
  }
  return [...newest.values()];
}

/** The reports of the actor's units in rounds that are not drafts or archived, across programmes. */
export async function findTaskRows(db: DbOrTx, scope: ReportScope) {
  if (scope.kind !== 'units' || !scope.orgIds.length) return [];
  let q = db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('projects', 'projects.id', 'reports.projectId')
    .innerJoin('programmes', 'programmes.id', 'rounds.programmeId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .select([
      'reports.id as reportId',
      'reports.orgId',
      'reports.status',
      'reports.lastComment',
      'reports.approvedAt',
      'projects.code',
      'projects.name',
      'organizations.name as unit',
      'rounds.id as roundId',
      'rounds.name as roundName',
      'rounds.periodKey',
      'rounds.dueDate',
      'rounds.status as roundStatus',
      'programmes.name as programme',
    ])
    .where('reports.orgId', 'in', scope.orgIds)
    .where('rounds.status', 'in', ['open', 'closed']);
  if (scope.ownerOrgIds !== 'all') {
    if (!scope.ownerOrgIds.length) return [];
    q = q.where('programmes.ownerOrgId', 'in', scope.ownerOrgIds);
  }
  return q.orderBy('rounds.dueDate').orderBy('projects.code').execute();
}

/** A round's reports with what decides whether a written analysis is due: self-assessment, the engine's view. */
export async function findAnalysisCandidates(db: DbOrTx, roundId: string, scope: ReportScope) {
  if (scope.kind === 'none') return [];
  let q = db
    .selectFrom('reports')
    .innerJoin('projects', 'projects.id', 'reports.projectId')
    .innerJoin('programmes', 'programmes.id', 'projects.programmeId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .leftJoin('lagAnalyses', 'lagAnalyses.reportId', 'reports.id')
    .select([
      'reports.id as reportId',
      'reports.projectId',
      'reports.orgId as unitId',
      'reports.status as reportStatus',
      'projects.code',
      'projects.name',
      'projects.seq',
      'organizations.name as unit',
      'reportVersions.selfAssessment',
      'reportVersions.lagAnalysis',
      'reportAssessments.computedStatus',
      'reportAssessments.lagAnalysisRequired',
      'reportAssessments.reason',
      'lagAnalyses.status as analysisStatus',
      'programmes.statusVocabulary',
    ])
    .where('reports.roundId', '=', roundId);
  if (scope.kind === 'units') q = q.where('reports.orgId', 'in', scope.orgIds.length ? scope.orgIds : ['-']);
  if (scope.kind === 'key') q = q.where('projects.keySupervision', '=', 1);
  if (scope.ownerOrgIds !== 'all')
    q = q.where('programmes.ownerOrgId', 'in', scope.ownerOrgIds.length ? scope.ownerOrgIds : ['-']);
  return q.orderBy('projects.seq').orderBy('projects.code').execute();
}

// --- lag analyses ---

export async function findAnalysis(db: DbOrTx, reportId: string) {
  return db.selectFrom('lagAnalyses').selectAll().where('reportId', '=', reportId).executeTakeFirst();
}

export async function findAnalysisVersion(db: DbOrTx, analysisId: string, versionNo: number) {
  return db
    .selectFrom('lagAnalysisVersions')
    .selectAll()
    .where('analysisId', '=', analysisId)
    .where('versionNo', '=', versionNo)
    .executeTakeFirst();
}

export async function listAnalysisVersions(db: DbOrTx, analysisId: string) {
  return db
    .selectFrom('lagAnalysisVersions')
    .leftJoin('users', 'users.id', 'lagAnalysisVersions.createdBy')
    .select([
      'lagAnalysisVersions.versionNo',
      'lagAnalysisVersions.status',
      'lagAnalysisVersions.action',
      'lagAnalysisVersions.comment',
      'lagAnalysisVersions.createdAt',
      'users.displayName as by',
    ])
    .where('lagAnalysisVersions.analysisId', '=', analysisId)
    .orderBy('lagAnalysisVersions.versionNo', 'desc')
    .execute();
}

export async function insertAnalysis(
  db: DbOrTx,
  row: { id: string; reportId: string; status: string; versionNo: number; updatedAt: string },
) {
  await db
    .insertInto('lagAnalyses')
    .values({ ...row, lastComment: null })
    .execute();
}

/** Move an analysis to a new state only if nobody changed it since `baseVersion` (optimistic lock). */
export async function updateAnalysisState(
  db: DbOrTx,
  id: string,
  baseVersion: number,
  set: { status: string; versionNo: number; updatedAt: string; lastComment?: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('lagAnalyses')
    .set(set)
    .where('id', '=', id)
    .where('versionNo', '=', baseVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertAnalysisVersion(db: DbOrTx, v: LagAnalysisVersionsTable) {
  await db.insertInto('lagAnalysisVersions').values(v).execute();
}

/** The engine's current judgement of a report's current version (computed status), if assessed. */
export async function findCurrentComputedStatus(db: DbOrTx, reportId: string) {
  const row = await db
    .selectFrom('reports')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .innerJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select(['reportAssessments.computedStatus'])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
  return row?.computedStatus ?? null;
}
