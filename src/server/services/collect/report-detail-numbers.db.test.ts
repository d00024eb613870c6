/**
 * The report page sends, with what the report is judged against, the numbers its version gives the engine as data (an
 * imported 完成数 / 完成率): the browser's 智能研判 panel judges with them and shows the stored assessment, and while a
 * unit edits, it judges what a save would store.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelContent } from '../../../../web/src/features/reports/judge-content';
import { draftFromDetail, toSaveInput } from '../../../../web/src/features/reports/report-draft';
import { judgeReport } from '../../../domain/assess';
import type { ReportDetail } from '../../../shared/api-types';
import type { DbHandle } from '../../db/connect';
import { as, createTestApp, loginAs, type Session } from '../../test/test-app';
import { TEST_ENGINE } from '../../test/test-db';
import { commitTable } from '../../test/upload';

// Fictional rows, as of 2026-09-30 (linear schedule: about 74.8% expected):
// 41-1 no figure in the text, 完成数 96 of 120 and 完成率 80% (stored: 超序时进度 from the numbers alone);
// 41-2 no figure in the text, 3.2 of 5.6 万人 but 完成率 60% (stored: behind, with a mismatch finding);
// 41-3 the same prose and no numbers at all (nothing to compute from).
const TABLE = [
  '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
  '序号\t项目名称\t年度目标\t计量单位\t年度目标数\t完成数\t完成率\t截至9月30日落实情况\t牵头责任单位',
  '1\t东湖街道公共充电插口建设 区民生实事第41-1项\t建设120个充电插口。\t个\t120\t96\t80%\t充电插口建设进展顺利。\t东湖街道',
  '2\t西岭街道就业困难人员帮扶 区民生实事第41-2项\t帮扶就业困难人员5.6万人。\t万人\t5.6\t3.2\t60%\t帮扶工作进展顺利。\t西岭街道',
  '3\t西岭街道南区公共充电插口建设 区民生实事第41-3项\t建设120个充电插口。\t\t\t\t\t充电插口建设进展顺利。\t西岭街道',
].join('\n');

describe(`the report page carries the numbers of its version for the live judgement (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  let sup: Session;

  const reportOf = (code: string) =>
    h.db
      .selectFrom('reports')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .select(['reports.id', 'reports.roundId', 'reports.versionNo', 'reports.status'])
      .where('projects.code', '=', code)
      .executeTakeFirstOrThrow();
  /** The current assessment of the report's current version. */
  const stored = (reportId: string) =>
    h.db
      .selectFrom('reportAssessments')
      .innerJoin('reports', 'reports.id', 'reportAssessments.reportId')
      .innerJoin('reportVersions', (j) =>
        j
          .onRef('reportVersions.id', '=', 'reportAssessments.versionId')
          .onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
      )
      .selectAll('reportAssessments')
      .where('reports.id', '=', reportId)
      .where('reportAssessments.current', '=', 1)
      .executeTakeFirstOrThrow();
  const detailOf = async (s: Session, reportId: string): Promise<ReportDetail> => {
    const r = await app.inject({ method: 'GET', url: `/api/reports/${reportId}`, headers: as(s) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  /** What the panel shows for a detail (the same call as web/src/features/reports/judgement-panel.tsx). */
  const panel = (d: ReportDetail, editable: boolean, draft = draftFromDetail(d)) => {
    const j = judgeReport(d.judge.facts, panelContent(d, draft, editable));
    expect(j.error).toBeNull();
    return {
      computedStatus: j.result?.computedStatus ?? null,
      completionRatio: j.result?.completionRatio ?? null,
      publishedRatio: j.result?.publishedRatio ?? null,
      computedRatio: j.result?.computedRatio ?? null,
    };
  };
  const pick = (a: Awaited<ReturnType<typeof stored>>) => ({
    computedStatus: a.computedStatus,
    completionRatio: a.completionRatio,
    publishedRatio: a.publishedRatio,
    computedRatio: a.computedRatio,
  });

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    sup = await loginAs(app, 'sup');
    const r = await commitTable(app, sup, TABLE, { programmeId: 'prog' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ projectsCreated: 3, reportsVersioned: 3 });
  });
  afterAll(async () => close?.());

  it("an imported version's detail carries its 完成数 and 完成率 as the engine takes them", async () => {
    const report = await reportOf('41-1');
    const d = await detailOf(sup, report.id);
    expect(d.content.progressText).toBe('充电插口建设进展顺利。');
    expect(d.judge.numbers).toEqual({ values: [{ value: 96, unit: '个' }], publishedRatio: 0.8 });
    // the 完成数 indicator created by the import is the one whose value is given as data
    const columns = Object.entries(d.judge.dataColumns ?? {});
    expect(columns).toHaveLength(1);
    const [indicatorId, column] = columns[0]!;
    expect(column).toBe('targetNumber');
    expect(d.content.values.find((v) => v.indicatorId === indicatorId)?.value).toBe(96);

    // 万人 folded to 人 at import, as the stored assessment takes it
    const other = await detailOf(sup, (await reportOf('41-2')).id);
    expect(other.judge.numbers).toEqual({ values: [{ value: 32000, unit: '人' }], publishedRatio: 0.6 });
    // no numeric columns: nothing given as data
    const none = await detailOf(sup, (await reportOf('41-3')).id);
    expect(none.judge.numbers).toEqual({});
    expect(none.judge.dataColumns).toEqual({});
  });

  it('judging with the detail gives the stored assessment (the text alone could not)', async () => {
    for (const code of ['41-1', '41-2', '41-3']) {
      const report = await reportOf(code);
      const d = await detailOf(sup, report.id);
      const a = pick(await stored(report.id));
      expect(panel(d, false), code).toEqual(a);
      // a form not changed yet: submitting it keeps the imported version and its assessment, and the panel shows it
      expect(panel(d, true), code).toEqual(a);
    }
    const d = await detailOf(sup, (await reportOf('41-1')).id);
    expect(panel(d, false).computedStatus).toBe('超序时进度');
    // the text alone, as the panel judged before: nothing to compute from
    const textOnly = judgeReport(d.judge.facts, { progress: d.content.progressText, selfAssessment: null });
    expect(textOnly.result?.computedStatus ?? null).toBeNull();
  });

  it("while the unit edits, the panel judges what the save stores: the form's values, not the import's 完成率", async () => {
    const report = await reportOf('41-1');
    // the import left the report with the office; hand it to the unit as a draft of an open round (set directly:
    // returning and opening rounds are tested elsewhere)
    await h.db.updateTable('reports').set({ status: 'draft' }).where('id', '=', report.id).execute();
    await h.db.updateTable('rounds').set({ status: 'open' }).where('id', '=', report.roundId).execute();
    const repa = await loginAs(app, 'repa');
    const d = await detailOf(repa, report.id);
    expect(d.report.abilities.save).toBe(true);
    const [indicatorId] = Object.keys(d.judge.dataColumns ?? {});
    const draft = draftFromDetail(d);
    draft.progressText = '充电插口建设进展顺利，部分点位已通电。';
    draft.values[indicatorId!] = 60;
    const predicted = panel(d, true, draft);
    // 60 of 120 is behind the schedule, and no published ratio carries over to the unit's version
    expect(predicted.completionRatio).toBeCloseTo(0.5, 9);
    expect(predicted.publishedRatio).toBeNull();
    expect(['滞后', '严重滞后']).toContain(predicted.computedStatus);

    const saved = await app.inject({
      method: 'PUT',
      url: `/api/reports/${report.id}`,
      headers: as(repa),
      payload: toSaveInput(
        draft,
        d.report.versionNo,
        d.indicators.map((i) => i.id),
      ),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after: ReportDetail = saved.json();
    expect(after.report.versionNo).toBe(d.report.versionNo + 1);
    const a = pick(await stored(report.id));
    expect(a).toEqual(predicted);
    // the saved version's detail carries its own numbers: the form's value, no 完成率
    expect(after.judge.numbers).toEqual({ values: [{ value: 60, unit: '个' }] });
    expect(panel(after, false)).toEqual(a);
  });

  it("a deputy's page carries the numbers of the approved version it shows", async () => {
    const report = await reportOf('41-2');
    // deputies read the key projects (重点督办) of their government's programmes
    await h.db
      .updateTable('projects')
      .set({ flags: JSON.stringify(['key_supervision']), keySupervision: 1 })
      .where('code', '=', '41-2')
      .execute();
    const dep = await loginAs(app, 'dep');
    const hidden = await app.inject({ method: 'GET', url: `/api/reports/${report.id}`, headers: as(dep) });
    expect(hidden.statusCode).toBe(404);
    await h.db.updateTable('reports').set({ status: 'submitted' }).where('id', '=', report.id).execute();
    const ok = await app.inject({
      method: 'POST',
      url: `/api/reports/${report.id}/approve`,
      headers: as(sup),
      payload: { baseVersion: report.versionNo },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const d = await detailOf(dep, report.id);
    expect(d.report.status).toBe('approved');
    expect(d.judge.numbers).toEqual({ values: [{ value: 32000, unit: '人' }], publishedRatio: 0.6 });
    const approved = pick(await stored(report.id));
    expect(panel(d, false)).toEqual(approved);

    // a later version the deputy may not see, with other numbers: revoked, returned, saved by the unit
    const call = (s: Session, url: string, payload: object, method: 'POST' | 'PUT' = 'POST') =>
      app.inject({ method, url: `/api/reports/${report.id}${url}`, headers: as(s), payload });
    let v = (await reportOf('41-2')).versionNo;
    expect((await call(sup, '/revoke', { baseVersion: v, revokeReason: '数字需复核' })).statusCode).toBe(200);
    v = (await reportOf('41-2')).versionNo;
    expect((await call(sup, '/return', { baseVersion: v, comment: '请核实帮扶人数' })).statusCode).toBe(200);
    const repb = await loginAs(app, 'repb');
    const unitView = await detailOf(repb, report.id);
    const draft = draftFromDetail(unitView);
    draft.values[Object.keys(unitView.judge.dataColumns ?? {})[0]!] = 40000;
    const saved = await call(
      repb,
      '',
      toSaveInput(
        draft,
        unitView.report.versionNo,
        unitView.indicators.map((i) => i.id),
      ),
      'PUT',
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await detailOf(sup, report.id)).judge.numbers).toEqual({ values: [{ value: 40000, unit: '人' }] });
    const again = await detailOf(dep, report.id);
    expect(again.report.versionNo).toBe(d.report.versionNo);
    expect(again.judge.numbers).toEqual({ values: [{ value: 32000, unit: '人' }], publishedRatio: 0.6 });
    expect(panel(again, false)).toEqual(approved);
  });
});
