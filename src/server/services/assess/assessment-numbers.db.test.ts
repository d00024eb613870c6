/**
 * Issue 14 §2: the numeric columns of an import (完成数, 完成率) feed the stored assessment of the version they came with,
 * not only the table's number columns.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../../domain/assess';
import type { DbHandle } from '../../db/connect';
import { summaryMismatches } from '../../test/report-summary';
import { as, createTestApp, loginAs, type Session } from '../../test/test-app';
import { TEST_ENGINE } from '../../test/test-db';
import { commitTable } from '../../test/upload';
import { reassessProgramme } from './assessments';

// Fictional rows, as of 2026-09-30 (linear schedule: about 74.8% expected):
// 31-1 no figure in the text, 完成数 96 of 120 and 完成率 80% (they agree);
// 31-2 no figure in the text, 3.2 of 5.6 万人 (57.1%) but 完成率 60% (they disagree);
// 31-3 the text says 60个 and 50%, the columns say 96 and 80%;
// 31-4 the same text as 31-1 and no numbers at all (the control: nothing to compute from).
const TABLE = [
  '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
  '序号\t项目名称\t年度目标\t计量单位\t年度目标数\t完成数\t完成率\t截至9月30日落实情况\t牵头责任单位',
  '1\t东湖街道公共充电插口建设 区民生实事第31-1项\t建设120个充电插口。\t个\t120\t96\t80%\t充电插口建设进展顺利。\t东湖街道',
  '2\t西岭街道就业困难人员帮扶 区民生实事第31-2项\t帮扶就业困难人员5.6万人。\t万人\t5.6\t3.2\t60%\t帮扶工作进展顺利。\t西岭街道',
  '3\t东湖街道北区公共充电插口建设 区民生实事第31-3项\t建设120个充电插口。\t个\t120\t96\t80%\t已建成充电插口60个，完成50%。\t东湖街道',
  '4\t西岭街道南区公共充电插口建设 区民生实事第31-4项\t建设120个充电插口。\t\t\t\t\t充电插口建设进展顺利。\t西岭街道',
].join('\n');

describe(`imported numbers in the stored assessment (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  let sup: Session;

  /** The current assessment of the current version of a project's report, with the version's text. */
  const stored = (code: string) =>
    h.db
      .selectFrom('reportAssessments')
      .innerJoin('reports', 'reports.id', 'reportAssessments.reportId')
      .innerJoin('reportVersions', (j) =>
        j
          .onRef('reportVersions.id', '=', 'reportAssessments.versionId')
          .onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
      )
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .selectAll('reportAssessments')
      .select(['reportVersions.progressText', 'projects.code'])
      .where('projects.code', '=', code)
      .where('reportAssessments.current', '=', 1)
      .executeTakeFirstOrThrow();
  const rules = (findings: string) => (JSON.parse(findings) as { rule: string }[]).map((f) => f.rule);

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    sup = await loginAs(app, 'sup');
    const r = await commitTable(app, sup, TABLE, { programmeId: 'prog' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ projectsCreated: 4, reportsVersioned: 4 });
  });
  afterAll(async () => close?.());

  it('the control: the same text without numbers gives nothing to compute', async () => {
    const a = await stored('31-4');
    expect(a.progressText).toBe('充电插口建设进展顺利。');
    expect(a.completionRatio).toBeNull();
    expect(a.computedStatus).toBeNull();
  });

  it('完成数 and 完成率 columns (no figure in the text) give the ratios and the status', async () => {
    const a = await stored('31-1');
    expect(a.progressText).toBe('充电插口建设进展顺利。');
    expect(a.engineVersion).toBe(ENGINE_VERSION);
    expect(a.publishedRatio).toBe(0.8);
    expect(a.computedRatio).toBeCloseTo(96 / 120, 9);
    expect(a.completionRatio).toBe(0.8);
    // 80% against about 74.8% expected on 30 September: more than a point ahead
    expect(a.expectedRatio).toBeCloseTo(273 / 365, 2);
    expect(a.computedStatus).toBe('超序时进度');
    expect(a.light).toBe('green');
    expect(rules(a.findings)).not.toContain('published-ratio-mismatch');
    expect(rules(a.findings)).not.toContain('no-numbers');
  });

  it('a 完成率 that disagrees with 完成数 ÷ 年度目标数 is the completion ratio, flagged as a mismatch', async () => {
    const a = await stored('31-2');
    // 3.2 万人 was folded to 32,000 人 at import; the target text says 5.6万人
    expect(a.computedRatio).toBeCloseTo(32000 / 56000, 9);
    expect(a.publishedRatio).toBe(0.6);
    expect(a.completionRatio).toBe(0.6);
    expect(a.gapPoints).toBeLessThan(-10);
    expect(['滞后', '严重滞后']).toContain(a.computedStatus);
    expect(rules(a.findings)).toContain('published-ratio-mismatch');
    // the import's own check of the same numbers agrees
    const n = await h.db
      .selectFrom('reportVersionNumbers')
      .select('ratioCheck')
      .where('versionId', '=', a.versionId)
      .executeTakeFirstOrThrow();
    expect(n.ratioCheck).toBe('inconsistent');
  });

  it('when the text has its own figures, the columns win (they are data; the text is prose about them)', async () => {
    const a = await stored('31-3');
    expect(a.progressText).toContain('60个');
    // the text alone would give 60/120 = 50% and a published 50%
    expect(a.computedRatio).toBeCloseTo(0.8, 9);
    expect(a.publishedRatio).toBe(0.8);
    expect(a.completionRatio).toBe(0.8);
    expect(a.computedStatus).toBe('超序时进度');
    expect(rules(a.findings)).not.toContain('published-ratio-mismatch');
    // the text's 60个 is not used, but it is pointed out
    expect(rules(a.findings)).toContain('data-text-mismatch');
  });

  it('a re-assessment reads the same numbers, and nothing is stale afterwards (versions are immutable)', async () => {
    const programmeId = 'prog';
    const before = await Promise.all(['31-1', '31-2', '31-3'].map(stored));
    const idle = await reassessProgramme(h.db, programmeId, new Date());
    expect(idle.reassessed).toBe(0);
    const forced = await reassessProgramme(h.db, programmeId, new Date(), { force: true });
    expect(forced.reassessed).toBeGreaterThanOrEqual(4);
    const after = await Promise.all(['31-1', '31-2', '31-3'].map(stored));
    for (const [i, b] of before.entries()) {
      const x = after[i]!;
      expect(x.id).not.toBe(b.id);
      expect([x.publishedRatio, x.computedRatio, x.completionRatio, x.computedStatus, x.basisKey]).toEqual([
        b.publishedRatio,
        b.computedRatio,
        b.completionRatio,
        b.computedStatus,
        b.basisKey,
      ]);
    }
  });

  it('a re-import with the same text but other numbers writes a new version; the same numbers write none', async () => {
    const commit = async (table: string) => {
      const r = await commitTable(app, sup, table, { programmeId: 'prog' });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { reportsVersioned: number };
    };
    const versionOf = async () =>
      (
        await h.db
          .selectFrom('reports')
          .innerJoin('projects', 'projects.id', 'reports.projectId')
          .select('reports.versionNo')
          .where('projects.code', '=', '31-1')
          .executeTakeFirstOrThrow()
      ).versionNo;
    const before = await versionOf();
    expect((await commit(TABLE)).reportsVersioned).toBe(0);
    expect(await versionOf()).toBe(before);
    const changed = TABLE.replace(
      '\t120\t96\t80%\t充电插口建设进展顺利。\t东湖街道',
      '\t120\t108\t90%\t充电插口建设进展顺利。\t东湖街道',
    );
    expect(changed).not.toBe(TABLE);
    expect((await commit(changed)).reportsVersioned).toBe(1);
    expect(await versionOf()).toBe(before + 1);
    const a = await stored('31-1');
    expect(a.publishedRatio).toBe(0.9);
    expect(a.computedRatio).toBeCloseTo(108 / 120, 9);
    expect(await summaryMismatches(h.db)).toEqual([]);
  });

  it('a transition and the publication carry the numbers to the new version, and its assessment keeps them', async () => {
    // An import of one more row; the unit hands it in (set directly: the unit's own submit is tested elsewhere), then
    // the office approves (a transition writes a new version), revokes, approves again and publishes.
    const table = [
      TABLE.split('\n')[0],
      TABLE.split('\n')[1],
      '5\t南湖街道公共充电插口建设 区民生实事第31-5项\t建设120个充电插口。\t个\t120\t96\t80%\t充电插口建设进展顺利。\t东湖街道',
    ].join('\n');
    const r = await commitTable(app, sup, table, { programmeId: 'prog' });
    expect(r.statusCode, r.body).toBe(200);
    const report = () =>
      h.db
        .selectFrom('reports')
        .innerJoin('projects', 'projects.id', 'reports.projectId')
        .select(['reports.id', 'reports.roundId', 'reports.status', 'reports.versionNo'])
        .where('projects.code', '=', '31-5')
        .executeTakeFirstOrThrow();
    const numbersOf = async () => {
      const a = await stored('31-5');
      const n = await h.db
        .selectFrom('reportVersionNumbers')
        .select(['publishedRatio', 'ratioCheck'])
        .where('versionId', '=', a.versionId)
        .executeTakeFirst();
      return { publishedRatio: a.publishedRatio, status: a.computedStatus, numbers: n ?? null };
    };
    const expected = {
      publishedRatio: 0.8,
      status: '超序时进度',
      numbers: { publishedRatio: 0.8, ratioCheck: 'consistent' },
    };
    const call = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: as(sup), payload });
    const imported = await report();
    expect(await numbersOf()).toEqual(expected);
    await h.db.updateTable('reports').set({ status: 'submitted' }).where('id', '=', imported.id).execute();
    const ok = await call(`/api/reports/${imported.id}/approve`, { baseVersion: imported.versionNo });
    expect(ok.statusCode, ok.body).toBe(200);
    const first = await report();
    expect(first.status).toBe('approved');
    expect(await numbersOf()).toEqual(expected);
    const revoke = await call(`/api/reports/${first.id}/revoke`, {
      baseVersion: first.versionNo,
      revokeReason: '数字需复核',
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const revoked = await report();
    expect(revoked.versionNo).toBe(first.versionNo + 1);
    expect(await numbersOf()).toEqual(expected);
    const approve = await call(`/api/reports/${first.id}/approve`, { baseVersion: revoked.versionNo });
    expect(approve.statusCode, approve.body).toBe(200);
    const pub = await call(`/api/rounds/${first.roundId}/publish`, {});
    expect(pub.statusCode, pub.body).toBeLessThan(300);
    const published = await report();
    expect(published.status).toBe('published');
    expect(published.versionNo).toBe(first.versionNo + 3);
    expect(await numbersOf()).toEqual(expected);
    expect(await summaryMismatches(h.db)).toEqual([]);
  });
});
