/**
 * 领导总览, 排名, 考核 over HTTP (issue 12 §1, §3), on numbers computed from reports written through the API: the
 * district's leader and office see their programme (counts with change and drill-down, lagging projects, mismatches,
 * overdue units, trends, investment), units and deputies get 403, another district's office sees nothing of it; the
 * ranking and the 考核 come from the one scoring function with the deductions explained; the office sets the rules;
 * the 考核 table downloads as .xlsx.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { raiseSupervision } from '../services/supervision/raise';
import { smallDataset } from '../test/fixture';
import { as, loginAs, openQ3Round, type Session } from '../test/test-app';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

type Row = { reportId: string; code: string; unit: string; unitId: string; statusKey: string; light: string | null };
type Count = {
  key: string;
  count: number;
  previous: number | null;
  change: number | null;
  drill: { href: string | null; filter: Record<string, string> };
};
type Unit = {
  orgId: string;
  unit: string;
  rank: number;
  total: number;
  max: number;
  facts: Record<string, number>;
  components: { key: string; points: number; weight: number }[];
  deductions: { component: string; points: number; why: string; rows: { reportId: string | null; code: string }[] }[];
};

describe(`dashboard, ranking and 考核 (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let t = Date.parse('2026-10-05T02:00:00Z');
  const s: Record<string, Session> = {};
  let q3 = '';
  const reportOf: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
  const login = async () => {
    for (const u of ['sup', 'repa', 'repb', 'lead', 'dep', 'sup2', 'lead2']) s[u] = await loginAs(app, u);
  };
  const save = async (who: string, key: string, progressText: string, values: object[] = []) => {
    const res = await call(who, 'PUT', `/api/reports/${reportOf[key]}`, {
      baseVersion: 0,
      progressText,
      selfAssessment: '按计划推进',
      problems: '1.施工场地协调难度大。',
      nextSteps: '1.10月底前完成剩余工作。',
      values,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset(), new Date(t - 86_400_000));
    app = await buildApp({ db: h.db, loginRateMax: 1000, strictResponses: true, clock: () => new Date(t) });
    // A money indicator (投资) on the charging project: target 500万元.
    await h.db
      .insertInto('indicators')
      .values({
        id: 'ind-money',
        projectId: 'p-1',
        seq: 2,
        name: '完成投资',
        kind: 'quantity',
        unit: '万元',
        targetText: '完成投资500万元',
        targetValue: 500,
        deadline: null,
        orgId: null,
      })
      .execute();
    await login();
    q3 = await openQ3Round(app, s.sup!);
    for (const who of ['repa', 'repb']) {
      const list = await call(who, 'GET', `/api/rounds/${q3}/my-reports`);
      for (const r of list.json() as { reportId: string; code: string }[]) reportOf[`${who}:${r.code}`] = r.reportId;
    }
    // 东湖: the charging project ahead of its Q3 target (100 of 90) and handed in on time, with 300万元 invested;
    // its lift share far behind (8 of 20 against 75%) while it says 按计划推进 — saved, not handed in.
    const p1 = await save('repa', 'repa:11-1', '1.累计建设充电插口100个。', [
      { indicatorId: 'ind-1', value: 100 },
      { indicatorId: 'ind-money', value: 300 },
    ]);
    const sub = await call('repa', 'POST', `/api/reports/${reportOf['repa:11-1']}/submit`, {
      baseVersion: p1.report.versionNo,
    });
    expect(sub.statusCode, sub.body).toBe(200);
    await save('repa', 'repa:11-3', '1.累计新增8台。');
    // 西岭: its lift share on schedule (16 of 20), saved only; the service station not started.
    await save('repb', 'repb:11-3', '1.累计新增16台。');
    // A red 督办 of 西岭's service station in this round.
    await h.db.transaction().execute((trx) =>
      raiseSupervision(trx, {
        programmeId: 'prog',
        roundId: q3,
        projectId: 'p-2',
        orgId: 'org-b',
        reportId: reportOf['repb:11-2'] ?? null,
        level: 'red',
        reason: '逾期未报送',
        idempotencyKey: 'test:p-2:org-b:red',
        responseDueDate: '2026-10-20',
        now: new Date(t),
        actorId: null,
      }),
    );
    // Four days after the due date (2026-10-08).
    t = Date.parse('2026-10-12T02:00:00Z');
    await login();
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('leaders land on the dashboard; the office keeps its rounds; units and deputies have no dashboard', async () => {
    const me = async (who: string) => (await call(who, 'GET', '/api/auth/me')).json();
    expect((await me('lead')).home).toBe('/dashboard');
    expect((await me('lead')).abilities.readDashboard).toBe(true);
    expect((await me('sup')).abilities.readDashboard).toBe(true);
    expect((await me('sup')).home).toBe('/rounds');
    expect((await me('dep')).abilities.readDashboard).toBe(false);
    expect((await me('repa')).abilities.readDashboard).toBe(false);
  });

  it('overview: counts by status and light with the change since the previous round, each with its rows', async () => {
    const res = await call('lead', 'GET', '/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.programme).toMatchObject({ id: 'prog' });
    expect(d.programmes.map((p: { id: string }) => p.id)).toEqual(['prog']);
    expect(d.round.id).toBe(q3);
    expect(d.previousRound.id).toBe('r-q2');
    const inRound = await h.db.selectFrom('reports').select('id').where('roundId', '=', q3).execute();
    const inQ2 = await h.db.selectFrom('reports').select('id').where('roundId', '=', 'r-q2').execute();
    expect(d.total).toMatchObject({
      count: inRound.length,
      previous: inQ2.length,
      change: inRound.length - inQ2.length,
    });
    expect(d.rows).toHaveLength(inRound.length);
    // Every count equals the rows its filter selects, and links to the table with that filter.
    const rows = d.rows as Row[];
    for (const c of d.byStatus as Count[]) {
      expect(c.count, c.key).toBe(rows.filter((r) => r.statusKey === c.key).length);
      expect(c.drill.href).toBe(`#/rounds/${q3}/table?status=${c.key}`);
    }
    for (const c of d.byLight as Count[]) expect(c.count, c.key).toBe(rows.filter((r) => r.light === c.key).length);
    const behind = (d.byStatus as Count[])
      .filter((c) => c.key === 'lagging' || c.key === 'severe')
      .reduce((n, c) => n + c.count, 0);
    expect(behind).toBe(1);
    expect(d.behind).toMatchObject({ count: 1, drill: { href: `#/rounds/${q3}/table?status=lagging%2Csevere` } });
    expect(d.handedIn.count).toBe(1);
    // The lagging project: 东湖's lift share, with its gap and reason.
    expect(d.lagging).toHaveLength(1);
    expect(d.lagging[0]).toMatchObject({ code: '11-3', unit: '东湖街道', reportId: reportOf['repa:11-3'] });
    expect(d.lagging[0].gapPoints).toBeLessThan(0);
    expect(d.lagging[0].reason).toBeTruthy();
    expect(d.lagging[0].drill.filter).toMatchObject({ unit: 'org-a' });
    // It says 按计划推进: the numbers contradict it.
    expect(d.mismatches.map((m: Row) => m.reportId)).toEqual([reportOf['repa:11-3']]);
    // Overdue units: both streets have something not handed in, four days after the due date.
    const overdue = d.overdueUnits as { unit: string; pending: number; daysOverdue: number }[];
    expect(overdue.map((u) => u.unit).sort()).toEqual(['东湖街道', '西岭街道']);
    expect(overdue.find((u) => u.unit === '西岭街道')).toMatchObject({ pending: 2, daysOverdue: 4 });
    // Investment against physical progress: 300 of 500万元.
    expect(d.investment.items).toHaveLength(1);
    expect(d.investment.items[0]).toMatchObject({ code: '11-1', invested: 300, target: 500, investedRatio: 0.6 });
    expect(d.investment.items[0].physicalRatio).toBeGreaterThan(0.8);
    // The earlier round can be chosen; a round of another programme cannot.
    const q2 = (await call('lead', 'GET', '/api/dashboard?round=r-q2')).json();
    expect(q2.total.count).toBe(inQ2.length);
    expect(q2.previousRound).toBeNull();
    expect((await call('lead', 'GET', '/api/dashboard?round=r2-q2')).statusCode).toBe(400);
  });

  it('scope: units and deputies 403; another district sees nothing of it and its own programme only', async () => {
    expect((await call('repa', 'GET', '/api/dashboard')).statusCode).toBe(403);
    expect((await call('repa', 'GET', '/api/dashboard?programme=prog')).statusCode).toBe(403);
    expect((await call('dep', 'GET', '/api/dashboard')).statusCode).toBe(403);
    expect((await call('dep', 'GET', '/api/dashboard/ranking')).statusCode).toBe(403);
    expect((await call('repa', 'GET', '/api/programmes/prog/scores')).statusCode).toBe(403);
    for (const url of [
      '/api/dashboard?programme=prog',
      '/api/dashboard/trends?programme=prog',
      '/api/dashboard/ranking?programme=prog',
      '/api/programmes/prog/scores',
      '/api/programmes/prog/scores.xlsx',
    ])
      expect((await call('sup2', 'GET', url)).statusCode, url).toBe(404);
    const own = (await call('lead2', 'GET', '/api/dashboard')).json();
    expect(own.programme.id).toBe('prog2');
    expect(own.programmes.map((p: { id: string }) => p.id)).toEqual(['prog2']);
    expect((own.rows as Row[]).every((r) => r.unitId === 'org-x')).toBe(true);
  });

  it('trends: completion against 序时进度 per round, per matter and per project; the status mix per round', async () => {
    const all = (await call('lead', 'GET', '/api/dashboard/trends')).json();
    expect(all.rounds.map((r: { id: string }) => r.id)).toEqual(['r-q2', q3]);
    expect(all.series).toHaveLength(1);
    const overview = (await call('lead', 'GET', '/api/dashboard')).json();
    const ratios = (overview.rows as { completionRatio: number | null }[])
      .map((r) => r.completionRatio)
      .filter((x): x is number => x !== null);
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    expect(all.series[0].points[1].completion).toBeCloseTo(mean, 3);
    expect(all.series[0].points[1].expected).toBeGreaterThan(0.5);
    const mix = all.statusMix.find((m: { roundId: string }) => m.roundId === q3);
    expect((mix.counts.lagging ?? 0) + (mix.counts.severe ?? 0)).toBe(1);
    expect(mix.drill.lagging.href).toBe(`#/rounds/${q3}/table?status=lagging`);
    const project = (await call('lead', 'GET', '/api/dashboard/trends?by=project&id=p-3')).json();
    expect(project.series.map((x: { label: string }) => x.label)).toEqual(['11-3 老旧小区电梯加装']);
    const matters = (await call('lead', 'GET', '/api/dashboard/trends?by=matter')).json();
    expect(matters.series.map((x: { key: string }) => x.key)).toEqual(['m-1']);
    const bad = await call('lead', 'GET', '/api/dashboard/trends?by=project&id=p-21');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('不属于该实事计划');
    expect((await call('lead', 'GET', '/api/dashboard/trends?by=unit')).statusCode).toBe(400);
  });

  it('ranking: each component and the deductions, for one round and for the year to date', async () => {
    const res = await call('lead', 'GET', '/api/dashboard/ranking');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const units = r.units as Unit[];
    const a = units.find((u) => u.unit === '东湖街道')!;
    const b = units.find((u) => u.unit === '西岭街道')!;
    // 东湖's lagging lift report is a draft: only what was handed in is judged (its absence costs the points).
    expect(a.facts).toMatchObject({ due: 2, submitted: 1, onTime: 1, missing: 1, lagging: 0, severe: 0 });
    expect(b.facts).toMatchObject({ due: 2, submitted: 0 });
    expect(a.rank).toBeLessThan(b.rank);
    for (const u of units) {
      // Every lost point is explained.
      const lost = u.deductions.reduce((n, d) => n + d.points, 0);
      expect(u.total + lost).toBeCloseTo(u.max, 1);
      expect(u.components.map((c) => c.key)).toEqual(r.components.map((c: { key: string }) => c.key));
    }
    const missing = b.deductions.find((d) => d.component === 'completeness')!;
    expect(missing.rows.map((x) => x.reportId).sort()).toEqual([reportOf['repb:11-2'], reportOf['repb:11-3']].sort());
    // The year to date counts both rounds.
    const year = (await call('lead', 'GET', '/api/dashboard/ranking?period=year')).json();
    const ay = (year.units as Unit[]).find((u) => u.unit === '东湖街道')!;
    expect(ay.facts.due).toBe(3);
    expect((await call('lead', 'GET', '/api/dashboard/ranking?period=month')).statusCode).toBe(400);
  });

  it('考核: the year score with the 督办 deducted; the office sets the rules (validated), leaders cannot', async () => {
    const res = await call('lead', 'GET', '/api/programmes/prog/scores');
    expect(res.statusCode, res.body).toBe(200);
    const sc = res.json();
    expect(sc.canConfigure).toBe(false);
    expect(sc.isDefault).toBe(true);
    const b = (sc.units as Unit[]).find((u) => u.unit === '西岭街道')!;
    const esc = b.deductions.find((d) => d.component === 'escalation')!;
    expect(esc.points).toBe(sc.rules.penalties.red);
    expect(esc.why).toContain('红色督办单');
    expect(b.facts.escalations).toBe(1);

    const rules = { ...sc.defaults, assessment: { ...sc.defaults.assessment, completion: 0, timeliness: 40 } };
    expect((await call('lead', 'PUT', '/api/programmes/prog/evaluation-rules', { rules })).statusCode).toBe(403);
    expect((await call('sup2', 'PUT', '/api/programmes/prog/evaluation-rules', { rules })).statusCode).toBe(404);
    const bad = await call('sup', 'PUT', '/api/programmes/prog/evaluation-rules', { rules });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('考核公式各项分值之和应为100，现为95');
    const negative = await call('sup', 'PUT', '/api/programmes/prog/evaluation-rules', {
      rules: { ...sc.defaults, penalties: { ...sc.defaults.penalties, red: -1 } },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toContain('每张红色督办单扣分不能为负数');
    // Only timeliness counts: each unit's score is its on-time share.
    const only = { ...sc.defaults, assessment: { timeliness: 100 } };
    const set = await call('sup', 'PUT', '/api/programmes/prog/evaluation-rules', { rules: only });
    expect(set.statusCode, set.body).toBe(200);
    const after = set.json();
    expect(after.isDefault).toBe(false);
    expect(after.canConfigure).toBe(true);
    for (const u of after.units as Unit[]) expect(u.total).toBeCloseTo((100 * u.facts.onTime!) / u.facts.due!, 1);
    const audit = await h.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'programme.evaluationRules')
      .execute();
    expect(audit).toHaveLength(1);
    const reset = await call('sup', 'PUT', '/api/programmes/prog/evaluation-rules', { rules: null });
    expect(reset.json().isDefault).toBe(true);
  });

  it('the 考核 table downloads as .xlsx with a title row and Chinese headers', async () => {
    const res = await call('lead', 'GET', '/api/programmes/prog/scores.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核得分')!;
    expect(String(ws.getCell(1, 1).value)).toBe('测试区2026年民生实事单位考核得分');
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['排名', '单位', '总分']));
    const sc = (await call('lead', 'GET', '/api/programmes/prog/scores')).json();
    expect(ws.rowCount).toBe(2 + sc.units.length);
    expect(ws.getCell(3, 2).value).toBe(sc.units[0].unit);
    expect(wb.getWorksheet('扣分明细')!.rowCount).toBeGreaterThan(2);
  });
});
