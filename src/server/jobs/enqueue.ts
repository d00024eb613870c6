/**
 * The outbox: add a job on the caller's connection or transaction, so it commits or rolls back with the change that
 * causes it. The engine is read from the Kysely adapter, so use cases call `enqueueJob(trx, …)` without a Jobs object.
 */
import { PostgresAdapter } from 'kysely';
import type { DbOrTx } from '../db/connect';
import { addGraphileJob, insertJob } from '../repositories/jobs.repo';
import { newId } from '../util';
import { DEFAULT_MAX_ATTEMPTS, type EnqueueOptions } from './types';

/** Local workers to wake after an insert (SQLite, same process); a missed wake only costs one poll interval. */
const wakers = new Set<() => void>();
export const onEnqueued = (wake: () => void) => {
  wakers.add(wake);
  return () => wakers.delete(wake);
};

const isPostgres = (db: DbOrTx) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Add a job; returns its id (the existing job's id when the idempotency key is taken). PostgreSQL: graphile-worker's
 * own SQL function inside our transaction; SQLite: a row in `jobs` (repositories/jobs.repo.ts).
 */
export async function enqueueJob(db: DbOrTx, name: string, payload: unknown, opts: EnqueueOptions = {}) {
  const json = JSON.stringify(payload ?? {});
  if (isPostgres(db))
    return addGraphileJob(db, {
      name,
      payload: json,
      runAt: opts.runAt?.toISOString() ?? null,
      maxAttempts: opts.maxAttempts ?? null,
      idempotencyKey: opts.idempotencyKey ?? null,
    });
  const now = (opts.now ?? new Date()).toISOString();
  const id = await insertJob(db, {
    id: newId(),
    name,
    payload: json,
    idempotencyKey: opts.idempotencyKey ?? null,
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    runAt: opts.runAt?.toISOString() ?? null,
    now,
  });
  for (const wake of wakers) wake();
  return id;
}
