/**
 * queueDeliveries (issue 11 interfaces §2): for freshly created in-app notifications, one delivery per configured
 * channel, inserted and enqueued as `notify.deliver` jobs in the caller's transaction (the outbox):
 * - e-mail to the recipient when SMTP is configured and the account has an address (target: the user id — the
 *   address stays encrypted in users and is read when sending);
 * - SMS when a sender is bound in (sms.ts) and the account has a phone number;
 * - each active group robot of the notification's programme, and of its unit within that programme (target: the
 *   robot id). A group hears a notice once: notifications of the same idempotency key (one per recipient), or of the
 *   same text in one call, give one robot delivery.
 * Deduplicated per (notification, channel, target) by a unique key; answers how many were queued. Nothing configured
 * → nothing queued, the in-app notification alone stands.
 */
import type { DbOrTx } from '../../db/connect';
import { enqueueJob } from '../../jobs/enqueue';
import { type NotifySettings, notifySettings } from '../../notify/settings';
import {
  findActiveWebhooks,
  findGroupDeliveries,
  findNotificationsForDelivery,
  insertDeliveries,
} from '../../repositories/notify.repo';
import { newId } from '../../util';

export const NOTIFY_DELIVER_JOB = 'notify.deliver';
/** Attempts per delivery: retried after e^1 … e^7 s (about 25 minutes in all), then 'failed'. */
export const DELIVERY_MAX_ATTEMPTS = 8;

/** Enqueue the job sending one delivery (the idempotency key makes a second enqueue a no-op while it waits). */
export async function enqueueDelivery(trx: DbOrTx, deliveryId: string, now: Date) {
  return enqueueJob(
    trx,
    NOTIFY_DELIVER_JOB,
    { deliveryId },
    { idempotencyKey: `notify.deliver:${deliveryId}`, maxAttempts: DELIVERY_MAX_ATTEMPTS, now },
  );
}

type Note = Awaited<ReturnType<typeof findNotificationsForDelivery>>[number];
type Hook = Awaited<ReturnType<typeof findActiveWebhooks>>[number];

/** Does a robot's group hear this notification: the programme's group, or its unit's group in that programme. */
const concerns = (h: Hook, n: Note) =>
  h.scope === 'programme'
    ? h.programmeId === n.programmeId
    : h.orgId === n.orgId && (!n.programmeId || h.programmeId === n.programmeId);

/** The (channel, target) pairs of one notification; `groupSeen` keeps a group from hearing the same notice twice. */
function targetsOf(n: Note, hooks: Hook[], settings: NotifySettings, groupSeen: Set<string>) {
  const out: { channel: string; target: string }[] = [];
  if (n.active !== 1) return out;
  if (settings.smtp && n.email) out.push({ channel: 'email', target: n.userId });
  if (settings.sms && n.phone) out.push({ channel: 'sms', target: n.userId });
  for (const h of hooks.filter((x) => concerns(x, n))) {
    const byKey = `${n.idempotencyKey}|${h.id}`;
    const byText = `text:${n.title}\u0000${n.body}\u0000${n.link}|${h.id}`;
    if (groupSeen.has(byKey) || groupSeen.has(byText)) continue;
    groupSeen.add(byKey);
    groupSeen.add(byText);
    out.push({ channel: h.kind, target: h.id });
  }
  return out;
}

export async function queueDeliveries(trx: DbOrTx, notificationIds: string[], now: Date): Promise<number> {
  if (!notificationIds.length) return 0;
  const settings = notifySettings();
  const notes = await findNotificationsForDelivery(trx, notificationIds);
  const order = new Map(notificationIds.map((id, i) => [id, i]));
  notes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const programmeIds = [...new Set(notes.flatMap((n) => (n.programmeId ? [n.programmeId] : [])))];
  const orgIds = [...new Set(notes.flatMap((n) => (n.orgId ? [n.orgId] : [])))];
  const hooks = await findActiveWebhooks(trx, programmeIds, orgIds);
  if (!settings.smtp && !settings.sms && !hooks.length) return 0;

  const earlier = hooks.length
    ? await findGroupDeliveries(
        trx,
        notes.map((n) => n.idempotencyKey),
      )
    : [];
  const groupSeen = new Set(earlier.map((g) => `${g.idempotencyKey}|${g.target}`));
  const at = now.toISOString();
  const rows = notes.flatMap((n) =>
    targetsOf(n, hooks, settings, groupSeen).map((t) => ({
      id: newId(),
      notificationId: n.id,
      ...t,
      status: 'queued',
      lastError: null,
      createdAt: at,
      sentAt: null,
    })),
  );
  if (!rows.length) return 0;
  const inserted = await insertDeliveries(trx, rows);
  for (const id of inserted) await enqueueDelivery(trx, id, now);
  return inserted.length;
}
