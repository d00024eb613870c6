/**
 * Browser test of issue 11's screens against a real server (SQLite, small fixture): the office's chase board shows each
 * unit's state and 催办 one unit with one click (once a day); the reporter of that unit sees the notice under the bell,
 * opens the list and marks it read; the office raises a 督办 by hand, the unit answers it, the office closes it (销号).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, smallDataset } from '../src/server/test/fixture';
import { as, loginAs, openQ3Round } from '../src/server/test/test-app';
import { browserReady, type E2E, startE2E } from './support';

describe.skipIf(!browserReady)('chasing in Chromium', () => {
  let env: E2E;
  let round = '';
  beforeAll(async () => {
    env = await startE2E(smallDataset(), {
      password: PASSWORD,
      prepare: async (app) => {
        round = await openQ3Round(app, await loginAs(app, 'sup'));
      },
    });
  });
  afterAll(async () => env?.close());

  it('the chase board: states per unit, one-click 催办, the history of what was sent', async () => {
    const sup = await env.loggedIn('sup');
    await sup.goto(`${env.base}/#/rounds`);
    await sup.getByTestId('round-chase-2026-Q3').click();
    await sup.getByTestId('chase-board').waitFor();
    // The round's due date (2026-10-08) has passed and nobody has reported.
    await expect.poll(() => sup.getByTestId('chase-state-org-a').textContent()).toMatch(/逾期\d+天/);
    expect(await sup.getByTestId('chase-rules').textContent()).toMatch(/截止/);
    await sup.getByTestId('chase-unit-org-a').click();
    const sent = () => env.h.db.selectFrom('notifications').select('id').execute();
    await expect.poll(async () => (await sent()).length).toBeGreaterThan(0);
    const notes = await env.h.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['users.username', 'notifications.kind', 'notifications.link'])
      .execute();
    expect(notes.map((n) => n.username)).toContain('repa');
    expect(notes.every((n) => n.username !== 'repb')).toBe(true);
    // A second click the same day is refused by the server (once per unit per day).
    const again = await env.app.inject({
      method: 'POST',
      url: `/api/rounds/${round}/chase`,
      headers: as(await loginAs(env.app, 'sup')),
      payload: { orgIds: ['org-a'] },
    });
    expect(again.statusCode).toBeLessThan(500);
    const after = await env.h.db.selectFrom('notifications').select('id').execute();
    expect(after.length).toBe(notes.length);
  });

  it('the reporter sees the 催办 under the bell, opens it and marks it read', async () => {
    const rep = await env.loggedIn('repa');
    const count = rep.getByTestId('notification-count');
    await expect.poll(() => count.textContent()).toMatch(/[1-9]/);
    await rep.getByTestId('notification-bell').click();
    await rep.getByTestId('notification-popover').waitFor();
    await expect.poll(() => rep.getByTestId('notification-item').first().textContent()).toMatch(/催办|报送/);
    expect(await rep.getByTestId('notification-item').first().getAttribute('data-unread')).toBe('true');
    await rep.getByTestId('notifications-read-all').click();
    await expect.poll(() => count.textContent()).not.toMatch(/[1-9]/);
    const unread = await env.h.db.selectFrom('notifications').select('id').where('readAt', 'is', null).execute();
    expect(unread.length).toBe(0);
  });

  it('a 督办 raised by the office: the unit answers it, the office closes it (销号); history kept', async () => {
    const raised = await env.app.inject({
      method: 'POST',
      url: '/api/supervisions',
      headers: as(await loginAs(env.app, 'sup')),
      payload: {
        projectId: 'p-1',
        orgId: 'org-a',
        level: 'yellow',
        reason: '三季度逾期未报送进展情况',
        responseDueDate: '2026-12-20',
      },
    });
    expect(raised.statusCode).toBe(201);
    const id = raised.json().id as string;

    const rep = await env.loggedIn('repa');
    await rep.goto(`${env.base}/#/supervisions?open=${id}`);
    await rep.getByTestId('supervision-drawer').waitFor();
    expect(await rep.getByTestId('supervision-reason').textContent()).toContain('三季度逾期未报送');
    await rep.getByTestId('supervision-measures').fill('已明确专人负责，10日内补报并说明逾期原因。');
    const date = rep.getByTestId('supervision-completion-date');
    await date.click();
    await rep.keyboard.type('2026-12-15');
    await rep.keyboard.press('Enter');
    await rep.getByTestId('supervision-respond').click();
    await expect
      .poll(() => rep.getByTestId('supervision-drawer').getByTestId('supervision-status').getAttribute('data-status'))
      .toBe('responded');

    const sup = await env.loggedIn('sup');
    await sup.goto(`${env.base}/#/supervisions?open=${id}`);
    await expect.poll(() => sup.getByTestId('supervision-response').textContent()).toContain('10日内补报');
    await sup.getByTestId('supervision-close').click();
    await sup.getByTestId('supervision-modal-text').fill('已补报，同意销号。');
    await sup.getByTestId('supervision-modal-confirm').click();
    await expect
      .poll(() => sup.getByTestId('supervision-drawer').getByTestId('supervision-status').getAttribute('data-status'))
      .toBe('closed');
    const events = await env.h.db
      .selectFrom('supervisionEvents')
      .select('kind')
      .where('supervisionId', '=', id)
      .orderBy('createdAt')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['raised', 'responded', 'closed']);
  });
});
