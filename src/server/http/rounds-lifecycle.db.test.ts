/**
 * A round's lifecycle over HTTP (issue 10 §3): draft → open → closed → archived, extending the due date for the whole
 * round or one unit, reopening a closed round for one unit — each with its permission (office yes, reporter and leader
 * 403, the other district 404) and the same state label in the list and on the round page.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

describe(`round lifecycle (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  let q3 = '';
  let q4 = '';
  const reportOf: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
  const body = (baseVersion: number, extra: object = {}) => ({
    baseVersion,
    progressText: '1.累计新增充电插口60个。',
    selfAssessment: '按计划推进',
    problems: '无',
    nextSteps: '1.10月底前完成验收。',
    values: [],
    ...extra,
  });

  beforeAll(async () => {
    ({ app, close } = await createTestApp());
    for (const u of ['sup', 'repa', 'repb', 'lead', 'sup2']) s[u] = await loginAs(app, u);
    q3 = await openQ3Round(app, s.sup!);
    for (const who of ['repa', 'repb']) {
      const mine = await call(who, 'GET', `/api/rounds/${q3}/my-reports`);
      for (const r of mine.json() as { reportId: string; code: string }[]) reportOf[`${who}:${r.code}`] = r.reportId;
    }
  });
  afterAll(async () => close?.());

  it('creates a round as a draft: units cannot fill it until the office opens it', async () => {
    const res = await call('sup', 'POST', '/api/rounds', {
      programmeId: 'prog',
      periodType: 'quarter',
      periodKey: '2026-Q4',
      asOf: '2026-12-31',
      dueDate: '2027-01-10',
      draft: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    q4 = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', stateLabel: '未开启' });
    expect(res.json().actions).toContain('open');
    const mine = (await call('repa', 'GET', `/api/rounds/${q4}/my-reports`)).json() as {
      reportId: string;
      abilities: { save: boolean };
    }[];
    expect(mine[0]!.abilities.save).toBe(false);
    const save = await call('repa', 'PUT', `/api/reports/${mine[0]!.reportId}`, body(0));
    expect(save.statusCode).toBe(423);
    expect(save.json().error.message).toContain('尚未开启');
    // Only the office opens it.
    expect((await call('repa', 'POST', `/api/rounds/${q4}/open`, {})).statusCode).toBe(403);
    expect((await call('lead', 'POST', `/api/rounds/${q4}/open`, {})).statusCode).toBe(403);
    expect((await call('sup2', 'POST', `/api/rounds/${q4}/open`, {})).statusCode).toBe(404);
    const opened = await call('sup', 'POST', `/api/rounds/${q4}/open`, {});
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'open', stateLabel: '填报中' });
    expect((await call('sup', 'POST', `/api/rounds/${q4}/open`, {})).statusCode).toBe(409);
    expect((await call('repa', 'PUT', `/api/reports/${mine[0]!.reportId}`, body(0))).statusCode).toBe(200);
  });

  it('the rounds list and the round page show the same state', async () => {
    const list = (await call('sup', 'GET', '/api/programmes/prog/rounds')).json() as {
      id: string;
      stateLabel: string;
    }[];
    for (const id of [q3, q4]) {
      const page = (await call('sup', 'GET', `/api/rounds/${id}`)).json();
      expect(page.stateLabel).toBe(list.find((r) => r.id === id)!.stateLabel);
    }
    const page = (await call('sup', 'GET', `/api/rounds/${q3}`)).json();
    expect(page.units.map((u: { name: string }) => u.name).sort()).toEqual(['东湖街道', '西岭街道'].sort());
    // A reporter sees the round, and only its own unit in it; the other district does not see it at all.
    const mine = (await call('repa', 'GET', `/api/rounds/${q3}`)).json();
    expect(mine.units).toHaveLength(1);
    expect(mine.abilities.manage).toBe(false);
    expect((await call('sup2', 'GET', `/api/rounds/${q3}`)).statusCode).toBe(404);
  });

  it("extends one unit's due date: it hands in on time while the programme refuses late submissions", async () => {
    const refuse = await call('sup', 'PUT', '/api/programmes/prog/schedule', {
      mode: 'linear',
      yellowBandPoints: 30,
      redBelowShareOfSchedule: null,
      lateSubmission: 'refuse',
    });
    expect(refuse.statusCode, refuse.body).toBe(200);
    const a = reportOf['repa:11-1']!;
    const b = reportOf['repb:11-2']!;
    expect((await call('repa', 'PUT', `/api/reports/${a}`, body(0))).statusCode).toBe(200);
    expect((await call('repb', 'PUT', `/api/reports/${b}`, body(0))).statusCode).toBe(200);
    // The round's due date (2026-10-08) has passed: both are refused.
    expect((await call('repa', 'POST', `/api/reports/${a}/submit`, { baseVersion: 1 })).statusCode).toBe(409);
    const ext = { dueDate: '2099-12-31', orgId: 'org-a', extendReason: '街道换届，联络员交接' };
    expect((await call('repa', 'POST', `/api/rounds/${q3}/extend`, ext)).statusCode).toBe(403);
    expect((await call('lead', 'POST', `/api/rounds/${q3}/extend`, ext)).statusCode).toBe(403);
    expect((await call('sup2', 'POST', `/api/rounds/${q3}/extend`, ext)).statusCode).toBe(404);
    const noReason = await call('sup', 'POST', `/api/rounds/${q3}/extend`, { ...ext, extendReason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('请填写延期原因');
    const earlier = await call('sup', 'POST', `/api/rounds/${q3}/extend`, { ...ext, dueDate: '2026-09-01' });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().error.message).toContain('应晚于当前截止日期（2026-10-08）');
    const res = await call('sup', 'POST', `/api/rounds/${q3}/extend`, ext);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().dueDate).toBe('2026-10-08');
    expect(res.json().units.find((u: { orgId: string }) => u.orgId === 'org-a').dueDate).toBe('2099-12-31');
    expect(res.json().exceptions[0]).toMatchObject({ kind: 'extend', unit: '东湖街道', reason: ext.extendReason });
    const sub = await call('repa', 'POST', `/api/reports/${a}/submit`, { baseVersion: 1 });
    expect(sub.statusCode, sub.body).toBe(200);
    expect((await call('repb', 'POST', `/api/reports/${b}/submit`, { baseVersion: 1 })).statusCode).toBe(409);
    const table = (await call('sup', 'GET', `/api/rounds/${q3}/table`)).json();
    expect(table.rows.find((r: { reportId: string }) => r.reportId === a)).toMatchObject({
      status: 'submitted',
      late: false,
    });
    const audit = await call('sup', 'GET', `/api/audit?action=round.extend`);
    if (audit.statusCode === 200) expect(JSON.stringify(audit.json())).toContain('round.extend');
  });

  it('extends the whole round: the round keeps the old date in its history', async () => {
    const res = await call('sup', 'POST', `/api/rounds/${q3}/extend`, {
      dueDate: '2099-06-30',
      extendReason: '国庆假期顺延',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().dueDate).toBe('2099-06-30');
    expect(res.json().exceptions[0]).toMatchObject({
      kind: 'extend',
      orgId: null,
      previousDueDate: '2026-10-08',
      dueDate: '2099-06-30',
    });
    // org-a's own extension is later still.
    expect(res.json().units.find((u: { orgId: string }) => u.orgId === 'org-a').dueDate).toBe('2099-12-31');
    expect(res.json().units.find((u: { orgId: string }) => u.orgId === 'org-b').dueDate).toBe('2099-06-30');
  });

  it('reopens a closed round for one unit only', async () => {
    const b = reportOf['repb:11-2']!;
    const a3 = reportOf['repa:11-3']!;
    expect(
      (await call('sup', 'POST', `/api/rounds/${q3}/reopen-unit`, { orgId: 'org-b', reopenReason: 'x' })).statusCode,
    ).toBe(409);
    const closed = await call('sup', 'POST', `/api/rounds/${q3}/close`, {});
    expect(closed.json()).toMatchObject({ status: 'closed', stateLabel: '已关闭' });
    expect((await call('repb', 'PUT', `/api/reports/${b}`, body(1, { problems: '有' }))).statusCode).toBe(423);
    const payload = { orgId: 'org-b', reopenReason: '系统故障未能按时提交' };
    expect((await call('repb', 'POST', `/api/rounds/${q3}/reopen-unit`, payload)).statusCode).toBe(403);
    expect((await call('lead', 'POST', `/api/rounds/${q3}/reopen-unit`, payload)).statusCode).toBe(403);
    expect((await call('sup2', 'POST', `/api/rounds/${q3}/reopen-unit`, payload)).statusCode).toBe(404);
    const missing = await call('sup', 'POST', `/api/rounds/${q3}/reopen-unit`, { orgId: 'org-b' });
    expect(missing.statusCode).toBe(400);
    const unknown = await call('sup', 'POST', `/api/rounds/${q3}/reopen-unit`, { ...payload, orgId: 'org-x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('没有填报任务');
    const res = await call('sup', 'POST', `/api/rounds/${q3}/reopen-unit`, payload);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().units.find((u: { orgId: string }) => u.orgId === 'org-b').reopened).toBe(true);
    expect((await call('repb', 'PUT', `/api/reports/${b}`, body(1, { problems: '有' }))).statusCode).toBe(200);
    expect((await call('repb', 'POST', `/api/reports/${b}/submit`, { baseVersion: 2 })).statusCode).toBe(200);
    // The other unit stays closed.
    expect((await call('repa', 'PUT', `/api/reports/${a3}`, body(0))).statusCode).toBe(423);
    // …and its report page offers no saving.
    expect((await call('repa', 'GET', `/api/reports/${a3}`)).json().report.abilities.save).toBe(false);
    const detail = (await call('repb', 'GET', `/api/reports/${b}`)).json();
    expect(detail.round).toMatchObject({ status: 'closed', stateLabel: '已关闭', reopenedForUnit: true });
  });

  it('archives a closed round: read-only forever', async () => {
    expect((await call('sup', 'POST', `/api/rounds/${q4}/archive`, {})).statusCode).toBe(409);
    expect((await call('repa', 'POST', `/api/rounds/${q3}/archive`, {})).statusCode).toBe(403);
    expect((await call('lead', 'POST', `/api/rounds/${q3}/archive`, {})).statusCode).toBe(403);
    expect((await call('sup2', 'POST', `/api/rounds/${q3}/archive`, {})).statusCode).toBe(404);
    const res = await call('sup', 'POST', `/api/rounds/${q3}/archive`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'archived', stateLabel: '已归档', actions: [] });
    const a = reportOf['repa:11-1']!;
    const approve = await call('sup', 'POST', `/api/reports/${a}/approve`, { baseVersion: 2 });
    expect(approve.statusCode).toBe(423);
    expect(approve.json().error.message).toContain('已归档');
    const a3 = reportOf['repa:11-3']!;
    const save = await call('repa', 'PUT', `/api/reports/${a3}`, body(0));
    expect(save.statusCode).toBe(423);
    expect(save.json().error.message).toContain('已归档');
    for (const [url, payload] of [
      [`/api/rounds/${q3}/reopen`, {}],
      [`/api/rounds/${q3}/close`, {}],
      [`/api/rounds/${q3}/extend`, { dueDate: '2100-01-01', extendReason: '再延' }],
      [`/api/rounds/${q3}/reopen-unit`, { orgId: 'org-a', reopenReason: '再开' }],
    ] as const) {
      const r = await call('sup', 'POST', url, payload);
      expect(r.statusCode, url).toBe(423);
      expect(r.json().error.message).toContain('已归档');
    }
    const pub = await call('sup', 'POST', `/api/rounds/${q3}/publish`, {});
    expect(pub.statusCode).toBe(423);
    expect(pub.json().error.message).toContain('已归档');
    // Still readable.
    expect((await call('sup', 'GET', `/api/rounds/${q3}/table`)).statusCode).toBe(200);
    expect((await call('repa', 'GET', `/api/reports/${a}`)).statusCode).toBe(200);
  });
});
