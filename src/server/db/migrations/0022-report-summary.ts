/**
 * 0022-report-summary (issue 12 §5). Frozen once landed: imports nothing from the app.
 *
 * The current assessment of each report's current version, kept on the report itself (assessed_*): a city's roll-up
 * reads one compact row per report of 100 district rounds (18,300 reports) and, through report_versions →
 * report_assessments, spent most of its time finding the current version's current assessment (PostgreSQL hash-joined
 * all 211,681 versions). The columns are a summary, never the record: report_assessments stays the history, and every
 * writer of an assessment refreshes the summary of the reports it touched in the same transaction
 * (repositories/assessments.repo.ts refreshReportSummaries). Filled here for the reports that exist.
 */
import { type Kysely, sql } from 'kysely';

const COLUMNS: [string, 'text' | 'double precision'][] = [
  ['assessed_status', 'text'],
  ['assessed_light', 'text'],
  ['assessed_ratio', 'double precision'],
  ['assessed_gap', 'double precision'],
  ['assessed_reason', 'text'],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type] of COLUMNS) await db.schema.alterTable('reports').addColumn(name, type).execute();
  // Both engines take a row-value assignment from a correlated subquery (no row: all NULL).
  await sql`
    UPDATE reports SET (assessed_status, assessed_light, assessed_ratio, assessed_gap, assessed_reason) = (
      SELECT ra.computed_status, ra.light, ra.completion_ratio, ra.gap_points, ra.reason
      FROM report_versions rv JOIN report_assessments ra ON ra.version_id = rv.id AND ra.current = 1
      WHERE rv.report_id = reports.id AND rv.version_no = reports.version_no
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of COLUMNS) await db.schema.alterTable('reports').dropColumn(name).execute();
}
