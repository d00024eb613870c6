/**
 * `notify.deliver` (payload { deliveryId }): send one channel delivery of a notification (services/notify/deliver.ts).
 * Throws to be retried with back-off; safe to run twice (a delivery already sent is skipped).
 */
import { deliverOne } from '../../services/notify/deliver';
import type { JobHandler } from '../types';

export const notifyDeliver: JobHandler<{ deliveryId: string }> = async ({ payload, attempt, maxAttempts, db, now }) => {
  await deliverOne(db, payload.deliveryId, { attempt, maxAttempts, now: now() });
};
