/**
 * Browser test of issue 10: an office runs a year from an EMPTY database in the browser alone — first-run setup, an
 * organisation and accounts, then (plan part) a programme by hand. Real server on SQLite, headless Chromium.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserReady, type E2E, startE2E } from './support';

const ADMIN_PW = 'Harbor#Lamp2026';
const SUP_PW = 'Cedar#River2026';
const REP_PW = 'Maple#Stone2026';
const NEW_PW = 'Quiet#Garden77';

/** Pick an option of an Ant Design Select by its visible label. */
async function pick(page: Page, select: Locator, label: string) {
  await select.click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

/** Log in; an account created by the administrator must change its password first. */
async function firstLogin(env: E2E, username: string, password: string): Promise<Page> {
  const page = await env.newPage();
  await page.goto(`${env.base}/#/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('pw-current').waitFor();
  await page.getByTestId('pw-current').fill(password);
  await page.getByTestId('pw-new').fill(NEW_PW);
  await page.getByTestId('pw-again').fill(NEW_PW);
  await page.getByTestId('pw-submit').click();
  await page.getByTestId('logout').waitFor();
  return page;
}

describe.skipIf(!browserReady)('a year from an empty database, in Chromium', () => {
  let env: E2E;
  beforeAll(async () => {
    env = await startE2E(null, { password: ADMIN_PW });
  });
  afterAll(async () => env?.close());

  it('first-run setup: the government and the first administrator', async () => {
    const page = await env.newPage();
    await page.goto(`${env.base}/`);
    await page.getByTestId('setup-page').waitFor();
    await page.getByTestId('setup-government').fill('清河区人民政府');
    await page.getByTestId('setup-short-name').fill('清河区');
    await page.getByTestId('setup-username').fill('admin');
    await page.getByTestId('setup-display-name').fill('周建国');
    await page.getByTestId('setup-password').fill(ADMIN_PW);
    await page.getByTestId('setup-password-again').fill(ADMIN_PW);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('setup-done').waitFor();
    await page.getByTestId('setup-login').click();
    await env.login(page, 'admin', ADMIN_PW);
    // Setup happens once: the API now refuses it.
    const again = await fetch(`${env.base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ government: 'X', shortName: 'X', username: 'x2', displayName: 'X', password: ADMIN_PW }),
    });
    expect(again.status).toBe(409);
  });

  it('the administrator adds a 街道 and the office and reporter accounts', async () => {
    const page = await env.loggedIn('admin', ADMIN_PW);
    await page.getByTestId('nav-orgs').click();
    const govRow = page.locator('tr', { has: page.getByTestId('org-row-清河区人民政府') });
    await govRow.getByTestId('org-add-child').click();
    await page.getByTestId('org-name').fill('东湖街道办事处');
    await page.getByTestId('org-short-name').fill('东湖街道');
    await pick(page, page.getByTestId('org-kind'), '街道（镇）');
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByTestId('org-row-东湖街道办事处').waitFor();

    await page.getByTestId('nav-users').click();
    for (const [username, name, role, unit, pw] of [
      ['duchashi', '督查室 李明', '督查室', '清河区人民政府', SUP_PW],
      ['donghu', '东湖街道 陈芳', '填报', '东湖街道办事处', REP_PW],
    ] as const) {
      await page.getByTestId('user-create').click();
      await page.getByTestId('user-username').fill(username);
      await page.getByTestId('user-display-name').fill(name);
      await pick(page, page.getByTestId('user-role'), role);
      await pick(page, page.getByTestId('user-unit-0'), unit);
      await page.getByTestId('user-password').fill(pw);
      await page.getByRole('button', { name: /^保\s*存$/ }).click();
      await page.getByTestId(`user-row-${username}`).waitFor();
    }
  });
});
