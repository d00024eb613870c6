/**
 * Recurring jobs, the same on both engines and driven by the application clock (tests move time): time is cut into
 * slots of `everyMinutes`; the first worker to see a new slot moves `job_schedules.last_slot` forward with one
 * conditional UPDATE (so of several servers exactly one wins the slot) and enqueues the job, keyed by the slot.
 */
import type { Db, DbOrTx, Engine } from '../db/connect';
import { claimScheduleSlot, ensureSchedule } from '../repositories/jobs.repo';
import { enqueueJob } from './enqueue';
import type { ScheduleSpec } from './types';

/** The start of the slot `now` falls in (UTC, aligned to the epoch). */
export function slotStart(now: Date, everyMinutes: number): Date {
  const size = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** Enqueue every schedule whose current slot has not been enqueued yet; returns the names enqueued. */
export async function fireDueSchedules(db: Db, engine: Engine, specs: ScheduleSpec[], now: Date): Promise<string[]> {
  const fired: string[] = [];
  const at = now.toISOString();
  for (const spec of specs) {
    const slot = slotStart(now, spec.everyMinutes).toISOString();
    await ensureSchedule(db, spec.name, at);
    // On PostgreSQL claim and enqueue commit together. On SQLite each is one statement on its own: a transaction
    // held across awaits would make a second connection in the same process wait synchronously on the file lock.
    const run = async (q: DbOrTx) => {
      if (!(await claimScheduleSlot(q, spec.name, slot, at))) return;
      await enqueueJob(q, spec.name, spec.payload ?? {}, {
        idempotencyKey: `schedule:${spec.name}:${slot}`,
        maxAttempts: spec.maxAttempts ?? 3,
        now,
      });
      fired.push(spec.name);
    };
    if (engine === 'postgres') await db.transaction().execute(run);
    else await run(db);
  }
  return fired;
}
