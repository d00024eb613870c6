/** Channel deliveries of notifications and the group robots (notify_webhooks), migration 0015. */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { NotificationDeliveriesTable, NotifyWebhooksTable } from '../db/database';
import { chunks } from './batch';

const CHUNK = 1000;

/** The notifications to deliver, with their recipient's contact fields (as stored: maybe encrypted). */
export async function findNotificationsForDelivery(db: DbOrTx, ids: readonly string[]) {
  const out = [];
  for (const part of chunks(ids, CHUNK))
    out.push(
      ...(await db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.userId')
        .select([
          'notifications.id',
          'notifications.userId',
          'notifications.programmeId',
          'notifications.orgId',
          'notifications.idempotencyKey',
          'notifications.title',
          'notifications.body',
          'notifications.link',
          'users.email',
          'users.phone',
          'users.active',
        ])
        .where('notifications.id', 'in', part)
        .execute()),
    );
  return out;
}

/** Active robots of these programmes (scope 'programme') and of these units (scope 'unit'). */
export async function findActiveWebhooks(db: DbOrTx, programmeIds: readonly string[], orgIds: readonly string[]) {
  if (!programmeIds.length && !orgIds.length) return [];
  return db
    .selectFrom('notifyWebhooks')
    .select(['id', 'scope', 'programmeId', 'orgId', 'kind'])
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        ...(programmeIds.length
          ? [eb.and([eb('scope', '=', 'programme'), eb('programmeId', 'in', programmeIds)])]
          : []),
        ...(orgIds.length ? [eb.and([eb('scope', '=', 'unit'), eb('orgId', 'in', orgIds)])] : []),
      ]),
    )
    .execute();
}

/** (idempotency key, robot) pairs already queued: a group hears a notice once, however many members it concerns. */
export async function findGroupDeliveries(db: DbOrTx, keys: readonly string[]) {
  const out: { idempotencyKey: string; target: string }[] = [];
  for (const part of chunks([...new Set(keys)], CHUNK))
    out.push(
      ...(await db
        .selectFrom('notificationDeliveries')
        .innerJoin('notifications', 'notifications.id', 'notificationDeliveries.notificationId')
        .select(['notifications.idempotencyKey', 'notificationDeliveries.target'])
        .where('notificationDeliveries.channel', 'in', ['wecom', 'dingtalk'])
        .where('notifications.idempotencyKey', 'in', part)
        .execute()),
    );
  return out;
}

/** Insert deliveries, skipping any (notification, channel, target) already there; answers the ids inserted. */
export async function insertDeliveries(
  db: DbOrTx,
  rows: readonly Omit<NotificationDeliveriesTable, 'attempts'>[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(rows, 500)) {
    const inserted = await db
      .insertInto('notificationDeliveries')
      .values(part.map((r) => ({ ...r, attempts: 0 })))
      .onConflict((oc) => oc.columns(['notificationId', 'channel', 'target']).doNothing())
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** One delivery with its notification and recipient (stored contact fields). */
export async function findDelivery(db: DbOrTx, id: string) {
  return db
    .selectFrom('notificationDeliveries')
    .innerJoin('notifications', 'notifications.id', 'notificationDeliveries.notificationId')
    .innerJoin('users', 'users.id', 'notifications.userId')
    .select([
      'notificationDeliveries.id',
      'notificationDeliveries.channel',
      'notificationDeliveries.target',
      'notificationDeliveries.status',
      'notificationDeliveries.attempts',
      'notifications.title',
      'notifications.body',
      'notifications.link',
      'notifications.level',
      'notifications.kind',
      'notifications.programmeId',
      'users.email',
      'users.phone',
      'users.active as userActive',
    ])
    .where('notificationDeliveries.id', '=', id)
    .executeTakeFirst();
}

/** Record an attempt's outcome; only a delivery still 'queued' changes (a sent one is never touched again). */
export async function recordDelivery(
  db: DbOrTx,
  id: string,
  o: {
    status: 'queued' | 'sent' | 'failed' | 'skipped';
    attempts: number;
    lastError: string | null;
    sentAt: string | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('notificationDeliveries')
    .set({ status: o.status, attempts: o.attempts, lastError: o.lastError, sentAt: o.sentAt })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Put failed deliveries back in the queue (the office's 重新发送). */
export async function requeueDelivery(db: DbOrTx, id: string): Promise<boolean> {
  const r = await db
    .updateTable('notificationDeliveries')
    .set({ status: 'queued', attempts: 0 })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A programme's deliveries (newest first), optionally of one status, with who/where they went. */
export async function listProgrammeDeliveries(db: DbOrTx, programmeId: string, status: string | null, limit: number) {
  return db
    .selectFrom('notificationDeliveries')
    .innerJoin('notifications', 'notifications.id', 'notificationDeliveries.notificationId')
    .innerJoin('users', 'users.id', 'notifications.userId')
    .leftJoin('organizations', 'organizations.id', 'notifications.orgId')
    .leftJoin('notifyWebhooks', (j) =>
      j
        .onRef('notifyWebhooks.id', '=', 'notificationDeliveries.target')
        .on('notificationDeliveries.channel', 'in', ['wecom', 'dingtalk']),
    )
    .select([
      'notificationDeliveries.id',
      'notificationDeliveries.channel',
      'notificationDeliveries.status',
      'notificationDeliveries.attempts',
      'notificationDeliveries.lastError',
      'notificationDeliveries.createdAt',
      'notificationDeliveries.sentAt',
      'notifications.id as notificationId',
      'notifications.title',
      'notifications.link',
      'users.displayName as recipient',
      'organizations.name as orgName',
      'notifyWebhooks.name as webhookName',
    ])
    .where('notifications.programmeId', '=', programmeId)
    .$if(status !== null, (q) => q.where('notificationDeliveries.status', '=', status!))
    .orderBy('notificationDeliveries.createdAt', 'desc')
    .orderBy('notificationDeliveries.id')
    .limit(limit)
    .execute();
}

export async function findDeliveryProgramme(db: DbOrTx, id: string) {
  return db
    .selectFrom('notificationDeliveries')
    .innerJoin('notifications', 'notifications.id', 'notificationDeliveries.notificationId')
    .select(['notificationDeliveries.id', 'notificationDeliveries.status', 'notifications.programmeId'])
    .where('notificationDeliveries.id', '=', id)
    .executeTakeFirst();
}

// ---- Robots ----------------------------------------------------------------------------------------------------

export async function listWebhooks(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('notifyWebhooks')
    .leftJoin('organizations', 'organizations.id', 'notifyWebhooks.orgId')
    .selectAll('notifyWebhooks')
    .select('organizations.name as orgName')
    .where('notifyWebhooks.programmeId', '=', programmeId)
    .orderBy('notifyWebhooks.active', 'desc')
    .orderBy('notifyWebhooks.createdAt')
    .orderBy('notifyWebhooks.id')
    .execute();
}

export async function findWebhook(db: DbOrTx, id: string) {
  return db
    .selectFrom('notifyWebhooks')
    .leftJoin('organizations', 'organizations.id', 'notifyWebhooks.orgId')
    .selectAll('notifyWebhooks')
    .select('organizations.name as orgName')
    .where('notifyWebhooks.id', '=', id)
    .executeTakeFirst();
}

export async function insertWebhook(db: DbOrTx, row: Insertable<NotifyWebhooksTable>) {
  await db.insertInto('notifyWebhooks').values(row).execute();
}

export async function updateWebhook(
  db: DbOrTx,
  id: string,
  set: Partial<Pick<NotifyWebhooksTable, 'url' | 'secret' | 'updatedAt'>> & { name?: string; active?: number },
) {
  await db.updateTable('notifyWebhooks').set(set).where('id', '=', id).execute();
}

/** Units taking part in a programme (project_units of its projects), by name. */
export async function programmeUnits(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('projectUnits')
    .innerJoin('projects', 'projects.id', 'projectUnits.projectId')
    .innerJoin('organizations', 'organizations.id', 'projectUnits.orgId')
    .select(['organizations.id', 'organizations.name'])
    .distinct()
    .where('projects.programmeId', '=', programmeId)
    .orderBy('organizations.name')
    .execute();
}
