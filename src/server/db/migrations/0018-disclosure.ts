/**
 * 0018-disclosure: 政务公开 (issue 13 §1). Frozen once landed: imports nothing from the app.
 *
 * - disclosure_settings: per programme, the public slug (/gk/<slug>/<year>/), the default layout and split mode, the
 *   default disclosure metadata (JSON: 信息来源, 所属类目, 主题分类, 体裁, 发文字号, 公开类别, 机构名称) and comment window.
 * - disclosure_publications: an immutable snapshot of what was published (the composed document as JSON: titles,
 *   header and body cells; the metadata; the layout's name), with its own slug. A correction (勘误) or an update is a
 *   new row naming the one it replaces (`replaces_id`); the replaced row gets `replaced_by_id` and nothing else changes.
 * - disclosure_files: the official attachment files (.docx/.xlsx/.pdf) of a publication, stored as base64 text so one
 *   migration serves both engines.
 * - disclosure_comments: 公示期 comments from the public, held for moderation ('pending' → 'approved' | 'rejected').
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('disclosure_settings')
    .addColumn('programme_id', 'text', (c) => c.primaryKey().references('programmes.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('layout_id', 'text', (c) => c.notNull())
    .addColumn('split_mode', 'text')
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('comment_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createTable('disclosure_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('layout_id', 'text', (c) => c.notNull())
    .addColumn('layout_name', 'text', (c) => c.notNull())
    .addColumn('split_mode', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('replaces_id', 'text')
    .addColumn('replaced_by_id', 'text')
    .addColumn('comment_until', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .execute();
  await db.schema
    .createIndex('disclosure_publications_programme')
    .on('disclosure_publications')
    .columns(['programme_id', 'year', 'published_at'])
    .execute();
  await db.schema
    .createIndex('disclosure_publications_round')
    .on('disclosure_publications')
    .columns(['round_id', 'replaced_by_id'])
    .execute();
  await db.schema
    .createTable('disclosure_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('disclosure_publications.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('disclosure_files_format', ['publication_id', 'format'])
    .execute();
  await db.schema
    .createTable('disclosure_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('disclosure_publications.id'))
    .addColumn('name', 'text')
    .addColumn('contact', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('client_hash', 'text', (c) => c.notNull())
    .addColumn('moderated_at', 'text')
    .addColumn('moderated_by', 'text')
    .execute();
  await db.schema
    .createIndex('disclosure_comments_publication')
    .on('disclosure_comments')
    .columns(['publication_id', 'status', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('disclosure_comments').execute();
  await db.schema.dropTable('disclosure_files').execute();
  await db.schema.dropTable('disclosure_publications').execute();
  await db.schema.dropTable('disclosure_settings').execute();
}
