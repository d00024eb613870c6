/**
 * 序时进度设置 in Chromium against a real server (SQLite, small fixture): the supervisor sets a quarterly plan
 * 10/30/60/100 % on the rounds page, saves (fractions stored), sees the confirmation and finds the plan again on
 * reopening; a wrong plan is refused in the browser with the schema's Chinese message; a reporter has no button.
 * Screenshots at desktop and phone width go to /tmp.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { browserReady, type E2E, startE2E } from './support';

const quarterValues = (page: Page) =>
  Promise.all([1, 2, 3, 4].map((i) => page.getByTestId(`schedule-quarter-${i}`).inputValue()));

async function fillQuarters(page: Page, values: string[]) {
  for (const [i, v] of values.entries()) await page.getByTestId(`schedule-quarter-${i + 1}`).fill(v);
}

describe.skipIf(!browserReady)('序时进度设置 (Chromium)', () => {
  let env: E2E;
  let base = '';

  beforeAll(async () => {
    env = await startE2E(smallDataset(), { password: PASSWORD });
    ({ base } = env);
  });
  afterAll(async () => env?.close());

  it('the supervisor saves a quarterly plan and finds it again; a wrong plan is refused in the browser', async () => {
    const sup = await env.loggedIn('sup');
    await sup.goto(`${base}/#/rounds`);
    await sup.getByTestId('schedule-settings').click();
    await sup.getByTestId('schedule-mode-quarterly').click();
    // A falling plan: refused before it is sent, with the schema's message.
    await fillQuarters(sup, ['10', '30', '20', '100']);
    await sup.getByTestId('schedule-submit').click();
    expect(await sup.getByTestId('schedule-error').textContent()).toContain('季度计划的累计比例不能下降');

    await fillQuarters(sup, ['10', '30', '60', '100']);
    await sup.getByTestId('schedule-yellow').fill('20');
    await sup.screenshot({ path: '/tmp/schedule-desktop.png' });
    const reloaded = sup.waitForResponse((r) => r.url().endsWith('/api/programmes') && r.ok());
    await sup.getByTestId('schedule-submit').click();
    await sup.getByText('已保存，系统正在后台重新研判各项目').waitFor();

    const row = await env.h.db
      .selectFrom('programmes')
      .select('schedule')
      .where('id', '=', 'prog')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.schedule)).toMatchObject({
      mode: 'quarterly',
      quarterlyPoints: [0.1, 0.3, 0.6, 1],
      yellowBandPoints: 20,
      redBelowShareOfSchedule: null,
    });

    // Reopening shows the saved plan (the programme list was refreshed).
    await reloaded;
    await sup.getByTestId('schedule-settings').click();
    await sup.getByTestId('schedule-quarter-1').waitFor();
    expect(await quarterValues(sup)).toEqual(['10', '30', '60', '100']);
    expect(await sup.getByTestId('schedule-yellow').inputValue()).toBe('20');
    expect(await sup.getByRole('radio', { name: '季度计划' }).isChecked()).toBe(true);
    await sup.context().close();
  });

  it('fits a phone screen (375 px)', async () => {
    const sup = await env.loggedIn('sup');
    await sup.setViewportSize({ width: 375, height: 812 });
    await sup.goto(`${base}/#/rounds`);
    await sup.getByTestId('schedule-settings').click();
    await sup.getByTestId('schedule-mode-quarterly').click();
    await sup.getByTestId('schedule-quarter-4').waitFor();
    // Nothing in the dialog reaches past the screen's edges (the page behind may scroll sideways on its own).
    const outside = await sup.evaluate(
      () =>
        Array.from(document.querySelectorAll('.ant-modal-content, .ant-modal-content *'))
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5)).length,
    );
    expect(outside).toBe(0);
    const box = await sup.getByTestId('schedule-submit').boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(375);
    await sup.screenshot({ path: '/tmp/schedule-phone.png' });
    await sup.context().close();
  });

  it('a reporter has no settings button', async () => {
    const rep = await env.loggedIn('repa');
    await rep.goto(`${base}/#/rounds`);
    await rep.getByText('填报批次', { exact: true }).first().waitFor();
    await rep.getByTestId('rounds-table').waitFor();
    expect(await rep.getByTestId('schedule-settings').count()).toBe(0);
    await rep.context().close();
  });
});
