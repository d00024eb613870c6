/** sessions.purge follows the configured idle timeout (SESSION_IDLE_MINUTES), not only the 二级 default. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { insertSession } from '../repositories/users.repo';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { appSchedules } from '.';
import { purgeExpiredSessions } from './handlers/sessions-purge';

const NOW = new Date('2031-05-01T12:00:00.000Z');
const MIN = 60_000;

describe(`sessions.purge (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
  });
  afterAll(async () => h?.close());

  /** A session last seen 45 minutes ago, valid for hours yet. */
  const idleFor45 = async (token: string) => {
    const seen = new Date(NOW.getTime() - 45 * MIN).toISOString();
    await insertSession(h.db, {
      token,
      userId: 'u-sup',
      csrfToken: 'c',
      now: seen,
      expiresAt: new Date(NOW.getTime() + 6 * 60 * MIN).toISOString(),
      ip: null,
    });
  };
  const count = async () =>
    Number(
      (
        await h.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const run = (payload: { idleMinutes?: number } | null) =>
    purgeExpiredSessions({
      jobId: 'j',
      name: 'sessions.purge',
      payload,
      attempt: 1,
      maxAttempts: 1,
      db: h.db,
      now: () => NOW,
    });

  it('keeps a session within a longer configured idle timeout, removes it under the default', async () => {
    await idleFor45('tok-a');
    await run({ idleMinutes: 60 });
    expect(await count()).toBe(1);
    await run(null); // default 30 minutes
    expect(await count()).toBe(0);
  });

  it('gets the configured values into the schedules’ payloads', () => {
    const s = appSchedules({ sessionIdleMinutes: 90, auditRetentionDays: 365 });
    expect(s.find((x) => x.name === 'sessions.purge')?.payload).toEqual({ idleMinutes: 90 });
    expect(s.find((x) => x.name === 'audit.purge')?.payload).toEqual({ retentionDays: 365 });
    expect(appSchedules({}).find((x) => x.name === 'sessions.purge')?.payload).toBeUndefined();
    // REMINDER_EVERY_MINUTES sets how often the chase rules are evaluated.
    expect(appSchedules({ reminderEveryMinutes: 3 }).find((x) => x.name === 'chase.evaluate')?.everyMinutes).toBe(3);
    expect(appSchedules({}).find((x) => x.name === 'chase.evaluate')?.everyMinutes).toBe(10);
  });
});
