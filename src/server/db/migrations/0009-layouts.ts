/**
 * The office's own layouts (版式, issue 9): a copy of a built-in layout (or of another own one), edited and saved for one
 * programme. Frozen: imports nothing from the app. Text keys, ISO text timestamps, the definition as JSON text (a
 * `Layout` of domain/publish/layouts/schema.ts).
 *
 * - layouts: the current definition and its version (1 when created, +1 per saved change; optimistic locking on it),
 *   who created and last changed it (users.id; null for the command line's local operator), and `archived` (1 = no longer offered nor usable for exports).
 * - layout_versions: every version ever saved, never overwritten (the history of a layout).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('layouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('based_on', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('layouts_programme').on('layouts').columns(['programme_id', 'archived']).execute();
  await db.schema
    .createTable('layout_versions')
    .addColumn('layout_id', 'text', (c) => c.notNull().references('layouts.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text')
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('layout_versions_pk', ['layout_id', 'version'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('layout_versions').execute();
  await db.schema.dropTable('layouts').execute();
}
