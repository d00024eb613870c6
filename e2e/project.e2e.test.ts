/**
 * Browser test of the project page (#/projects/:id) against a real server (SQLite, small fixture): the supervisor
 * reaches it from the consolidated table and from the report page; a reporter gets "not found" for another unit's
 * project and sees only their own unit's rows of a shared one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { as, loginAs } from '../src/server/test/test-app';
import { browserReady, type E2E, startE2E } from './support';

describe.skipIf(!browserReady)('project page in Chromium', () => {
  let env: E2E;
  let base = '';
  const loggedIn = (username: string) => env.loggedIn(username);

  beforeAll(async () => {
    env = await startE2E(smallDataset(), {
      password: PASSWORD,
      // A Q3 round gives the shared project p-3 a report for each of its lead units (东湖街道 and 西岭街道).
      prepare: async (app) => {
        const sup = await loginAs(app, 'sup');
        const opened = await app.inject({
          method: 'POST',
          url: '/api/rounds',
          headers: as(sup),
          payload: {
            programmeId: 'prog',
            periodType: 'quarter',
            periodKey: '2026-Q3',
            asOf: '2026-09-30',
            dueDate: '2026-10-08',
          },
        });
        expect(opened.statusCode).toBe(201);
      },
    });
    ({ base } = env);
  });
  afterAll(async () => env?.close());

  it('the supervisor opens a project from the table and sees its card, rounds and judgement', async () => {
    const page = await loggedIn('sup');
    await page.goto(`${base}/#/rounds/r-q2/table`);
    await page.getByTestId('project-link-rep-q2-1').click();
    await page.getByTestId('project-page').waitFor();
    expect(page.url()).toMatch(/#\/projects\/p-1$/);

    const card = page.getByTestId('project-card');
    await expect.poll(() => card.textContent()).toContain('东湖街道充电设施建设');
    expect(await card.textContent()).toContain('11-1');
    expect(await card.textContent()).toContain('建设120个充电插口。');
    expect(await page.getByTestId('project-indicators').textContent()).toContain('充电插口');

    const q2 = page.getByTestId('project-round-r-q2');
    await q2.waitFor();
    expect(await q2.textContent()).toContain('2026年第二季度');
    expect(await page.getByTestId('project-status-rep-q2-1').textContent()).toBe('已审核');
    const light = page.getByTestId('project-light-rep-q2-1');
    expect((await light.textContent())?.trim()).toMatch(/\S/);
    expect(await light.textContent()).not.toBe('—');
    expect(await light.locator('[data-light]').count()).toBe(1);
    // Newest round first: the Q3 round opened above comes before Q2.
    const ids = await page
      .locator('[data-testid^="project-round-"]:not([data-testid^="project-round-target-"])')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids.at(-1)).toBe('project-round-r-q2');
    expect(ids).toHaveLength(2);

    // From the report page, the project name leads back to the project page.
    await page.getByTestId('project-report-rep-q2-1').click();
    await page.getByTestId('project-page-link').click();
    await page.getByTestId('project-page').waitFor();
    expect(page.url()).toMatch(/#\/projects\/p-1$/);
    await page.context().close();
  });

  it('the supervisor records a target adjustment on the project page', async () => {
    const page = await loggedIn('sup');
    await page.goto(`${base}/#/projects/p-1`);
    await page.getByTestId('adjust-ind-1').click();
    await page.getByTestId('adjust-reason').fill('');
    await page.getByTestId('adjust-submit').click();
    await expect.poll(() => page.getByTestId('adjust-error').textContent()).toMatch(/调整原因/);
    await page.getByTestId('adjust-new-text').fill('建设100个充电插口');
    await page.getByTestId('adjust-new-value').fill('100');
    await page.getByTestId('adjust-reason').fill('两个小区不具备安装条件');
    await page.getByTestId('adjust-approved-by').fill('区政府常务会议');
    await page.getByTestId('adjust-submit').click();
    await expect.poll(() => page.getByTestId('project-indicators').textContent()).toContain('建设100个充电插口');
    await expect.poll(() => page.locator('body').textContent()).toContain('两个小区不具备安装条件');
    const lead = await loggedIn('lead');
    await lead.goto(`${base}/#/projects/p-1`);
    await lead.getByTestId('project-indicators').waitFor();
    expect(await lead.locator('[data-testid^="adjust-"]').count()).toBe(0);
    await Promise.all([page.context().close(), lead.context().close()]);
  });

  it("a reporter of unit B gets 'not found' for unit A's project", async () => {
    const page = await loggedIn('repb');
    await page.goto(`${base}/#/projects/p-1`);
    await expect.poll(() => page.getByTestId('project-not-found').textContent()).toContain('项目不存在或无权访问');
    expect(await page.getByTestId('project-page').count()).toBe(0);
    await page.context().close();
  });

  it('a reporter of unit B sees only their own rows of a shared project', async () => {
    const page = await loggedIn('repb');
    await page.goto(`${base}/#/projects/p-3`);
    const rounds = page.getByTestId('project-rounds');
    await rounds.waitFor();
    const rows = page.locator('[data-testid^="project-report-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const units = await rows.evaluateAll((els) => els.map((e) => e.querySelector('td')?.textContent?.trim()));
    expect(new Set(units)).toEqual(new Set(['西岭街道']));
    expect(await rounds.textContent()).not.toContain('东湖街道');
    // Going on to a project of unit A by hash: the previous project's data must not stay on screen.
    await page.goto(`${base}/#/projects/p-1`);
    await page.getByTestId('project-not-found').waitFor();
    expect(await page.getByTestId('project-page').count()).toBe(0);
    await page.context().close();
  });
});
