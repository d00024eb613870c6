/** The channel deliveries of a programme's notifications, for its office: what was sent, what failed and why. */
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/notify.repo';
import type { Ctx } from '../context';
import { enqueueDelivery } from './queue';
import { programmeForNotify } from './webhooks';

const CHANNEL_LABELS: Record<string, string> = {
  email: '邮件',
  wecom: '企业微信',
  dingtalk: '钉钉',
  sms: '短信',
};
const STATUS_LABELS: Record<string, string> = {
  queued: '待发送',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送（通道未配置）',
};

type Channel = 'email' | 'wecom' | 'dingtalk' | 'sms';
type Status = 'queued' | 'sent' | 'failed' | 'skipped';

export async function listDeliveries(
  ctx: Ctx,
  programmeId: string,
  q: { status?: Status | undefined; limit?: number | undefined },
) {
  await programmeForNotify(ctx, programmeId);
  const rows = await repo.listProgrammeDeliveries(ctx.db, programmeId, q.status ?? null, q.limit ?? 200);
  return {
    items: rows.map((r) => ({
      id: r.id,
      channel: r.channel as Channel,
      channelLabel: CHANNEL_LABELS[r.channel] ?? r.channel,
      status: r.status as Status,
      statusLabel: STATUS_LABELS[r.status] ?? r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      notificationId: r.notificationId,
      title: r.title,
      link: r.link,
      recipient: r.recipient,
      orgName: r.orgName ?? null,
      webhookName: r.webhookName ?? null,
    })),
  };
}

/** Send a failed delivery again (a new job; the delivery is 'queued' with its attempts reset). */
export async function retryDelivery(ctx: Ctx, id: string) {
  const d = await repo.findDeliveryProgramme(ctx.db, id);
  if (!d?.programmeId) throw notFound('发送记录');
  await programmeForNotify(ctx, d.programmeId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('发送记录') : e;
  });
  if (d.status !== 'failed') throw new AppError('CONFLICT', '只有“发送失败”的消息可以重新发送');
  const actor = ctx.actor!;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.requeueDelivery(trx, id))) throw new AppError('CONFLICT', '这条消息已在重新发送');
    await enqueueDelivery(trx, id, now);
    await insertAudit(trx, {
      at: now.toISOString(),
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'notify.delivery.retry',
      entity: 'notification_delivery',
      entityId: id,
      ip: ctx.ip,
    });
  });
  return { id, status: 'queued' as const };
}
