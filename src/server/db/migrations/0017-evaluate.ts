/**
 * 0017-evaluate (issue 12 §2–§3). Frozen once landed: imports nothing from the app. Text keys, ISO text timestamps.
 *
 * - oversight_groups (人大监督小组 of a programme) with their members (deputies' accounts) and followed projects;
 * - oversight_opinions (督办建议 of a deputy on a project, never edited) and oversight_answers (the office's answers,
 *   numbered per opinion, never overwritten — a new answer is a new row);
 * - year_end_confirmations: the office's confirmation of 是否完成年度目标 per project, numbered (the newest is in force);
 * - votes (满意度测评), vote_projects, vote_eligible (who may vote), vote_voters (who has rated which project: the
 *   one-vote rule is its primary key) and vote_tallies (counts per project and rating). A rating is added to the tally
 *   in the same transaction as the voter row, so no row anywhere links a voter to what they chose.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oversight_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('oversight_groups_name', ['programme_id', 'name'])
    .execute();
  await db.schema
    .createTable('oversight_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('oversight_groups.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('oversight_group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('oversight_group_projects')
    .addColumn('group_id', 'text', (c) => c.notNull().references('oversight_groups.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addPrimaryKeyConstraint('oversight_group_projects_pk', ['group_id', 'project_id'])
    .execute();
  await db.schema
    .createTable('oversight_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('group_id', 'text', (c) => c.references('oversight_groups.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oversight_opinions_programme')
    .on('oversight_opinions')
    .columns(['programme_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('oversight_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('oversight_opinions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text')
    .addColumn('answered_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('oversight_answers_seq', ['opinion_id', 'seq'])
    .execute();
  await db.schema
    .createTable('year_end_confirmations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('computed', 'integer')
    .addColumn('completed', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('year_end_confirmations_seq', ['project_id', 'seq'])
    .execute();
  await db.schema
    .createTable('votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('votes_programme').on('votes').columns(['programme_id']).execute();
  await db.schema
    .createTable('vote_projects')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_projects_pk', ['vote_id', 'project_id'])
    .execute();
  await db.schema
    .createTable('vote_eligible')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('vote_eligible_pk', ['vote_id', 'user_id'])
    .execute();
  await db.schema.createIndex('vote_eligible_user').on('vote_eligible').columns(['user_id']).execute();
  await db.schema
    .createTable('vote_voters')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('vote_voters_pk', ['vote_id', 'project_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('vote_tallies')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_tallies_pk', ['vote_id', 'project_id', 'rating'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'vote_tallies',
    'vote_voters',
    'vote_eligible',
    'vote_projects',
    'votes',
    'year_end_confirmations',
    'oversight_answers',
    'oversight_opinions',
    'oversight_group_projects',
    'oversight_group_members',
    'oversight_groups',
  ])
    await db.schema.dropTable(t).execute();
}
