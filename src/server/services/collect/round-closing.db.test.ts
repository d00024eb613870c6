/** A closed round is closed; a submission after the due date is marked late, or refused when the programme says so. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../../test/test-app';
import { TEST_ENGINE } from '../../test/test-db';

describe(`closing rounds and late submissions (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let sup: Session;
  let repa: Session;
  let repb: Session;
  let roundId = '';
  const reports: Record<string, { reportId: string; versionNo: number }> = {};
  const body = (baseVersion: number) => ({
    baseVersion,
    progressText: '1.累计新增充电插口60个。',
    selfAssessment: '按计划推进',
    problems: '无',
    nextSteps: '1.10月底前完成验收。',
    values: [],
  });
  const call = (s: Session, method: 'PUT' | 'POST', url: string, payload: object) =>
    app.inject({ method, url, headers: as(s), payload });

  beforeAll(async () => {
    ({ app, close } = await createTestApp());
    sup = await loginAs(app, 'sup');
    repa = await loginAs(app, 'repa');
    repb = await loginAs(app, 'repb');
    // Due 2026-10-08: already past by the machine's clock (the fixture year is 2026 and this suite runs later).
    roundId = await openQ3Round(app, sup);
    for (const s of [repa, repb]) {
      const mine = await app.inject({ method: 'GET', url: `/api/rounds/${roundId}/my-reports`, headers: as(s) });
      for (const r of mine.json() as { reportId: string; unit: string; versionNo: number }[])
        reports[`${s === repa ? 'a' : 'b'}:${r.reportId}`] = r;
    }
  });
  afterAll(async () => close?.());

  const first = (who: 'a' | 'b') => Object.entries(reports).find(([k]) => k.startsWith(`${who}:`))![1].reportId;

  it('a submission after the due date is accepted and marked late in the table', async () => {
    const id = first('a');
    expect((await call(repa, 'PUT', `/api/reports/${id}`, body(0))).statusCode).toBe(200);
    const sub = await call(repa, 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 });
    expect(sub.statusCode, sub.body).toBe(200);
    const table = await app.inject({ method: 'GET', url: `/api/rounds/${roundId}/table`, headers: as(sup) });
    const row = table.json().rows.find((r: { reportId: string }) => r.reportId === id);
    expect(row.late).toBe(true);
    expect(row.status).toBe('submitted');
  });

  it('a programme that refuses late submissions answers 409 and writes nothing', async () => {
    const set = await call(sup, 'PUT', '/api/programmes/prog/schedule', {
      mode: 'linear',
      yellowBandPoints: 30,
      redBelowShareOfSchedule: null,
      lateSubmission: 'refuse',
    });
    expect(set.statusCode, set.body).toBe(200);
    const id = first('b');
    expect((await call(repb, 'PUT', `/api/reports/${id}`, body(0))).statusCode).toBe(200);
    const sub = await call(repb, 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 });
    expect(sub.statusCode).toBe(409);
    expect(sub.json().error.message).toContain('报送截止日期');
    const detail = await app.inject({ method: 'GET', url: `/api/reports/${id}`, headers: as(repb) });
    expect(detail.json().report.status).toBe('draft');
    expect(detail.json().report.versionNo).toBe(1);
    await call(sup, 'PUT', '/api/programmes/prog/schedule', {
      mode: 'linear',
      yellowBandPoints: 30,
      redBelowShareOfSchedule: null,
      lateSubmission: 'allow',
    });
  });

  it('a closed round takes no saves, submissions or returns; approval goes on; reopening restores them', async () => {
    const closed = await call(sup, 'POST', `/api/rounds/${roundId}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect(closed.json().abilities.close).toBe(true);
    const b = first('b');
    const save = await call(repb, 'PUT', `/api/reports/${b}`, body(1));
    expect(save.statusCode).toBe(423);
    expect(save.json().error.message).toContain('已关闭');
    expect((await call(repb, 'POST', `/api/reports/${b}/submit`, { baseVersion: 1 })).statusCode).toBe(423);
    const a = first('a');
    const ret = await call(sup, 'POST', `/api/reports/${a}/return`, { baseVersion: 2, comment: '请补充' });
    expect(ret.statusCode).toBe(423);
    const ok = await call(sup, 'POST', `/api/reports/${a}/approve`, { baseVersion: 2 });
    expect(ok.statusCode, ok.body).toBe(200);
    // Reporters and leaders cannot close or reopen.
    expect((await call(repa, 'POST', `/api/rounds/${roundId}/reopen`, {})).statusCode).toBe(403);
    const reopened = await call(sup, 'POST', `/api/rounds/${roundId}/reopen`, {});
    expect(reopened.json().status).toBe('open');
    expect((await call(repb, 'PUT', `/api/reports/${b}`, body(1))).statusCode).toBe(200);
  });
});
