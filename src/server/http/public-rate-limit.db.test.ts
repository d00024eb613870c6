/**
 * Issue 8 §3: anonymous callers get `security.publicRateMax` requests per minute per address over the public routes,
 * /api/health, /api/ready and the web app's files (one counter); then 429 with a Chinese message. Logged-in users and
 * other addresses are not limited by it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { as, loginAs, type Session } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

type App = Awaited<ReturnType<typeof buildApp>>;
const MAX = 5;

describe(`public rate limit (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: App;
  let sup: Session;
  const webDir = mkdtempSync(join(tmpdir(), 'shishi-web-'));

  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>实事</title>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
    app = await buildApp({ db: h.db, webDir, loginRateMax: 1000, security: { publicRateMax: MAX } });
    sup = await loginAs(app, 'sup');
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const get = (url: string, opts: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    app.inject({ url, ...opts });

  it('answers the N+1th anonymous request of a minute with 429 and a Chinese message', async () => {
    const addr = '10.0.0.1';
    const urls = ['/api/public/rounds', '/api/health', '/api/ready', '/api/public/rounds/nope/table', '/'];
    const codes = [];
    for (const url of urls) codes.push((await get(url, { remoteAddress: addr })).statusCode);
    expect(codes).toEqual([200, 200, 200, 404, 200]);
    const res = await get('/api/public/rounds', { remoteAddress: addr });
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(res.json().error.message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get('/api/health', { remoteAddress: addr })).statusCode).toBe(429);
    // The build's hashed assets are not counted (immutable, cached; a page load fetches dozens of them).
    expect((await get('/assets/app.js', { remoteAddress: addr })).statusCode).toBe(200);
    // A made-up session cookie does not get round it.
    expect(
      (await get('/api/public/rounds', { remoteAddress: addr, headers: { cookie: 'shishi_sid=forged' } })).statusCode,
    ).toBe(429);
    // Staff routes are not part of it (they answer 401, not 429).
    expect((await get('/api/auth/me', { remoteAddress: addr })).statusCode).toBe(401);
  });

  it('does not limit another address', async () => {
    for (let i = 0; i < MAX; i++)
      expect((await get('/api/public/rounds', { remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
    expect((await get('/api/public/rounds', { remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
  });

  it('does not limit a logged-in user on the same address, nor count their requests', async () => {
    const addr = '10.0.0.3';
    for (let i = 0; i < MAX * 2; i++) {
      const res = await get('/api/public/rounds', { remoteAddress: addr, headers: as(sup) });
      expect(res.statusCode).toBe(200);
    }
    // The address's anonymous budget is untouched by them.
    for (let i = 0; i < MAX; i++) expect((await get('/api/health', { remoteAddress: addr })).statusCode).toBe(200);
    expect((await get('/api/health', { remoteAddress: addr })).statusCode).toBe(429);
    // Over the limit, the user still gets the API and the web app's files.
    expect((await get('/api/public/rounds', { remoteAddress: addr, headers: as(sup) })).statusCode).toBe(200);
    expect((await get('/assets/app.js', { remoteAddress: addr, headers: as(sup) })).statusCode).toBe(200);
    expect((await get('/reports/mine', { remoteAddress: addr, headers: as(sup) })).statusCode).toBe(200);
    expect((await get('/reports/mine', { remoteAddress: addr })).statusCode).toBe(429);
  });
});
