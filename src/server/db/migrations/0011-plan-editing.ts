/**
 * Editing the programme in the browser (issue 10 §1). Frozen: imports nothing from the app.
 *
 * - projects.version: optimistic locking (every edit sends the version it read; a stale one answers 409).
 * - projects.status, matters.status, categories.status: 'active' | 'inactive' (deactivated instead of deleted once
 *   anything has been reported on it).
 * - projects.original_annual_target_text: the annual target as first planned, kept when a 年度目标调整 changes
 *   annual_target_text (null = never adjusted).
 * - programmes.cadence: the reporting cadence ('monthly' | 'quarterly'), which period targets the plan asks for.
 * - indicators.split_of: a unit's part of a split target points at the project's whole indicator.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('projects')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema.alterTable('projects').addColumn('original_annual_target_text', 'text').execute();
  await db.schema
    .alterTable('matters')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema
    .alterTable('categories')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema
    .alterTable('programmes')
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo('quarterly'))
    .execute();
  await db.schema
    .alterTable('indicators')
    .addColumn('split_of', 'text', (c) => c.references('indicators.id'))
    .execute();
  await db.schema.createIndex('projects_parent').on('projects').column('parent_id').execute();
  await db.schema.createIndex('indicators_split_of').on('indicators').column('split_of').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('indicators_split_of').execute();
  await db.schema.dropIndex('projects_parent').execute();
  await db.schema.alterTable('indicators').dropColumn('split_of').execute();
  await db.schema.alterTable('programmes').dropColumn('cadence').execute();
  await db.schema.alterTable('categories').dropColumn('status').execute();
  await db.schema.alterTable('matters').dropColumn('status').execute();
  await db.schema.alterTable('projects').dropColumn('original_annual_target_text').execute();
  await db.schema.alterTable('projects').dropColumn('status').execute();
  await db.schema.alterTable('projects').dropColumn('version').execute();
}
