/**
 * Chase and escalate over HTTP with a moving clock (issue 11): reminders 3 and 1 days before the due date and on it,
 * quiet hours, 催办 every 2 days after it (the 分管领导 from day 3), nothing after hand-in, nothing twice (sequential and
 * concurrent runs), 督办 after days overdue and after two lagging rounds, the notification centre (own only), the
 * chase board and one-click 催办, the rules endpoints, and who may do what.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHASE_RULES } from '../../domain/chase/rules';
import type { DbHandle } from '../db/connect';
import { chaseEvaluateJob } from '../jobs/handlers/chase-evaluate';
import { JOB_HANDLERS, JOB_SCHEDULES } from '../jobs/registry';
import { runChase } from '../services/chase/run';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { as, loginAs, openQ3Round, type Session } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

describe(`chase and escalate (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: FastifyInstance;
  let t = Date.parse('2026-09-30T02:00:00.000Z');
  const s: Record<string, Session> = {};
  let q3 = '';
  const reportOf: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
  /** Move the clock (sessions expire over days: log in again). */
  const at = async (iso: string) => {
    t = Date.parse(iso);
    for (const u of ['sup', 'repa', 'repb', 'lead', 'sup2']) s[u] = await loginAs(app, u);
  };
  const run = async (iso: string) => {
    await at(iso);
    return runChase(h.db, { now: new Date(t), actorName: '测试' });
  };
  const mine = async (who: string) =>
    (await call(who, 'GET', '/api/notifications')).json() as {
      unread: number;
      items: { id: string; kind: string; level: string; title: string; link: string; readAt: string | null }[];
    };
  const rules = (escalation: typeof DEFAULT_CHASE_RULES.escalation) => ({ ...DEFAULT_CHASE_RULES, escalation });

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset(), new Date(t - 86_400_000));
    app = await buildApp({ db: h.db, loginRateMax: 1000, strictResponses: true, clock: () => new Date(t) });
    // The 区领导 account is also 西岭街道's 分管领导.
    await h.db.insertInto('userUnits').values({ userId: 'u-l', orgId: 'org-b', duty: '分管领导' }).execute();
    for (const u of ['sup', 'repa', 'repb', 'lead', 'sup2']) s[u] = await loginAs(app, u);
    q3 = await openQ3Round(app, s.sup!);
    for (const who of ['repa', 'repb']) {
      const list = await call(who, 'GET', `/api/rounds/${q3}/my-reports`);
      for (const r of list.json() as { reportId: string; code: string }[]) reportOf[`${who}:${r.code}`] = r.reportId;
    }
    // Reminders only, to begin with.
    expect((await call('sup', 'PUT', '/api/programmes/prog/chase-rules', rules([]))).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('reads and sets the rules in words; only the office may set them', async () => {
    const got = await call('repa', 'GET', '/api/programmes/prog/chase-rules');
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ isDefault: false, escalation: [] });
    expect(got.json().reminders).toContain('截止日期前3天、1天提醒未报送的单位');
    expect((await call('repa', 'PUT', '/api/programmes/prog/chase-rules', rules([]))).statusCode).toBe(403);
    expect((await call('sup2', 'PUT', '/api/programmes/prog/chase-rules', rules([]))).statusCode).toBe(404);
    const bad = await call('sup', 'PUT', '/api/programmes/prog/chase-rules', { ...rules([]), chaseEveryDays: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('催办间隔不能为负数');
  });

  it('reminds 3 and 1 days before and on the due date, waits out quiet hours, never twice', async () => {
    expect((await run('2026-10-01T02:00:00.000Z')).notifications).toBe(0);
    const first = await run('2026-10-05T02:00:00.000Z');
    expect(first.counts.remind).toBe(2);
    expect(first.notifications).toBe(2);
    expect((await run('2026-10-05T06:00:00.000Z')).notifications).toBe(0);
    const a = await mine('repa');
    expect(a.unread).toBe(1);
    expect(a.items[0]).toMatchObject({ kind: 'remind', level: 'info', link: `/rounds/${q3}/mine` });
    expect(a.items[0]!.title).toContain('3天后截止');
    expect((await mine('sup')).items).toEqual([]);
    // Two runs at once (two workers) send once.
    await at('2026-10-07T02:00:00.000Z');
    const both = await Promise.all([0, 1].map(() => runChase(h.db, { now: new Date(t), actorName: '测试' })));
    expect(both[0]!.notifications + both[1]!.notifications).toBe(2);
    // 07:30 Beijing time on the due date: quiet hours, nothing; 08:00: the due-date reminder.
    const quiet = await run('2026-10-07T23:30:00.000Z');
    expect(quiet.actions).toEqual([]);
    expect((await run('2026-10-08T00:00:00.000Z')).notifications).toBe(2);
    expect((await mine('repb')).items.map((n) => n.title.slice(-4))).toEqual(
      ['今天截止', '1天后截止', '3天后截止'].map((x) => x.slice(-4)),
    );
  });

  it('chases every 2 days after the due date, the 分管领导 from day 3, nothing after hand-in', async () => {
    await at('2026-10-08T03:00:00.000Z');
    for (const [code, values] of [
      ['11-1', [{ indicatorId: 'ind-1', value: 85 }]],
      ['11-3', []],
    ] as const) {
      const id = reportOf[`repa:${code}`]!;
      const body = {
        baseVersion: 0,
        progressText: '1.已完成充电插口建设85个。',
        selfAssessment: '按计划推进',
        problems: '无',
        nextSteps: '1.10月底前完成剩余建设。',
        values,
      };
      expect((await call('repa', 'PUT', `/api/reports/${id}`, body)).statusCode).toBe(200);
      expect((await call('repa', 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 })).statusCode).toBe(200);
    }
    const d1 = await run('2026-10-09T02:00:00.000Z');
    expect(d1.actions.map((x) => [x.kind, x.orgId, x.key.split(':').at(-1)])).toEqual([['chase', 'org-b', 'd+1']]);
    expect(d1.notifications).toBe(1);
    expect((await run('2026-10-10T02:00:00.000Z')).notifications).toBe(0);
    const d3 = await run('2026-10-11T02:00:00.000Z');
    expect(d3.notifications).toBe(2); // 西岭 reporter and its 分管领导
    expect((await mine('lead')).items.map((n) => n.kind)).toEqual(['chase']);
    expect((await mine('repa')).items.filter((n) => n.kind === 'chase')).toEqual([]);
  });

  it('raises a 黄色督办单 after 5 days overdue (raiseSupervision), then notifies', async () => {
    expect(
      (await call('sup', 'PUT', '/api/programmes/prog/chase-rules', rules(DEFAULT_CHASE_RULES.escalation.slice(0, 2))))
        .statusCode,
    ).toBe(200);
    const d5 = await run('2026-10-13T02:00:00.000Z');
    const esc = d5.actions.filter((x) => x.kind === 'supervision');
    expect(esc.map((x) => [x.orgId, x.level, x.reason])).toEqual([
      ['org-b', 'yellow', '逾期5天仍未报送'],
      ['org-b', 'yellow', '逾期5天仍未报送'],
    ]);
    const rows = await h.db.selectFrom('supervisions').selectAll().where('orgId', '=', 'org-b').execute();
    expect(rows.map((r) => r.level).sort()).toEqual(['yellow', 'yellow']);
    const b = await mine('repb');
    expect(b.items.filter((n) => n.kind === 'supervision').map((n) => n.level)).toEqual(['yellow', 'yellow']);
    // Again: nothing new, no new record.
    const again = await run('2026-10-13T05:00:00.000Z');
    expect(again.notifications).toBe(0);
    expect(again.supervisions).toBe(0);
    expect(await h.db.selectFrom('supervisions').select('id').where('orgId', '=', 'org-b').execute()).toHaveLength(2);
  });

  it('raises a 督办单 after two lagging rounds even when the reports are on time', async () => {
    expect(
      (await call('sup', 'PUT', '/api/programmes/prog/chase-rules', rules(DEFAULT_CHASE_RULES.escalation.slice(2, 4))))
        .statusCode,
    ).toBe(200);
    const q3p1 = reportOf['repa:11-1']!;
    const before = await run('2026-10-14T02:00:00.000Z');
    expect(before.actions.filter((x) => x.kind === 'supervision' && x.reportId === q3p1)).toEqual([]);
    // The stored assessments of both rounds say 滞后 (Q2 approved, Q3 handed in on time).
    await h.db
      .updateTable('reportAssessments')
      .set({ computedStatus: '滞后' })
      .where('reportId', 'in', ['rep-q2-1', q3p1])
      .where('current', '=', 1)
      .execute();
    const lag = await run('2026-10-14T03:00:00.000Z');
    const esc = lag.actions.filter((x) => x.kind === 'supervision' && x.orgId === 'org-a');
    expect(esc.map((x) => [x.ruleId, x.level, x.reportId, x.reason])).toEqual([
      ['lag-yellow', 'yellow', q3p1, '连续两期研判为滞后或严重滞后'],
    ]);
    const rec = await h.db.selectFrom('supervisions').selectAll().where('orgId', '=', 'org-a').execute();
    expect(rec.map((r) => [r.projectId, r.level])).toEqual([['p-1', 'yellow']]);
    const a = await mine('repa');
    expect(a.items[0]).toMatchObject({ kind: 'supervision', level: 'yellow', link: `/reports/${q3p1}` });
  });

  it('lets everyone read and mark only their own notifications', async () => {
    const a = await mine('repa');
    const b = await mine('repb');
    expect(a.unread).toBeGreaterThan(0);
    expect((await call('repa', 'POST', `/api/notifications/${b.items[0]!.id}/read`, {})).statusCode).toBe(404);
    const read = await call('repa', 'POST', `/api/notifications/${a.items[0]!.id}/read`, {});
    expect(read.statusCode).toBe(200);
    expect(read.json().unread).toBe(a.unread - 1);
    const all = await call('repa', 'POST', '/api/notifications/read-all', {});
    expect(all.json().unread).toBe(0);
    expect((await mine('repb')).unread).toBe(b.unread);
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('shows the office the chase board and chases with one click, once per unit per day', async () => {
    await at('2026-10-14T04:00:00.000Z');
    expect((await call('repa', 'GET', `/api/rounds/${q3}/chase-board`)).statusCode).toBe(403);
    expect((await call('lead', 'GET', `/api/rounds/${q3}/chase-board`)).statusCode).toBe(403);
    expect((await call('sup2', 'GET', `/api/rounds/${q3}/chase-board`)).statusCode).toBe(404);
    const board = await call('sup', 'GET', `/api/rounds/${q3}/chase-board`);
    expect(board.statusCode).toBe(200);
    const units = board.json().units as {
      orgId: string;
      state: string;
      stateLabel: string;
      expected: number;
      handedIn: number;
      onTime: number;
      completeness: number;
      history: { recipient: string; kind: string }[];
    }[];
    const byOrg = Object.fromEntries(units.map((u) => [u.orgId, u]));
    expect(byOrg['org-a']).toMatchObject({
      state: 'submitted',
      stateLabel: '已报送',
      expected: 2,
      handedIn: 2,
      onTime: 2,
    });
    expect(byOrg['org-b']).toMatchObject({ state: 'overdue', stateLabel: '逾期6天', expected: 2, handedIn: 0 });
    expect(byOrg['org-b']!.history.map((x) => x.recipient)).toContain('区领导');
    expect(board.json().totals).toMatchObject({ expected: 4, handedIn: 2, onTime: 2, completeness: 0.5 });

    expect((await call('repa', 'POST', `/api/rounds/${q3}/chase`, {})).statusCode).toBe(403);
    const click = await call('sup', 'POST', `/api/rounds/${q3}/chase`, {});
    expect(click.statusCode).toBe(200);
    expect(click.json().chased).toEqual([{ orgId: 'org-b', unit: '西岭街道', recipients: 2 }]);
    const again = await call('sup', 'POST', `/api/rounds/${q3}/chase`, { orgIds: ['org-b', 'org-a'] });
    expect(again.json()).toMatchObject({ chased: [], notifications: 0 });
    expect(
      again
        .json()
        .skipped.map((x: { reason: string }) => x.reason)
        .sort(),
    ).toEqual(['今天已催办过', '已全部报送']);
    const audit = await h.db.selectFrom('auditLog').select('action').where('action', '=', 'round.chase').execute();
    expect(audit).toHaveLength(2);
    const b = await mine('repb');
    expect(b.items[0]).toMatchObject({ kind: 'chase', level: 'blue' });
    // The board's history shows what the channels did with a notice (an e-mail delivery recorded as sent).
    await h.db
      .insertInto('notificationDeliveries')
      .values({
        id: 'dlv-board',
        notificationId: b.items[0]!.id,
        channel: 'email',
        target: 'u-b',
        status: 'sent',
        attempts: 1,
        lastError: null,
        createdAt: '2026-10-09T01:00:00.000Z',
        sentAt: '2026-10-09T01:00:05.000Z',
      })
      .execute();
    const later = (await call('sup', 'GET', `/api/rounds/${q3}/chase-board`)).json();
    const west = later.units.find((u: { orgId: string }) => u.orgId === 'org-b');
    expect(JSON.stringify(west)).toContain('"channel":"email"');
    expect(JSON.stringify(west)).toContain('"status":"sent"');
  });

  it('runs as the recurring job chase.evaluate at the job clock, twice without repeating', async () => {
    expect(JOB_HANDLERS['chase.evaluate']).toBe(chaseEvaluateJob);
    expect(JOB_SCHEDULES.find((x) => x.name === 'chase.evaluate')).toMatchObject({ everyMinutes: 10 });
    const job = (iso: string) =>
      chaseEvaluateJob({
        jobId: 'j',
        name: 'chase.evaluate',
        payload: {},
        attempt: 1,
        maxAttempts: 3,
        db: h.db,
        now: () => new Date(iso),
      });
    const count = async () => (await h.db.selectFrom('notifications').select('id').execute()).length;
    const before = await count();
    await job('2026-10-15T02:00:00.000Z'); // day 7 overdue: 催办 to 西岭 and its 分管领导
    const after = await count();
    expect(after - before).toBe(2);
    await Promise.all([job('2026-10-15T02:10:00.000Z'), job('2026-10-15T02:10:00.000Z')]);
    expect(await count()).toBe(after);
  });
});
