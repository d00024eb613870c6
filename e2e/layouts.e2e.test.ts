/**
 * Browser test of the layout editor (SQLite, small fixture): the office copies a built-in layout, edits it with the
 * live preview following (title, a renamed header, a removed and an added column), saves version 2, meets a version
 * conflict and loads the newest version, finds the layout in the export dialog; the editor stacks at 375 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { as, loginAs } from '../src/server/test/test-app';
import { browserReady, type E2E, startE2E } from './support';

const previewText = (page: Page) => page.getByTestId('document-preview').textContent();

describe.skipIf(!browserReady)('layout editor in Chromium', () => {
  let env: E2E;
  let layoutUrl = '';

  beforeAll(async () => {
    env = await startE2E(smallDataset(), { password: PASSWORD });
  });
  afterAll(async () => env?.close());

  it('copies a built-in layout, edits it with a live preview and saves a version', async () => {
    const page = await env.loggedIn('sup');
    await page.getByTestId('nav-layouts').click();
    await page.getByTestId('layout-copy-overview-table').click();
    await page.getByTestId('layout-copy-name').fill('督查室一览表');
    await page.getByTestId('layout-copy-ok').click();
    await page.getByTestId('layout-editor').waitFor();
    await expect.poll(() => page.getByTestId('layout-version').textContent()).toBe('第1版');
    layoutUrl = page.url();
    // The preview shows the round's document in the copied layout.
    await expect.poll(() => previewText(page)).toContain('民生实事项目进展情况一览表');

    await page.getByTestId('layout-title').fill('{government}{year}年{period}民生实事督查表');
    await expect.poll(() => previewText(page)).toContain('测试区2026年第二季度民生实事督查表');
    await page.getByTestId('layout-col-header-3').fill('项目名称（督查）');
    await expect.poll(() => previewText(page)).toContain('项目名称（督查）');
    const columns = await page.locator('[data-testid^="layout-col-header-"]').count();
    await page.getByTestId(`layout-col-remove-${columns - 1}`).click(); // 协办单位
    await page.getByTestId('layout-add-column').click(); // 系统研判 at the end
    await expect.poll(() => previewText(page)).toContain('系统研判');
    await expect.poll(() => previewText(page)).not.toContain('协办单位');
    await page.getByTestId(`layout-col-up-${columns - 1}`).click(); // 系统研判 before 主办单位
    await expect.poll(() => page.getByTestId(`layout-col-header-${columns - 2}`).inputValue()).toBe('系统研判');

    await page.getByTestId('layout-save').click();
    await expect.poll(() => page.getByTestId('layout-version').textContent()).toBe('第2版');
    await expect.poll(() => page.getByTestId('layout-dirty').count()).toBe(0);
    await page.context().close();
  });

  it('shows a version conflict and loads the newest version', async () => {
    const page = await env.loggedIn('sup');
    await page.goto(layoutUrl);
    await expect.poll(() => page.getByTestId('layout-version').textContent()).toBe('第2版');
    // Someone else saves version 3 meanwhile.
    const other = await loginAs(env.app, 'sup');
    const id = layoutUrl.split('/').pop()!;
    const current = (await env.app.inject({ url: `/api/layouts/${id}`, headers: as(other) })).json();
    const put = await env.app.inject({
      method: 'PUT',
      url: `/api/layouts/${id}`,
      headers: as(other),
      payload: { baseVersion: 2, layout: { ...current.layout, subtitle: '（他人修改）' } },
    });
    expect(put.statusCode, put.body).toBe(200);

    await page.getByTestId('layout-title').fill('我的标题');
    await page.getByTestId('layout-save').click();
    await expect.poll(() => page.getByTestId('layout-conflict').textContent()).toMatch(/第3版.*重新加载/);
    await page.getByTestId('layout-reload').click();
    await expect.poll(() => page.getByTestId('layout-version').textContent()).toBe('第3版');
    await expect.poll(() => page.getByTestId('layout-subtitle').inputValue()).toBe('（他人修改）');
    await page.context().close();
  });

  it('offers the own layout in the export dialog', async () => {
    const page = await env.loggedIn('sup');
    await page.goto(`${env.base}/#/rounds/r-q2/table`);
    await page.getByTestId('export-document').click();
    await page.getByTestId('export-layout').click();
    await page.locator('.ant-select-item-option', { hasText: '督查室一览表（自建）' }).click();
    await expect.poll(() => previewText(page)).toContain('项目名称（督查）');
    // The download goes through the progress bar and is saved under the document's title.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^测试区2026年第二季度.+\.docx$/);
    await page.context().close();
  });

  it('stacks the preview under the editor at 375 px, both within the screen', async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await env.login(page, 'sup');
    await page.goto(layoutUrl);
    await page.getByTestId('layout-editor').waitFor();
    await page.getByTestId('document-preview').waitFor();
    const editor = (await page.getByTestId('layout-editor').boundingBox())!;
    const preview = (await page.getByTestId('layout-live-preview').boundingBox())!;
    expect(preview.y).toBeGreaterThanOrEqual(editor.y + editor.height);
    // Neither is wider than the screen (the columns table scrolls inside its own box).
    expect(editor.x + editor.width).toBeLessThanOrEqual(376);
    expect(preview.x + preview.width).toBeLessThanOrEqual(376);
    await context.close();
  });
});
