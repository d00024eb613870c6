/** 督办 records and their history (0016). */
import type { Insertable } from 'kysely';
import type { OrgSet } from '../../domain/policies/policies';
import type { DbOrTx } from '../db/connect';
import type { SupervisionEventsTable, SupervisionsTable } from '../db/database';

export type SupervisionRow = SupervisionsTable;

export async function findByIdempotencyKey(db: DbOrTx, key: string) {
  return db.selectFrom('supervisions').selectAll().where('idempotencyKey', '=', key).executeTakeFirst();
}

/** The newest record of a project × unit that is not closed (open or responded). */
export async function findUnclosed(db: DbOrTx, projectId: string, orgId: string) {
  return db
    .selectFrom('supervisions')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('orgId', '=', orgId)
    .where('status', '<>', 'closed')
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

/** Insert unless a record with the same idempotency key exists (two workers at once); answers whether it did. */
export async function insertSupervisionIfNew(db: DbOrTx, row: Insertable<SupervisionsTable>): Promise<boolean> {
  const r = await db
    .insertInto('supervisions')
    .values(row)
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Optimistic update: only when the version is still `baseVersion`; answers whether a row changed. */
export async function updateSupervision(
  db: DbOrTx,
  id: string,
  baseVersion: number,
  patch: Partial<Omit<SupervisionsTable, 'id' | 'idempotencyKey' | 'createdAt'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('supervisions')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', baseVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertSupervisionEvent(db: DbOrTx, row: Insertable<SupervisionEventsTable>) {
  await db.insertInto('supervisionEvents').values(row).execute();
}

export async function listSupervisionEvents(db: DbOrTx, supervisionId: string) {
  return db
    .selectFrom('supervisionEvents')
    .selectAll()
    .where('supervisionId', '=', supervisionId)
    .orderBy('seq', 'asc')
    .execute();
}

const detailQuery = (db: DbOrTx) =>
  db
    .selectFrom('supervisions')
    .innerJoin('programmes', 'programmes.id', 'supervisions.programmeId')
    .innerJoin('projects', 'projects.id', 'supervisions.projectId')
    .innerJoin('organizations', 'organizations.id', 'supervisions.orgId')
    .leftJoin('rounds', 'rounds.id', 'supervisions.roundId')
    .selectAll('supervisions')
    .select([
      'programmes.ownerOrgId',
      'programmes.name as programmeName',
      'programmes.year as programmeYear',
      'projects.code as projectCode',
      'projects.name as projectName',
      'organizations.name as unit',
      'rounds.name as roundName',
      'rounds.asOf as roundAsOf',
    ]);

export type SupervisionDetailRow = NonNullable<Awaited<ReturnType<typeof findSupervisionDetail>>>;

export async function findSupervisionDetail(db: DbOrTx, id: string) {
  return detailQuery(db).where('supervisions.id', '=', id).executeTakeFirst();
}

export type SupervisionListFilter = {
  /** Programmes owned by these organisations ('all' = no filter). */
  ownerOrgIds: OrgSet;
  /** Only these units' records (a reporter's own units); undefined = every unit. */
  unitIds?: readonly string[] | undefined;
  programmeId?: string | undefined;
  projectId?: string | undefined;
  orgId?: string | undefined;
  level?: string | undefined;
  status?: string | undefined;
};

export async function listSupervisionRows(db: DbOrTx, f: SupervisionListFilter) {
  if (f.ownerOrgIds !== 'all' && !f.ownerOrgIds.length) return [];
  if (f.unitIds && !f.unitIds.length) return [];
  let q = detailQuery(db);
  if (f.ownerOrgIds !== 'all') q = q.where('programmes.ownerOrgId', 'in', f.ownerOrgIds);
  if (f.unitIds) q = q.where('supervisions.orgId', 'in', f.unitIds);
  if (f.programmeId) q = q.where('supervisions.programmeId', '=', f.programmeId);
  if (f.projectId) q = q.where('supervisions.projectId', '=', f.projectId);
  if (f.orgId) q = q.where('supervisions.orgId', '=', f.orgId);
  if (f.level) q = q.where('supervisions.level', '=', f.level);
  if (f.status) q = q.where('supervisions.status', '=', f.status);
  return q.orderBy('supervisions.createdAt', 'desc').orderBy('supervisions.id').limit(2000).execute();
}

/** Projects (of the given ones) with an open or responded 挂牌督办 record. */
export async function findListedProjectIds(db: DbOrTx, projectIds: readonly string[]): Promise<Set<string>> {
  if (!projectIds.length) return new Set();
  const out = new Set<string>();
  for (let i = 0; i < projectIds.length; i += 500) {
    const rows = await db
      .selectFrom('supervisions')
      .select('projectId')
      .distinct()
      .where('level', '=', 'listed')
      .where('status', '<>', 'closed')
      .where('projectId', 'in', projectIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.projectId);
  }
  return out;
}

/** The open (not closed) records of project × unit pairs, for the table: key `${projectId}|${orgId}`. */
export async function findUnclosedByProject(db: DbOrTx, projectIds: readonly string[]) {
  if (!projectIds.length) return [];
  const out = [];
  for (let i = 0; i < projectIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('supervisions')
        .select(['id', 'projectId', 'orgId', 'level', 'status'])
        .where('status', '<>', 'closed')
        .where('projectId', 'in', projectIds.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** The project facts a hand-raised record needs: its programme owner, its units in roles. */
export async function findProjectForSupervision(db: DbOrTx, projectId: string) {
  const p = await db
    .selectFrom('projects')
    .innerJoin('programmes', 'programmes.id', 'projects.programmeId')
    .select(['projects.id', 'projects.programmeId', 'projects.flags', 'programmes.ownerOrgId'])
    .where('projects.id', '=', projectId)
    .executeTakeFirst();
  if (!p) return undefined;
  const units = await db.selectFrom('projectUnits').select('orgId').where('projectId', '=', projectId).execute();
  return { ...p, unitIds: units.map((u) => u.orgId) };
}

/** A report's round, project and unit (a record raised from a table row). */
export async function findReportForSupervision(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('reports')
    .select(['reports.id', 'reports.roundId', 'reports.projectId', 'reports.orgId'])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
}

/** The current stored judgement of a report (the 督办单 names the computed status and the gap). */
export async function findCurrentComputedStatusOfReport(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .innerJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select(['reportAssessments.computedStatus', 'reportAssessments.gapPoints'])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
}
