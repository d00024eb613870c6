/** The calls of the 消息通道 page, built from the shared contract (src/shared/contract/notify.ts). */
import { API, type ResponseOf } from '../../../../src/shared/contract';
import type { WebhookCreateInput, WebhookUpdateInput } from '../../../../src/shared/contract/notify';
import { call } from '../../api/client';

export type WebhookList = ResponseOf<typeof API.programmeWebhooks>;
export type Webhook = WebhookList['items'][number];
export type Delivery = ResponseOf<typeof API.programmeDeliveries>['items'][number];
export type DeliveryStatus = Delivery['status'];

export const notifyApi = {
  webhooks: (programmeId: string) => call(API.programmeWebhooks, { params: { id: programmeId } }),
  create: (programmeId: string, body: WebhookCreateInput) =>
    call(API.createWebhook, { params: { id: programmeId }, body }),
  update: (id: string, body: WebhookUpdateInput) => call(API.updateWebhook, { params: { id }, body }),
  setActive: (id: string, active: boolean) => call(API.setWebhookActive, { params: { id }, body: { active } }),
  test: (id: string) => call(API.testWebhook, { params: { id }, body: {} }),
  deliveries: (programmeId: string, status: DeliveryStatus | null) =>
    call(API.programmeDeliveries, { params: { id: programmeId }, query: status ? { status } : {} }),
  retry: (id: string) => call(API.retryDelivery, { params: { id }, body: {} }),
};
