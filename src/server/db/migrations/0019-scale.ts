/**
 * 0019-scale. Frozen once landed: imports nothing from the app.
 *
 * Deliberately empty. On the 100-district demo (54,900 reports, 211,681 versions) the roll-up and the consolidated
 * table already run on indexes of earlier migrations — reports_round_status (round → reports), report_versions_unique
 * (report, version_no → the current version), report_assessments_current (version → its current assessment),
 * rounds_unique (programme → rounds) — and covering variants of the last two (INCLUDE the status columns) measured no
 * faster (bench/scale.bench.ts). What the figures needed was fresh planner statistics after the bulk load (the
 * seeder's ANALYZE: 4.3 s → 2.4 s for the roll-up's rows on a loaded machine) and the read cache; see the README.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(_db: Kysely<any>): Promise<void> {}
