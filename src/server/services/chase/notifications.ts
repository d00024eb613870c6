/** The notification centre (issue 11 §2): every role reads and marks only its own notifications. */
import type { z } from 'zod';
import type { NotificationListSchema } from '../../../shared/contract/chase';
import { notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/chase.repo';
import { type Ctx, requireActor } from '../context';

type NotificationList = z.infer<typeof NotificationListSchema>;

export async function listMyNotifications(
  ctx: Ctx,
  query: { unreadOnly?: boolean | undefined; limit?: number | undefined } = {},
): Promise<NotificationList> {
  requireActor(ctx);
  const rows = await repo.listNotifications(ctx.db, ctx.actor.id, query.limit ?? 50, query.unreadOnly === true);
  return {
    unread: await repo.countUnread(ctx.db, ctx.actor.id),
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      level: n.level,
      title: n.title,
      body: n.body,
      link: n.link,
      roundId: n.roundId,
      reportId: n.reportId,
      createdAt: n.createdAt,
      readAt: n.readAt,
    })),
  };
}

/** Mark one own notification read (someone else's answers 404, as if it did not exist). */
export async function readNotification(ctx: Ctx, id: string): Promise<NotificationList> {
  requireActor(ctx);
  const actor = ctx.actor;
  const n = await repo.findNotification(ctx.db, id);
  if (!n || n.userId !== actor.id) throw notFound('通知');
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.markRead(trx, actor.id, id, at))
      await insertAudit(trx, {
        at,
        actorId: actor.id,
        actorName: actor.displayName,
        action: 'notification.read',
        entity: 'notification',
        entityId: id,
        ip: ctx.ip,
      });
  });
  return listMyNotifications(ctx);
}

export async function readAllNotifications(ctx: Ctx): Promise<NotificationList> {
  requireActor(ctx);
  const actor = ctx.actor;
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const n = await repo.markAllRead(trx, actor.id, at);
    if (n)
      await insertAudit(trx, {
        at,
        actorId: actor.id,
        actorName: actor.displayName,
        action: 'notification.readAll',
        entity: 'notification',
        entityId: null,
        after: { count: n },
        ip: ctx.ip,
      });
  });
  return listMyNotifications(ctx);
}
