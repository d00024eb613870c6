/**
 * Durable jobs on the embedded engine (SQLite) and recurring schedules on both engines. Frozen: imports nothing from
 * the app. Text ids, ISO text timestamps, 0/1 integers, JSON in text.
 *
 * On PostgreSQL the queue itself is graphile-worker (its own schema `graphile_worker`, installed by the worker on
 * start); the `jobs` table then simply exists unused. `job_schedules` is used on both engines: one row per recurring
 * schedule with the last time slot that was enqueued, so several servers enqueue each slot once.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    // At most one job per key while it exists (queued, running or failed); NULLs never collide.
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    // queued | running | failed (a finished job is deleted)
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(25))
    // NULL: as soon as possible
    .addColumn('run_at', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_state_run_at').on('jobs').columns(['state', 'run_at']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_slot', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_schedules').execute();
  await db.schema.dropTable('jobs').execute();
}
