/**
 * Chase and escalate (issue 11): the in-app notifications and each programme's chase rules. Frozen: imports nothing
 * from the app. Text keys, ISO text timestamps, JSON in text.
 *
 * - notifications: one per recipient and idempotency key (UNIQUE (user_id, idempotency_key)), so evaluating the
 *   rules twice, or on two workers at once, never notifies twice. read_at null = unread.
 * - programmes.chase_rules: the programme's reminder and escalation rules (JSON; null = the defaults).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('programme_id', 'text')
    .addColumn('round_id', 'text')
    .addColumn('report_id', 'text')
    .addColumn('org_id', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notifications_user_key', ['user_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('notifications_user_created')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema.createIndex('notifications_round_org').on('notifications').columns(['round_id', 'org_id']).execute();
  await db.schema.alterTable('programmes').addColumn('chase_rules', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programmes').dropColumn('chase_rules').execute();
  await db.schema.dropTable('notifications').execute();
}
