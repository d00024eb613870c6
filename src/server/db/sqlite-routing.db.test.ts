/**
 * SQLite's reading connection (sqlite-routing.ts): while one request holds a write transaction open, another's read
 * answers at once with the committed state, another's write waits for the commit (never lands inside it), and a
 * rollback releases the writer.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import type { DbHandle } from './connect';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(TEST_ENGINE !== 'sqlite')('SQLite reads beside an open write transaction', () => {
  let h: DbHandle;
  const count = async () =>
    Number(((await sql`select count(*) as n from route_t`.execute(h.db)).rows[0] as { n: number }).n);

  beforeAll(async () => {
    h = await createTestDb();
    await sql`create table route_t (x integer not null)`.execute(h.db);
  });
  afterAll(async () => h?.close());

  it('a read does not wait and sees only committed rows; a write waits for the commit', async () => {
    let inside!: () => void;
    const opened = new Promise<void>((r) => {
      inside = r;
    });
    let finish!: () => void;
    const hold = new Promise<void>((r) => {
      finish = r;
    });
    const tx = h.db.transaction().execute(async (trx) => {
      await sql`insert into route_t (x) values (1)`.execute(trx);
      // the transaction reads its own uncommitted row
      expect(Number(((await sql`select count(*) as n from route_t`.execute(trx)).rows[0] as { n: number }).n)).toBe(1);
      inside();
      await hold;
    });
    await opened;
    const t0 = performance.now();
    expect(await count()).toBe(0);
    expect(performance.now() - t0).toBeLessThan(1000);
    let written = false;
    const write = sql`insert into route_t (x) values (2)`.execute(h.db).then(() => {
      written = true;
    });
    await pause(100);
    expect(written).toBe(false);
    expect(await count()).toBe(0);
    finish();
    await tx;
    await write;
    expect(written).toBe(true);
    expect(await count()).toBe(2);
  });

  it('a rollback releases the writer and leaves nothing', async () => {
    const before = await count();
    await expect(
      h.db.transaction().execute(async (trx) => {
        await sql`insert into route_t (x) values (3)`.execute(trx);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    await sql`insert into route_t (x) values (4)`.execute(h.db);
    expect(await count()).toBe(before + 1);
  });
});
