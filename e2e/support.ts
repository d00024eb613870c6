/** Shared set-up of the browser tests: a real server on a fresh test database, headless Chromium, login helpers. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Dataset } from '../src/domain/model/dataset';
import type { DbHandle } from '../src/server/db/connect';
import { buildApp } from '../src/server/http/app';
import { seedDataset } from '../src/server/services/seed-dataset';
import { createTestDb } from '../src/server/test/test-db';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const WEB_DIR = resolve(import.meta.dirname, '..', 'web', 'dist');
/** Browser tests run only with Chromium installed and the web app built. */
export const browserReady = existsSync(CHROMIUM) && existsSync(resolve(WEB_DIR, 'index.html'));

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type E2E = {
  h: DbHandle;
  app: FastifyInstance;
  browser: Browser;
  base: string;
  /** A fresh browser context (own cookies) and page. */
  newPage: () => Promise<Page>;
  /** Log in through the login page. */
  login: (page: Page, username: string, password?: string) => Promise<void>;
  /** A new page already logged in. */
  loggedIn: (username: string, password?: string) => Promise<Page>;
  close: () => Promise<void>;
};

/** Seed the dataset, optionally prepare through the API, listen on a free loopback port and launch Chromium. */
export async function startE2E(
  dataset: Dataset | null,
  opts: { password: string; prepare?: (app: FastifyInstance, h: DbHandle) => Promise<void> },
): Promise<E2E> {
  const h = await createTestDb();
  if (dataset) await seedDataset(h.db, dataset); // null: an empty database (first-run setup)
  const app = await buildApp({ db: h.db, webDir: WEB_DIR, loginRateMax: 1000 });
  if (opts.prepare) await opts.prepare(app, h);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const newPage = async () =>
    (
      await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })
    ).newPage();
  const login = async (page: Page, username: string, password = opts.password) => {
    await page.goto(`${base}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
  };
  const loggedIn = async (username: string, password?: string) => {
    const page = await newPage();
    await login(page, username, password);
    return page;
  };
  return {
    h,
    app,
    browser,
    base,
    newPage,
    login,
    loggedIn,
    close: async () => {
      await browser.close();
      await app.close();
      await h.close();
    },
  };
}
