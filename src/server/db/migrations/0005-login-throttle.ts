/**
 * Login back-off per account name AND client address (replaces the per-account lock, which let anyone lock out an
 * account's owner). Frozen: imports nothing from the app. Text keys, ISO text timestamps.
 *
 * One row per (username as typed, address) with recent failures, known and unknown names alike. `failures` counts the
 * password checks admitted since the last successful login; `blocked_until` refuses further attempts from that address
 * for that name until then; `last_attempt` is the id of the last admitted attempt (so a caller learns, from the same
 * atomic statement, whether its attempt was the one admitted). `last_at` lets old rows be forgotten and purged.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_until', 'text')
    .addColumn('last_attempt', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_throttle_pk', ['username', 'ip'])
    .execute();
  await db.schema.createIndex('login_throttle_last_at').on('login_throttle').column('last_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}
