/**
 * Browser test of 等保 身份鉴别: the 安全管理员 resets a reporter's password on 账号安全 and reads the temporary password
 * once; the reporter logs in with it, can do nothing but change it (policy messages while typing), then works; the
 * account page shows the previous login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { browserReady, type E2E, startE2E } from './support';

describe.skipIf(!browserReady)('account security in Chromium', () => {
  let env: E2E;
  beforeAll(async () => {
    env = await startE2E(smallDataset(), { password: PASSWORD });
  });
  afterAll(async () => env?.close());

  it('reset by the 安全管理员 → forced change with the policy shown → the reporter works again', async () => {
    const sec = await env.loggedIn('sec');
    await sec.getByTestId('nav-security').click();
    await sec.getByTestId('reset-repb').click();
    await sec
      .getByRole('button', { name: '确 定' })
      .or(sec.getByRole('button', { name: '确定' }))
      .click();
    const temporary = (await sec.getByTestId('temporary-password').textContent())!.trim();
    expect(temporary).toHaveLength(14);
    await sec.context().close();

    const page = await env.newPage();
    await page.goto(`${env.base}/#/login`);
    await page.getByTestId('login-username').fill('repb');
    await page.getByTestId('login-password').fill(temporary);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('forced-why').textContent()).toMatch(/已被安全管理员重置/);
    await page.getByTestId('pw-current').fill(temporary);
    await page.getByTestId('pw-new').fill('abcdefgh');
    await expect.poll(() => page.getByTestId('pw-problems').textContent()).toMatch(/至少3类/);
    await page.getByTestId('pw-new').fill('Valley#Stone58');
    await page.getByTestId('pw-again').fill('Valley#Stone58');
    await page.getByTestId('pw-submit').click();
    await page.getByTestId('logout').waitFor();
    // Next time, the previous login is shown (a notice after login, and on the account page).
    await page.getByTestId('logout').click();
    await env.login(page, 'repb', 'Valley#Stone58');
    await expect.poll(() => page.locator('.ant-notification').textContent()).toMatch(/上次登录/);
    await page.getByTestId('current-user').click();
    await page.getByTestId('nav-account').click();
    await expect
      .poll(() => page.getByTestId('last-login').textContent())
      .toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d（127\.0\.0\.1）/);
    await page.context().close();
  });
});
