/**
 * The job interface on the engine chosen by TEST_DB: graphile-worker on PostgreSQL, the jobs table on SQLite.
 * Time: the test clock is real time plus an offset; moving it makes SQLite retries and schedules due at once, while
 * graphile-worker (which reads the database's clock) simply gets the real seconds it needs — every wait is a poll.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDb } from '../db/connect';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { newId } from '../util';
import { createAppJobs, createJobs, type JobHandler, type Jobs, type JobsOptions } from './index';
import { LOST_WORKER_ERROR, SqliteQueue } from './sqlite-queue';
import { retryDelayMs } from './types';

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 40_000) {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`jobs (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const running: Jobs[] = [];
  const extraHandles: DbHandle[] = [];

  const make = (o: Partial<JobsOptions> & { handlers: Record<string, JobHandler> }, handle = h) => {
    const jobs = createJobs({
      db: handle.db,
      engine: handle.engine,
      url: handle.url,
      clock,
      pollIntervalMs: 100,
      scheduleTickMs: 100,
      onError: () => {},
      ...o,
    });
    running.push(jobs);
    return jobs;
  };

  beforeAll(async () => {
    h = await createTestDb();
    await make({ handlers: {} }).prepare();
  });
  afterEach(async () => {
    offset = 0;
    while (running.length) await running.pop()!.stop();
  });
  afterAll(async () => {
    for (const x of extraHandles) await x.close();
    await h.close();
  });

  it('runs an enqueued job once with its payload, then forgets it', async () => {
    const seen: unknown[] = [];
    const jobs = make({
      handlers: {
        'test.hello': async ({ payload, attempt, maxAttempts }) => {
          seen.push({ payload, attempt, maxAttempts });
        },
      },
    });
    const id = await jobs.enqueue(h.db, 'test.hello', { n: 1 }, { maxAttempts: 4 });
    expect((await jobs.inspect(id))?.state).toBe('queued');
    await jobs.start();
    await until('the job', () => seen.length === 1);
    expect(seen).toEqual([{ payload: { n: 1 }, attempt: 1, maxAttempts: 4 }]);
    await until('the job to be removed', async () => (await jobs.inspect(id)) === null);
  });

  it('retries a failed job after a back-off, then succeeds', async () => {
    const attempts: number[] = [];
    let failedAt = 0;
    const jobs = make({
      handlers: {
        'test.flaky': async ({ attempt, now }) => {
          attempts.push(attempt);
          if (attempt === 1) {
            failedAt = now().getTime();
            throw new Error('暂时失败');
          }
        },
      },
    });
    const id = await jobs.enqueue(h.db, 'test.flaky', {});
    await jobs.start();
    await until('the failure to be recorded', async () => (await jobs.inspect(id))?.lastError === '暂时失败');
    const info = (await jobs.inspect(id))!;
    expect(info).toMatchObject({ state: 'queued', attempts: 1, lastError: '暂时失败' });
    // Not retried at once: the next run is e^1 ≈ 2.7 s later (1 s of slack for the two clocks).
    expect(info.runAt!.getTime()).toBeGreaterThanOrEqual(failedAt + retryDelayMs(1) - 1000);
    expect(attempts).toEqual([1]);
    offset = 60 * 60_000; // SQLite: due now; PostgreSQL: its own clock gets there in ~3 s
    await until('the retry', () => attempts.length === 2);
    expect(attempts).toEqual([1, 2]);
    await until('the job to be removed', async () => (await jobs.inspect(id)) === null);
  });

  it('gives up after max attempts and keeps the last error', async () => {
    let calls = 0;
    const done: string[] = [];
    const jobs = make({
      handlers: {
        'test.broken': async ({ attempt }) => {
          calls++;
          throw new Error(`第${attempt}次失败`);
        },
        'test.marker': async ({ jobId }) => {
          done.push(jobId);
        },
      },
    });
    const id = await jobs.enqueue(h.db, 'test.broken', {}, { maxAttempts: 2 });
    await jobs.start();
    await until('the first failure', async () => (await jobs.inspect(id))?.attempts === 1 && calls === 1);
    offset = 60 * 60_000;
    await until('giving up', async () => (await jobs.inspect(id))?.state === 'failed');
    expect(await jobs.inspect(id)).toMatchObject({
      state: 'failed',
      attempts: 2,
      maxAttempts: 2,
      lastError: '第2次失败',
    });
    // Much later, after the worker has demonstrably polled again, it is still not retried.
    offset = 24 * 60 * 60_000;
    const marker = await jobs.enqueue(h.db, 'test.marker', {});
    await until('a later job', () => done.includes(marker));
    expect(calls).toBe(2);
    expect((await jobs.inspect(id))?.state).toBe('failed');
  });

  it('gives one job for one idempotency key while it exists', async () => {
    const runs: unknown[] = [];
    const jobs = make({ handlers: { 'test.once': async ({ payload }) => void runs.push(payload) } });
    const a = await jobs.enqueue(h.db, 'test.once', { v: 1 }, { idempotencyKey: 'once:1' });
    const b = await jobs.enqueue(h.db, 'test.once', { v: 2 }, { idempotencyKey: 'once:1' });
    const c = await jobs.enqueue(h.db, 'test.once', { v: 3 }, { idempotencyKey: 'once:2' });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    await jobs.start();
    await until('both keys', () => runs.length === 2);
    await until('both removed', async () => (await jobs.inspect(a)) === null && (await jobs.inspect(c)) === null);
    expect(runs).toEqual(expect.arrayContaining([{ v: 1 }, { v: 3 }]));
    expect(runs).toHaveLength(2);
  });

  it('rolls an enqueued job back with the transaction that wrote it (outbox)', async () => {
    const runs: string[] = [];
    const jobs = make({ handlers: { 'test.outbox': async ({ payload }) => void runs.push(payload.id) } });
    let rolledBack = '';
    await expect(
      h.db.transaction().execute(async (trx) => {
        rolledBack = await jobs.enqueue(trx, 'test.outbox', { id: 'rolled-back' });
        throw new Error('业务失败');
      }),
    ).rejects.toThrow('业务失败');
    let committed = '';
    await h.db.transaction().execute(async (trx) => {
      committed = await jobs.enqueue(trx, 'test.outbox', { id: 'committed' });
    });
    expect(await jobs.inspect(rolledBack)).toBeNull();
    expect(await jobs.inspect(committed)).not.toBeNull();
    await jobs.start();
    await until('the committed job', () => runs.length === 1);
    expect(runs).toEqual(['committed']);
  });

  it('fires a recurring schedule once per slot, even with two workers', async () => {
    const fired: string[] = [];
    const handler: JobHandler = async ({ now }) => void fired.push(now().toISOString());
    const a = make({ handlers: { 'test.every10': handler }, schedules: [{ name: 'test.every10', everyMinutes: 10 }] });
    const b = make({ handlers: { 'test.every10': handler }, schedules: [{ name: 'test.every10', everyMinutes: 10 }] });
    await a.start();
    await b.start();
    await until('the first slot', () => fired.length === 1);
    offset = 10 * 60_000;
    await until('the next slot', () => fired.length === 2);
    offset = 20 * 60_000;
    await until('the slot after', () => fired.length === 3);
    // Both workers tick many times a second; neither enqueues a slot twice.
    await new Promise((r) => setTimeout(r, 500));
    expect(fired).toHaveLength(3);
  });

  it('purges expired sessions every 10 minutes (the application schedule)', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const userId = newId();
    await h.db
      .insertInto('users')
      .values({
        id: userId,
        username: `purge-${userId.slice(0, 8)}`,
        displayName: '测试',
        passwordHash: 'x',
        role: 'reporter',
        active: 1,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: iso(now),
      })
      .execute();
    const session = (id: string, lastSeen: number, expires: number) => ({
      id,
      userId,
      csrfToken: 'c',
      createdAt: iso(lastSeen),
      lastSeenAt: iso(lastSeen),
      expiresAt: iso(expires),
      ip: null,
    });
    await h.db
      .insertInto('sessions')
      .values([
        session('live', now, now + 3_600_000),
        session('expired', now - 60_000, now - 1_000),
        session('idle', now - 3_600_000, now + 3_600_000),
      ])
      .execute();
    const jobs = createAppJobs(h, { clock, pollIntervalMs: 100, scheduleTickMs: 100, onError: () => {} });
    running.push(jobs);
    await jobs.start();
    const ids = async () => (await h.db.selectFrom('sessions').select('id').orderBy('id').execute()).map((r) => r.id);
    await until('the purge', async () => (await ids()).length === 1);
    expect(await ids()).toEqual(['live']);
    // Ten minutes on, the live session has gone idle and the next slot purges it.
    offset = 31 * 60_000;
    await until('the next purge', async () => (await ids()).length === 0);
  });

  // graphile-worker frees a crashed worker's jobs after 4 hours of its own clock; the embedded queue after lockMs.
  it.skipIf(TEST_ENGINE === 'postgres')(
    'retries the job of a crashed worker once its lock expires (SQLite)',
    async () => {
      const runs: number[] = [];
      const handlers: Record<string, JobHandler> = {
        'test.crash': async ({ attempt }) => void runs.push(attempt),
        'test.crash-last': async () => void runs.push(-1),
      };
      const jobs = make({ handlers, lockMs: 5 * 60_000 });
      const id = await jobs.enqueue(h.db, 'test.crash', {});
      const last = await jobs.enqueue(h.db, 'test.crash-last', {}, { maxAttempts: 1 });
      // A worker claims both and dies without finishing.
      const dead = new SqliteQueue(h.db, clock, handlers, {
        concurrency: 1,
        pollIntervalMs: 100,
        lockMs: 5 * 60_000,
        onError: () => {},
      });
      expect((await dead.claim())?.id).toBe(id);
      expect((await dead.claim())?.id).toBe(last);
      await jobs.start();
      await new Promise((r) => setTimeout(r, 400));
      expect(runs).toEqual([]); // still locked
      offset = 6 * 60_000;
      await until('the retry', () => runs.length === 1);
      expect(runs).toEqual([2]);
      // The job that had no attempt left is given up, not run again.
      await until('giving up', async () => (await jobs.inspect(last))?.state === 'failed');
      expect((await jobs.inspect(last))?.lastError).toBe(LOST_WORKER_ERROR);
      expect(runs).toEqual([2]);
    },
  );

  it('never runs a job twice with two workers on one database', async () => {
    const ran: string[] = [];
    const byWorker = { a: 0, b: 0 };
    const handler =
      (w: 'a' | 'b'): JobHandler<{ i: number }> =>
      async ({ jobId }) => {
        await new Promise((r) => setImmediate(r));
        ran.push(jobId);
        byWorker[w]++;
      };
    const ids = new Set<string>();
    await h.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 200; i++) ids.add(await make({ handlers: {} }).enqueue(trx, 'test.many', { i }));
    });
    expect(ids.size).toBe(200);
    // A second worker instance: its own connection to the SQLite file, or its own pool on PostgreSQL.
    const other = h.engine === 'sqlite' ? await openDb(h.url, { migrate: false }) : h;
    if (other !== h) extraHandles.push(other);
    const a = make({ handlers: { 'test.many': handler('a') }, concurrency: 3 });
    const b = make({ handlers: { 'test.many': handler('b') }, concurrency: 3 }, other);
    await Promise.all([a.start(), b.start()]);
    await until('all 200 jobs', () => ran.length >= 200, 90_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toHaveLength(200);
    expect(new Set(ran)).toEqual(ids);
    expect(byWorker.a + byWorker.b).toBe(200);
  }, 120_000);
});
