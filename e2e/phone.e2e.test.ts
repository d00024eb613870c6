/**
 * A reporter on a phone (Chromium at 375×812 and 414×896): opens the report from the notification list, fills and
 * saves it from the sticky bar; the connection drops (the edit is kept in the browser and saved when the network is
 * back); submits; sees the returned report's comments; the home page shows cards; a draft left unsaved comes back on
 * the next visit ("已恢复未保存的草稿"), and one typed on an older version is shown beside the server's, never applied
 * silently. No page scrolls sideways.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { as, loginAs, openQ3Round } from '../src/server/test/test-app';
import { browserReady, type E2E, startE2E } from './support';

/** The page is no wider than the screen (nothing to scroll sideways). */
const fits = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 0.5 && window.innerWidth < 500);

describe.skipIf(!browserReady)('reporting on a phone', () => {
  let env: E2E;
  let q3 = '';
  let first = '';
  let second = '';

  async function phone(width: number, height: number, user: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await env.browser.newContext({
      viewport: { width, height },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      reducedMotion: 'reduce',
    });
    const page = await ctx.newPage();
    await page.goto(`${env.base}/#/login`);
    await page.getByTestId('login-username').waitFor();
    expect(await fits(page)).toBe(true);
    await page.getByTestId('login-username').fill(user);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    return { ctx, page };
  }

  const serverText = async (id: string) => {
    const r = await env.h.db
      .selectFrom('reports')
      .leftJoin('reportVersions', (j) =>
        j
          .onRef('reportVersions.reportId', '=', 'reports.id')
          .onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
      )
      .select(['reports.versionNo', 'reports.status', 'reportVersions.progressText'])
      .where('reports.id', '=', id)
      .executeTakeFirstOrThrow();
    return r;
  };

  beforeAll(async () => {
    env = await startE2E(smallDataset(), {
      password: PASSWORD,
      prepare: async (app) => {
        q3 = await openQ3Round(app, await loginAs(app, 'sup'));
      },
    });
    const rows = await env.h.db
      .selectFrom('reports')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .select(['reports.id', 'projects.name'])
      .where('reports.roundId', '=', q3)
      .where('reports.orgId', '=', 'org-a')
      .orderBy('projects.code')
      .execute();
    [first, second] = rows.map((r) => r.id) as [string, string];
    // The message a reporter gets: a link to the report.
    await env.h.db
      .insertInto('notifications')
      .values({
        id: 'n-phone-1',
        userId: 'u-a',
        kind: 'remind',
        level: 'blue',
        title: `请填报：${rows[0]?.name ?? ''}`,
        body: '2026年第三季度进展请于10月8日前报送。',
        link: `/reports/${first}`,
        programmeId: 'prog',
        roundId: q3,
        reportId: first,
        orgId: 'org-a',
        idempotencyKey: 'phone-test-1',
        createdAt: new Date().toISOString(),
        readAt: null,
      })
      .execute();
  });
  afterAll(async () => env?.close());

  it('375 px: notification → form → save → offline edit kept → saved when online → submit → returned comments', async () => {
    const { ctx, page } = await phone(375, 812, 'repa');
    // Home: cards, not a wide table; the menu is behind a button.
    await page.goto(`${env.base}/#/mine`);
    await page.getByTestId('mine-cards').waitFor();
    expect(await page.getByTestId('mine-table').count()).toBe(0);
    expect(await fits(page)).toBe(true);
    await page.getByTestId('nav-drawer-open').click();
    await page.getByTestId('nav-mine').waitFor();
    await page.keyboard.press('Escape');

    await page.goto(`${env.base}/#/notifications`);
    await page.getByTestId('notification-link').first().waitFor();
    expect(await fits(page)).toBe(true);
    await page.getByTestId('notification-link').first().click();
    await page.getByTestId('report-form').waitFor();
    expect(page.url()).toContain(`/reports/${first}`);
    expect(await fits(page)).toBe(true);

    // The bar with 保存/提交 is on screen while the top of the long form is shown.
    const bar = page.getByTestId('report-actions');
    const onScreen = async () => {
      const b = await bar.boundingBox();
      return b !== null && b.y >= 0 && b.y + b.height <= 812 + 1;
    };
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await onScreen()).toBe(true);

    await page.getByTestId('progress-text').fill('已完成总工程量的40%，累计改造老旧管网3公里。');
    await page.getByTestId('self-assessment-按计划推进').click();
    await page.getByTestId('save-draft').click();
    await expect.poll(async () => (await serverText(first)).progressText).toContain('累计改造老旧管网3公里');
    await expect.poll(() => page.getByTestId('dirty-indicator').count()).toBe(0);
    const saved = (await serverText(first)).versionNo;

    // The connection drops: the edit stays in the browser, saving fails with a notice.
    await ctx.setOffline(true);
    await page.getByTestId('progress-text').fill('已完成总工程量的45%，累计改造老旧管网3.4公里（离线时填写）。');
    await page.getByTestId('save-draft').click();
    await page.getByTestId('draft-notice-offline').waitFor();
    expect(await page.getByTestId('draft-notice-offline').textContent()).toMatch(/网络连接已断开.*草稿已保存在本机/);
    const kept = await page.evaluate(
      (id) =>
        Object.keys(localStorage)
          .filter((k) => k.includes(id))
          .map((k) => JSON.parse(localStorage.getItem(k) ?? '{}')),
      first,
    );
    expect(kept).toHaveLength(1);
    expect(kept[0].pending).toBe(true);
    expect(kept[0].draft.progressText).toContain('离线时填写');
    expect((await serverText(first)).versionNo).toBe(saved);
    expect(await fits(page)).toBe(true);

    // Back online: saved without another click; the local copy is gone.
    await ctx.setOffline(false);
    await page.getByTestId('draft-notice-retried').waitFor({ timeout: 30_000 });
    const after = await serverText(first);
    expect(after.versionNo).toBe(saved + 1);
    expect(after.progressText).toContain('离线时填写');
    expect(await page.evaluate((id) => Object.keys(localStorage).some((k) => k.includes(id)), first)).toBe(false);

    // Submit from the sticky bar.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await onScreen()).toBe(true);
    await page.getByTestId('submit-report').click();
    await expect.poll(() => page.getByTestId('report-status').getAttribute('data-status')).toBe('submitted');

    // The office returns it with comments; the reporter sees them on the phone.
    const sup = await loginAs(env.app, 'sup');
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/reports/${first}/return`,
      headers: as(sup),
      payload: {
        baseVersion: (await serverText(first)).versionNo,
        comment: '请补充资金到位情况。',
        fieldComments: { progress: '请写明截至9月底的累计数。' },
      },
    });
    expect(res.statusCode).toBe(200);
    await page.reload();
    await page.getByTestId('review-comment').waitFor();
    expect(await page.getByTestId('review-comment').textContent()).toContain('请补充资金到位情况');
    expect(await page.getByTestId('field-comment-progress').textContent()).toContain('截至9月底的累计数');
    expect(await fits(page)).toBe(true);
    await page.goto(`${env.base}/#/mine`);
    await page.getByTestId('tasks-returned').getByText('请写明截至9月底的累计数').waitFor();
    expect(await fits(page)).toBe(true);
    await ctx.close();
  });

  it('414 px: an unsaved draft comes back on the next visit; one typed on an older version is shown beside the server’s', async () => {
    const { ctx, page } = await phone(414, 896, 'repa');
    await page.goto(`${env.base}/#/reports/${second}`);
    await page.getByTestId('report-form').waitFor();
    await page.getByTestId('progress-text').fill('已安装充电桩12台（未点保存）。');
    await page.getByTestId('dirty-indicator').waitFor();
    // Leave without saving (the page's "leave?" prompt is accepted), come back.
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    await page.getByTestId('draft-notice-restored').waitFor();
    expect(await page.getByTestId('draft-notice-restored').textContent()).toContain('已恢复未保存的草稿');
    expect(await page.getByTestId('progress-text').inputValue()).toContain('充电桩12台');
    expect(await fits(page)).toBe(true);

    // Meanwhile the report changes on the server (another device): the local draft is not applied silently.
    const rep = await loginAs(env.app, 'repa');
    const put = await env.app.inject({
      method: 'PUT',
      url: `/api/reports/${second}`,
      headers: as(rep),
      payload: {
        baseVersion: (await serverText(second)).versionNo,
        progressText: '已安装充电桩15台（在电脑上保存）。',
        selfAssessment: '按计划推进',
        problems: '无',
        nextSteps: '',
        targetAdjustmentNote: '',
        completedAnnualTarget: false,
        values: [],
        lagAnalysis: null,
      },
    });
    expect(put.statusCode).toBe(200);
    await page.reload();
    await page.getByTestId('draft-conflict').waitFor();
    expect(await page.getByTestId('draft-conflict-local').textContent()).toContain('充电桩12台');
    expect(await page.getByTestId('draft-conflict-server').textContent()).toContain('充电桩15台');
    expect(await page.getByTestId('progress-text').inputValue()).toContain('充电桩15台');
    expect(await fits(page)).toBe(true);
    await page.getByTestId('draft-use-local').click();
    expect(await page.getByTestId('progress-text').inputValue()).toContain('充电桩12台');
    await page.getByTestId('save-draft').click();
    await expect.poll(async () => (await serverText(second)).progressText).toContain('充电桩12台');
    await ctx.close();
  });
});
