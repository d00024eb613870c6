/**
 * Intranet deployment (issue 13 §4): `shishi serve --host 0.0.0.0 --public-url http://<address>:<port>` started as a
 * person would start it, then Chromium loads the app through this machine's non-loopback IPv4 address over plain
 * HTTP — the set-up where an https-only CSP used to blank every page. The login page and a page after login render,
 * no console error but the login page's 401 session probe (CSP violations and headers the browser ignores on plain
 * http, like COOP, are console errors), the session cookie is not Secure (it would never be sent
 * back over http), assets come precompressed and cached immutable, index.html uncached, and the first load's
 * JavaScript as transferred is within the 300 KB budget.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/domain/demo';
import { browserReady, CHROMIUM } from './support';

const ROOT = resolve(import.meta.dirname, '..');

/** The first non-internal IPv4 address of this machine, if it has one. */
function intranetAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces()))
    for (const i of list ?? []) if (i.family === 'IPv4' && !i.internal) return i.address;
  return undefined;
}

/** A port free on all interfaces right now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '0.0.0.0', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => done(port));
    });
  });
}

const address = intranetAddress();
if (!address) console.warn('intranet.e2e: 本机没有非回环的 IPv4 地址，跳过内网访问测试');
if (!browserReady) console.warn('intranet.e2e: 没有 Chromium 或 web/dist，跳过');

describe.runIf(address && browserReady)('served on an intranet address over plain http', () => {
  let server: ChildProcess;
  let browser: Browser;
  let dir: string;
  let base: string;
  let output = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shishi-intranet-'));
    const port = await freePort();
    base = `http://${address}:${port}`;
    server = spawn(
      process.execPath,
      [
        'bin/shishi.mjs',
        'serve',
        '--demo',
        '--no-worker',
        '--host',
        '0.0.0.0',
        '--port',
        String(port),
        '--public-url',
        base,
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: join(dir, 'shishi.sqlite'), LOG_LEVEL: 'warn' } },
    );
    await new Promise<void>((done, fail) => {
      const onData = (b: Buffer) => {
        output += b.toString();
        if (output.includes('已启动')) done();
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.once('exit', (code) => fail(new Error(`shishi serve exited (${code}):\n${output}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers over http at the intranet address: no HSTS, no https upgrade, index.html not cached', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    const entry = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toMatch(/^\/assets\//);
    const js = await fetch(`${base}${entry}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(js.headers.get('content-encoding')).toBe('br');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('vary') ?? '').toMatch(/accept-encoding/i);
  });

  it('loads, logs in and renders a page in Chromium, with no console errors', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/#/login`);
    await page.getByTestId('login-username').waitFor();
    // What the first load fetched: the JavaScript as transferred (compressed), within the budget.
    const js = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => ({ name: e.name, size: (e as PerformanceResourceTiming).transferSize })),
    );
    const kb = js.reduce((s, e) => s + e.size, 0) / 1024;
    console.log(`intranet.e2e: 登录页首屏 JavaScript ${js.length} 个文件，传输 ${kb.toFixed(1)} KB`);
    expect(js.length).toBeGreaterThan(0);
    expect(kb).toBeLessThanOrEqual(300);

    await page.getByTestId('login-username').fill('supervisor');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    // a page rendered inside the layout, not a blank screen (innerText: the text as rendered, not hidden nodes)
    const content = page.locator('main, .ant-layout-content').first();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what shows the page is not blank
    const shown = async () => (await content.innerText()).trim().length;
    await expect.poll(shown).toBeGreaterThan(20);
    const cookies = await context.cookies(base);
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c.secure, c.name).toBe(false);
    expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    // the one expected error: the session probe answers 401 on the login page, before logging in
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    expect(errors.filter((e) => /status of 401/.test(e)).length).toBeLessThanOrEqual(1);
    await context.close();
  });
});
