/**
 * The assessment summary kept on each report (reports.assessed_*, migration 0022; read by the city roll-up) never
 * disagrees with report_assessments: after seeding, saving, submitting, returning, approving, publishing and a forced
 * background re-assessment.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { reassessProgramme } from '../services/assess/assessments';
import { summaryMismatches } from '../test/report-summary';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

describe(`report assessment summary (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  let q3 = '';
  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    for (const u of ['sup', 'repa']) s[u] = await loginAs(app, u);
    q3 = await openQ3Round(app, s.sup!);
  });
  afterAll(async () => close?.());

  it('is filled for the seeded reports', async () => {
    expect(await summaryMismatches(h.db)).toEqual([]);
    const filled = await h.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assessedStatus', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(filled.n)).toBeGreaterThan(0);
  });

  it('follows every version through save, submit, return, approve and publish', async () => {
    const mine = (await call('repa', 'GET', `/api/rounds/${q3}/my-reports`)).json() as { reportId: string }[];
    const id = mine[0]!.reportId;
    const save = (v: number, text: string) =>
      call('repa', 'PUT', `/api/reports/${id}`, {
        baseVersion: v,
        progressText: text,
        selfAssessment: '按计划推进',
        problems: '无',
        nextSteps: '1.10月底前完成剩余建设。',
        values: [],
      });
    expect((await save(0, '1.已完成充电插口建设10个。')).statusCode).toBe(200);
    const first = await h.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(first.assessedStatus).not.toBeNull();
    expect(await summaryMismatches(h.db)).toEqual([]);
    expect((await call('repa', 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 })).statusCode).toBe(200);
    const ret = await call('sup', 'POST', `/api/reports/${id}/return`, { baseVersion: 2, comment: '请补充' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(await summaryMismatches(h.db)).toEqual([]);
    // A new text changes the judgement: the summary moves with the version.
    expect((await save(3, '1.已完成充电插口建设1166个，全部投入使用。')).statusCode).toBe(200);
    const after = await h.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.assessedRatio).not.toBe(first.assessedRatio);
    expect((await call('repa', 'POST', `/api/reports/${id}/submit`, { baseVersion: 4 })).statusCode).toBe(200);
    expect((await call('sup', 'POST', `/api/reports/${id}/approve`, { baseVersion: 5 })).statusCode).toBe(200);
    const pub = await call('sup', 'POST', `/api/rounds/${q3}/publish`, {});
    expect(pub.statusCode, pub.body).toBeLessThan(300);
    expect(await summaryMismatches(h.db)).toEqual([]);
  });

  it('follows a forced background re-assessment, and a summary edited out of band is put right', async () => {
    // Corrupt the summaries of the programme's judged reports, then re-assess: the writer of the new assessments
    // restores them.
    const rounds = h.db.selectFrom('rounds').select('id').where('programmeId', '=', 'prog');
    await h.db
      .updateTable('reports')
      .set({ assessedStatus: '无法研判', assessedRatio: -1 })
      .where('roundId', 'in', rounds)
      .where('assessedStatus', 'is not', null)
      .execute();
    expect((await summaryMismatches(h.db)).length).toBeGreaterThan(0);
    await reassessProgramme(h.db, 'prog', new Date('2026-10-15T00:00:00Z'), { force: true });
    expect(await summaryMismatches(h.db)).toEqual([]);
  });
});
