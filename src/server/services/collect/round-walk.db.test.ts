import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/policies/policies';
import type { DbHandle } from '../../db/connect';
import { fixtureActor, smallDataset } from '../../test/fixture';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { type Ctx, systemClock } from '../context';
import { getConsolidatedTable } from '../publish/consolidated-table';
import { getPublicTable } from '../publish/public-table';
import { publishRound } from '../publish/publish-round';
import { transitionReport } from '../review/transition-report';
import { seedDataset } from '../seed-dataset';
import { listMyReports } from './my-reports';
import { openRound } from './open-round';
import { getReportDetail } from './report-detail';
import { listRounds } from './rounds';
import { saveReport } from './save-report';

const sup: Actor = fixtureActor('sup');
const repA: Actor = fixtureActor('repa');
const repB: Actor = fixtureActor('repb');
const deputy: Actor = fixtureActor('dep');

const content = (baseVersion: number, progressText: string) => ({
  baseVersion,
  progressText,
  selfAssessment: '按计划推进',
  problems: '无',
  nextSteps: '1.10月底前完成验收。',
  targetAdjustmentNote: '',
  completedAnnualTarget: false,
  values: [{ indicatorId: 'ind-1', value: 95 }],
});

describe(`reporting round end to end (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  const ctx = (actor: Actor | null): Ctx => ({ db: h.db, actor, ip: '127.0.0.1', now: systemClock });
  let roundId = '';
  let reportA = '';

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
  });
  afterAll(async () => h?.close());

  it('opens a round with one report per project × lead unit, in one transaction', async () => {
    const r = await openRound(ctx(sup), {
      programmeId: 'prog',
      periodType: 'quarter',
      periodKey: '2026-Q3',
      asOf: '2026-09-30',
      dueDate: '2026-10-08',
    });
    roundId = r.id;
    expect(r.total).toBe(4);
    expect(r.periodLabel).toBe('2026年第三季度');
    await expect(
      openRound(ctx(sup), {
        programmeId: 'prog',
        periodType: 'quarter',
        periodKey: '2026-Q3',
        asOf: '2026-09-30',
        dueDate: '2026-10-08',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      openRound(ctx(repA), {
        programmeId: 'prog',
        periodType: 'quarter',
        periodKey: '2026-Q4',
        asOf: '2026-12-31',
        dueDate: '2027-01-05',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const rounds = await listRounds(ctx(sup), 'prog');
    expect(rounds.map((x) => x.periodKey)).toEqual(['2026-Q3', '2026-Q2']);
  });

  it('shows a reporter only their units’ reports, with last round beside the form', async () => {
    const mine = await listMyReports(ctx(repA), roundId);
    expect(mine.map((m) => m.code).sort()).toEqual(['11-1', '11-3']);
    reportA = mine.find((m) => m.code === '11-1')!.reportId;
    const d = await getReportDetail(ctx(repA), reportA);
    expect(d.previous?.periodLabel).toBe('2026年第二季度');
    expect(d.previous?.values).toEqual([{ indicatorId: 'ind-1', value: 60 }]);
    expect(d.project.periodTarget).toBe('累计建设90个充电插口');
    expect(d.report.allowedActions).toEqual(['save', 'submit']);
    await expect(getReportDetail(ctx(repB), reportA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(d.judge).toMatchObject({
      basis: 'project',
      target: '建设120个充电插口。',
      periodTarget: '累计建设90个充电插口',
    });
    // A target split across units is judged against the unit's own part.
    const shared = await getReportDetail(ctx(repA), mine.find((m) => m.code === '11-3')!.reportId);
    expect(shared.judge).toMatchObject({ basis: 'share', target: '新增20台', periodTarget: '' });
  });

  it('keeps every save as a version and refuses stale saves', async () => {
    let d = await saveReport(ctx(repA), reportA, content(0, '1.已完成80个充电插口建设。'));
    expect(d.report.versionNo).toBe(1);
    d = await saveReport(ctx(repA), reportA, content(1, '1.已完成95个充电插口建设。'));
    expect(d.report.versionNo).toBe(2);
    await expect(saveReport(ctx(repA), reportA, content(1, '过期的修改'))).rejects.toMatchObject({ code: 'CONFLICT' });
    const versions = await h.db
      .selectFrom('reportVersions')
      .selectAll()
      .where('reportId', '=', reportA)
      .orderBy('versionNo')
      .execute();
    expect(versions.map((v) => v.progressText)).toEqual(['1.已完成80个充电插口建设。', '1.已完成95个充电插口建设。']);
  });

  it('writes nothing when a save is invalid', async () => {
    const bad = { ...content(2, 'x'), values: [{ indicatorId: 'ind-2', value: 1 }] };
    await expect(saveReport(ctx(repA), reportA, bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    const other = { ...content(2, 'x'), selfAssessment: '进展顺利' };
    await expect(saveReport(ctx(repA), reportA, other)).rejects.toMatchObject({ code: 'VALIDATION' });
    const n = await h.db
      .selectFrom('reportVersions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reportId', '=', reportA)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  });

  it('walks submit → return with comment → edit → resubmit → approve, then locks', async () => {
    let d = await transitionReport(ctx(repA), reportA, 'submit', { baseVersion: 2 });
    expect(d.report.status).toBe('submitted');
    await expect(transitionReport(ctx(repA), reportA, 'approve', { baseVersion: 3 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    d = await transitionReport(ctx(sup), reportA, 'return', { baseVersion: 3, comment: '请补充具体完成数量。' });
    expect(d.report.status).toBe('returned');
    d = await getReportDetail(ctx(repA), reportA);
    expect(d.report.lastComment).toBe('请补充具体完成数量。');
    d = await saveReport(ctx(repA), reportA, content(4, '1.已完成充电插口建设98个，正在调试。'));
    expect(d.report.status).toBe('returned');
    d = await transitionReport(ctx(repA), reportA, 'submit', { baseVersion: 5 });
    d = await transitionReport(ctx(sup), reportA, 'approve', { baseVersion: 6 });
    expect(d.report.status).toBe('approved');
    expect(d.report.locked).toBe(true);
    await expect(saveReport(ctx(repA), reportA, content(7, '改动'))).rejects.toMatchObject({ code: 'LOCKED' });
    expect(d.history.map((x) => x.action)).toEqual(['approve', 'submit', 'save', 'return', 'submit', 'save', 'save']);
    const audit = await h.db.selectFrom('auditLog').selectAll().where('entityId', '=', reportA).execute();
    expect(audit.map((a) => a.action)).toContain('report.return');
    const ret = audit.find((a) => a.action === 'report.return')!;
    expect(JSON.parse(ret.before!)).toMatchObject({ status: 'submitted' });
    expect(JSON.parse(ret.after!)).toMatchObject({ status: 'returned', comment: '请补充具体完成数量。' });
  });

  it('builds the consolidated table with who has not handed in', async () => {
    const t = await getConsolidatedTable(ctx(sup), roundId);
    expect(t.rows.map((r) => `${r.code}/${r.unit}`)).toEqual([
      '11-1/东湖街道',
      '11-2/西岭街道',
      '11-3/东湖街道',
      '11-3/西岭街道',
    ]);
    expect(t.rows[0]).toMatchObject({ status: 'approved', selfAssessment: '按计划推进', leadUnits: ['东湖街道'] });
    expect(t.rows[2]).toMatchObject({ seq: 3, assistUnits: ['区民政局'] });
    // Judged against the annual target 建设120个充电插口 at 9-30 (序时 75%): 98/120 = 81.7%, ahead of schedule.
    expect(t.rows[0]).toMatchObject({ computedStatus: '超序时进度', light: 'green' });
    expect(t.rows[0]!.completionRatio).toBeCloseTo(98 / 120, 4);
    expect(t.rows[0]!.reason).toMatch(/98\/120/);
    expect(t.rows[1]!.computedStatus).toBeNull();
    expect(t.rows[3]!.seq).toBe(3);
    expect(t.missing.map((m) => `${m.unit}:${m.pending}/${m.total}`)).toEqual(['西岭街道:2/2', '东湖街道:1/2']);
    expect(t.periodTargetLabel).toBe('第三季度目标');
    // Deputies: key-supervision projects only, approved content only — 11-2 has not been handed in yet.
    const dep = await getConsolidatedTable(ctx(deputy), roundId);
    expect(dep.rows.map((r) => r.code)).toEqual([]);
    expect(dep.missing).toEqual([]);
    await expect(getConsolidatedTable(ctx(repA), roundId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('publishes approved reports and shows only those to the public', async () => {
    await expect(getPublicTable(h.db, roundId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await publishRound(ctx(sup), roundId)).toEqual({ published: 1 });
    const pub = await getPublicTable(h.db, roundId);
    expect(pub.rows.map((r) => r.code)).toEqual(['11-1']);
    expect(pub.missing).toEqual([]);
  });

  it('refuses to submit a self-assessed 滞后 report without the written analysis', async () => {
    const id = (await listMyReports(ctx(repA), roundId)).find((m) => m.code === '11-3')!.reportId;
    const lag = { ...content(0, '1.已新增电梯8台，因管线迁改进度滞后。'), selfAssessment: '滞后', values: [] };
    await saveReport(ctx(repA), id, lag);
    await expect(transitionReport(ctx(repA), id, 'submit', { baseVersion: 1 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/滞后分析.*主观/),
    });
    const analysis = {
      problems: '管线迁改未完成。',
      subjective: '前期协调不够主动。',
      objective: '燃气管线迁改排期晚。',
      plan: '1.11月底前完成迁改并加装到位。',
    };
    await saveReport(ctx(repA), id, { ...lag, baseVersion: 1, lagAnalysis: analysis });
    const d = await transitionReport(ctx(repA), id, 'submit', { baseVersion: 2 });
    expect(d.report.status).toBe('submitted');
    expect(d.content.lagAnalysis).toEqual(analysis);
  });
});
