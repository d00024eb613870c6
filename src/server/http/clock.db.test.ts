/** One clock: moving the application clock (buildApp({ clock })) moves session expiry, login back-off and audit times. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import type { DbHandle } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { PASSWORD, smallDataset } from '../test/fixture';
import { as, loginAs } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

const START = Date.parse('2031-03-01T08:00:00.000Z');
const MIN = 60_000;

describe(`the application clock (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: FastifyInstance;
  let t = START;
  const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset(), new Date(START - 24 * 60 * MIN));
    app = await buildApp({ db: h.db, loginRateMax: 1000, clock: () => new Date(t) });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('expires an idle session when the clock passes the idle timeout', async () => {
    t = START;
    const s = await loginAs(app, 'sup');
    t += (LIMITS.sessionIdleMinutes - 1) * MIN;
    expect((await me(s.cookie)).statusCode).toBe(200); // and slides the idle timer
    t += (LIMITS.sessionIdleMinutes - 1) * MIN;
    expect((await me(s.cookie)).statusCode).toBe(200);
    t += (LIMITS.sessionIdleMinutes + 1) * MIN;
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('ends an active session at its absolute limit', async () => {
    t = START;
    const s = await loginAs(app, 'lead');
    const end = START + LIMITS.sessionAbsoluteHours * 60 * MIN;
    while (t + 20 * MIN < end) {
      t += 20 * MIN;
      expect((await me(s.cookie)).statusCode).toBe(200);
    }
    t = end + MIN;
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('stamps the audit log and the session with the clock, and lifts a login back-off when the clock moves on', async () => {
    t = START + 5 * 24 * 60 * MIN;
    const s = await loginAs(app, 'dep');
    const logins = await h.db
      .selectFrom('auditLog')
      .select('at')
      .where('action', '=', 'login')
      .where('actorId', '=', 'u-d')
      .execute();
    expect(logins.map((r) => r.at)).toEqual([new Date(t).toISOString()]);
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: as(s) });
    expect(res.statusCode).toBe(200);

    for (let i = 0; i < LIMITS.loginMaxFailures; i++) {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'repa', password: 'wrong-password' },
      });
      expect(bad.statusCode).toBe(401);
    }
    const held = { username: 'repa', password: PASSWORD };
    const locked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: held });
    expect(locked.statusCode).toBe(429);
    t += (LIMITS.loginBackoffMinutes - 0.5) * MIN;
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: held })).statusCode).toBe(429);
    t += MIN;
    expect((await loginAs(app, 'repa')).cookie).toBeTruthy();
  });
});
