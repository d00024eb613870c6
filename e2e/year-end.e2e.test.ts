/**
 * Browser test of issue 12 §3 against a real server (SQLite, small fixture): the office corrects a project's
 * 是否完成年度目标 on the year-end page (a reason is required when it differs from the computed answer); a deputy casts a
 * 满意度测评 ballot and, once the vote has closed, the office reads the results by project.
 */
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { as, loginAs, openQ3Round } from '../src/server/test/test-app';
import { browserReady, type E2E, startE2E } from './support';

const TITLE = '2026年度民生实事满意度测评';

async function approve(app: FastifyInstance, round: string, who: string, code: string, done: boolean, ind: string) {
  const unit = as(await loginAs(app, who));
  const office = as(await loginAs(app, 'sup'));
  const mine = (await app.inject({ method: 'GET', url: `/api/rounds/${round}/my-reports`, headers: unit })).json();
  const id = (mine as { reportId: string; code: string }[]).find((r) => r.code === code)!.reportId;
  const steps = [
    {
      headers: unit,
      method: 'PUT' as const,
      url: `/api/reports/${id}`,
      payload: {
        baseVersion: 0,
        progressText: done ? '累计建设充电插口120个，全部建成投用。' : '长者服务站主体完工，正在装修。',
        selfAssessment: done ? '已完成' : '按计划推进',
        problems: '无',
        nextSteps: '1.做好后续管护。',
        completedAnnualTarget: done,
        values: [{ indicatorId: ind, value: done ? 120 : 70 }],
      },
    },
    { headers: unit, method: 'POST' as const, url: `/api/reports/${id}/submit`, payload: { baseVersion: 1 } },
    { headers: office, method: 'POST' as const, url: `/api/reports/${id}/approve`, payload: { baseVersion: 2 } },
  ];
  for (const s of steps) {
    const res = await app.inject(s);
    if (res.statusCode >= 300) throw new Error(`${s.url}: ${res.statusCode} ${res.body}`);
  }
}

describe.skipIf(!browserReady)('year end and 满意度测评 in Chromium', () => {
  let env: E2E;
  let vote = '';
  let sup: Page;
  beforeAll(async () => {
    env = await startE2E(smallDataset(), {
      password: PASSWORD,
      prepare: async (app) => {
        const round = await openQ3Round(app, await loginAs(app, 'sup'));
        await approve(app, round, 'repa', '11-1', true, 'ind-1');
        await approve(app, round, 'repb', '11-2', false, 'ind-2');
        const now = Date.now();
        const res = await app.inject({
          method: 'POST',
          url: '/api/votes',
          headers: as(await loginAs(app, 'sup')),
          payload: {
            programmeId: 'prog',
            title: TITLE,
            projectIds: ['p-1', 'p-2'],
            voterIds: ['u-d'],
            opensAt: new Date(now - 3_600_000).toISOString(),
            closesAt: new Date(now + 3_600_000).toISOString(),
          },
        });
        if (res.statusCode !== 201) throw new Error(`vote: ${res.statusCode} ${res.body}`);
        vote = res.json().id;
      },
    });
  });
  afterAll(async () => env?.close());

  it('the office corrects 是否完成年度目标 with a reason', async () => {
    sup = await env.loggedIn('sup');
    await sup.getByTestId('nav-year-end').click();
    await sup.getByTestId('year-end-table').waitFor();
    await expect.poll(() => sup.getByTestId('year-end-completed-11-1').textContent()).toBe('已完成');
    expect(await sup.getByTestId('year-end-completed-11-2').textContent()).toBe('未完成');
    await sup.getByTestId('year-end-confirm-11-2').click();
    await sup.getByTestId('year-end-confirm-choice').getByText('已完成').click();
    await sup.getByTestId('year-end-confirm-submit').click();
    await sup.getByText('与系统判断不同，请填写更正原因').waitFor();
    await sup.getByTestId('year-end-confirm-reason').fill('12月28日已通过竣工验收');
    await sup.getByTestId('year-end-confirm-submit').click();
    await expect.poll(() => sup.getByTestId('year-end-completed-11-2').textContent()).toBe('已完成');
    await sup.getByText('原因：12月28日已通过竣工验收').waitFor();
    const rows = await env.h.db.selectFrom('yearEndConfirmations').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ projectId: 'p-2', completed: 1, computed: 0, seq: 1 })]);
  });

  it('a deputy votes once; after closing the office reads the results by project', async () => {
    const dep = await env.loggedIn('dep');
    await dep.getByTestId('nav-votes').click();
    await dep.getByTestId(`vote-open-${TITLE}`).click();
    await dep.getByTestId('vote-ballot').waitFor();
    await dep.getByTestId('vote-choice-11-1').getByText('满意', { exact: true }).click();
    await dep.getByTestId('vote-submit').click();
    await dep.getByText('还有 1 个项目未评价').waitFor();
    await dep.getByTestId('vote-choice-11-2').getByText('基本满意', { exact: true }).click();
    await dep.getByTestId('vote-submit').click();
    await dep
      .getByRole('button', { name: /提\s*交/ })
      .last()
      .click();
    await dep.getByText('您已完成投票，测评截止后公布结果。').waitFor();
    // Close the vote (its closing time passes).
    await env.h.db
      .updateTable('votes')
      .set({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', vote)
      .execute();
    // The office's page of the first test (one login per person keeps the test short).
    await sup.goto(`${env.base}/#/votes/${vote}`);
    await sup.getByTestId('vote-results').waitFor();
    await expect.poll(() => sup.getByTestId('vote-rate-11-1').textContent()).toContain('100.0%');
    expect(await sup.getByTestId('vote-results').textContent()).not.toContain('人大代表');
  });
});
