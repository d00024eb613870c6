/**
 * Channels of the chase (issue 11 §3). Frozen: imports nothing from the app. Text keys, ISO text timestamps, 0/1
 * integers.
 *
 * - notification_deliveries: one row per (notification, channel, target) — e-mail (target: the recipient's user id;
 *   the address is read, and decrypted, when sending), 企业微信/钉钉 (target: the webhook id), SMS (the user id).
 *   status 'queued' | 'sent' | 'failed' | 'skipped'; attempts and the last error are kept for the office.
 * - notify_webhooks: a group robot (企业微信 or 钉钉) of a programme or of one unit within a programme; url and secret
 *   are encrypted-field tokens when DATA_KEY is set. Deactivated, never deleted (deliveries point at them).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('programme_id', 'text', (c) => c.references('programmes.id'))
    .addColumn('org_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text')
    .execute();
  await db.schema.createIndex('notify_webhooks_programme').on('notify_webhooks').columns(['programme_id']).execute();
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('notification_deliveries_target', ['notification_id', 'channel', 'target'])
    .execute();
  await db.schema
    .createIndex('notification_deliveries_status')
    .on('notification_deliveries')
    .columns(['status', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_deliveries').execute();
  await db.schema.dropTable('notify_webhooks').execute();
}
