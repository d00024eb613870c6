/**
 * Browser test of the 审计管理员's page: it is their home, lists the log newest first with Chinese action names,
 * filters, shows before/after on expanding a row, checks the chain (通过) and offers the CSV; others have no menu item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { browserReady, type E2E, startE2E } from './support';

describe.skipIf(!browserReady)('the audit log in Chromium', () => {
  let env: E2E;
  beforeAll(async () => {
    env = await startE2E(smallDataset(), { password: PASSWORD });
  });
  afterAll(async () => env?.close());

  it('is the auditor’s home: list, filter, expand, verify, export', async () => {
    const sup = await env.loggedIn('sup');
    await expect.poll(() => sup.getByTestId('nav-rounds').count()).toBe(1);
    expect(await sup.getByTestId('nav-audit').count()).toBe(0);
    await sup.context().close();

    const page = await env.loggedIn('aud');
    await expect.poll(() => page.url()).toMatch(/#\/audit$/);
    await page.getByTestId('nav-audit').waitFor();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.textContent()).toMatch(/登录/);
    expect(await table.textContent()).toMatch(/sup/);

    await page.getByTestId('audit-actor').fill('aud');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.locator('.ant-table-row-expand-icon').first().click();
    await expect.poll(() => table.textContent()).toMatch(/变更前.*变更后/);

    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toMatch(/完整性校验通过/);
    expect(await page.getByTestId('audit-export').getAttribute('href')).toBe('/api/audit/export?actor=aud&format=csv');
    await page.context().close();
  });
});
