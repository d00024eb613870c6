/**
 * Browser test of 政务公开 (issue 13 §1), SQLite, small fixture: the office has published round r-q2 to 政务公开 and
 * then corrected it (prepared through the API, with a review comment and an approval comment on the way). An
 * anonymous visitor opens /gk/, the programme's year, the corrected publication (metadata, table, correction notice),
 * downloads its Word file, follows the link to the original (which names its successor); the DOM holds no internal
 * judgement, comment or id. The office's 政务公开 page lists both publications. With H13_SHOTS=<dir> the pages are
 * also saved as screenshots at 1280 and 375 px.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { as, loginAs } from '../src/server/test/test-app';
import { browserReady, type E2E, startE2E } from './support';

const APPROVE_COMMENT = '同意，注意序时进度';
const REVIEW_COMMENT = '请补充形象进度的佐证材料';
const REASON = '更正发文字号';
const shots = process.env.H13_SHOTS;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe.skipIf(!browserReady)('政务公开 in Chromium', () => {
  let env: E2E;
  const slugs = { first: '', corrected: '' };

  beforeAll(async () => {
    env = await startE2E(smallDataset(), {
      password: PASSWORD,
      prepare: async (app) => {
        const sup = await loginAs(app, 'sup');
        const post = async (url: string, payload: object) => {
          const r = await app.inject({ method: 'POST', url, headers: as(sup), payload });
          if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
          return r.json();
        };
        await post('/api/reports/rep-q2-2/return', { baseVersion: 2, comment: REVIEW_COMMENT });
        const first = await post('/api/rounds/r-q2/disclosure', {
          metadata: { docNumber: '测区督〔2026〕7号' },
          commentUntil: new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10),
        });
        const corrected = await post(`/api/disclosure/publications/${first.id}/correct`, {
          reason: REASON,
          metadata: { docNumber: '测区督〔2026〕8号' },
        });
        slugs.first = first.slug;
        slugs.corrected = corrected.slug;
      },
    });
  });
  afterAll(async () => env?.close());

  it('an anonymous visitor finds the publication, its metadata, the correction and the attachment', async () => {
    const page = await env.newPage();
    await page.goto(`${env.base}/gk/`);
    await page.getByRole('link', { name: /测试区2026年民生实事（2026年）/ }).click();
    await page.getByRole('heading', { level: 1, name: '测试区2026年民生实事（2026年）' }).waitFor();
    expect(await page.getByRole('link').filter({ hasText: '进展情况' }).count()).toBe(2);
    await page.locator(`a[href="/gk/p/${slugs.corrected}"]`).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('dl.meta').textContent()).toContain('测区督〔2026〕8号');
    expect(await page.locator('dl.meta').textContent()).toContain('主动公开');
    const notice = await page.locator('[data-notice="correction"]').textContent();
    expect(notice).toContain(REASON);
    const table = page.getByRole('table');
    expect(await table.locator('th[scope="col"]').first().textContent()).toBe('序号');
    expect(await table.textContent()).toContain('东湖街道充电设施建设');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`a[href="/gk/p/${slugs.corrected}/docx"]`).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const html = await page.content();
    for (const w of ['序时', '研判', '书面分析', APPROVE_COMMENT, REVIEW_COMMENT, 'rep-q2-1', 'r-q2', 'org-a', 'u-sup'])
      expect(html).not.toContain(w);
    expect(await page.locator('script').count()).toBe(0);
    // The original stays readable and names its successor.
    await page.locator(`a[href="/gk/p/${slugs.first}"]`).click();
    await page.locator('[data-notice="replaced"]').waitFor();
    expect(await page.locator('[data-notice="replaced"]').textContent()).toContain(REASON);
    expect(await page.locator('dl.meta').textContent()).toContain('测区督〔2026〕7号');
    if (shots) {
      mkdirSync(shots, { recursive: true });
      for (const [name, url] of [
        ['gk-index', '/gk/'],
        ['gk-publication', `/gk/p/${slugs.corrected}`],
        ['gk-original', `/gk/p/${slugs.first}`],
      ] as const)
        for (const width of [1280, 375]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${env.base}${url}`);
          await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
        }
    }
    await page.context().close();
  });

  it('the office lists both publications on its 政务公开 page', async () => {
    const page = await env.loggedIn('sup');
    await page.getByTestId('nav-disclosure').click();
    await page.getByTestId('dc-publications').waitFor();
    await expect.poll(() => page.getByTestId(`dc-pub-${slugs.corrected}`).count()).toBe(1);
    expect(await page.getByTestId(`dc-pub-${slugs.first}`).count()).toBe(1);
    expect(await page.getByTestId('dc-publications').textContent()).toContain(REASON);
    if (shots)
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `${shots}/disclosure-${width}.png`, fullPage: true });
      }
    await page.context().close();
  });

  it('the publication page passes axe (WCAG 2.1 AA) at 1280 and 375 px, with the table scrolling in its own box', async () => {
    // axe is injected as a script tag: this context ignores the page's CSP (which allows no inline script).
    const ctx = await env.browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    const page = await ctx.newPage();
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${env.base}/gk/p/${slugs.corrected}`);
      await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: { run: (d: Document, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
        };
        const r = await w.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return r.violations.map((v) => `${v.id} ×${v.nodes.length}`);
      });
      expect(found, `axe at ${width}px`).toEqual([]);
      // No horizontal scrolling of the page itself.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    await ctx.close();
  });
});
