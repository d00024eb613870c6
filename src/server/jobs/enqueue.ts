/**
 * The outbox: add a job on the caller's connection or transaction, so it commits or rolls back with the change that
 * causes it. The engine is read from the Kysely adapter, so use cases call `enqueueJob(trx, …)` without a Jobs object.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { DbOrTx } from '../db/connect';
import { newId } from '../util';
import { DEFAULT_MAX_ATTEMPTS, type EnqueueOptions } from './types';

/** Local workers to wake after an insert (SQLite, same process); a missed wake only costs one poll interval. */
const wakers = new Set<() => void>();
export const onEnqueued = (wake: () => void) => {
  wakers.add(wake);
  return () => wakers.delete(wake);
};

const isPostgres = (db: DbOrTx) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Add a job; returns its id (the existing job's id when the idempotency key is taken). */
export async function enqueueJob(db: DbOrTx, name: string, payload: unknown, opts: EnqueueOptions = {}) {
  const json = JSON.stringify(payload ?? {});
  if (isPostgres(db)) {
    // graphile-worker's own SQL function, inside our transaction; unsafe_dedupe = "one job per key while it exists".
    const key = opts.idempotencyKey ?? null;
    const { rows } = await sql<{ id: string | number }>`
      select (graphile_worker.add_job(
        ${name}::text,
        ${json}::json,
        run_at => ${opts.runAt?.toISOString() ?? null}::timestamptz,
        max_attempts => ${opts.maxAttempts ?? null}::int,
        job_key => ${key}::text,
        job_key_mode => ${key ? 'unsafe_dedupe' : null}::text
      )).id`.execute(db);
    return String(rows[0]!.id);
  }
  const now = (opts.now ?? new Date()).toISOString();
  const row = await db
    .insertInto('jobs')
    .values({
      id: newId(),
      name,
      payload: json,
      idempotencyKey: opts.idempotencyKey ?? null,
      state: 'queued',
      attempts: 0,
      maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      runAt: opts.runAt?.toISOString() ?? null,
      createdAt: now,
      updatedAt: now,
    })
    // A taken key: a no-op update so the existing id comes back.
    .onConflict((oc) =>
      oc.column('idempotencyKey').doUpdateSet((eb) => ({ idempotencyKey: eb.ref('jobs.idempotencyKey') })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const wake of wakers) wake();
  return row.id;
}
