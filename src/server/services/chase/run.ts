/**
 * Run the chase once (issue 11 §1, §4): for each programme with an open round, load its state, evaluate its rules at
 * `now` (from the job or the CLI — never the wall clock) and, in ONE transaction, raise the 督办 records of the
 * escalations, insert the notifications (ON CONFLICT (user_id, idempotency_key) DO NOTHING, so nothing is sent twice
 * across runs, restarts or workers), queue their channel deliveries and write one audit entry when anything was new.
 */
import { type ChaseAction, type ChaseActionKind, countByKind, evaluate } from '../../../domain/chase/evaluate';
import { isSupervisionLevel, ladderColour } from '../../../domain/chase/ladder';
import type { DbOrTx } from '../../db/connect';
import type { NotificationsTable } from '../../db/database';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/chase.repo';
import { newId } from '../../util';
import { queueDeliveries } from '../notify/queue';
import { raiseSupervision } from '../supervision/raise';
import { loadChaseState } from './state';

export type ChaseRunSummary = {
  at: string;
  dryRun: boolean;
  programmes: number;
  /** Actions due now (before deduplication against what was already sent). */
  counts: Record<ChaseActionKind, number>;
  actions: ChaseAction[];
  /** Notifications actually inserted (new), 督办 records newly raised, channel deliveries queued. */
  notifications: number;
  supervisions: number;
  deliveries: number;
};

export type RunOptions = {
  now: Date;
  /** Only this programme (default: every programme with an open round). */
  programmeId?: string | undefined;
  dryRun?: boolean | undefined;
  /** Who runs it (audit): the scheduler, the command line. */
  actorName: string;
  actorId?: string | null;
};

/** Store the actions: 督办 records, notifications, deliveries. Answers what was new. Call inside a transaction. */
export async function performActions(
  trx: DbOrTx,
  actions: ChaseAction[],
  now: Date,
  actorId: string | null,
): Promise<{ notificationIds: string[]; supervisions: number; deliveries: number }> {
  const at = now.toISOString();
  let supervisions = 0;
  const rows: NotificationsTable[] = [];
  for (const a of actions) {
    if (isSupervisionLevel(a.level) && a.projectId) {
      const raised = await raiseSupervision(trx, {
        programmeId: a.programmeId,
        roundId: a.roundId,
        projectId: a.projectId,
        orgId: a.orgId,
        reportId: a.reportId,
        level: a.level,
        reason: a.reason,
        idempotencyKey: a.key,
        responseDueDate: a.responseDueDate ?? at.slice(0, 10),
        now,
        actorId,
      });
      if (raised.created) supervisions++;
    }
    for (const userId of a.recipients)
      rows.push({
        id: newId(),
        userId,
        kind: a.kind,
        level: ladderColour(a.level),
        title: a.title,
        body: a.body,
        link: a.link,
        programmeId: a.programmeId,
        roundId: a.roundId,
        reportId: a.reportId,
        orgId: a.orgId,
        idempotencyKey: a.key,
        createdAt: at,
        readAt: null,
      });
  }
  const notificationIds = await repo.insertNotifications(trx, rows);
  const deliveries = notificationIds.length ? await queueDeliveries(trx, notificationIds, now) : 0;
  return { notificationIds, supervisions, deliveries };
}

export async function runChase(db: DbOrTx, opts: RunOptions): Promise<ChaseRunSummary> {
  const now = opts.now;
  const programmeIds = opts.programmeId ? [opts.programmeId] : await repo.findProgrammesWithOpenRounds(db);
  const actions: ChaseAction[] = [];
  for (const id of programmeIds) {
    const loaded = await loadChaseState(db, id);
    if (loaded) actions.push(...evaluate(loaded.rules, loaded.state, now));
  }
  const summary: ChaseRunSummary = {
    at: now.toISOString(),
    dryRun: opts.dryRun === true,
    programmes: programmeIds.length,
    counts: countByKind(actions),
    actions,
    notifications: 0,
    supervisions: 0,
    deliveries: 0,
  };
  if (opts.dryRun || !actions.length) return summary;
  await db.transaction().execute(async (trx) => {
    const done = await performActions(trx, actions, now, opts.actorId ?? null);
    summary.notifications = done.notificationIds.length;
    summary.supervisions = done.supervisions;
    summary.deliveries = done.deliveries;
    if (done.notificationIds.length || done.supervisions)
      await insertAudit(trx, {
        at: summary.at,
        actorId: opts.actorId ?? null,
        actorName: opts.actorName,
        action: 'chase.run',
        entity: 'chase',
        entityId: opts.programmeId ?? null,
        after: {
          counts: summary.counts,
          notifications: summary.notifications,
          supervisions: summary.supervisions,
          deliveries: summary.deliveries,
        },
      });
  });
  return summary;
}
