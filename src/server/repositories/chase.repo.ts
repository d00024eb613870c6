/**
 * Chase and escalate (issue 11): what the chase rules are judged on (a programme's rounds, reports, stored assessments,
 * lag analyses, extensions, the units' users), the in-app notifications (unique per user and idempotency key) and the
 * chase board's history.
 */
import type { DbOrTx } from '../db/connect';
import type { NotificationsTable } from '../db/database';
import { chunks, rowsPerStatement } from './batch';

/** A programme with its stored chase rules. */
export async function findChaseProgramme(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('programmes')
    .select(['id', 'name', 'ownerOrgId', 'chaseRules'])
    .where('id', '=', programmeId)
    .executeTakeFirst();
}

export async function setChaseRules(db: DbOrTx, programmeId: string, json: string | null) {
  await db.updateTable('programmes').set({ chaseRules: json }).where('id', '=', programmeId).execute();
}

/** Programmes with a round open now (the ones the scheduler evaluates). */
export async function findProgrammesWithOpenRounds(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectFrom('rounds')
    .select('programmeId')
    .distinct()
    .where('status', '=', 'open')
    .orderBy('programmeId')
    .execute();
  return rows.map((r) => r.programmeId);
}

/** A programme's rounds that are not drafts or archived. */
export async function findLiveRounds(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('rounds')
    .select(['id', 'name', 'periodKey', 'asOf', 'dueDate', 'status'])
    .where('programmeId', '=', programmeId)
    .where('status', 'in', ['open', 'closed'])
    .orderBy('asOf')
    .execute();
}

/** The reports of some rounds with their current version's self-assessment and current stored assessment. */
export async function findChaseReports(db: DbOrTx, roundIds: string[]) {
  if (!roundIds.length) return [];
  const out = [];
  for (const ids of chunks(roundIds, 200))
    out.push(
      ...(await db
        .selectFrom('reports')
        .innerJoin('projects', 'projects.id', 'reports.projectId')
        .leftJoin('reportVersions', (j) =>
          j
            .onRef('reportVersions.reportId', '=', 'reports.id')
            .onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
        )
        .leftJoin('reportAssessments', (j) =>
          j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
        )
        .leftJoin('lagAnalyses', 'lagAnalyses.reportId', 'reports.id')
        .select([
          'reports.id',
          'reports.roundId',
          'reports.projectId',
          'reports.orgId',
          'reports.status',
          'reports.versionNo',
          'reports.submittedAt',
          'reports.submittedLate',
          'projects.code as projectCode',
          'projects.name as projectName',
          'reportVersions.selfAssessment',
          'reportVersions.lagAnalysis',
          'reportAssessments.computedStatus',
          'reportAssessments.gapPoints',
          'reportAssessments.findings',
          'reportAssessments.lagAnalysisRequired',
          'lagAnalyses.status as analysisStatus',
        ])
        .where('reports.roundId', 'in', ids)
        .orderBy('projects.seq')
        .orderBy('projects.code')
        .orderBy('reports.orgId')
        .execute()),
    );
  return out;
}

/** When each returned report was last returned (its newest 'return' version). */
export async function findReturnTimes(db: DbOrTx, reportIds: string[]) {
  const out = new Map<string, string>();
  for (const ids of chunks(reportIds, 500)) {
    if (!ids.length) continue;
    const rows = await db
      .selectFrom('reportVersions')
      .select(['reportId', db.fn.max('createdAt').as('at')])
      .where('reportId', 'in', ids)
      .where('action', '=', 'return')
      .groupBy('reportId')
      .execute();
    for (const r of rows) if (r.at) out.set(r.reportId, String(r.at));
  }
  return out;
}

/** Extensions (per unit) of some rounds. */
export async function findRoundExtensions(db: DbOrTx, roundIds: string[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('roundExceptions')
    .select(['roundId', 'orgId', 'kind', 'dueDate', 'createdAt'])
    .where('roundId', 'in', roundIds)
    .execute();
}

/** The active users of some units with their role and duty (联络员 / 分管领导). */
export async function findUnitUsers(db: DbOrTx, orgIds: string[]) {
  if (!orgIds.length) return [];
  const out = [];
  for (const ids of chunks(orgIds, 500))
    out.push(
      ...(await db
        .selectFrom('userUnits')
        .innerJoin('users', 'users.id', 'userUnits.userId')
        .innerJoin('organizations', 'organizations.id', 'userUnits.orgId')
        .select(['userUnits.orgId', 'userUnits.userId', 'userUnits.duty', 'users.role', 'organizations.name as unit'])
        .where('userUnits.orgId', 'in', ids)
        .where('users.active', '=', 1)
        .orderBy('userUnits.userId')
        .execute()),
    );
  return out;
}

/** Names of organisations. */
export async function findOrgNames(db: DbOrTx, orgIds: string[]) {
  if (!orgIds.length) return new Map<string, string>();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- notifications -----------------------------------------------------------------------------------------------

/** Insert notifications; a (user, idempotency key) already stored is skipped. Answers the ids actually inserted. */
export async function insertNotifications(db: DbOrTx, rows: NotificationsTable[]): Promise<string[]> {
  const ids: string[] = [];
  for (const chunk of chunks(rows, rowsPerStatement(14, 14_000))) {
    if (!chunk.length) continue;
    const inserted = await db
      .insertInto('notifications')
      .values(chunk)
      .onConflict((oc) => oc.columns(['userId', 'idempotencyKey']).doNothing())
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** A user's notifications, newest first. */
export async function listNotifications(db: DbOrTx, userId: string, limit: number, unreadOnly: boolean) {
  let q = db.selectFrom('notifications').selectAll().where('userId', '=', userId);
  if (unreadOnly) q = q.where('readAt', 'is', null);
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function findNotification(db: DbOrTx, id: string) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Mark one of the user's notifications read (answers whether it changed). */
export async function markRead(db: DbOrTx, userId: string, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markAllRead(db: DbOrTx, userId: string, at: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** What was sent in a round: notifications with the recipient's name, newest first. */
export async function findRoundNotifications(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.userId')
    .select([
      'notifications.id',
      'notifications.orgId',
      'notifications.kind',
      'notifications.level',
      'notifications.title',
      'notifications.createdAt',
      'notifications.readAt',
      'users.displayName as recipient',
    ])
    .where('notifications.roundId', '=', roundId)
    .orderBy('notifications.createdAt', 'desc')
    .orderBy('notifications.id')
    .execute();
}

/** The channel deliveries (e-mail, robots) of a round's notifications. */
export async function findRoundDeliveries(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('notificationDeliveries')
    .innerJoin('notifications', 'notifications.id', 'notificationDeliveries.notificationId')
    .select([
      'notificationDeliveries.notificationId',
      'notificationDeliveries.channel',
      'notificationDeliveries.target',
      'notificationDeliveries.status',
      'notificationDeliveries.sentAt',
    ])
    .where('notifications.roundId', '=', roundId)
    .execute();
}

/** Reports of a round for the chase board: unit, state, when handed in, late or not. */
export async function findBoardReports(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .select([
      'reports.id',
      'reports.orgId',
      'reports.status',
      'reports.versionNo',
      'reports.submittedAt',
      'reports.submittedLate',
      'organizations.name as unit',
      'organizations.seq',
    ])
    .where('reports.roundId', '=', roundId)
    .execute();
}
