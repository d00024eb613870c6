/**
 * Issue 8 §3 operations on the HTTP side: readiness (`/api/ready`, 503 with Chinese reasons when the database is gone
 * or a migration is missing), one structured log line per request (reqId, status, userId; no cookie, no CSRF token,
 * no secret query values), and the CSP `upgrade-insecure-requests` switch.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadinessSchema } from '../../shared/contract/system';
import type { DbHandle } from '../db/connect';
import { shippedMigrations } from '../ops/readiness';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { as, loginAs } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

type App = Awaited<ReturnType<typeof buildApp>>;

describe(`readiness /api/ready (${TEST_ENGINE})`, () => {
  it('is ready on a migrated database, and /api/health stays a constant answer', async () => {
    const h = await createTestDb();
    const app = await buildApp({ db: h.db, strictResponses: true });
    try {
      const res = await app.inject({ url: '/api/ready' });
      expect(res.statusCode).toBe(200);
      const body = ReadinessSchema.parse(res.json());
      expect(body).toMatchObject({ ready: true, db: TEST_ENGINE, reasons: [] });
      expect(body.checks.database.ok).toBe(true);
      expect(body.checks.migrations).toMatchObject({ ok: true, pending: [], expected: shippedMigrations().length });
      expect((await app.inject({ url: '/api/health' })).json()).toEqual({ ok: true });
    } finally {
      await app.close();
      await h.close();
    }
  });

  it('answers 503 naming a migration that has not run', async () => {
    const h = await createTestDb();
    const app = await buildApp({ db: h.db });
    try {
      const last = shippedMigrations().at(-1)!;
      await sql`DELETE FROM kysely_migration WHERE name = ${last}`.execute(h.db);
      const res = await app.inject({ url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      const body = ReadinessSchema.parse(res.json());
      expect(body.ready).toBe(false);
      expect(body.checks.migrations.pending).toEqual([last]);
      expect(body.reasons).toEqual([`有 1 个数据库迁移尚未执行：${last}`]);
    } finally {
      await app.close();
      await h.close();
    }
  });

  it('answers 503 with a Chinese reason and no internals when the database is closed', async () => {
    const h = await createTestDb();
    const app = await buildApp({ db: h.db });
    await h.close();
    try {
      const res = await app.inject({ url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const body = ReadinessSchema.parse(res.json());
      expect(body).toMatchObject({ ready: false, db: TEST_ENGINE, reasons: ['数据库无法访问'] });
      expect(body.checks.database.ok).toBe(false);
      expect(res.body).not.toMatch(/destroyed|postgres:|Error|at /);
      // Liveness does not depend on the database.
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe(`request logs (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: App;
  const lines: string[] = [];
  type Line = Record<string, unknown> & { level: number; msg?: string; reqId?: string };
  const logged = () => lines.map((l) => JSON.parse(l) as Line);

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
    app = await buildApp({
      db: h.db,
      loginRateMax: 1000,
      logger: { level: 'info', stream: { write: (msg) => void lines.push(msg) } },
    });
    app.get('/api/test/headers', async (req) => {
      req.log.info({ headers: req.headers }, 'headers');
      return { ok: true };
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('writes one JSON line per request with reqId, method, url, status, time and the user id', async () => {
    const sup = await loginAs(app, 'sup');
    const before = lines.length;
    const res = await app.inject({ url: '/api/auth/me?x=1', headers: as(sup) });
    expect(res.statusCode).toBe(200);
    const id = res.headers['x-request-id'];
    const mine = logged()
      .slice(before)
      .filter((l) => l.reqId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'GET',
      url: '/api/auth/me?x=1',
      status: 200,
      ip: '127.0.0.1',
      userId: 'u-sup',
    });
    expect(typeof mine[0]!.responseTime).toBe('number');

    const anon = await app.inject({ url: '/api/auth/me' });
    const line = logged().find((l) => l.reqId === anon.headers['x-request-id']);
    expect(line).toMatchObject({ status: 401, msg: 'request' });
    expect(line).not.toHaveProperty('userId');

    const text = lines.join('');
    expect(text).not.toContain(sup.cookie.split('=')[1]!);
    expect(text).not.toContain(sup.csrf);
    expect(text).not.toContain('test-pass-123'); // the login body
  });

  it('hides secret query values and redacts cookie, authorization and CSRF headers if headers are logged', async () => {
    const sup = await loginAs(app, 'sup');
    const res = await app.inject({
      url: '/api/test/headers?token=abc123secret&page=2',
      headers: { ...as(sup), authorization: 'Bearer xyz-secret' },
    });
    const id = res.headers['x-request-id'];
    const mine = logged().filter((l) => l.reqId === id);
    const request = mine.find((l) => l.msg === 'request');
    expect(request?.url).toBe('/api/test/headers?token=***&page=2');
    const headers = mine.find((l) => l.msg === 'headers')?.headers as Record<string, string>;
    expect(headers.cookie).toBe('[已隐藏]');
    expect(headers.authorization).toBe('[已隐藏]');
    expect(headers['x-csrf-token']).toBe('[已隐藏]');
    const text = lines.join('');
    expect(text).not.toMatch(/abc123secret|xyz-secret/);
    expect(text).not.toContain(sup.csrf);
  });

  it('logs successful health probes at debug only (not at info)', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(logged().some((l) => l.reqId === res.headers['x-request-id'])).toBe(false);
  });
});

describe(`CSP upgrade-insecure-requests (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h?.close());

  const csp = async (upgradeInsecureRequests?: boolean) => {
    const app = await buildApp({
      db: h.db,
      ...(upgradeInsecureRequests === undefined ? {} : { security: { upgradeInsecureRequests } }),
    });
    try {
      return String((await app.inject({ url: '/api/health' })).headers['content-security-policy']);
    } finally {
      await app.close();
    }
  };

  it('is not sent by default (plain-http intranet) nor when switched off', async () => {
    for (const header of [await csp(), await csp(false)]) {
      expect(header).toContain("default-src 'self'");
      expect(header).toContain("frame-ancestors 'none'");
      expect(header).not.toContain('upgrade-insecure-requests');
    }
  });

  it('is sent when the site is served over https', async () => {
    const header = await csp(true);
    expect(header).toContain('upgrade-insecure-requests');
    expect(header).toContain("default-src 'self'");
  });
});
