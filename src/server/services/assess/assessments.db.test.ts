/** Stored assessments: written with every version, read by the table, re-assessed when the programme's plan changes. */

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../../domain/assess';
import type { DbHandle } from '../../db/connect';
import { reassessProgrammeJob } from '../../jobs/handlers/reassess-programme';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../../test/test-app';
import { TEST_ENGINE } from '../../test/test-db';
import { resolveSession } from '../auth';
import { systemClock } from '../context';
import { setProgrammeSchedule } from '../plan/programme-settings';
import { queueStaleAssessments, reassessProgramme } from './assessments';

describe(`stored assessments (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  let sup: Session;
  let repa: Session;
  let roundId = '';
  let reportId = '';

  const current = (reportId: string) =>
    h.db
      .selectFrom('reportAssessments')
      .innerJoin('reports', 'reports.id', 'reportAssessments.reportId')
      .innerJoin('reportVersions', 'reportVersions.id', 'reportAssessments.versionId')
      .selectAll('reportAssessments')
      .select('reportVersions.versionNo')
      .where('reportAssessments.reportId', '=', reportId)
      .where('reportAssessments.current', '=', 1)
      .orderBy('reportVersions.versionNo', 'desc')
      .execute();
  const tableRow = async (rid: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/rounds/${roundId}/table`, headers: as(sup) });
    expect(res.statusCode).toBe(200);
    return (res.json().rows as { reportId: string; computedStatus: string | null; light: string | null }[]).find(
      (r) => r.reportId === rid,
    )!;
  };

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    sup = await loginAs(app, 'sup');
    repa = await loginAs(app, 'repa');
    roundId = await openQ3Round(app, sup);
    const mine = await app.inject({ method: 'GET', url: `/api/rounds/${roundId}/my-reports`, headers: as(repa) });
    reportId = (mine.json() as { reportId: string; code: string }[]).find((r) => r.code === '5')?.reportId ?? '';
    if (!reportId) {
      // The shared project (p-3): the unit's share "新增20台" is what it answers for.
      const row = await h.db
        .selectFrom('reports')
        .select('id')
        .where('roundId', '=', roundId)
        .where('projectId', '=', 'p-3')
        .where('orgId', '=', 'org-a')
        .executeTakeFirstOrThrow();
      reportId = row.id;
    }
  });
  afterAll(async () => close?.());

  it('stores the assessment of a saved version with the engine version, and the table reads it', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: `/api/reports/${reportId}`,
      headers: as(repa),
      payload: {
        baseVersion: 0,
        progressText: '1.累计新增8台。',
        selfAssessment: '按计划推进',
        problems: '无',
        nextSteps: '1.10月底前完成剩余安装。',
        values: [],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await current(reportId);
    expect(rows).toHaveLength(1);
    const a = rows[0]!;
    expect(a.versionNo).toBe(1);
    expect(a.engineVersion).toBe(ENGINE_VERSION);
    // Linear schedule at 9-30 is 75%; 8 of the unit's 20 is 40% — far behind.
    expect(a.completionRatio).toBeCloseTo(0.4);
    expect(a.expectedRatio).toBeCloseTo(0.75);
    expect(['滞后', '严重滞后']).toContain(a.computedStatus);
    const row = await tableRow(reportId);
    expect(row.computedStatus).toBe(a.computedStatus);
    expect(row.light).toBe(a.light);
  });

  it('a table read never writes: a version without a stored assessment is judged on the spot', async () => {
    const before = await h.db.selectFrom('reportAssessments').select('id').execute();
    await h.db.deleteFrom('reportAssessments').where('reportId', '=', reportId).execute();
    const row = await tableRow(reportId);
    expect(['滞后', '严重滞后']).toContain(row.computedStatus);
    const after = await h.db.selectFrom('reportAssessments').select('id').execute();
    expect(after.length).toBe(before.length - 1);
    // The background re-assessment stores it again.
    const r = await reassessProgramme(h.db, 'prog', new Date());
    expect(r.reassessed).toBeGreaterThanOrEqual(1);
    expect(await current(reportId)).toHaveLength(1);
  });

  it('a quarterly plan set by the office re-assesses in the background; the old assessment stays as history', async () => {
    const token = sup.cookie.split('=')[1];
    const session = await resolveSession(h.db, token);
    const ctx = { db: h.db, actor: session!.actor, ip: null, now: systemClock };
    const old = (await current(reportId))[0]!;
    const { reassessJobId } = await setProgrammeSchedule(ctx, 'prog', {
      mode: 'quarterly',
      quarterlyPoints: [0.05, 0.15, 0.4, 1],
      yellowBandPoints: 30,
      redBelowShareOfSchedule: null,
    });
    expect(reassessJobId).toBeTruthy();
    // Until the job runs, reads show the stored (old) judgement: they never wait for the engine.
    expect((await tableRow(reportId)).computedStatus).toBe(old.computedStatus);
    await reassessProgrammeJob({
      jobId: reassessJobId,
      name: 'reassess.programme',
      payload: { programmeId: 'prog' },
      attempt: 1,
      maxAttempts: 5,
      db: h.db,
      now: systemClock,
    });
    const now = (await current(reportId))[0]!;
    expect(now.id).not.toBe(old.id);
    expect(now.expectedRatio).toBeCloseTo(0.4);
    expect(['按序时推进', '超序时进度']).toContain(now.computedStatus);
    expect((await tableRow(reportId)).light).toBe('green');
    const history = await h.db
      .selectFrom('reportAssessments')
      .select(['id', 'current'])
      .where('versionId', '=', old.versionId)
      .execute();
    expect(history.map((x) => x.current).sort()).toEqual([0, 1]);
    // Nothing stale left: a second run changes nothing.
    expect((await reassessProgramme(h.db, 'prog', new Date())).reassessed).toBe(0);
  });

  it('publishing a round is set-based: every approved report published, each new version assessed, one audit entry', async () => {
    const sub = await app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/submit`,
      headers: as(repa),
      payload: { baseVersion: 1 },
    });
    expect(sub.statusCode, sub.body).toBe(200);
    const ok = await app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/approve`,
      headers: as(sup),
      payload: { baseVersion: 2 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const pub = await app.inject({
      method: 'POST',
      url: `/api/rounds/${roundId}/publish`,
      headers: as(sup),
      payload: {},
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().published).toBe(1);
    const report = await h.db.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(report.status).toBe('published');
    expect(report.versionNo).toBe(4);
    const rows = await current(reportId);
    expect(rows.map((r) => r.versionNo)).toEqual([4, 3, 2, 1]);
    const audit = await h.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'round.publish')
      .where('entityId', '=', roundId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!).reports).toEqual([reportId]);
  });

  it('after an engine upgrade the server start queues a re-assessment of each programme assessed by another version', async () => {
    await h.db.updateTable('reportAssessments').set({ engineVersion: 'judge-old' }).where('current', '=', 1).execute();
    const queued = await queueStaleAssessments(h.db, new Date());
    // Both districts of the fixture have filled reports.
    expect([...queued].sort()).toEqual(['prog', 'prog2']);
    for (const programmeId of queued)
      await reassessProgrammeJob({
        jobId: `x-${programmeId}`,
        name: 'reassess.programme',
        payload: { programmeId },
        attempt: 1,
        maxAttempts: 5,
        db: h.db,
        now: systemClock,
      });
    // Each report's current version is judged by this engine again; earlier versions keep what was said then.
    const latest = (await current(reportId))[0]!;
    expect(latest.engineVersion).toBe(ENGINE_VERSION);
    expect(await queueStaleAssessments(h.db, new Date())).toEqual([]);
  });
});
