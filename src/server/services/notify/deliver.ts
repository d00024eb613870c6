/**
 * Send one delivery (the `notify.deliver` job): e-mail over SMTP, a 企业微信/钉钉 robot post or an SMS.
 * - a delivery no longer 'queued' (sent, failed, skipped) is left alone: running the job twice sends once;
 * - a channel no longer configured (SMTP removed, robot deactivated, address gone) → 'skipped' with the reason;
 * - a failure records the attempt and its error and throws, so the job queue retries with back-off; on the last
 *   attempt (or an error retrying cannot cure) the delivery becomes 'failed', visible to the office.
 */
import type { Db } from '../../db/connect';
import { sendMail } from '../../notify/email';
import { dingtalkPayloadOf, emailOf, type NotificationMessage, smsTextOf, wecomPayloadOf } from '../../notify/message';
import { notifySettings } from '../../notify/settings';
import { postWebhook, type WebhookKind } from '../../notify/webhook';
import { findDelivery, findWebhook, recordDelivery } from '../../repositories/notify.repo';
import { openField, UnreadableField } from './fields';

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed' | 'retry' | 'done-before' | 'missing';

class Skip extends Error {}

type Delivery = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

/** Send on the delivery's channel; throws Skip when the channel or the address is gone, or the channel's error. */
async function send(db: Db, d: Delivery, now: Date): Promise<void> {
  const settings = notifySettings();
  const message: NotificationMessage = { title: d.title, body: d.body, link: d.link, level: d.level, kind: d.kind };
  if (d.userActive !== 1 && (d.channel === 'email' || d.channel === 'sms')) throw new Skip('收件人账号已停用');
  if (d.channel === 'email') {
    if (!settings.smtp) throw new Skip('未配置邮件服务器（SMTP_URL）');
    const to = openField(settings.crypto, d.email, 'users.email');
    if (!to) throw new Skip('收件人没有登记邮箱');
    return sendMail(settings.smtp, { to, ...emailOf(message, settings.publicUrl) }, settings.timeoutMs);
  }
  if (d.channel === 'sms') {
    if (!settings.sms) throw new Skip('未接入短信通道');
    const phone = openField(settings.crypto, d.phone, 'users.phone');
    if (!phone) throw new Skip('收件人没有登记手机号');
    return settings.sms.send(phone, smsTextOf(message, settings.publicUrl));
  }
  if (d.channel !== 'wecom' && d.channel !== 'dingtalk') throw new Skip(`未知的发送通道：${d.channel}`);
  const hook = await findWebhook(db, d.target);
  if (hook?.active !== 1) throw new Skip('群机器人已停用或已删除');
  const url = openField(settings.crypto, hook.url, 'notify_webhooks.url')!;
  const secret = openField(settings.crypto, hook.secret, 'notify_webhooks.secret');
  const kind = hook.kind as WebhookKind;
  const payload =
    kind === 'dingtalk' ? dingtalkPayloadOf(message, settings.publicUrl) : wecomPayloadOf(message, settings.publicUrl);
  await postWebhook(kind, url, secret, payload, { now, timeoutMs: settings.timeoutMs });
}

export async function deliverOne(
  db: Db,
  deliveryId: string,
  run: { attempt: number; maxAttempts: number; now: Date },
): Promise<DeliveryOutcome> {
  const d = await findDelivery(db, deliveryId);
  if (!d) return 'missing';
  if (d.status !== 'queued') return 'done-before';
  const attempts = d.attempts + 1;
  try {
    await send(db, d, run.now);
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    if (e instanceof Skip) {
      await recordDelivery(db, d.id, { status: 'skipped', attempts: d.attempts, lastError: error, sentAt: null });
      return 'skipped';
    }
    const last = run.attempt >= run.maxAttempts || e instanceof UnreadableField;
    await recordDelivery(db, d.id, { status: last ? 'failed' : 'queued', attempts, lastError: error, sentAt: null });
    if (last) return 'failed';
    throw new Error(error);
  }
  await recordDelivery(db, d.id, { status: 'sent', attempts, lastError: null, sentAt: run.now.toISOString() });
  return 'sent';
}
