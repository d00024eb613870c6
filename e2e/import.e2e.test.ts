/**
 * Browser test of 导入表格 against a real server (SQLite, small fixture): a hostile upload shows the server's message,
 * an uploaded text file and an HTML clipboard paste are previewed, a pasted tab-separated table is previewed, its
 * unknown unit is marked to be created and the import is committed; the imported progress then opens in the report
 * form with the judgement panel, whose 填入 puts a number into the indicator.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { browserReady, type E2E, startE2E } from './support';

const TITLE = '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）';
const HEADER = '序号\t项目名称\t年度目标\t第三季度目标\t落实情况\t存在问题\t下一步工作\t牵头单位\t协办单位';
const TABLE = [
  TITLE,
  HEADER,
  '1\t东湖街道充电设施建设 区民生实事第11-1项\t建设120个充电插口。\t累计建设90个。\t已建成充电插口95个（按计划推进）。\t无\t1.11月底前完成验收。\t东湖街道\t区民政局',
  '2\t新桥社区长者食堂\t建成长者食堂1个。\t完成装修。\t已完成装修工程量的50%（滞后）。\t装修队伍不足，预计影响开业时间。\t1.10月底前完成装修。\t新桥社区工作站\t',
].join('\n');

describe.skipIf(!browserReady)('import page in Chromium', () => {
  let env: E2E;
  let h: E2E['h'];
  let base = '';
  const newPage = () => env.newPage();
  const login = (page: Page, username: string, password?: string) => env.login(page, username, password);

  beforeAll(async () => {
    env = await startE2E(smallDataset(), { password: PASSWORD });
    ({ h, base } = env);
  });
  afterAll(async () => env?.close());

  async function projectCount() {
    const r = await h.db
      .selectFrom('projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  it('is not offered to reporters', async () => {
    const page = await newPage();
    await login(page, 'repa');
    expect(await page.getByTestId('nav-import').count()).toBe(0);
    await page.goto(`${base}/#/import`);
    await page.getByText('导入表格仅限督查室和系统管理员使用').waitFor();
    expect(await page.getByTestId('import-paste').count()).toBe(0);
    await page.context().close();
  });

  it('shows the server message for a picture renamed .docx, and previews an uploaded text file', async () => {
    const page = await newPage();
    await login(page, 'sup');
    await page.getByTestId('nav-import').click();
    const input = page.getByTestId('import-file').locator('input[type=file]');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    await input.setInputFiles({ name: '计划.docx', mimeType: 'application/octet-stream', buffer: png });
    await expect.poll(() => page.getByTestId('import-error').textContent()).toMatch(/[\u4e00-\u9fa5]{4}/);
    expect(await page.getByTestId('import-items').count()).toBe(0);

    await input.setInputFiles({ name: '进展表.txt', mimeType: 'text/plain', buffer: Buffer.from(TABLE, 'utf8') });
    await page.getByTestId('import-items').waitFor();
    expect(await page.getByTestId('import-error').count()).toBe(0);
    expect(await page.getByTestId('import-count').textContent()).toContain('2 项');
    expect(await page.getByTestId('import-file-state').textContent()).toContain('进展表.txt');

    // Remapping a column re-runs the preview (the file is sent again with options.mapping).
    expect(await page.getByTestId('import-row-1').textContent()).toContain('装修队伍不足');
    await page.getByTestId('import-map-0-5').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="（不导入此列）"]')
      .click();
    await page.getByTestId('import-map-reset').waitFor();
    await expect.poll(() => page.getByTestId('import-row-1').textContent()).not.toContain('装修队伍不足');
    await page.getByTestId('import-map-reset').click();
    await expect.poll(() => page.getByTestId('import-row-1').textContent()).toContain('装修队伍不足');
    await page.context().close();
  });

  it('prefers the HTML flavour of a pasted table (merged cells survive)', async () => {
    const page = await newPage();
    await login(page, 'sup');
    await page.goto(`${base}/#/import`);
    const html =
      `<p>${TITLE}</p><table>` +
      `<tr>${HEADER.split('\t')
        .map((c) => `<td>${c}</td>`)
        .join('')}</tr>` +
      '<tr><td>1</td><td>东湖街道充电设施建设 区民生实事第11-1项</td><td>建设120个充电插口。</td><td>累计建设90个。</td>' +
      '<td>已建成充电插口95个（按计划推进）。</td><td>无</td><td>1.11月底前完成验收。</td>' +
      '<td rowspan="2">东湖街道</td><td>区民政局</td></tr>' +
      '<tr><td>2</td><td>南坪社区长者饭堂</td><td>建成长者饭堂1个。</td><td>完成选址。</td>' +
      '<td>已完成选址。</td><td>无</td><td>1.10月底前开工。</td><td>区民政局</td></tr></table>';
    await page.getByTestId('import-paste').focus();
    await page.evaluate(
      ([h, t]) => {
        const dt = new DataTransfer();
        dt.setData('text/html', h as string);
        dt.setData('text/plain', t as string);
        const el = document.querySelector('[data-testid="import-paste"]');
        el?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      },
      [html, '（纯文本）'],
    );
    await page.getByTestId('import-paste-html').waitFor();
    expect(await page.getByTestId('import-paste').inputValue()).toBe('（纯文本）');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-items').waitFor();
    // The merged 牵头单位 cell is carried into the second row.
    expect(await page.getByTestId('import-row-1').textContent()).toContain('南坪社区长者饭堂');
    expect(await page.getByTestId('import-row-1').textContent()).toContain('东湖街道');
    expect(await page.getByTestId('import-period-key').inputValue()).toBe('2026-Q3');
    // Typing into the box afterwards drops the HTML flavour.
    await page.getByTestId('import-paste').fill(TABLE);
    expect(await page.getByTestId('import-paste-html').count()).toBe(0);
    await page.context().close();
  });

  it('pastes a table, maps the unknown unit, commits, and shows the summary', async () => {
    const before = await projectCount();
    const page = await newPage();
    await login(page, 'sup');
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-paste').fill(TABLE);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-items').waitFor();

    // The round read from the title.
    expect(await page.getByTestId('import-title').textContent()).toBe(TITLE);
    expect(await page.getByTestId('import-period-key').inputValue()).toBe('2026-Q3');
    expect(await page.getByTestId('import-as-of').inputValue()).toBe('2026-09-30');
    expect(await page.getByTestId('import-programme').textContent()).toContain('测试区2026年民生实事');
    expect(await page.getByTestId('import-destination').textContent()).toContain('新建批次');

    // Every item as it will be stored.
    expect(await page.getByTestId('import-count').textContent()).toContain('2 项');
    const first = page.getByTestId('import-row-0');
    expect(await first.getAttribute('data-code')).toBe('11-1');
    const firstText = await first.textContent();
    for (const s of ['东湖街道充电设施建设', '建设120个充电插口。', '已建成充电插口95个。', '按计划推进', '区民政局'])
      expect(firstText).toContain(s);
    const second = await page.getByTestId('import-row-1').textContent();
    expect(second).toContain('新桥社区长者食堂');
    expect(second).toContain('新桥社区工作站');
    expect(second).toContain('滞后');
    expect(await page.getByTestId('import-warnings').textContent()).toContain('新桥社区工作站');
    await page.getByTestId('import-row-warnings-1').waitFor();

    // The unknown unit blocks the commit until it is mapped or marked to be created.
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-blockers').textContent()).toContain('1 个未识别的单位');
    await page.getByTestId('unit-create-新桥社区工作站').check();
    await expect.poll(() => page.getByTestId('import-commit').isDisabled()).toBe(false);

    // Nothing was written by the previews.
    expect(await projectCount()).toBe(before);

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('summary-created').textContent()).toContain('1');
    expect(await page.getByTestId('summary-updated').textContent()).toContain('1');
    expect(await page.getByTestId('summary-units').textContent()).toContain('1');
    expect(await page.getByTestId('import-summary').textContent()).toContain('新建项目 1 个，更新项目 1 个');
    expect(await projectCount()).toBe(before + 1);

    const link = await page.getByTestId('import-open-table').getAttribute('href');
    expect(link).toMatch(/^#\/rounds\/[^/]+\/table$/);
    await page.getByTestId('import-open-table').click();
    await expect.poll(() => page.getByTestId('consolidated-table').textContent()).toContain('新桥社区长者食堂');
    expect(await page.getByTestId('consolidated-table').textContent()).toContain('已建成充电插口95个（按计划推进）。');
    await page.context().close();
  });

  it('the imported report shows the judgement panel; 填入 puts a number into the indicator', async () => {
    const round = await h.db
      .selectFrom('rounds')
      .select('id')
      .where('programmeId', '=', 'prog')
      .where('periodKey', '=', '2026-Q3')
      .executeTakeFirstOrThrow();
    const page = await newPage();
    await login(page, 'repa');
    await page.goto(`${base}/#/rounds/${round.id}/mine`);
    await page.getByTestId('report-link-11-1').click();
    await page.getByTestId('judgement-panel').waitFor();
    expect(await page.getByTestId('progress-text').inputValue()).toBe('已建成充电插口95个。');
    const q = page.getByTestId('judgement-quantity-0');
    expect(await q.getAttribute('data-value')).toBe('95');
    expect(await q.textContent()).toContain('95个');
    expect(await page.getByTestId('judgement-status').getAttribute('data-light')).toBe('green');
    expect(await page.getByTestId('judgement-status').textContent()).toMatch(/完成比例\s*79\.2%/);

    await page.getByTestId('apply-quantity-0').click();
    await expect.poll(() => page.getByTestId('value-ind-1').inputValue()).toBe('95');

    // Live: a self-assessment that contradicts the numbers is flagged, and writing rules run on the text.
    await page.getByTestId('progress-text').fill('积极推进充电设施建设，已建成充电插口30个。');
    await expect.poll(() => page.getByTestId('judgement-status').getAttribute('data-light')).toBe('red');
    await page.getByTestId('judgement-disagreement').waitFor();
    await expect.poll(() => page.getByTestId('judgement-findings').textContent()).toContain('积极推进');
    await page.context().close();
  });
});
