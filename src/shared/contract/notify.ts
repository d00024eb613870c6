/**
 * 消息通道: the programme's group robots (企业微信 / 钉钉 webhooks, of the programme or of one unit) and the channel
 * deliveries of notifications (e-mail, robots, SMS) with their failures, for the programme's office.
 */
import { z } from 'zod';
import { FIELD_LABELS } from '../schemas';
import { EmptyBodySchema, idParams, isoText } from './common';
import { endpoint } from './endpoint';

export const NOTIFY_FIELD_LABELS: Record<string, string> = {
  scope: '范围',
  orgId: '单位',
  url: '机器人地址（Webhook）',
  secret: '加签密钥',
  kind: '机器人类型',
};
for (const [k, v] of Object.entries(NOTIFY_FIELD_LABELS)) FIELD_LABELS[k] ??= v;

export const WEBHOOK_KINDS = ['wecom', 'dingtalk'] as const;
export const DELIVERY_CHANNELS = ['email', 'wecom', 'dingtalk', 'sms'] as const;
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;

const url = z
  .string({ message: '请填写机器人地址（Webhook）' })
  .trim()
  .min(1, '请填写机器人地址（Webhook）')
  .max(1000, '机器人地址不能超过1000个字符')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
    } catch {
      return false;
    }
  }, '机器人地址应为 http:// 或 https:// 开头的网址（从群机器人设置中复制）');
const secret = z.string().trim().max(200, '加签密钥不能超过200个字符');
const name = z.string().trim().max(100, '名称不能超过100个字符');

export const WebhookCreateSchema = z.strictObject({
  /** programme: the programme's own group; unit: one unit's group (orgId). */
  scope: z.enum(['programme', 'unit'], { message: '范围应为“本计划”或“单位”' }),
  orgId: z.string().max(64).nullable().optional(),
  kind: z.enum(WEBHOOK_KINDS, { message: '机器人类型应为企业微信或钉钉' }),
  name: name.optional(),
  url,
  /** 钉钉 加签 secret (SEC…); none for 企业微信. */
  secret: secret.nullable().optional(),
});
export type WebhookCreateInput = z.infer<typeof WebhookCreateSchema>;

/** Fields to change; url/secret omitted = unchanged (they are never sent back in full), secret null = remove. */
export const WebhookUpdateSchema = z.strictObject({
  name: name.optional(),
  url: url.optional(),
  secret: secret.nullable().optional(),
});
export type WebhookUpdateInput = z.infer<typeof WebhookUpdateSchema>;

export const WebhookSchema = z.object({
  id: z.string(),
  scope: z.enum(['programme', 'unit']),
  programmeId: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  kind: z.enum(WEBHOOK_KINDS),
  kindLabel: z.string(),
  name: z.string(),
  /** The address masked (host and the first/last characters of the key), never in full. */
  urlMasked: z.string(),
  hasSecret: z.boolean(),
  /** Stored as an encrypted field (DATA_KEY set). */
  encrypted: z.boolean(),
  active: z.boolean(),
  createdAt: isoText,
  updatedAt: isoText.nullable(),
});

export const WebhookListSchema = z.object({
  items: z.array(WebhookSchema),
  /** Units taking part in the programme: the choices of a unit robot. */
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The channels configured on the server (e-mail needs SMTP_URL; SMS a bound-in sender). */
  channels: z.object({ email: z.boolean(), sms: z.boolean() }),
});

export const WebhookTestResultSchema = z.object({ ok: z.boolean(), message: z.string() });

export const DeliveryQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES, { message: '状态应为 queued、sent、failed 或 skipped' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const DeliverySchema = z.object({
  id: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  channelLabel: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  statusLabel: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: isoText,
  sentAt: isoText.nullable(),
  notificationId: z.string(),
  title: z.string(),
  link: z.string(),
  recipient: z.string(),
  orgName: z.string().nullable(),
  /** The robot's name for 企业微信/钉钉 deliveries. */
  webhookName: z.string().nullable(),
});
export const DeliveryListSchema = z.object({ items: z.array(DeliverySchema) });

const programme = idParams('实事计划');
const webhook = idParams('群机器人');

export const NOTIFY_ENDPOINTS = {
  programmeWebhooks: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/webhooks',
    summary: '消息通道：本计划及各单位的企业微信/钉钉群机器人（地址脱敏显示）',
    tag: 'notify',
    params: programme,
    response: WebhookListSchema,
  }),
  createWebhook: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/webhooks',
    summary: '添加群机器人（本计划或某单位；地址与密钥加密保存）',
    tag: 'notify',
    params: programme,
    body: WebhookCreateSchema,
    response: WebhookSchema,
    status: 201,
  }),
  updateWebhook: endpoint({
    method: 'PUT',
    path: '/api/webhooks/:id',
    summary: '修改群机器人的名称、地址或加签密钥',
    tag: 'notify',
    params: webhook,
    body: WebhookUpdateSchema,
    response: WebhookSchema,
  }),
  setWebhookActive: endpoint({
    method: 'POST',
    path: '/api/webhooks/:id/active',
    summary: '停用或启用群机器人（停用后不再发送，记录保留）',
    tag: 'notify',
    params: webhook,
    body: z.strictObject({ active: z.boolean() }),
    response: WebhookSchema,
  }),
  testWebhook: endpoint({
    method: 'POST',
    path: '/api/webhooks/:id/test',
    summary: '向群机器人发送一条测试消息',
    tag: 'notify',
    params: webhook,
    body: EmptyBodySchema,
    response: WebhookTestResultSchema,
  }),
  programmeDeliveries: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/deliveries',
    summary: '消息发送记录（邮件、群机器人、短信），可按状态筛选（如 failed 发送失败）',
    tag: 'notify',
    params: programme,
    query: DeliveryQuerySchema,
    response: DeliveryListSchema,
  }),
  retryDelivery: endpoint({
    method: 'POST',
    path: '/api/deliveries/:id/retry',
    summary: '重新发送一条发送失败的消息',
    tag: 'notify',
    params: idParams('发送记录'),
    body: EmptyBodySchema,
    response: DeliverySchema.pick({ id: true, status: true }),
  }),
};
