/**
 * 群机器人 (企业微信 / 钉钉 webhooks) of a programme, managed by its office ('programme:configure'): a programme's own
 * group or one unit's group within the programme. URL and secret are encrypted at rest when DATA_KEY is set and never
 * answered in full (masked). Deactivated, never deleted. Every change is one transaction with an audit entry.
 */
import type { z } from 'zod';
import type { WebhookCreateInput, WebhookSchema, WebhookUpdateInput } from '../../../shared/contract/notify';
import { AppError, notFound } from '../../errors';
import { dingtalkPayloadOf, wecomPayloadOf } from '../../notify/message';
import type { NotifyCrypto } from '../../notify/settings';
import { notifySettings } from '../../notify/settings';
import { maskUrl, postWebhook, WEBHOOK_KIND_LABELS, type WebhookKind } from '../../notify/webhook';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/notify.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import { newId } from '../../util';
import { authorize, authorizeRead, type Ctx } from '../context';
import { openField, sealField, UnreadableField } from './fields';

type Webhook = z.infer<typeof WebhookSchema>;
type Row = NonNullable<Awaited<ReturnType<typeof repo.findWebhook>>>;
export type NotifyOptions = { crypto: NotifyCrypto };

/** The programme, for its office (404 when not visible, 403 when visible but not theirs to configure). */
export async function programmeForNotify(ctx: Ctx, programmeId: string) {
  const p = await findProgramme(ctx.db, programmeId);
  if (!p) throw notFound('实事计划');
  authorizeRead(ctx, 'programme:read', { ownerOrgId: p.ownerOrgId }, '实事计划');
  authorize(ctx, 'programme:configure', { ownerOrgId: p.ownerOrgId });
  return p;
}

/** A robot of a programme the actor's office configures (404 otherwise, as for the programme). */
async function webhookForEdit(ctx: Ctx, id: string) {
  const w = await repo.findWebhook(ctx.db, id);
  if (!w?.programmeId) throw notFound('群机器人');
  await programmeForNotify(ctx, w.programmeId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('群机器人') : e;
  });
  return w;
}

function present(w: Row, crypto: NotifyCrypto): Webhook {
  let urlMasked: string;
  try {
    urlMasked = maskUrl(openField(crypto, w.url, 'notify_webhooks.url') ?? '');
  } catch (e) {
    if (!(e instanceof UnreadableField)) throw e;
    urlMasked = '（无法解密：DATA_KEY 与加密时不一致）';
  }
  return {
    id: w.id,
    scope: w.scope === 'unit' ? 'unit' : 'programme',
    programmeId: w.programmeId,
    orgId: w.orgId,
    orgName: w.orgName ?? null,
    kind: w.kind as WebhookKind,
    kindLabel: WEBHOOK_KIND_LABELS[w.kind as WebhookKind] ?? w.kind,
    name: w.name,
    urlMasked,
    hasSecret: !!w.secret,
    encrypted: crypto.isEncryptedField(w.url),
    active: w.active === 1,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

/** What the audit log keeps of a robot: never the URL or the secret. */
const auditView = (w: Webhook) => ({
  scope: w.scope,
  orgId: w.orgId,
  kind: w.kind,
  name: w.name,
  url: w.urlMasked,
  hasSecret: w.hasSecret,
  active: w.active,
});

export async function listWebhooks(ctx: Ctx, programmeId: string, o: NotifyOptions) {
  await programmeForNotify(ctx, programmeId);
  const [rows, units] = await Promise.all([
    repo.listWebhooks(ctx.db, programmeId),
    repo.programmeUnits(ctx.db, programmeId),
  ]);
  const s = notifySettings();
  return {
    items: rows.map((r) => present(r, o.crypto)),
    units,
    channels: { email: !!s.smtp, sms: !!s.sms },
  };
}

function checkSecret(kind: WebhookKind, secret: string | null | undefined) {
  if (kind === 'wecom' && secret)
    throw new AppError('VALIDATION', '企业微信群机器人不使用加签密钥：请清空“加签密钥”（钉钉机器人才需要）');
}

export async function createWebhook(ctx: Ctx, programmeId: string, input: WebhookCreateInput, o: NotifyOptions) {
  const p = await programmeForNotify(ctx, programmeId);
  const actor = ctx.actor!;
  let orgId: string | null = null;
  let orgName: string | null = null;
  if (input.scope === 'unit') {
    if (!input.orgId) throw new AppError('VALIDATION', '单位的群机器人请选择单位');
    const unit = (await repo.programmeUnits(ctx.db, programmeId)).find((u) => u.id === input.orgId);
    if (!unit) throw new AppError('VALIDATION', '所选单位不是本计划的责任单位');
    orgId = unit.id;
    orgName = unit.name;
  }
  checkSecret(input.kind, input.secret);
  const now = ctx.now().toISOString();
  const id = newId();
  const name = input.name?.trim() || `${input.scope === 'unit' ? orgName : p.name}${WEBHOOK_KIND_LABELS[input.kind]}`;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertWebhook(trx, {
      id,
      scope: input.scope,
      programmeId,
      orgId,
      kind: input.kind,
      name,
      url: sealField(o.crypto, input.url, 'notify_webhooks.url'),
      secret: input.secret ? sealField(o.crypto, input.secret, 'notify_webhooks.secret') : null,
      active: 1,
      createdAt: now,
      updatedAt: null,
    });
    const after = present((await repo.findWebhook(trx, id))!, o.crypto);
    await insertAudit(trx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'notify.webhook.create',
      entity: 'notify_webhook',
      entityId: id,
      after: auditView(after),
      ip: ctx.ip,
    });
  });
  return present((await repo.findWebhook(ctx.db, id))!, o.crypto);
}

export async function updateWebhook(ctx: Ctx, id: string, input: WebhookUpdateInput, o: NotifyOptions) {
  const w = await webhookForEdit(ctx, id);
  const actor = ctx.actor!;
  if (input.secret) checkSecret(w.kind as WebhookKind, input.secret);
  const now = ctx.now().toISOString();
  const before = present(w, o.crypto);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateWebhook(trx, id, {
      ...(input.name !== undefined ? { name: input.name.trim() || w.name } : {}),
      ...(input.url !== undefined ? { url: sealField(o.crypto, input.url, 'notify_webhooks.url') } : {}),
      ...(input.secret !== undefined
        ? { secret: input.secret ? sealField(o.crypto, input.secret, 'notify_webhooks.secret') : null }
        : {}),
      updatedAt: now,
    });
    const after = present((await repo.findWebhook(trx, id))!, o.crypto);
    await insertAudit(trx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'notify.webhook.update',
      entity: 'notify_webhook',
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), urlChanged: input.url !== undefined, secretChanged: input.secret !== undefined },
      ip: ctx.ip,
    });
  });
  return present((await repo.findWebhook(ctx.db, id))!, o.crypto);
}

export async function setWebhookActive(ctx: Ctx, id: string, active: boolean, o: NotifyOptions) {
  const w = await webhookForEdit(ctx, id);
  const actor = ctx.actor!;
  const now = ctx.now().toISOString();
  if ((w.active === 1) !== active)
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateWebhook(trx, id, { active: active ? 1 : 0, updatedAt: now });
      await insertAudit(trx, {
        at: now,
        actorId: actor.id,
        actorName: actor.displayName,
        action: active ? 'notify.webhook.activate' : 'notify.webhook.deactivate',
        entity: 'notify_webhook',
        entityId: id,
        before: { active: w.active === 1 },
        after: { active },
        ip: ctx.ip,
      });
    });
  return present((await repo.findWebhook(ctx.db, id))!, o.crypto);
}

/** Post a test message now (not through the queue: the office sees the answer at once). */
export async function testWebhook(ctx: Ctx, id: string, o: NotifyOptions) {
  const w = await webhookForEdit(ctx, id);
  const actor = ctx.actor!;
  const settings = notifySettings();
  const now = ctx.now();
  const message = {
    title: '测试消息',
    body: `这是一条来自民生实事系统的测试消息：${w.name} 已接通，提醒、催办与督办通知将发到本群。`,
    link: w.programmeId ? `/programmes/${w.programmeId}/notify` : '/',
    level: 'info',
    kind: 'info',
  };
  const kind = w.kind as WebhookKind;
  let result: { ok: boolean; message: string };
  try {
    const url = openField(o.crypto, w.url, 'notify_webhooks.url')!;
    const secret = openField(o.crypto, w.secret, 'notify_webhooks.secret');
    const payload =
      kind === 'dingtalk'
        ? dingtalkPayloadOf(message, settings.publicUrl)
        : wecomPayloadOf(message, settings.publicUrl);
    await postWebhook(kind, url, secret, payload, { now, timeoutMs: settings.timeoutMs });
    result = { ok: true, message: `测试消息已发送到“${w.name}”，请在群里查看` };
  } catch (e) {
    result = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  await insertAudit(ctx.db, {
    at: now.toISOString(),
    actorId: actor.id,
    actorName: actor.displayName,
    action: 'notify.webhook.test',
    entity: 'notify_webhook',
    entityId: id,
    after: result,
    ip: ctx.ip,
  });
  return result;
}
