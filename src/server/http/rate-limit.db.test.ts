import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

describe(`login rate limit per client address (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
    app = await buildApp({ db: h.db, loginRateMax: 3 });
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('answers 429 with a Chinese message once an address tries too often, whatever the usernames', async () => {
    const codes: number[] = [];
    for (const username of ['a1', 'a2', 'a3', 'a4']) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'whatever-1' },
      });
      codes.push(r.statusCode);
      if (r.statusCode === 429) expect(r.json().error.message).toMatch(/请求过于频繁/);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    const other = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '127.0.0.9',
      payload: { username: 'sup', password: 'test-pass-123' },
    });
    expect(other.statusCode).toBe(200);
  });
});
