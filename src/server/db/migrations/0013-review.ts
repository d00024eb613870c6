/**
 * Rounds and review with full control (issue 10 §3). Frozen: imports nothing from the app. Text keys, ISO text
 * timestamps, JSON in text.
 *
 * - rounds.status now also takes 'draft' and 'archived' (text column, no change).
 * - round_exceptions: a round's due date extended (org_id null: the whole round; else one unit) or the round reopened
 *   for one unit ('reopen'), each with its reason, who and when. Never updated: the newest row of a kind wins.
 * - report_versions.field_comments: the reviewer's comment per field (JSON object: progress, numbers, problems,
 *   nextSteps, analysis) stored with the version that returned the report.
 * - lag_analyses / lag_analysis_versions: the written analysis of a lagging project (滞后分析) as its own reviewed
 *   document attached to a report, with immutable versions like reports.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('round_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('org_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('previous_due_date', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('round_exceptions_round')
    .on('round_exceptions')
    .columns(['round_id', 'org_id'])
    .execute();
  await db.schema.alterTable('report_versions').addColumn('field_comments', 'text').execute();
  await db.schema
    .createTable('lag_analyses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().unique().references('reports.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('last_comment', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('lag_analysis_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('analysis_id', 'text', (c) => c.notNull().references('lag_analyses.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('subjective', 'text', (c) => c.notNull())
    .addColumn('objective', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('expected_completion', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('lag_analysis_versions_no', ['analysis_id', 'version_no'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lag_analysis_versions').execute();
  await db.schema.dropTable('lag_analyses').execute();
  await db.schema.alterTable('report_versions').dropColumn('field_comments').execute();
  await db.schema.dropTable('round_exceptions').execute();
}
