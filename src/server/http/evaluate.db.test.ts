/**
 * Issue 12 §2–§3 over HTTP: oversight groups and 督办建议 with the office's answers, the year-end list (computed,
 * confirmed or corrected with a reason, finished after year end, export), and 满意度测评 (one rating per person per
 * project, ineligible refused, results by project, and no answer that links a voter to a rating).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { as, loginAs, type Session } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

const START = Date.parse('2026-10-10T08:00:00.000Z');
const HOUR = 3_600_000;

describe(`oversight, year end and 满意度测评 (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: FastifyInstance;
  let t = START;
  const s: Record<string, Session> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
  const ok = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, `${who} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  const login = async (...who: string[]) => {
    for (const u of who) s[u] = await loginAs(app, u);
  };
  const report = (baseVersion: number, progressText: string, completedAnnualTarget: boolean, indicatorId: string) => ({
    baseVersion,
    progressText,
    selfAssessment: completedAnnualTarget ? '已完成' : '按计划推进',
    problems: '无',
    nextSteps: '1.做好后续管护。',
    completedAnnualTarget,
    values: [{ indicatorId, value: completedAnnualTarget ? 120 : 70 }],
  });
  /** Save, submit and approve one report of a round (as its unit, then the office). */
  const approve = async (who: string, roundId: string, code: string, body: ReturnType<typeof report>) => {
    const mine = (await ok(who, 'GET', `/api/rounds/${roundId}/my-reports`)).json() as {
      reportId: string;
      code: string;
    }[];
    const id = mine.find((r) => r.code === code)!.reportId;
    await ok(who, 'PUT', `/api/reports/${id}`, body);
    await ok(who, 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 });
    await ok('sup', 'POST', `/api/reports/${id}/approve`, { baseVersion: 2 });
    return id;
  };
  const openRound = async (periodKey: string, periodType: string, asOf: string, dueDate: string) => {
    const res = await ok('sup', 'POST', '/api/rounds', { programmeId: 'prog', periodType, periodKey, asOf, dueDate });
    return res.json().id as string;
  };

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset(), new Date(START - 24 * HOUR));
    // Two more deputies of the district (resident representatives' accounts work the same way).
    const dep = await h.db.selectFrom('users').selectAll().where('username', '=', 'dep').executeTakeFirstOrThrow();
    for (const n of [1, 2]) {
      await h.db
        .insertInto('users')
        .values({ ...dep, id: `u-v${n}`, username: `voter${n}`, displayName: `群众代表${n}` })
        .execute();
      await h.db
        .insertInto('userUnits')
        .values({ userId: `u-v${n}`, orgId: 'gov', duty: null })
        .execute();
    }
    app = await buildApp({ db: h.db, loginRateMax: 1000, strictResponses: true, clock: () => new Date(t) });
    await login('sup', 'repa', 'repb', 'lead', 'dep', 'dep2', 'sup2', 'voter1', 'voter2');
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  describe('oversight groups and 督办建议', () => {
    let opinion = '';
    it('the office sets up a group of deputies following key-supervision projects only', async () => {
      const page = (await ok('sup', 'GET', '/api/oversight?programme=prog')).json();
      expect(page.abilities).toEqual({ opine: false, manage: true });
      expect(page.candidates.deputies.map((d: { id: string }) => d.id).sort()).toEqual(['u-d', 'u-v1', 'u-v2']);
      expect(page.candidates.projects.map((p: { id: string }) => p.id)).toEqual(['p-2']);
      const group = { programmeId: 'prog', name: '第一监督小组', memberIds: ['u-d'], projectIds: ['p-2'] };
      const bad1 = await call('sup', 'POST', '/api/oversight/groups', { ...group, projectIds: ['p-1'] });
      expect(bad1.statusCode).toBe(400);
      expect(bad1.json().error.message).toContain('重点监督项目');
      const bad2 = await call('sup', 'POST', '/api/oversight/groups', { ...group, memberIds: ['u-a'] });
      expect(bad2.statusCode).toBe(400);
      expect((await call('dep', 'POST', '/api/oversight/groups', group)).statusCode).toBe(403);
      expect((await call('sup2', 'POST', '/api/oversight/groups', group)).statusCode).toBe(404);
      expect((await call('sup', 'POST', '/api/oversight/groups', group)).statusCode).toBe(201);
      expect((await call('sup', 'POST', '/api/oversight/groups', group)).statusCode).toBe(409);
    });

    it('a deputy sees their group with approved progress only, and leaves an opinion', async () => {
      const page = (await ok('dep', 'GET', '/api/oversight')).json();
      expect(page.programme.id).toBe('prog');
      expect(page.abilities).toEqual({ opine: true, manage: false });
      expect(page.candidates).toBeNull();
      expect(page.groups).toHaveLength(1);
      expect(page.groups[0].projects.map((p: { id: string }) => p.id)).toEqual(['p-2']);
      // Q2's report of p-2 was only submitted: nothing to show yet.
      expect(page.groups[0].projects[0].latest).toEqual([]);
      expect(
        (await call('dep', 'POST', '/api/oversight/opinions', { projectId: 'p-1', text: '建议' })).statusCode,
      ).toBe(404);
      const empty = await call('dep', 'POST', '/api/oversight/opinions', { projectId: 'p-2', text: '  ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.message).toContain('督办建议');
      expect(
        (await call('sup', 'POST', '/api/oversight/opinions', { projectId: 'p-2', text: '建议' })).statusCode,
      ).toBe(403);
      expect(
        (await call('dep2', 'POST', '/api/oversight/opinions', { projectId: 'p-2', text: '建议' })).statusCode,
      ).toBe(404);
      const res = await ok('dep', 'POST', '/api/oversight/opinions', {
        projectId: 'p-2',
        text: '建议加快长者服务站配套设施建设，年底前投入使用。',
      });
      opinion = res.json().id;
      // Another deputy not in the group sees no group and not this deputy's opinion.
      const other = (await ok('voter1', 'GET', '/api/oversight')).json();
      expect(other.groups).toEqual([]);
      expect(other.opinions).toEqual([]);
    });

    it('the office sees the opinion and the count, answers twice (both kept); the deputy sees the answers', async () => {
      const page = (await ok('sup', 'GET', '/api/oversight?programme=prog')).json();
      expect(page.unanswered).toBe(1);
      expect(page.opinions[0]).toMatchObject({ id: opinion, author: '人大代表', groupName: '第一监督小组' });
      expect((await call('dep', 'POST', `/api/oversight/opinions/${opinion}/answers`, { text: '答' })).statusCode).toBe(
        403,
      );
      expect(
        (await call('sup2', 'POST', `/api/oversight/opinions/${opinion}/answers`, { text: '答' })).statusCode,
      ).toBe(404);
      await ok('sup', 'POST', `/api/oversight/opinions/${opinion}/answers`, {
        text: '已转西岭街道办理，11月底前完成。',
      });
      await ok('sup', 'POST', `/api/oversight/opinions/${opinion}/answers`, { text: '补充：配套设施已列入12月计划。' });
      expect((await ok('sup', 'GET', '/api/oversight?programme=prog')).json().unanswered).toBe(0);
      const mine = (await ok('dep', 'GET', '/api/oversight')).json();
      expect(mine.opinions[0].answers.map((a: { seq: number; text: string }) => [a.seq, a.text])).toEqual([
        [1, '已转西岭街道办理，11月底前完成。'],
        [2, '补充：配套设施已列入12月计划。'],
      ]);
      const leader = (await ok('lead', 'GET', '/api/oversight?programme=prog')).json();
      expect(leader.opinions).toHaveLength(1);
      expect(leader.abilities).toEqual({ opine: false, manage: false });
      const audit = await h.db.selectFrom('auditLog').select('action').where('action', 'like', 'oversight.%').execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        'oversight.answer',
        'oversight.answer',
        'oversight.group',
        'oversight.opinion',
      ]);
    });
  });

  describe('year end', () => {
    it('computes 是否完成年度目标 from approved reports and finds projects finished after year end', async () => {
      const q3 = await openRound('2026-Q3', 'quarter', '2026-09-30', '2026-10-20');
      await approve('repa', q3, '11-1', report(0, '累计建设充电插口120个，全部建成投用。', true, 'ind-1'));
      await approve('repb', q3, '11-2', report(0, '长者服务站主体完工，正在装修。', false, 'ind-2'));
      // A round after the year: as of 20 January of the next year (年后补报).
      const late = await openRound('2026-H2', 'half', '2027-01-20', '2027-01-25');
      await approve('repb', late, '11-2', report(0, '长者服务站已建成投用。', true, 'ind-2'));
      const y = (await ok('sup', 'GET', '/api/year-end?programme=prog')).json();
      const of = (id: string) => y.projects.find((p: { projectId: string }) => p.projectId === id);
      expect(of('p-1')).toMatchObject({ computed: true, completed: true, finishedAfterYearEnd: null });
      expect(of('p-1').basis).toMatchObject({ asOf: '2026-09-30' });
      expect(of('p-2')).toMatchObject({ computed: false, completed: false });
      expect(of('p-2').finishedAfterYearEnd).toMatchObject({ asOf: '2027-01-20' });
      // p-3: neither unit has an approved report.
      expect(of('p-3')).toMatchObject({ computed: null, completed: null });
      expect(y.yearEndRound).toMatchObject({ id: q3 });
      expect(y.counts).toMatchObject({ total: 3, completed: 1, notCompleted: 1, unknown: 1, finishedAfterYearEnd: 1 });
      expect(y.abilities.confirm).toBe(true);
    });

    it('the office confirms or corrects with a reason; every confirmation is kept; leaders read only', async () => {
      const confirm = (who: string, projectId: string, completed: boolean, reason?: string) =>
        call(who, 'POST', '/api/year-end/confirm', { programmeId: 'prog', projectId, completed, reason });
      expect((await confirm('sup', 'p-1', true)).statusCode).toBe(200);
      const noReason = await confirm('sup', 'p-2', true);
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.message).toContain('请填写更正原因');
      expect((await confirm('sup', 'p-2', true, '12月28日已通过竣工验收（见验收报告）')).statusCode).toBe(200);
      const again = await confirm('sup', 'p-2', false);
      expect(again.statusCode).toBe(200);
      const p2 = again.json().projects.find((p: { projectId: string }) => p.projectId === 'p-2');
      expect(p2.confirmation).toMatchObject({ seq: 2, completed: false, computed: false });
      expect(p2.history.map((c: { seq: number; completed: boolean }) => [c.seq, c.completed])).toEqual([
        [1, true],
        [2, false],
      ]);
      expect((await confirm('lead', 'p-1', true)).statusCode).toBe(403);
      expect((await confirm('sup2', 'p-1', true)).statusCode).toBe(404);
      expect((await confirm('sup', 'p-21', true)).statusCode).toBe(404);
      const leader = (await ok('lead', 'GET', '/api/year-end?programme=prog')).json();
      expect(leader.abilities.confirm).toBe(false);
      expect(leader.counts.confirmed).toBe(2);
      expect((await call('dep', 'GET', '/api/year-end?programme=prog')).statusCode).toBe(404);
      expect((await call('repa', 'GET', '/api/year-end?programme=prog')).statusCode).toBe(404);
      const audit = await h.db
        .selectFrom('auditLog')
        .select('action')
        .where('action', '=', 'yearEnd.confirm')
        .execute();
      expect(audit).toHaveLength(3);
    });

    it('exports the year-end list as .xlsx', async () => {
      const res = await call('sup', 'GET', '/api/year-end.xlsx?programme=prog');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('年度目标完成情况')!;
      const rows: string[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      expect(rows.find((r) => r[1] === '11-1')).toEqual(expect.arrayContaining(['已完成']));
      expect(rows.find((r) => r[1] === '11-2')).toEqual(
        expect.arrayContaining(['未完成', '2027-01-20（2026年下半年进展情况填报）']),
      );
      expect(wb.getWorksheet('年度目标调整')).toBeDefined();
    });
  });

  describe('满意度测评', () => {
    let vote = '';
    const ballot = (...ratings: [string, string][]) => ({
      ratings: ratings.map(([projectId, rating]) => ({ projectId, rating })),
    });
    it('the office sets up a vote for eligible deputies and representatives', async () => {
      const list = (await ok('sup', 'GET', '/api/votes')).json();
      expect(list.abilities.manage).toBe(true);
      const setup = list.setup.find((p: { id: string }) => p.id === 'prog');
      expect(setup.voters.map((v: { id: string }) => v.id).sort()).toEqual(['u-d', 'u-v1', 'u-v2']);
      const body = {
        programmeId: 'prog',
        title: '2026年度民生实事满意度测评',
        projectIds: ['p-1', 'p-2'],
        voterIds: ['u-d', 'u-v1', 'u-v2'],
        opensAt: new Date(t - HOUR).toISOString(),
        closesAt: new Date(t + HOUR).toISOString(),
      };
      const late = await call('sup', 'POST', '/api/votes', { ...body, closesAt: body.opensAt });
      expect(late.statusCode).toBe(400);
      expect(late.json().error.message).toContain('截止时间应晚于开始时间');
      expect((await call('sup', 'POST', '/api/votes', { ...body, voterIds: ['u-a'] })).statusCode).toBe(400);
      expect((await call('sup', 'POST', '/api/votes', { ...body, projectIds: ['p-21'] })).statusCode).toBe(400);
      expect((await call('dep', 'POST', '/api/votes', body)).statusCode).toBe(403);
      vote = (await ok('sup', 'POST', '/api/votes', body)).json().id;
    });

    it('each eligible person rates each project once; ineligible people are refused', async () => {
      const form = (await ok('dep', 'GET', `/api/votes/${vote}`)).json();
      expect(form.abilities.cast).toBe(true);
      expect(form.results).toBeNull();
      expect(form.projects.map((p: { id: string }) => p.id)).toEqual(['p-1', 'p-2']);
      await ok('dep', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'satisfied']));
      const twice = await call('dep', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'unsatisfied']));
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toContain('不能更改');
      const after = await ok('dep', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-2', 'basic']));
      expect(after.json().mine.rated.sort()).toEqual(['p-1', 'p-2']);
      expect(after.json().abilities.cast).toBe(false);
      await ok('voter1', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'satisfied'], ['p-2', 'unsatisfied']));
      await ok('voter2', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'basic'], ['p-2', 'unsatisfied']));
      const dup = await call('voter2', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'basic'], ['p-1', 'basic']));
      expect(dup.statusCode).toBe(400);
      expect((await call('dep2', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'basic']))).statusCode).toBe(404);
      expect((await call('lead', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'basic']))).statusCode).toBe(404);
      expect((await call('sup', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'basic']))).statusCode).toBe(403);
      expect((await call('voter1', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-3', 'basic']))).statusCode).toBe(
        400,
      );
      // While open nobody sees results; the office sees participation only.
      const office = (await ok('sup', 'GET', `/api/votes/${vote}`)).json();
      expect(office.results).toBeNull();
      expect(office.vote).toMatchObject({ state: 'open', eligible: 3, voted: 3 });
    });

    it('after closing: results by project with rates; no answer or table links a voter to a rating', async () => {
      t += 2 * HOUR;
      await login('sup', 'dep', 'voter1');
      const res = await ok('sup', 'GET', `/api/votes/${vote}`);
      const d = res.json();
      expect(d.vote.state).toBe('closed');
      expect(d.results).toEqual([
        expect.objectContaining({ projectId: 'p-1', satisfied: 2, basic: 1, unsatisfied: 0, total: 3 }),
        expect.objectContaining({ projectId: 'p-2', satisfied: 0, basic: 1, unsatisfied: 2, total: 3 }),
      ]);
      expect(d.results[0].satisfactionRate).toBe(1);
      expect(d.results[0].satisfiedShare).toBeCloseTo(2 / 3, 4);
      expect(d.results[1].satisfactionRate).toBeCloseTo(1 / 3, 4);
      expect((await call('voter1', 'POST', `/api/votes/${vote}/ballot`, ballot(['p-1', 'basic']))).statusCode).toBe(
        409,
      );
      // The office's answers name no voter (the set-up form lists who may be made eligible, not who voted).
      const texts = [res.body, JSON.stringify((await ok('sup', 'GET', '/api/votes')).json().votes)];
      for (const body of texts)
        for (const x of ['u-d', 'u-v1', 'u-v2', 'voter1', 'voter2', '群众代表', '人大代表'])
          expect(body).not.toContain(x);
      // The voter sees the results too (counts only).
      expect((await ok('voter1', 'GET', `/api/votes/${vote}`)).json().results).toHaveLength(2);
      // The schema itself: tallies have no user column, voter rows no rating column.
      const tally = await h.db.selectFrom('voteTallies').selectAll().where('voteId', '=', vote).execute();
      expect(Object.keys(tally[0]!).sort()).toEqual(['count', 'projectId', 'rating', 'voteId']);
      const voters = await h.db.selectFrom('voteVoters').selectAll().where('voteId', '=', vote).execute();
      expect(Object.keys(voters[0]!).sort()).toEqual(['projectId', 'userId', 'voteId']);
      // The audit log says who voted, never how.
      const audit = await h.db.selectFrom('auditLog').select('after').where('action', '=', 'vote.cast').execute();
      expect(audit).toHaveLength(4);
      for (const a of audit) expect(a.after).not.toMatch(/satisfied|basic|满意/);
    });
  });
});
