/** Migration 0002 on both engines: the key-supervision column is backfilled from the JSON flags, indexes exist, down works. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import type { DbHandle } from './connect';
import * as m0002 from './migrations/0002-indexes';

const INDEXES = [
  'reports_project',
  'reports_round_status',
  'audit_log_at',
  'audit_log_actor_at',
  'sessions_user',
  'sessions_expires',
  'organizations_parent',
  'projects_key_supervision',
];

describe(`migration 0002 (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
  });
  afterAll(async () => h?.close());

  /** key_supervision of the three fixture projects whose flags the test changes. */
  const flagColumn = async () => {
    const rows = await h.db
      .selectFrom('projects')
      .select(['id', 'keySupervision'])
      .where('id', 'in', ['p-1', 'p-2', 'p-3'])
      .execute();
    return Object.fromEntries(rows.map((p) => [p.id, p.keySupervision]));
  };
  /** Projects whose column disagrees with their JSON flags. */
  const outOfSync = async () =>
    (await h.db.selectFrom('projects').select(['id', 'flags', 'keySupervision']).execute()).filter(
      (p) => p.keySupervision !== (JSON.parse(p.flags).includes('key_supervision') ? 1 : 0),
    );
  const indexNames = async () => {
    const q =
      h.engine === 'sqlite'
        ? sql<{ name: string }>`select name from sqlite_master where type = 'index'`
        : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`;
    return (await q.execute(h.db)).rows.map((r) => r.name);
  };

  it('the seeder writes the column from the flags', async () => {
    expect(await flagColumn()).toEqual({ 'p-1': 0, 'p-2': 1, 'p-3': 0 });
    expect(await outOfSync()).toEqual([]);
    expect(await indexNames()).toEqual(expect.arrayContaining(INDEXES));
  });

  it('down drops column and indexes; up backfills the column from the JSON flags', async () => {
    await m0002.down(h.db);
    expect(await indexNames()).not.toEqual(expect.arrayContaining(['reports_project']));
    // Flags changed while the column did not exist: the backfill must read them, not keep old values.
    await h.db
      .updateTable('projects')
      .set({ flags: '["routine","key_supervision"]' })
      .where('id', '=', 'p-1')
      .execute();
    await h.db.updateTable('projects').set({ flags: '["routine"]' }).where('id', '=', 'p-2').execute();
    await h.db.updateTable('projects').set({ flags: '["key_supervision_x"]' }).where('id', '=', 'p-3').execute();
    await m0002.up(h.db);
    expect(await flagColumn()).toEqual({ 'p-1': 1, 'p-2': 0, 'p-3': 0 });
    expect(await outOfSync()).toEqual([]);
    expect(await indexNames()).toEqual(expect.arrayContaining(INDEXES));
  });
});
