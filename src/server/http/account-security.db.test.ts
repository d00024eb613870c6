/**
 * 等保 身份鉴别 and 三员分立 through the HTTP API: password change (policy, history, sessions), the 安全管理员's reset,
 * lock and forced logout, forced change, expiry, the concurrent-session limit, configurable timeouts, the previous
 * login shown after login, and who may do which of these.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCryptoProvider } from '../crypto/provider';
import type { DbHandle } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { PASSWORD, smallDataset } from '../test/fixture';
import { as, loginAs, type Session } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp, type SecurityOptions } from './app';

const START = Date.parse('2031-03-01T08:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe(`account security (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let t = START;
  const apps: FastifyInstance[] = [];

  async function appWith(security: Partial<SecurityOptions> = {}) {
    const app = await buildApp({ db: h.db, loginRateMax: 1000, clock: () => new Date(t), security });
    apps.push(app);
    return app;
  }
  const me = (app: FastifyInstance, s: Session) => app.inject({ method: 'GET', url: '/api/auth/me', headers: as(s) });
  const change = (app: FastifyInstance, s: Session, currentPassword: string, newPassword: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: as(s),
      payload: { currentPassword, newPassword },
    });
  /** The session a password change hands back (new cookie, csrf from the answer). */
  const sessionFrom = (res: Awaited<ReturnType<typeof change>>): Session => {
    const set = res.headers['set-cookie'];
    const raw = Array.isArray(set) ? set[0]! : set!;
    return { cookie: raw.split(';')[0]!, csrf: res.json().me.csrfToken };
  };
  const accounts = (app: FastifyInstance, s: Session) =>
    app.inject({ method: 'GET', url: '/api/security/accounts', headers: as(s) });
  const post = (app: FastifyInstance, s: Session, url: string, payload: object = {}) =>
    app.inject({ method: 'POST', url, headers: as(s), payload });

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset(), new Date(START - DAY));
  });
  beforeEach(() => {
    t = START;
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await h.close();
  });

  it('changes a password under the policy, ends the other sessions and keeps this device logged in', async () => {
    const app = await appWith();
    const here = await loginAs(app, 'repa');
    const phone = await loginAs(app, 'repa');

    const wrong = await change(app, here, 'not-my-password', 'Brand-new-9x');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('当前密码不正确');

    const weak = await change(app, here, PASSWORD, 'abcdefgh');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/至少3类/);
    expect(weak.json().error.details.issues[0].path).toEqual(['newPassword']);
    expect((await change(app, here, PASSWORD, 'Repa-Pass-99')).json().error.message).toContain('不能包含用户名');

    const ok = await change(app, here, PASSWORD, 'Spring#Walk82');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().sessionsEnded).toBe(1);
    expect(ok.json().me.mustChangePassword).toBeNull();
    // The phone's session ended; the old cookie of this device too; the new one works.
    expect((await me(app, phone)).statusCode).toBe(401);
    expect((await me(app, here)).statusCode).toBe(401);
    const renewed = sessionFrom(ok);
    expect((await me(app, renewed)).statusCode).toBe(200);
    // The old password no longer logs in; the new one does.
    const old = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'repa', password: PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    await loginAs(app, 'repa', 'Spring#Walk82');
    const audit = await h.db
      .selectFrom('auditLog')
      .select(['action'])
      .where('entityId', '=', 'u-a')
      .where('action', 'like', 'password.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['password.change', 'password.change.fail']);
  });

  it('refuses the current password and the last five, allows an older one again', async () => {
    const app = await appWith();
    const passwords = [PASSWORD, 'Amber#Lake31', 'Brick#Road42', 'Cedar#Hill53', 'Delta#Moon64', 'Eagle#Nest75'];
    let s = await loginAs(app, 'repb');
    for (let i = 1; i < passwords.length; i++) {
      t += 1000;
      const res = await change(app, s, passwords[i - 1]!, passwords[i]!);
      expect(res.statusCode, res.body).toBe(200);
      s = sessionFrom(res);
    }
    // Current: Eagle; the four before it are remembered.
    for (const again of passwords.slice(1)) {
      const res = await change(app, s, 'Eagle#Nest75', again);
      expect(res.statusCode, again).toBe(400);
      expect(res.json().error.message).toContain('最近5次');
    }
    // The fixture's password is the sixth most recent: allowed again.
    const res = await change(app, s, 'Eagle#Nest75', PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('lets the 安全管理员 reset a password: temporary password, sessions ended, change forced at next login', async () => {
    const app = await appWith();
    const victim = await loginAs(app, 'rep2x');
    const sec = await loginAs(app, 'sec');
    const reset = await post(app, sec, '/api/security/accounts/u-x/reset-password');
    expect(reset.statusCode, reset.body).toBe(200);
    const { temporaryPassword, sessionsEnded } = reset.json();
    expect(sessionsEnded).toBe(1);
    expect(temporaryPassword).toMatch(/^\S{14}$/);
    expect((await me(app, victim)).statusCode).toBe(401);

    const s = await loginAs(app, 'rep2x', temporaryPassword);
    const who = (await me(app, s)).json();
    expect(who.mustChangePassword).toBe('reset');
    // Everything but the password change is refused until then.
    const rounds = await app.inject({ method: 'GET', url: '/api/programmes', headers: as(s) });
    expect(rounds.statusCode).toBe(403);
    expect(rounds.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const res = await change(app, s, temporaryPassword, 'Maple#Tree86');
    expect(res.statusCode, res.body).toBe(200);
    const after = sessionFrom(res);
    expect((await app.inject({ method: 'GET', url: '/api/programmes', headers: as(after) })).statusCode).toBe(200);
    const row = (await accounts(app, sec)).json().find((a: { username: string }) => a.username === 'rep2x');
    expect(row).toMatchObject({ mustChangePassword: false, locked: false });
  });

  it('locks and unlocks an account; a locked account is told so only after the right password', async () => {
    const app = await appWith();
    const victim = await loginAs(app, 'dep2');
    const sec = await loginAs(app, 'sec');
    const lock = await post(app, sec, '/api/security/accounts/u-d2/lock', { locked: true });
    expect(lock.json()).toEqual({ locked: true, sessionsEnded: 1 });
    expect((await me(app, victim)).statusCode).toBe(401);
    const login = (password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dep2', password } });
    const wrong = await login('wrong-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    const right = await login(PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toContain('已被安全管理员锁定');
    await post(app, sec, '/api/security/accounts/u-d2/lock', { locked: false });
    expect((await login(PASSWORD)).statusCode).toBe(200);
  });

  it('ends every session of an account on the 安全管理员’s order (强制下线)', async () => {
    const app = await appWith();
    const a = await loginAs(app, 'lead');
    const b = await loginAs(app, 'lead');
    const sec = await loginAs(app, 'sec');
    const res = await post(app, sec, '/api/security/accounts/u-l/end-sessions');
    expect(res.json()).toEqual({ sessionsEnded: 2 });
    expect((await me(app, a)).statusCode).toBe(401);
    expect((await me(app, b)).statusCode).toBe(401);
  });

  it('keeps the three administrators apart (三员分立)', async () => {
    const app = await appWith();
    const sec = await loginAs(app, 'sec');
    const aud = await loginAs(app, 'aud');
    const root = await loginAs(app, 'root');
    const sup = await loginAs(app, 'sup');
    for (const s of [aud, root, sup]) {
      expect((await accounts(app, s)).statusCode).toBe(403);
      expect((await post(app, s, '/api/security/accounts/u-a/reset-password')).statusCode).toBe(403);
      expect((await post(app, s, '/api/security/accounts/u-a/lock', { locked: true })).statusCode).toBe(403);
    }
    // The security administrator manages accounts' security, not the programme's data.
    const progs = await app.inject({ method: 'GET', url: '/api/programmes', headers: as(sec) });
    expect(progs.json()).toEqual([]);
    expect((await me(app, sec)).json()).toMatchObject({
      home: '/security',
      abilities: { secureAccounts: true, readAuditLog: false, manageUsers: false, openRound: false },
    });
    expect((await me(app, aud)).json()).toMatchObject({
      home: '/audit',
      abilities: { secureAccounts: false, readAuditLog: true, manageUsers: false },
    });
    expect((await me(app, root)).json().abilities).toMatchObject({ secureAccounts: false, readAuditLog: false });
    // Not on one's own account here.
    expect((await post(app, sec, '/api/security/accounts/u-sec/reset-password')).statusCode).toBe(403);
  });

  it('forces a change once the password is older than the configured expiry', async () => {
    const app = await appWith({ passwordExpiryDays: 90 });
    const s = await loginAs(app, 'lead2');
    expect((await me(app, s)).json().mustChangePassword).toBeNull();
    expect((await me(app, s)).json().passwordExpiresAt).toBe(new Date(START - DAY + 90 * DAY).toISOString());
    t = START + 90 * DAY;
    const late = await loginAs(app, 'lead2');
    expect((await me(app, late)).json().mustChangePassword).toBe('expired');
    const res = await change(app, late, PASSWORD, 'Harbor#Light47');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().me.mustChangePassword).toBeNull();
  });

  it('limits sessions per account and applies the configured idle and absolute timeouts', async () => {
    const app = await appWith({ maxSessions: 1, sessionIdleMinutes: 5, sessionAbsoluteHours: 1 });
    const first = await loginAs(app, 'dep');
    const second = await loginAs(app, 'dep');
    expect((await me(app, first)).statusCode).toBe(401);
    expect((await me(app, second)).statusCode).toBe(200);
    t += 6 * MIN;
    expect((await me(app, second)).statusCode).toBe(401);
    const third = await loginAs(app, 'dep');
    for (let i = 0; i < 14; i++) {
      t += 4 * MIN;
      expect((await me(app, third)).statusCode, `after ${(i + 1) * 4} min`).toBe(200);
    }
    t += 4 * MIN; // 60 minutes after login: the absolute limit, although never idle
    expect((await me(app, third)).statusCode).toBe(401);
  });

  it('shows the previous login (time and address) after login, and the own login history', async () => {
    const app = await appWith();
    const first = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.1.2.3',
      payload: { username: 'sup2', password: PASSWORD },
    });
    expect(first.json().lastLogin).toBeNull();
    t += 60 * MIN;
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.9.9',
      payload: { username: 'sup2', password: 'wrong-password-2' },
    });
    t += MIN;
    const s = await loginAs(app, 'sup2');
    const who = (await me(app, s)).json();
    expect(who.lastLogin).toEqual({ at: new Date(START).toISOString(), ip: '10.1.2.3', failedSince: 1 });
    const history = (await app.inject({ method: 'GET', url: '/api/auth/logins', headers: as(s) })).json();
    expect(history.map((e: { action: string; ip: string }) => [e.action, e.ip])).toEqual([
      ['login', '127.0.0.1'],
      ['login.fail', '10.9.9.9'],
      ['login', '10.1.2.3'],
    ]);
  });

  it('re-hashes a password with SM3 at the next login once the 国密 provider is configured', async () => {
    const app = await appWith({ crypto: createCryptoProvider('sm', null) });
    const hashOf = async () =>
      (await h.db.selectFrom('users').select('passwordHash').where('id', '=', 'u-d').executeTakeFirstOrThrow())
        .passwordHash;
    expect(await hashOf()).toMatch(/^scrypt\$/);
    await loginAs(app, 'dep');
    expect(await hashOf()).toMatch(/^pbkdf2-sm3\$200000\$/);
    // The new hash verifies at the next login; a wrong password is still refused.
    await loginAs(app, 'dep');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dep', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
  });
});
