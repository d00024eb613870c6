/**
 * Organisations and accounts managed by hand (issue 10 §2). Frozen: imports nothing from the app.
 *
 * - organizations.active: 0 = 已停用 (merged into another, or no longer used); kept for history, never deleted.
 * - users.phone / users.email: contact details, an encrypted-field token (`enc:…`) when DATA_KEY is set, else text.
 * - user_units.duty: the person's duty for that unit — 联络员 or 分管领导 (null = not stated).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('users').addColumn('phone', 'text').execute();
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema.alterTable('user_units').addColumn('duty', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_units').dropColumn('duty').execute();
  for (const c of ['phone', 'email']) await db.schema.alterTable('users').dropColumn(c).execute();
  await db.schema.alterTable('organizations').dropColumn('active').execute();
}
