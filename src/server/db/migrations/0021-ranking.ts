/**
 * 0021-ranking (issue 12 §1 排名, §3 考核): each programme's evaluation rules — the ranking formula and the 考核
 * components, their points and what each fault costs (JSON of domain/evaluate/rules EvaluationRules; null = the
 * defaults). Frozen once landed: imports nothing from the app.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('programmes').addColumn('evaluation_rules', 'text').execute();
}
