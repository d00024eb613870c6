/**
 * Serving the web app on an intranet (issue 13 §4): hashed assets cached immutable for a year, index.html and the SPA
 * fallback not cached, the build's .br/.gz sent with content-encoding and vary; over plain http no HSTS, no CSP
 * upgrade and no Secure cookie, over https (behind a proxy) all three. Also the build step's first-load measure and
 * precompression (scripts/vite-assets-plugin.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLoadFiles, precompress } from '../../../../scripts/vite-assets-plugin';
import type { DbHandle } from '../../db/connect';
import { seedDataset } from '../../services/seed-dataset';
import { PASSWORD, smallDataset } from '../../test/fixture';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { buildApp } from '../app';
import { cacheControlFor, IMMUTABLE, NO_CACHE } from './static';

const SCRIPT = `console.log(${JSON.stringify('实事'.repeat(2000))});\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-AbCd1234.js"></script></head><body>${' '.repeat(2000)}</body></html>`;

describe(`static files of the web app (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let dir: string;
  const apps: FastifyInstance[] = [];
  const app = async (over: { https?: boolean } = {}) => {
    const a = await buildApp({
      db: h.db,
      webDir: dir,
      secureCookies: over.https ?? false,
      security: { upgradeInsecureRequests: over.https ?? false },
    });
    apps.push(a);
    return a;
  };

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
    dir = mkdtempSync(join(tmpdir(), 'shishi-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'tiny-Zz9Yy8Xx.js'), 'export{};'); // below 1 KB: not precompressed
    expect(await precompress(dir)).toBe(2);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes .br and .gz next to the files above 1 KB, decompressing to the same bytes', () => {
    const js = join(dir, 'assets', 'index-AbCd1234.js');
    expect(brotliDecompressSync(readFileSync(`${js}.br`)).toString()).toBe(SCRIPT);
    expect(gunzipSync(readFileSync(`${js}.gz`)).toString()).toBe(SCRIPT);
    expect(() => readFileSync(join(dir, 'assets', 'tiny-Zz9Yy8Xx.js.br'))).toThrow();
  });

  it('sends a hashed asset brotli- or gzip-compressed, cached immutable for a year, varying on accept-encoding', async () => {
    const a = await app();
    const br = await a.inject({
      url: '/assets/index-AbCd1234.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);

    const gz = await a.inject({ url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await a.inject({ url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('does not cache index.html, at / and as the fallback of an app path', async () => {
    const a = await app();
    for (const url of ['/', '/index.html', '/rounds/abc']) {
      const res = await a.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe(NO_CACHE);
      const body =
        res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(body, url).toBe(INDEX);
    }
  });

  it('classifies files: only hashed names under assets/ are immutable', () => {
    expect(cacheControlFor('/srv/web/dist/assets/index-AbCd1234.js.br')).toBe(IMMUTABLE);
    expect(cacheControlFor('/srv/web/dist/assets/index-C0JUzB4q.css')).toBe(IMMUTABLE);
    expect(cacheControlFor('/srv/web/dist/index.html')).toBe(NO_CACHE);
    expect(cacheControlFor('/srv/web/dist/index.html.gz')).toBe(NO_CACHE);
    expect(cacheControlFor('/srv/web/dist/robots.txt')).toBe(NO_CACHE);
  });

  const login = (a: FastifyInstance) =>
    a.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sup', password: PASSWORD } });

  it('over plain http: no HSTS, COOP or upgrade-insecure-requests, a session cookie without Secure', async () => {
    const a = await app();
    const page = await a.inject({ url: '/' });
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.headers['cross-origin-opener-policy']).toBeUndefined(); // ignored on http, with a console error
    expect(String(page.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    const res = await login(a);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('over https (behind a proxy): HSTS, COOP, upgrade-insecure-requests and a Secure session cookie', async () => {
    const a = await app({ https: true });
    const page = await a.inject({ url: '/' });
    expect(page.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(String(page.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    const res = await login(a);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
  });
});

describe('first-load files of a build', () => {
  it('follows the entry’s static imports and the modulepreload links, not the lazy chunks', () => {
    const chunks = new Map([
      ['assets/index-1.js', { code: '', imports: ['assets/react-2.js', 'assets/shared-3.js'], isEntry: true }],
      ['assets/react-2.js', { code: '', imports: [], isEntry: false }],
      ['assets/shared-3.js', { code: '', imports: ['assets/util-4.js'], isEntry: false }],
      ['assets/util-4.js', { code: '', imports: [], isEntry: false }],
      ['assets/page-5.js', { code: '', imports: ['assets/chart-6.js'], isEntry: false }],
      ['assets/chart-6.js', { code: '', imports: [], isEntry: false }],
      ['assets/preloaded-7.js', { code: '', imports: [], isEntry: false }],
    ]);
    const html = '<link rel="modulepreload" crossorigin href="/assets/preloaded-7.js">';
    expect(firstLoadFiles(chunks, html)).toEqual([
      'assets/index-1.js',
      'assets/preloaded-7.js',
      'assets/react-2.js',
      'assets/shared-3.js',
      'assets/util-4.js',
    ]);
  });
});
