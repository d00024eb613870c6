/**
 * Accessibility (WCAG 2.1 AA) in Chromium: axe-core, injected into each page, reports no violation of the wcag2a,
 * wcag2aa, wcag21a and wcag21aa rules on the login page, the reporter's home, the report form, the consolidated table,
 * the dashboard and the public page (and /gk/ when the server-rendered public pages exist); the same in 关怀模式, whose
 * switch works by keyboard and is remembered by the browser.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { loginAs, openQ3Round } from '../src/server/test/test-app';
import { browserReady, type E2E, startE2E } from './support';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; summary: string }[] };

/** Wait until the page has loaded its data (no spinner or skeleton left), then run axe; one line per violation. */
async function axe(page: Page): Promise<string[]> {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-skeleton'));
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: Document,
          o: unknown,
        ) => Promise<{
          violations: {
            id: string;
            impact: string | null;
            help: string;
            nodes: { target: string[]; html?: string; failureSummary?: string }[];
          }[];
        }>;
      };
    };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: (n.failureSummary ?? '').slice(0, 200) })),
    }));
  }, TAGS);
  return (violations as Violation[]).map(
    (v) =>
      `${v.id} (${v.impact}) ${v.help} ×${v.nodes.length}: ${v.nodes
        .slice(0, 4)
        .map((n) => `${n.target.join(' ')} — ${n.summary.replace(/\s+/g, ' ')}`)
        .join(' | ')}`,
  );
}

/** axe's findings on the page, printed when there are any (the assertion names the page). */
async function expectClean(page: Page, name: string) {
  const found = await axe(page);
  if (found.length) console.error(`axe — ${name}:\n${found.join('\n')}`);
  expect(found, name).toEqual([]);
}

describe.skipIf(!browserReady)('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let env: E2E;
  let q3 = '';
  let reportId = '';
  const page = async (user: string | null, hash: string) => {
    const ctx = await env.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      reducedMotion: 'reduce',
      bypassCSP: true,
    });
    if (user) {
      // The session cookie of an API login (the login page itself is checked anonymously).
      const { cookie } = await loginAs(env.app, user);
      const [name = '', ...rest] = cookie.split(';')[0]?.split('=') ?? [];
      await ctx.addCookies([{ name, value: rest.join('='), url: env.base }]);
    }
    const p = await ctx.newPage();
    await p.goto(`${env.base}/#${hash}`);
    if (user) await p.getByTestId('logout').waitFor();
    return p;
  };

  beforeAll(async () => {
    env = await startE2E(smallDataset(), {
      password: PASSWORD,
      prepare: async (app) => {
        q3 = await openQ3Round(app, await loginAs(app, 'sup'));
      },
    });
    const r = await env.h.db
      .selectFrom('reports')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .select(['reports.id'])
      .where('reports.roundId', '=', q3)
      .where('reports.orgId', '=', 'org-a')
      .orderBy('projects.code')
      .executeTakeFirstOrThrow();
    reportId = r.id;
  });
  afterAll(async () => env?.close());

  it('login page and public page (anonymous)', async () => {
    const login = await page(null, '/login');
    await login.getByTestId('login-username').waitFor();
    await expectClean(login, '登录页');
    // A wrong password: the error is announced (role=alert) and still clean.
    await login.getByTestId('login-username').fill('repa');
    await login.getByTestId('login-password').fill('wrong-password');
    await login.getByTestId('login-submit').click();
    await login.getByTestId('login-error').waitFor();
    expect(await login.locator('[role=alert]').count()).toBeGreaterThan(0);
    await login.context().close();

    const pub = await page(null, '/public');
    await pub.getByTestId('public-login').waitFor();
    await expectClean(pub, '公开页');
    await pub.context().close();
    // The server-rendered public pages (政务公开), when this build has them.
    const gk = await fetch(`${env.base}/gk/`);
    console.info(`/gk/: HTTP ${gk.status} ${gk.headers.get('content-type') ?? ''}`);
    if (gk.ok && (gk.headers.get('content-type') ?? '').includes('html')) {
      const g = await page(null, '/');
      await g.goto(`${env.base}/gk/`);
      await expectClean(g, '/gk/');
      await g.context().close();
    }
  });

  it('the reporter: home and report form, normal and 关怀模式', async () => {
    const p = await page('repa', '/mine');
    await p.getByTestId('mine-summary').waitFor();
    await p.getByTestId('my-tasks').waitFor();
    await expectClean(p, '填报首页');
    await p.goto(`${env.base}/#/reports/${reportId}`);
    await p.getByTestId('report-form').waitFor();
    await p.getByTestId('progress-text').fill('已完成总工程量的40%，累计改造3公里。');
    await p.getByTestId('dirty-indicator').waitFor();
    await expectClean(p, '填报表单');

    // 关怀模式 by keyboard: focus the switch, press Enter; larger type; remembered after a reload.
    await p.getByTestId('care-mode').focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => p.evaluate(() => document.documentElement.classList.contains('care-mode'))).toBe(true);
    expect(await p.getByTestId('care-mode').getAttribute('aria-pressed')).toBe('true');
    const size = () =>
      p.getByTestId('progress-text').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    await expect.poll(size).toBeGreaterThanOrEqual(18);
    await p.reload();
    await p.getByTestId('report-form').waitFor();
    expect(await p.evaluate(() => document.documentElement.classList.contains('care-mode'))).toBe(true);
    expect(await size()).toBeGreaterThanOrEqual(18);
    await expectClean(p, '填报表单（关怀模式）');
    await p.getByTestId('care-mode').click();
    await expect.poll(() => p.evaluate(() => document.documentElement.classList.contains('care-mode'))).toBe(false);
    await p.context().close();
  });

  it('the office: consolidated table and dashboard', async () => {
    const p = await page('sup', '/rounds/r-q2/table');
    await p.getByTestId('consolidated-table').waitFor();
    await expectClean(p, '汇总表');
    await p.goto(`${env.base}/#/dashboard`);
    await p.locator('main').waitFor();
    await expectClean(p, '数据看板');
    await p.context().close();
  });
});
