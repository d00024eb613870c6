/**
 * Browser test of the web app against a real server (SQLite, small fixture): login, open a round, return with a
 * comment, the reporter's correction and submit, a 409 conflict, approval, publishing, and the public page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { browserReady, type E2E, startE2E } from './support';

describe.skipIf(!browserReady)('web app in Chromium', () => {
  let env: E2E;
  let base = '';
  const newPage = () => env.newPage();
  const login = (page: Page, username: string, password?: string) => env.login(page, username, password);

  beforeAll(async () => {
    env = await startE2E(smallDataset(), { password: PASSWORD });
    ({ base } = env);
  });
  afterAll(async () => env?.close());

  it('shows the server message for a wrong password', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.getByTestId('login-username').fill('sup');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/用户名或密码/);
    await page.context().close();
  });

  it('supervisor opens a round; the table lists units that have not reported', async () => {
    const page = await newPage();
    await login(page, 'sup');
    await page.getByTestId('open-round').click();
    await page.getByTestId('round-period-type-quarter').click();
    await page.getByTestId('round-period-key').fill('2026-Q3');
    await page.getByTestId('round-as-of').fill('2026-09-30');
    await page.getByTestId('round-due-date').fill('2026-10-08');
    await page.getByTestId('round-submit').click();
    await page.getByTestId('round-row-2026-Q3').waitFor();
    await page.getByTestId('round-table-2026-Q3').click();
    await expect
      .poll(() => page.getByTestId('missing-units').textContent())
      .toMatch(/东湖街道.*西岭街道|西岭街道.*东湖街道/);
    const href = await page.getByTestId('download-xlsx').getAttribute('href');
    expect(href).toMatch(/^\/api\/rounds\/[^/]+\/table\.xlsx$/);
    await page.context().close();
  });

  it('return → correct and submit (with a conflict on the way) → approve → publish → public page', async () => {
    const sup = await newPage();
    await login(sup, 'sup');
    await sup.goto(`${base}/#/rounds/r-q2/table`);
    await sup.getByTestId('return-rep-q2-2').click();
    await sup.getByTestId('return-confirm').click();
    await sup.getByTestId('return-comment-error').waitFor();
    await sup.getByTestId('return-comment').fill('请补充累计完成量。');
    await sup.getByTestId('return-confirm').click();
    await expect.poll(() => sup.getByTestId('status-rep-q2-2').textContent()).toBe('已退回');

    const rep = await newPage();
    await login(rep, 'repb');
    await rep.goto(`${base}/#/rounds/r-q2/mine`);
    await rep.getByTestId('report-link-11-2').click();
    await expect.poll(() => rep.getByTestId('review-comment').textContent()).toContain('请补充累计完成量');
    await rep.getByTestId('previous-report').waitFor();

    // Someone else saves the same report meanwhile: our save answers 409 and offers a reload.
    const other = await rep.context().newPage();
    await other.goto(rep.url());
    // A change (a save with no change writes no version).
    await other.getByTestId('problems').fill('无。');
    await other.getByTestId('save-draft').click();
    await expect.poll(() => other.getByTestId('report-history').textContent()).toContain('第 4 版');
    await other.close();
    await rep.getByTestId('progress-text').fill('主体结构完工，形象进度60%。');
    await rep.getByTestId('save-draft').click();
    await rep.getByTestId('conflict-alert').waitFor();
    await rep.getByTestId('reload-report').click();
    await rep.getByTestId('conflict-alert').waitFor({ state: 'detached' });

    await rep.getByTestId('progress-text').fill('主体结构完工，形象进度60%。');
    await rep.getByTestId('self-assessment-滞后').click();
    await rep.getByTestId('lag-analysis').waitFor();
    // The form applies the server's submit rule: a self-assessed 滞后 needs the written analysis first.
    await rep.getByTestId('submit-report').click();
    await expect.poll(() => rep.getByTestId('form-error').textContent()).toMatch(/滞后分析.*主观/);
    await rep.getByTestId('lag-problems').fill('雨季停工两周。');
    await rep.getByTestId('lag-subjective').fill('施工组织安排不够紧凑。');
    await rep.getByTestId('lag-objective').fill('雨季影响施工。');
    await rep.getByTestId('lag-plan').fill('1.10月底前增加施工班组，完成主体结构。');
    await rep.getByTestId('value-ind-2').fill('60');
    await rep.getByTestId('submit-report').click();
    await expect.poll(() => rep.getByTestId('report-status').textContent()).toBe('已提交');
    expect(await rep.getByTestId('save-draft').count()).toBe(0);

    await sup.reload();
    await sup.getByTestId('approve-rep-q2-2').click();
    await expect.poll(() => sup.getByTestId('status-rep-q2-2').textContent()).toBe('已审核');
    await sup.getByTestId('publish-round').click();
    await sup.getByTestId('publish-confirm').click();
    await expect.poll(() => sup.getByTestId('status-rep-q2-2').textContent()).toBe('已发布');

    await rep.reload();
    await rep.getByTestId('locked-notice').waitFor();

    const anon = await newPage();
    await anon.goto(`${base}/#/public`);
    await anon.getByTestId('public-round-r-q2').click();
    await expect.poll(() => anon.getByTestId('public-table').textContent()).toContain('主体结构完工，形象进度60%。');
    await Promise.all([sup.context().close(), rep.context().close(), anon.context().close()]);
  });

  it('leaders read the table but see no write buttons', async () => {
    const page = await newPage();
    await login(page, 'lead');
    await page.goto(`${base}/#/rounds`);
    await page.getByTestId('round-row-2026-Q2').waitFor();
    expect(await page.getByTestId('open-round').count()).toBe(0);
    await page.goto(`${base}/#/rounds/r-q2/table`);
    await page.getByTestId('consolidated-table').waitFor();
    expect(await page.getByTestId('publish-round').count()).toBe(0);
    expect(await page.locator('[data-testid^="approve-"]').count()).toBe(0);
    await page.context().close();
  });
});
