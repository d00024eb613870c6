/** Session scope resolution against a real organisation tree (one recursive query), on both engines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { smallDataset } from '../test/fixture';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { loadActor } from './actor';
import { seedDataset } from './seed-dataset';

describe(`loadActor (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  const sorted = (s: 'all' | readonly string[]) => (s === 'all' ? s : [...s].sort());
  const user = (id: string, role: string) => ({ id, role, displayName: id });

  beforeAll(async () => {
    h = await createTestDb();
    const ds = smallDataset();
    // Two more levels under 东湖街道: a community and a grid below it.
    const at = '2026-07-01T00:00:00.000Z';
    ds.organizations.push(
      { id: 'comm-a', name: '东湖社区工作站', shortName: null, kind: 'community', parentId: 'org-a', aliases: [] },
      { id: 'grid-a', name: '东湖第一网格', shortName: null, kind: 'other', parentId: 'comm-a', aliases: [] },
    );
    await seedDataset(h.db, ds);
    await h.db
      .insertInto('users')
      .values(
        ['u-multi', 'u-comm'].map((id) => ({
          id,
          username: id,
          displayName: id,
          passwordHash: 'x',
          role: id === 'u-comm' ? 'reporter' : 'supervisor',
          active: 1,
          failedLogins: 0,
          lockedUntil: null,
          createdAt: at,
        })),
      )
      .execute();
    await h.db
      .insertInto('userUnits')
      .values([
        { userId: 'u-multi', orgId: 'org-b' },
        { userId: 'u-multi', orgId: 'gov2' },
        { userId: 'u-comm', orgId: 'grid-a' },
      ])
      .execute();
  });
  afterAll(async () => h?.close());

  it('gives a supervisor linked to a government its whole subtree, at any depth, and nothing of district 2', async () => {
    const { actor, units } = await loadActor(h.db, user('u-sup', 'supervisor'));
    expect(units).toEqual([{ id: 'gov', name: '测试区人民政府' }]);
    expect(sorted(actor.orgIds)).toEqual(['comm-a', 'gov', 'grid-a', 'org-a', 'org-b', 'org-c']);
    expect(actor.programmeOwnerIds).toEqual(actor.orgIds);
  });

  it('unites the subtrees of several units', async () => {
    const { actor } = await loadActor(h.db, user('u-multi', 'supervisor'));
    expect(sorted(actor.orgIds)).toEqual(['gov2', 'org-b', 'org-x']);
  });

  it('gives a reporter its units and every organisation above them for programmes', async () => {
    const { actor } = await loadActor(h.db, user('u-comm', 'reporter'));
    expect(actor.orgIds).toEqual(['grid-a']);
    expect(sorted(actor.programmeOwnerIds)).toEqual(['comm-a', 'gov', 'grid-a', 'org-a']);
  });

  it('makes an admin without units the system admin, and one with a unit an admin of that subtree', async () => {
    expect((await loadActor(h.db, user('u-root', 'admin'))).actor.orgIds).toBe('all');
    expect(sorted((await loadActor(h.db, user('u-adm2', 'admin'))).actor.orgIds)).toEqual(['gov2', 'org-x']);
  });
});
