/** 在所有设备上退出: one request ends every session of the account, audited; other accounts keep theirs. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

describe(`log out everywhere (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
  });
  afterAll(async () => close?.());

  const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  it('ends the sessions on every device of the user and no one else', async () => {
    const phone = await loginAs(app, 'repa');
    const desk = await loginAs(app, 'repa');
    const other = await loginAs(app, 'repb');
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: as(phone), payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, sessionsEnded: 2 });
    expect((await me(phone.cookie)).statusCode).toBe(401);
    expect((await me(desk.cookie)).statusCode).toBe(401);
    expect((await me(other.cookie)).statusCode).toBe(200);
    const audit = await h.db.selectFrom('auditLog').select('after').where('action', '=', 'logout.all').execute();
    expect(audit.map((a) => JSON.parse(a.after!).sessionsEnded)).toEqual([2]);
  });

  it('needs a session and the CSRF header', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout-all', payload: {} })).statusCode).toBe(401);
    const s = await loginAs(app, 'repb');
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/logout-all',
      headers: { cookie: s.cookie },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect((await me(s.cookie)).statusCode).toBe(200);
  });
});
