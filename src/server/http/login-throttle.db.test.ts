/**
 * Login back-off (issue 8 §1, defects 2 and 3): parallel guesses are counted atomically and cannot get more password
 * checks than allowed; the back-off holds back the guessing address for that name only (the owner elsewhere logs in);
 * known and unknown names get the same answers; an account under attack is audited once (`login.attack`).
 *
 * Password checks are observed through the audit log: every admitted attempt whose password is wrong writes one
 * `login.fail` entry, and an attempt that is held back writes none (it never reaches the password check).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import type { DbHandle } from '../db/connect';
import { countLoginFailure } from '../repositories/users.repo';
import { seedDataset } from '../services/seed-dataset';
import { PASSWORD, smallDataset } from '../test/fixture';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

const START = Date.parse('2031-06-01T08:00:00.000Z');
const MIN = 60_000;
const BAD_LOGIN = '用户名或密码错误';

describe(`login back-off per account and address (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: FastifyInstance;
  let t = START;

  const attempt = (username: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
  /** 20 wrong guesses at once, as (status, message) pairs in a stable order. */
  const burst = async (username: string, remoteAddress: string) => {
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(username, `wrong-guess-${i}`, remoteAddress)),
    );
    return all.map((r) => `${r.statusCode} ${r.json().error.message}`).sort();
  };
  /** Real password checks that failed for this name from this address (one audit entry each). */
  const checks = async (username: string, ip: string) =>
    (
      await h.db
        .selectFrom('auditLog')
        .select('id')
        .where('action', '=', 'login.fail')
        .where('actorName', '=', username)
        .where('ip', '=', ip)
        .execute()
    ).length;
  const accountFailures = async (username: string) =>
    (await h.db.selectFrom('users').select('failedLogins').where('username', '=', username).executeTakeFirstOrThrow())
      .failedLogins;
  const attacks = (userId: string) =>
    h.db
      .selectFrom('auditLog')
      .select(['actorId', 'entityId', 'ip'])
      .where('action', '=', 'login.attack')
      .where('entityId', '=', userId)
      .execute();

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset(), new Date(START - 24 * 60 * MIN));
    app = await buildApp({ db: h.db, loginRateMax: 1000, clock: () => new Date(t) });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('counts parallel failures atomically (one UPDATE … RETURNING)', async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, () => countLoginFailure(h.db, 'lead2')));
    expect(counts.toSorted((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await accountFailures('lead2')).toBe(20);
    expect(await countLoginFailure(h.db, 'no-such-user')).toBeNull();
  });

  it('gives 20 parallel wrong guesses exactly the allowed number of password checks, then holds the address back', async () => {
    t = START;
    const answers = await burst('sup', '10.0.0.66');
    const failed = `401 ${BAD_LOGIN}`;
    expect(answers.filter((a) => a === failed)).toHaveLength(LIMITS.loginMaxFailures);
    const held = answers.filter((a) => a !== failed);
    expect(held).toHaveLength(20 - LIMITS.loginMaxFailures);
    expect(new Set(held)).toEqual(new Set([`429 登录失败次数过多，请${LIMITS.loginBackoffMinutes}分钟后再试`]));
    expect(await checks('sup', '10.0.0.66')).toBe(LIMITS.loginMaxFailures);
    expect(await accountFailures('sup')).toBe(LIMITS.loginMaxFailures);
    // Even the right password is refused from that address while it is held back, with the same answer.
    const right = await attempt('sup', PASSWORD, '10.0.0.66');
    expect(`${right.statusCode} ${right.json().error.message}`).toBe(held[0]);
    expect(await checks('sup', '10.0.0.66')).toBe(LIMITS.loginMaxFailures);
  });

  it('does not lock the owner out: another address logs in, and the attacker stays held back', async () => {
    const owner = await attempt('sup', PASSWORD, '10.0.0.7');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().username).toBe('sup');
    expect(await accountFailures('sup')).toBe(0); // a successful login clears the account's count…
    expect((await attempt('sup', PASSWORD, '10.0.0.66')).statusCode).toBe(429); // …not the attacker's back-off
  });

  it('answers known and unknown names alike, held back included', async () => {
    t = START;
    const known = await burst('lead', '10.0.1.1');
    const unknown = await burst('nobody-here', '10.0.1.1');
    expect(unknown).toEqual(known);
    expect(await checks('nobody-here', '10.0.1.1')).toBe(LIMITS.loginMaxFailures);
    expect(await checks('lead', '10.0.1.1')).toBe(LIMITS.loginMaxFailures);
    const k = await attempt('lead', PASSWORD, '10.0.1.1');
    const u = await attempt('nobody-here', PASSWORD, '10.0.1.1');
    expect([u.statusCode, u.json()]).toEqual([k.statusCode, k.json()]);
    expect(JSON.stringify(k.json())).not.toMatch(/锁定/);
  });

  it('backs off progressively: one more check after each wait, and a longer wait after it', async () => {
    t = START;
    const ip = '10.0.2.2';
    await burst('repb', ip);
    expect(await checks('repb', ip)).toBe(LIMITS.loginMaxFailures);
    let wait: number = LIMITS.loginBackoffMinutes;
    for (let step = 0; step < 6; step++) {
      t += wait * MIN - 1000;
      expect((await attempt('repb', 'still-wrong', ip)).statusCode).toBe(429);
      t += 2000;
      const answers = await burst('repb', ip);
      expect(answers.filter((a) => a.startsWith('401'))).toHaveLength(1);
      wait = Math.min(wait * 2, LIMITS.loginLockMinutes);
      expect(answers.filter((a) => a.startsWith('429'))[0]).toBe(`429 登录失败次数过多，请${wait}分钟后再试`);
      expect(await checks('repb', ip)).toBe(LIMITS.loginMaxFailures + step + 1);
    }
    // The owner's right password after the wait logs in and clears the back-off of that address.
    t += wait * MIN;
    expect((await attempt('repb', PASSWORD, ip)).statusCode).toBe(200);
    expect((await attempt('repb', 'typo-once', ip)).statusCode).toBe(401);
    expect((await attempt('repb', PASSWORD, ip)).statusCode).toBe(200);
  });

  it('forgets an old back-off after a quiet day', async () => {
    t = START;
    await burst('dep2', '10.0.3.3');
    t += LIMITS.loginForgetHours * 60 * MIN + MIN;
    const answers = await burst('dep2', '10.0.3.3');
    expect(answers.filter((a) => a.startsWith('401'))).toHaveLength(LIMITS.loginMaxFailures);
  });

  it('audits login.attack once when failures on one account from all addresses reach the mark', async () => {
    t = START;
    const perAddress = LIMITS.loginMaxFailures;
    const addresses = Math.ceil((LIMITS.loginAttackFailures + 3) / perAddress);
    for (let i = 0; i < addresses; i++) await burst('root', `10.0.4.${i + 1}`);
    expect(await accountFailures('root')).toBe(addresses * perAddress);
    expect(await attacks('u-root')).toEqual([
      expect.objectContaining({ actorId: 'u-root', entityId: 'u-root', ip: expect.stringMatching(/^10\.0\.4\./) }),
    ]);
    // The owner logs in from elsewhere; the count starts again and a new attack is audited again.
    expect((await attempt('root', PASSWORD, '10.0.5.5')).statusCode).toBe(200);
    for (let i = 0; i < addresses; i++) await burst('root', `10.0.6.${i + 1}`);
    expect(await attacks('u-root')).toHaveLength(2);
  });
});
