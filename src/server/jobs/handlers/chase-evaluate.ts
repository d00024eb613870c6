/**
 * `chase.evaluate` (every REMINDER_EVERY_MINUTES, default 10): evaluate every programme's chase rules at the job's
 * clock and store what is due (services/chase/run). Safe to run twice or on two workers: notifications are unique per
 * user and idempotency key, 督办 records per key.
 */
import { runChase } from '../../services/chase/run';
import type { JobHandler } from '../types';

/** The default interval of the recurring evaluation, minutes. */
export const REMINDER_EVERY_MINUTES_DEFAULT = 10;

export const chaseEvaluateJob: JobHandler<{ programmeId?: string } | null | undefined> = async ({
  db,
  now,
  payload,
}) => {
  await runChase(db, { now: now(), programmeId: payload?.programmeId, actorName: '定时任务（提醒与催办）' });
};
