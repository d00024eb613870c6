/**
 * Issue 10 §2, first run: an empty installation answers GET /api/setup {needed: true}; POST /api/setup creates the
 * government and the first administrator once (password policy checked, audited); a second POST answers 409; the
 * administrator logs in and manages organisations at once.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCryptoProvider } from '../crypto/provider';
import type { DbHandle } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { as, createTestApp, loginAs } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

const GOOD = 'Chu-Shi9#Mima';

describe(`first run on an empty database (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    h = await createTestDb();
    app = await buildApp({ db: h.db, loginRateMax: 1000, strictResponses: true });
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });
  const setup = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/setup', payload });

  it('says setup is needed while there is no account', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/setup' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ needed: true });
  });

  it('refuses a weak password and a missing government name, in Chinese, naming the field', async () => {
    const weak = await setup({
      government: '龙华区人民政府',
      username: 'admin',
      displayName: '王管理',
      password: 'abc',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('密码至少8位');
    expect(weak.json().error.details.issues[0].path).toEqual(['password']);
    const noGov = await setup({ government: ' ', username: 'admin', displayName: '王管理', password: GOOD });
    expect(noGov.statusCode).toBe(400);
    expect(noGov.json().error.message).toContain('请填写政府名称');
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
  });

  it('creates the government and the first administrator, audited; a second setup answers 409', async () => {
    const res = await setup({
      government: '龙华区人民政府',
      shortName: '龙华区',
      username: 'admin',
      displayName: '王管理',
      password: GOOD,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ government: { name: '龙华区人民政府' }, username: 'admin' });
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
    const again = await setup({ government: '别的区人民政府', username: 'admin2', displayName: '李', password: GOOD });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已完成初始化');
    const gov = await h.db.selectFrom('organizations').selectAll().execute();
    expect(gov.map((o) => o.name)).toEqual(['龙华区人民政府']);
    expect(gov[0]).toMatchObject({ kind: 'government', shortName: '龙华区', active: 1 });
    const audit = await h.db.selectFrom('auditLog').select(['action', 'actorName']).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['org.create', 'user.create', 'system.setup']);
  });

  it('two setups at once create one administrator', async () => {
    const h2 = await createTestDb();
    const app2 = await buildApp({ db: h2.db, loginRateMax: 1000 });
    try {
      const body = (u: string) => ({ government: '甲区人民政府', username: u, displayName: '甲', password: GOOD });
      const answers = await Promise.all(
        ['a1', 'a2', 'a3'].map((u) => app2.inject({ method: 'POST', url: '/api/setup', payload: body(u) })),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
      expect(await h2.db.selectFrom('users').select('username').execute()).toHaveLength(1);
    } finally {
      await app2.close();
      await h2.close();
    }
  });

  it('the administrator logs in (no forced change) and sees the organisation menu', async () => {
    const s = await loginAs(app, 'admin', GOOD);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: as(s) });
    expect(me.json()).toMatchObject({ role: 'admin', mustChangePassword: null });
    expect(me.json().abilities).toMatchObject({ manageUsers: true, manageOrgs: true });
    const orgs = await app.inject({ method: 'GET', url: '/api/admin/orgs', headers: as(s) });
    expect(orgs.json().map((o: { name: string }) => o.name)).toEqual(['龙华区人民政府']);
  });
});

describe(`setup on an installation with accounts (${TEST_ENGINE})`, () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => ctx?.close());
  it('is not needed and answers 409', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { government: '某区人民政府', username: 'x1', displayName: '某', password: GOOD },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe(`contact details are encrypted when DATA_KEY is set (${TEST_ENGINE})`, () => {
  it('stores phone and e-mail as field-encryption tokens and answers them in clear', async () => {
    const h = await createTestDb();
    await seedDataset(h.db, smallDataset());
    const crypto = createCryptoProvider('standard', 'ab'.repeat(32));
    const app = await buildApp({ db: h.db, loginRateMax: 1000, strictResponses: true, security: { crypto } });
    try {
      const root = await loginAs(app, 'root');
      const res = await app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: as(root),
        payload: {
          username: 'enc1',
          displayName: '加密',
          role: 'reporter',
          units: [{ orgId: 'org-a' }],
          phone: '13800138000',
          email: 'a@example.cn',
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().user).toMatchObject({ phone: '13800138000', email: 'a@example.cn' });
      const row = await h.db
        .selectFrom('users')
        .select(['phone', 'email'])
        .where('username', '=', 'enc1')
        .executeTakeFirst();
      expect(row?.phone).toMatch(/^enc:aes256gcm:v1:/);
      expect(row?.email).toMatch(/^enc:aes256gcm:v1:/);
      expect(crypto.decryptField(row!.phone!, 'users.phone')).toBe('13800138000');
    } finally {
      await app.close();
      await h.close();
    }
  });
});
