/**
 * 督办 records (issue 11 §2). Frozen: imports nothing from the app. Text keys, ISO text timestamps.
 *
 * - supervisions: one record per escalated item (project × unit): level 'yellow' | 'red' | 'listed' (黄色督办单,
 *   红色督办单, 挂牌督办), reason, the response deadline, the unit's written response (整改措施, 完成时限), status
 *   'open' → 'responded' → 'closed' (销号) or back to 'open' when the office rejects the response; optimistic `version`.
 *   `idempotency_key` unique: raising the same escalation twice answers the same record.
 * - supervision_events: the record's history (raised, upgraded, responded, rejected, closed), never updated.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('round_id', 'text', (c) => c.references('rounds.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('report_id', 'text', (c) => c.references('reports.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response_due_date', 'text', (c) => c.notNull())
    .addColumn('response_measures', 'text')
    .addColumn('response_completion_date', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervisions_programme')
    .on('supervisions')
    .columns(['programme_id', 'status'])
    .execute();
  await db.schema
    .createIndex('supervisions_project_org')
    .on('supervisions')
    .columns(['project_id', 'org_id', 'status'])
    .execute();
  await db.schema
    .createTable('supervision_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supervision_id', 'text', (c) => c.notNull().references('supervisions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_events_seq', ['supervision_id', 'seq'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_events').execute();
  await db.schema.dropTable('supervisions').execute();
}
