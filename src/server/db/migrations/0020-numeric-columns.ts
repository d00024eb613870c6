/**
 * 0020-numeric-columns (issue 14 §2). Frozen once landed: imports nothing from the app.
 *
 * Numeric columns of imported tables are data:
 * - indicators.source_column: 'targetNumber' (年度目标数 with its 计量单位, folded: 万人 → 人) or 'investment'
 *   (计划投资, unit 万元) when the indicator was created from an import's column; the value is the indicator's target
 *   (target_value + unit), the 完成数 / 完成投资 are report_values of the imported version on that indicator.
 * - report_version_numbers: per report version, the **published** ratio of a 完成率 column (fraction, 1.08 for 108%),
 *   the ratio computed from 完成数 ÷ 年度目标数, and whether they agree (consistent / inconsistent / none).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicators').addColumn('source_column', 'text').execute();
  await db.schema
    .createTable('report_version_numbers')
    .addColumn('version_id', 'text', (c) => c.primaryKey().references('report_versions.id'))
    .addColumn('published_ratio', 'double precision')
    .addColumn('computed_ratio', 'double precision')
    .addColumn('ratio_check', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
