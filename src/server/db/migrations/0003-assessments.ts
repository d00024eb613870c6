/**
 * Stored assessments: what the judgement engine said of each report version, written with the version. A re-assessment
 * (programme settings changed, engine upgraded) retires the current row and inserts a new one: nothing is overwritten.
 * Frozen: imports nothing from the app.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('report_versions.id'))
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('current', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('computed_status', 'text')
    .addColumn('light', 'text')
    .addColumn('completion_ratio', 'double precision')
    .addColumn('published_ratio', 'double precision')
    .addColumn('computed_ratio', 'double precision')
    .addColumn('expected_ratio', 'double precision')
    .addColumn('gap_points', 'double precision')
    .addColumn('reason', 'text')
    .addColumn('lag_analysis_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('basis_key', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .execute();
  // One current assessment per version (partial unique index: both engines support it).
  await db.schema
    .createIndex('report_assessments_current')
    .on('report_assessments')
    .column('version_id')
    .unique()
    .where(sql.ref('current'), '=', 1)
    .execute();
  await db.schema.createIndex('report_assessments_version').on('report_assessments').column('version_id').execute();
  await db.schema.createIndex('report_assessments_report').on('report_assessments').column('report_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_assessments').execute();
}
