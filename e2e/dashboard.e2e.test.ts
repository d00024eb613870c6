/**
 * Browser test of the leader's dashboard (issue 12 §1): the district leader logs in and lands on 领导总览, clicks a
 * headline number and sees the rows behind it (with the consolidated table's filtered link), toggles a chart to its
 * table view, and opens 考核评分 from the dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { as, loginAs, openQ3Round } from '../src/server/test/test-app';
import { browserReady, type E2E, startE2E } from './support';

describe.skipIf(!browserReady)('the leader’s dashboard in Chromium', () => {
  let env: E2E;
  let round = '';
  beforeAll(async () => {
    env = await startE2E(smallDataset(), {
      password: PASSWORD,
      prepare: async (app) => {
        round = await openQ3Round(app, await loginAs(app, 'sup'));
        const repa = await loginAs(app, 'repa');
        const mine = await app.inject({ method: 'GET', url: `/api/rounds/${round}/my-reports`, headers: as(repa) });
        const lift = (mine.json() as { reportId: string; code: string }[]).find((r) => r.code === '11-3')!;
        // 东湖's lift share far behind 序时进度 (8 of 20 at the end of Q3).
        const res = await app.inject({
          method: 'PUT',
          url: `/api/reports/${lift.reportId}`,
          headers: as(repa),
          payload: {
            baseVersion: 0,
            progressText: '1.累计新增8台。',
            selfAssessment: '按计划推进',
            problems: '1.部分居民意见不统一。',
            nextSteps: '1.10月底前完成剩余安装。',
            values: [],
          },
        });
        if (res.statusCode !== 200) throw new Error(res.body);
      },
    });
  });
  afterAll(async () => env?.close());

  it('lands on the dashboard, drills from a headline number to its rows, shows a chart as a table', async () => {
    const page = await env.loggedIn('lead');
    await page.getByTestId('dashboard').waitFor();
    expect(page.url()).toContain('#/dashboard');
    await expect.poll(() => page.getByTestId('head-behind').textContent()).toBe('1');
    await page.getByTestId('head-behind').click();
    const drill = page.getByTestId('drill');
    await drill.waitFor();
    await expect.poll(() => drill.getByTestId('drill-rows').textContent()).toContain('老旧小区电梯加装');
    expect(await drill.getByTestId('drill-rows').textContent()).toContain('东湖街道');
    expect(await page.getByTestId('drill-table-link').getAttribute('href')).toBe(
      `#/rounds/${round}/table?status=lagging%2Csevere`,
    );
    // The status chart as a table.
    const chart = page.getByTestId('chart-status');
    await chart.getByText('表格', { exact: true }).click();
    await chart.getByTestId('chart-status-table').waitFor();
    expect(await chart.getByTestId('chart-status-table').textContent()).toContain('严重滞后');
    // 考核评分 is one click away.
    await page.getByTestId('dash-scores-link').click();
    await page.getByTestId('scores').waitFor();
    await expect.poll(() => page.getByTestId('scores-table').textContent()).toContain('西岭街道');
  });
});
