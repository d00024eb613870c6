/**
 * 年度目标调整 of a project's own annual target (projects.annual_target_text), issue 10: a re-import that changes a
 * project's annual target, once the office accepts it, is recorded here (old and new text, reason, approving body, who
 * and when) instead of overwriting the text silently. Indicator targets keep their history in target_versions.
 * Frozen: imports nothing from the app.
 *
 * - project_target_versions: one row per change, numbered per project (1, 2, …), never updated; `source` says where
 *   the change came from ('import', or 'manual' for a change made on the project page).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_target_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('old_text', 'text', (c) => c.notNull())
    .addColumn('new_text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_target_versions_unique', ['project_id', 'version'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_target_versions').execute();
}
