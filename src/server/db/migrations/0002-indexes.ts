/**
 * Indexes for the queries that grow with a year of work (reports by project and by round+status, the audit log by time
 * and by actor, sessions by user and by expiry, organisations by parent) and the key-supervision flag as its own column
 * (backfilled from the JSON `flags` text) so scopes filter on an indexed integer instead of a LIKE on JSON.
 * report_versions by report is already covered by the unique (report_id, version_no) constraint.
 * Frozen: imports nothing from the app.
 */
import type { Kysely } from 'kysely';

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['reports_project', 'reports', ['project_id']],
  ['reports_round_status', 'reports', ['round_id', 'status']],
  ['audit_log_at', 'audit_log', ['at']],
  ['audit_log_actor_at', 'audit_log', ['actor_id', 'at']],
  ['sessions_user', 'sessions', ['user_id']],
  ['sessions_expires', 'sessions', ['expires_at']],
  ['organizations_parent', 'organizations', ['parent_id']],
  ['projects_key_supervision', 'projects', ['programme_id', 'key_supervision']],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('key_supervision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The JSON text holds the flag as a quoted array element; only this backfill may look at it with LIKE.
  await db.updateTable('projects').set({ key_supervision: 1 }).where('flags', 'like', '%"key_supervision"%').execute();
  for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
  await db.schema.alterTable('projects').dropColumn('key_supervision').execute();
}
