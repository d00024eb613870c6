/**
 * Every job the application knows, by name, and the recurring ones. The worker (inside `shishi serve` or
 * `shishi worker`) handles exactly these names.
 *
 * Adding a job:
 *   1. write the handler in ./handlers/<name>.ts — `export const myJob: JobHandler<{ programmeId: string }> =
 *      async ({ payload, attempt, db, now }) => { … }` (throw to retry with back-off; make it safe to run twice);
 *   2. add one line to JOB_HANDLERS below, e.g. `'reassess.programme': reassessProgramme,`;
 *   3. enqueue it from a use case inside the transaction that causes it:
 *      `await enqueueJob(trx, 'reassess.programme', { programmeId }, { now: ctx.now() })` (from ../jobs/enqueue) —
 *      it commits or rolls back with the change.
 *   Recurring: add `{ name, everyMinutes }` to JOB_SCHEDULES.
 */
import { purgeOldAuditEntries } from './handlers/audit-purge';
import { chaseEvaluateJob, REMINDER_EVERY_MINUTES_DEFAULT } from './handlers/chase-evaluate';
import { notifyDeliver } from './handlers/notify-deliver';
import { reassessProgrammeJob } from './handlers/reassess-programme';
import { purgeExpiredSessions } from './handlers/sessions-purge';
import type { JobHandlers, ScheduleSpec } from './types';

export const JOB_HANDLERS: JobHandlers = {
  'sessions.purge': purgeExpiredSessions,
  'reassess.programme': reassessProgrammeJob,
  'audit.purge': purgeOldAuditEntries,
  'chase.evaluate': chaseEvaluateJob,
  'notify.deliver': notifyDeliver,
};

export const JOB_SCHEDULES: ScheduleSpec[] = [
  { name: 'sessions.purge', everyMinutes: 10 },
  // Daily; payload { retentionDays } (AUDIT_RETENTION_DAYS, ≥ 180) replaces the default of 180 days.
  { name: 'audit.purge', everyMinutes: 1440, payload: { retentionDays: 180 } },
  // Reminders, 催办 and escalations (issue 11); REMINDER_EVERY_MINUTES replaces the interval.
  { name: 'chase.evaluate', everyMinutes: REMINDER_EVERY_MINUTES_DEFAULT },
];
