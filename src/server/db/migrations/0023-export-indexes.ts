/**
 * 0023-export-indexes (issue 12 §5: an export of a 15,000-row table in under 10 s). Frozen once landed: imports
 * nothing from the app.
 *
 * Every consolidated table looks up the numeric-column indicators of its projects (`project_id IN (…) AND
 * source_column IS NOT NULL`, repositories/numbers.repo.ts columnIndicators). Only imported tables have such
 * indicators, so the condition is very selective, and PostgreSQL answered it by scanning every indicator of the city
 * (a sequential scan per round, 100 of them for a city-wide export). A partial index holds just those indicators: the
 * lookup reads an index that is empty, or small, instead of the table.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX indicators_columns ON indicators (project_id) WHERE source_column IS NOT NULL`.execute(db);
}
