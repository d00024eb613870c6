/**
 * Office-scoped access over HTTP with two districts in the fixture (测试区: prog, r-q2; 测试二区: prog2, r2-q2):
 * each district's office, leaders, deputies and units see and change only their own district's records.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

let app: FastifyInstance;
let close: () => Promise<void>;
const s: Record<string, Session> = {};

const get = (who: string, url: string) => app.inject({ url, headers: as(s[who]!) });
const post = (who: string, url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: as(s[who]!), payload });
const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();

const ADJUST = {
  newText: '改造背街小巷12条',
  newValue: 12,
  reason: '增加两条',
  approvedBy: '区政府常务会',
  approvedAt: '2026-07-01',
};
const OPEN = (programmeId: string) => ({
  programmeId,
  periodType: 'quarter',
  periodKey: '2026-Q3',
  asOf: '2026-09-30',
  dueDate: '2026-10-08',
});
const PASTE = [
  '测试二区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
  '序号\t项目名称\t年度目标\t落实情况\t存在问题\t下一步工作\t牵头单位',
  '1\t南山街道背街小巷改造 区民生实事第1-1项\t改造背街小巷10条。\t已完成改造6条（按计划推进）。\t无\t继续施工。\t南山街道',
].join('\n');

beforeAll(async () => {
  ({ app, close } = await createTestApp());
  for (const u of ['sup', 'sup2', 'repa', 'rep2x', 'lead', 'lead2', 'dep', 'dep2', 'root', 'adm2'])
    s[u] = await loginAs(app, u);
});
afterAll(async () => close?.());

describe(`office-scoped access (${TEST_ENGINE})`, () => {
  it('lists only the programmes of the actor’s own district, with abilities', async () => {
    const list = async (who: string) => ids((await get(who, '/api/programmes')).json());
    expect(await list('sup')).toEqual(['prog']);
    expect(await list('sup2')).toEqual(['prog2']);
    expect(await list('lead')).toEqual(['prog']);
    expect(await list('lead2')).toEqual(['prog2']);
    expect(await list('dep2')).toEqual(['prog2']);
    expect(await list('repa')).toEqual(['prog']);
    expect(await list('rep2x')).toEqual(['prog2']);
    expect(await list('adm2')).toEqual(['prog2']);
    expect(await list('root')).toEqual(['prog', 'prog2']);
    const [mine] = (await get('sup', '/api/programmes')).json();
    expect(mine.abilities).toEqual({
      openRound: true,
      import: true,
      adjustTargets: true,
      readTable: true,
      configure: true,
    });
    expect(mine.schedule).toMatchObject({ mode: 'linear', yellowBandPoints: 30, redBelowShareOfSchedule: null });
    const [led] = (await get('lead2', '/api/programmes')).json();
    expect(led.abilities).toEqual({
      openRound: false,
      import: false,
      adjustTargets: false,
      readTable: true,
      configure: false,
    });
  });

  it('hides the other district’s rounds and tables (404) from offices, leaders, deputies and units', async () => {
    for (const [who, foreign] of [
      ['sup', 'prog2'],
      ['lead', 'prog2'],
      ['dep', 'prog2'],
      ['repa', 'prog2'],
      ['sup2', 'prog'],
      ['lead2', 'prog'],
      ['rep2x', 'prog'],
      ['adm2', 'prog'],
    ])
      expect((await get(who!, `/api/programmes/${foreign}/rounds`)).statusCode, `${who} → ${foreign}`).toBe(404);
    for (const [who, round] of [
      ['sup', 'r2-q2'],
      ['lead', 'r2-q2'],
      ['dep', 'r2-q2'],
      ['sup2', 'r-q2'],
      ['lead2', 'r-q2'],
      ['dep2', 'r-q2'],
    ]) {
      expect((await get(who!, `/api/rounds/${round}/table`)).statusCode, `${who} table ${round}`).toBe(404);
      expect((await get(who!, `/api/rounds/${round}/table.xlsx`)).statusCode, `${who} xlsx ${round}`).toBe(404);
      expect((await get(who!, `/api/rounds/${round}/my-reports`)).statusCode, `${who} list ${round}`).toBe(404);
    }
    expect((await get('repa', '/api/rounds/r2-q2/my-reports')).statusCode).toBe(404);
    expect((await get('rep2x', '/api/rounds/r-q2/my-reports')).statusCode).toBe(404);
  });

  it('serves each district its own round, table and export', async () => {
    const rounds = (await get('sup2', '/api/programmes/prog2/rounds')).json();
    expect(ids(rounds)).toEqual(['r2-q2']);
    expect(rounds[0].abilities).toEqual({
      readTable: true,
      exportTable: true,
      review: true,
      publish: true,
      close: true,
      manage: true,
      archive: true,
    });
    const t = await get('sup2', '/api/rounds/r2-q2/table');
    expect(t.statusCode).toBe(200);
    expect(
      t
        .json()
        .rows.map((r: { code: string }) => r.code)
        .sort(),
    ).toEqual(['1-1', '1-2']);
    expect(t.json().abilities.review).toBe(true);
    const lt = await get('lead2', '/api/rounds/r2-q2/table');
    expect(lt.json().abilities).toEqual({
      readTable: true,
      exportTable: true,
      review: false,
      publish: false,
      close: false,
      manage: false,
      archive: false,
    });
    expect((await get('lead2', '/api/rounds/r2-q2/table.xlsx')).statusCode).toBe(200);
    // District A is unchanged.
    const a = await get('sup', '/api/rounds/r-q2/table');
    expect(a.statusCode).toBe(200);
    expect(a.json().rows.every((r: { unitId: string }) => ['org-a', 'org-b'].includes(r.unitId))).toBe(true);
    // The system admin sees both.
    expect((await get('root', '/api/rounds/r-q2/table')).statusCode).toBe(200);
    expect((await get('root', '/api/rounds/r2-q2/table')).statusCode).toBe(200);
  });

  it('refuses to open a round in the other district (404) and to leaders of the same district (403)', async () => {
    expect((await post('sup', '/api/rounds', OPEN('prog2'))).statusCode).toBe(404);
    expect((await post('sup2', '/api/rounds', OPEN('prog'))).statusCode).toBe(404);
    expect((await post('lead2', '/api/rounds', OPEN('prog2'))).statusCode).toBe(403);
    expect((await post('rep2x', '/api/rounds', OPEN('prog2'))).statusCode).toBe(403);
    expect(ids((await get('sup2', '/api/programmes/prog2/rounds')).json())).toEqual(['r2-q2']);
    expect(ids((await get('sup', '/api/programmes/prog/rounds')).json())).toEqual(['r-q2']);
  });

  it('keeps reports to their own district and unit', async () => {
    expect((await get('sup', '/api/reports/rep2-q2-1')).statusCode).toBe(404);
    expect((await get('lead', '/api/reports/rep2-q2-1')).statusCode).toBe(404);
    expect((await get('repa', '/api/reports/rep2-q2-1')).statusCode).toBe(404);
    expect((await get('rep2x', '/api/reports/rep-q2-1')).statusCode).toBe(404);
    expect((await get('sup2', '/api/reports/rep-q2-2')).statusCode).toBe(404);
    // Approving the other district's report: 404, and nothing changes.
    expect((await post('sup', '/api/reports/rep2-q2-1/approve', { baseVersion: 2 })).statusCode).toBe(404);
    expect((await post('sup', '/api/reports/rep2-q2-1/return', { baseVersion: 2, comment: '请补充' })).statusCode).toBe(
      404,
    );
    expect((await post('sup2', '/api/reports/rep-q2-2/approve', { baseVersion: 2 })).statusCode).toBe(404);
    // Visible but not allowed: 403.
    expect((await post('lead2', '/api/reports/rep2-q2-1/approve', { baseVersion: 2 })).statusCode).toBe(403);
    expect((await post('rep2x', '/api/reports/rep2-q2-1/approve', { baseVersion: 2 })).statusCode).toBe(403);
    const d = (await get('sup2', '/api/reports/rep2-q2-1')).json();
    expect(d.report.status).toBe('submitted');
    expect(d.report.abilities).toEqual({
      save: false,
      submit: false,
      return: true,
      approve: true,
      publish: false,
      revoke: false,
    });
    const own = (await get('rep2x', '/api/reports/rep2-q2-1')).json();
    expect(own.report.abilities).toEqual({
      save: false,
      submit: false,
      return: false,
      approve: false,
      publish: false,
      revoke: false,
    });
    expect((await get('rep2x', '/api/rounds/r2-q2/my-reports')).json()).toHaveLength(2);
  });

  it('limits deputies to key-supervision projects of their own district', async () => {
    const t = (await get('dep2', '/api/rounds/r2-q2/table')).json();
    // The key project's report (1-1) is only submitted: deputies read approved content only (deputy-view.db.test.ts).
    expect(t.rows.map((r: { code: string }) => r.code)).toEqual([]);
    expect(t.abilities).toEqual({
      readTable: true,
      exportTable: true,
      review: false,
      publish: false,
      close: false,
      manage: false,
      archive: false,
    });
    expect((await get('dep2', '/api/projects/p-21')).statusCode).toBe(200);
    expect((await get('dep2', '/api/projects/p-22')).statusCode).toBe(404);
    expect((await get('dep2', '/api/reports/rep2-q2-1')).statusCode).toBe(404);
    expect((await get('dep2', '/api/reports/rep2-q2-2')).statusCode).toBe(404);
    expect((await get('dep', '/api/projects/p-21')).statusCode).toBe(404);
    expect((await get('dep', '/api/projects/p-2')).statusCode).toBe(200);
  });

  it('keeps projects and target adjustments to their district', async () => {
    expect((await get('sup', '/api/projects/p-21')).statusCode).toBe(404);
    expect((await get('repa', '/api/projects/p-21')).statusCode).toBe(404);
    expect((await get('rep2x', '/api/projects/p-21')).statusCode).toBe(200);
    expect((await post('sup', '/api/indicators/ind-21/adjust', ADJUST)).statusCode).toBe(404);
    expect((await post('sup2', '/api/indicators/ind-1/adjust', ADJUST)).statusCode).toBe(404);
    expect((await post('lead2', '/api/indicators/ind-21/adjust', ADJUST)).statusCode).toBe(403);
    expect((await get('lead2', '/api/projects/p-21')).json().abilities).toEqual({
      adjustTarget: false,
      exportDocuments: true,
    });
    expect((await get('sup2', '/api/projects/p-21')).json().abilities).toEqual({
      adjustTarget: true,
      exportDocuments: true,
    });
    const ok = await post('sup2', '/api/indicators/ind-21/adjust', ADJUST);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().indicators[0].targetText).toBe('改造背街小巷12条');
  });

  it('imports only into the actor’s own programmes, matching only its own units', async () => {
    const other = await post('sup', '/api/imports/preview', { text: PASTE });
    expect(other.statusCode).toBe(200);
    // 南山街道 belongs to district 2: district 1's office cannot match or map to it.
    expect(other.json().preview.units.unknown).toContain('南山街道');
    expect(other.json().orgs.map((o: { id: string }) => o.id)).not.toContain('org-x');
    const own = await post('sup2', '/api/imports/preview', { text: PASTE });
    expect(own.json().preview.units.unknown).toEqual([]);
    const foreign = await post('sup', '/api/imports/commit', { text: PASTE, options: { programmeId: 'prog2' } });
    expect(foreign.statusCode).toBe(404);
    expect((await post('lead2', '/api/imports/preview', { text: PASTE })).statusCode).toBe(403);
    expect(
      (await post('lead2', '/api/imports/commit', { text: PASTE, options: { programmeId: 'prog2' } })).statusCode,
    ).toBe(403);
    expect(ids((await get('sup2', '/api/programmes/prog2/rounds')).json())).toEqual(['r2-q2']);
  });

  it('publishes only one’s own rounds', async () => {
    expect((await post('sup', '/api/rounds/r2-q2/publish', {})).statusCode).toBe(404);
    expect((await post('lead2', '/api/rounds/r2-q2/publish', {})).statusCode).toBe(403);
    expect((await get('sup2', '/api/reports/rep2-q2-2')).json().report.status).toBe('approved');
    const ok = await post('sup2', '/api/rounds/r2-q2/publish', {});
    expect(ok.statusCode).toBe(200);
    expect(ok.json().published).toBe(1);
  });

  it('opens a round for its own district only, whose reports only that district’s units may fill', async () => {
    const opened = await post('sup2', '/api/rounds', OPEN('prog2'));
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id;
    expect((await get('sup', `/api/rounds/${id}/my-reports`)).statusCode).toBe(404);
    const mine = (await get('rep2x', `/api/rounds/${id}/my-reports`)).json();
    expect(mine).toHaveLength(2);
    expect(mine[0].abilities).toMatchObject({ save: true, submit: true, approve: false });
    const office = (await get('sup2', `/api/rounds/${id}/my-reports`)).json();
    expect(office[0].abilities).toMatchObject({ save: false, approve: false });
    const draft = mine[0].reportId;
    const body = {
      baseVersion: 0,
      progressText: '已改造6条。',
      selfAssessment: '按计划推进',
      problems: '无',
      nextSteps: '继续。',
      values: [],
    };
    const put = (who: string) =>
      app.inject({ method: 'PUT', url: `/api/reports/${draft}`, headers: as(s[who]!), payload: body });
    expect((await put('repa')).statusCode).toBe(404);
    expect((await put('sup2')).statusCode).toBe(403);
    expect((await put('rep2x')).statusCode).toBe(200);
  });

  it('tells the web where each user lands and which menus to show', async () => {
    const me = async (who: string) => (await get(who, '/api/auth/me')).json();
    expect(await me('repa')).toMatchObject({ home: '/mine', abilities: { fillReports: true, readTable: false } });
    expect(await me('sup')).toMatchObject({ home: '/rounds', abilities: { openRound: true, import: true } });
    expect(await me('lead')).toMatchObject({ home: '/dashboard', abilities: { openRound: false, readTable: true } });
    expect(await me('root')).toMatchObject({ abilities: { manageUsers: true, readAudit: true } });
    expect((await me('adm2')).abilities).toMatchObject({ manageUsers: true, readAudit: true });
    expect((await me('lead2')).abilities).toMatchObject({ manageUsers: false, readAudit: false, review: false });
  });
});
