/**
 * Account security (等保 身份鉴别): forced password change, password age, earlier passwords, the previous login shown
 * to the user. Frozen: imports nothing from the app. Text keys, ISO text timestamps.
 *
 * - users.must_change_password: 1 after an administrator's reset (and for accounts created by an administrator);
 *   the user can do nothing but change it.
 * - users.password_changed_at: when the password was last set (null = at account creation, `created_at`).
 * - users.locked_until (from 0001): an account locked by the 安全管理员 until that time (far future = until unlocked).
 * - password_history: the hashes of earlier passwords, so a new one does not repeat the last five.
 * - sessions.prev_login_at / prev_login_ip: the login before this one, shown after login ("上次登录");
 *   failed_since_prev: wrong passwords tried on the account between that login and this one (told to the owner).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('last_login_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('last_login_ip', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('prev_login_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('prev_login_ip', 'text').execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('failed_since_prev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('password_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('password_history_user')
    .on('password_history')
    .columns(['user_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_history').execute();
  for (const c of ['prev_login_at', 'prev_login_ip', 'failed_since_prev'])
    await db.schema.alterTable('sessions').dropColumn(c).execute();
  for (const c of ['must_change_password', 'password_changed_at', 'last_login_at', 'last_login_ip'])
    await db.schema.alterTable('users').dropColumn(c).execute();
}
