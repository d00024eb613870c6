/**
 * The job queue's SQL (server/jobs holds the workers). SQLite: the `jobs` table, where every state change is ONE
 * statement, so it stays atomic when several processes share the file (an UPDATE takes the write lock before it
 * reads). PostgreSQL: graphile-worker's schema, reached only through its SQL function `add_job` and its `jobs` view.
 * Both engines: `job_schedules`, one row per recurring job.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { JobsTable } from '../db/database';

/** A job to add to the SQLite `jobs` table. Times are ISO text; `payload` is JSON text. */
export type NewJob = {
  id: string;
  name: string;
  payload: string;
  idempotencyKey: string | null;
  maxAttempts: number;
  runAt: string | null;
  now: string;
};

/**
 * Add a queued job (SQLite); returns its id — the existing job's id when the idempotency key is taken (a no-op update
 * on conflict, so the row comes back).
 */
export async function insertJob(db: DbOrTx, job: NewJob): Promise<string> {
  const row = await db
    .insertInto('jobs')
    .values({
      id: job.id,
      name: job.name,
      payload: job.payload,
      idempotencyKey: job.idempotencyKey,
      state: 'queued',
      attempts: 0,
      maxAttempts: job.maxAttempts,
      runAt: job.runAt,
      createdAt: job.now,
      updatedAt: job.now,
    })
    .onConflict((oc) =>
      oc.column('idempotencyKey').doUpdateSet((eb) => ({ idempotencyKey: eb.ref('jobs.idempotencyKey') })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Add a job with graphile-worker's own SQL function (PostgreSQL), on the caller's connection or transaction so it
 * commits or rolls back with it; returns its id. With a key, job_key_mode `unsafe_dedupe` = "one job per key while it
 * exists" (the existing job's id comes back and nothing changes). `payload` is JSON text; `runAt` ISO or null.
 */
export async function addGraphileJob(
  db: DbOrTx,
  job: {
    name: string;
    payload: string;
    runAt: string | null;
    maxAttempts: number | null;
    idempotencyKey: string | null;
  },
): Promise<string> {
  const key = job.idempotencyKey;
  const { rows } = await sql<{ id: string | number }>`
      select (graphile_worker.add_job(
        ${job.name}::text,
        ${job.payload}::json,
        run_at => ${job.runAt}::timestamptz,
        max_attempts => ${job.maxAttempts}::int,
        job_key => ${key}::text,
        job_key_mode => ${key ? 'unsafe_dedupe' : null}::text
      )).id`.execute(db);
  return String(rows[0]!.id);
}

/**
 * Claim the oldest due job of one of `names`, atomically (SQLite): UPDATE … WHERE id = (SELECT the oldest due job)
 * RETURNING, so a job is claimed by one worker only. Due = queued and its run_at passed, or running with an expired
 * lock (a crashed worker), with attempts left. The claim counts an attempt and locks the job until `lockedUntil`.
 */
export async function claimNextJob(
  db: DbOrTx,
  claim: { names: string[]; workerId: string; now: string; lockedUntil: string },
): Promise<JobsTable | undefined> {
  const at = claim.now;
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      lockedBy: claim.workerId,
      lockedUntil: claim.lockedUntil,
      attempts: eb('attempts', '+', 1),
      updatedAt: at,
    }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('name', 'in', claim.names)
        .whereRef('attempts', '<', 'maxAttempts')
        .where((w) =>
          w.or([
            w.and([w('state', '=', 'queued'), w.or([w('runAt', 'is', null), w('runAt', '<=', at)])]),
            w.and([w('state', '=', 'running'), w('lockedUntil', '<=', at)]),
          ]),
        )
        .orderBy(sql`coalesce(run_at, created_at)`)
        .orderBy('createdAt')
        .limit(1),
    )
    .returningAll()
    .executeTakeFirst();
}

/** A job finished (SQLite): delete it, if this worker still holds it. */
export async function markJobDone(db: DbOrTx, id: string, workerId: string): Promise<void> {
  await db.deleteFrom('jobs').where('id', '=', id).where('lockedBy', '=', workerId).execute();
}

/**
 * A failed attempt (SQLite), if this worker still holds the job: unlock it and record the error — queued again at
 * `runAt` (the retry time) while attempts are left, else `failed` (then pass the job's own `runAt`, kept as it was).
 */
export async function recordJobFailure(
  db: DbOrTx,
  id: string,
  workerId: string,
  f: { gaveUp: boolean; runAt: string | null; lastError: string; now: string },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      state: f.gaveUp ? 'failed' : 'queued',
      runAt: f.runAt,
      lastError: f.lastError,
      lockedBy: null,
      lockedUntil: null,
      updatedAt: f.now,
    })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .execute();
}

/**
 * Give up every job whose worker vanished on its last allowed attempt (SQLite: running, lock expired, no attempts
 * left — it could not be claimed again); keeps a recorded error, else stores `lostWorkerError`.
 */
export async function failAbandonedJobs(db: DbOrTx, now: string, lostWorkerError: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'failed',
      lastError: eb.fn.coalesce('lastError', eb.val(lostWorkerError)),
      lockedBy: null,
      lockedUntil: null,
      updatedAt: now,
    }))
    .where('state', '=', 'running')
    .where('lockedUntil', '<=', now)
    .whereRef('attempts', '>=', 'maxAttempts')
    .execute();
}

/** A stored job on SQLite (a finished job is deleted). */
export async function findJob(db: DbOrTx, id: string): Promise<JobsTable | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A stored job on PostgreSQL (graphile-worker's `jobs` view); `id` must be a decimal integer. */
export async function findGraphileJob(db: DbOrTx, id: string) {
  const { rows } = await sql<{
    id: string | number;
    taskIdentifier: string;
    attempts: number;
    maxAttempts: number;
    runAt: Date | null;
    lastError: string | null;
    key: string | null;
    lockedAt: Date | null;
  }>`select id, task_identifier, attempts, max_attempts, run_at, last_error, key, locked_at
     from graphile_worker.jobs where id = ${id}::bigint`.execute(db);
  return rows[0];
}

/** Make sure a recurring job has its `job_schedules` row (no slot yet); an existing row is left alone. */
export async function ensureSchedule(db: DbOrTx, name: string, now: string): Promise<void> {
  await db
    .insertInto('jobSchedules')
    .values({ name, lastSlot: null, updatedAt: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Move a schedule's `last_slot` forward to `slot` with one conditional UPDATE; true when this caller won the slot
 * (of several servers exactly one does), false when it was already taken.
 */
export async function claimScheduleSlot(db: DbOrTx, name: string, slot: string, now: string): Promise<boolean> {
  const won = await db
    .updateTable('jobSchedules')
    .set({ lastSlot: slot, updatedAt: now })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('lastSlot', 'is', null), eb('lastSlot', '<', slot)]))
    .returning('name')
    .executeTakeFirst();
  return won !== undefined;
}
