/**
 * Review with full control over HTTP (issue 10 §3): return with comments per field, the diff of two versions (by
 * default the returned one against the resubmission), a save with no change, revoking an approval before (and not
 * after) publication, bulk approval, the lag analysis as its own reviewed document with the office's list of missing
 * ones, and the reporter's tasks across rounds — each action with its permission.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

describe(`review with full control (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  let q3 = '';
  let q4 = '';
  const reportOf: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
  const body = (baseVersion: number, extra: object = {}) => ({
    baseVersion,
    progressText: '1.已完成充电插口建设85个。',
    selfAssessment: '按计划推进',
    problems: '无',
    nextSteps: '1.10月底前完成剩余建设。',
    values: [{ indicatorId: 'ind-1', value: 85 }],
    ...extra,
  });
  const lag = {
    problems: '管线迁改未完成。',
    subjective: '前期协调不够主动。',
    objective: '供电部门排期紧张。',
    plan: '1.12月底前完成迁改。',
    expectedCompletion: '2027-03-31',
  };

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    for (const u of ['sup', 'repa', 'repb', 'lead', 'sup2', 'dep']) s[u] = await loginAs(app, u);
    q3 = await openQ3Round(app, s.sup!);
    for (const who of ['repa', 'repb']) {
      const mine = await call(who, 'GET', `/api/rounds/${q3}/my-reports`);
      for (const r of mine.json() as { reportId: string; code: string }[]) reportOf[`${who}:${r.code}`] = r.reportId;
    }
  });
  afterAll(async () => close?.());

  it('returns with a comment per field; the reporter sees each next to its field', async () => {
    const id = reportOf['repa:11-1']!;
    expect((await call('repa', 'PUT', `/api/reports/${id}`, body(0))).statusCode).toBe(200);
    expect((await call('repa', 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 })).statusCode).toBe(200);
    const fieldComments = { progress: '请写明累计完成数量和开工数量', numbers: '指标数值与文字不一致' };
    expect(
      (await call('repa', 'POST', `/api/reports/${id}/return`, { baseVersion: 2, fieldComments })).statusCode,
    ).toBe(403);
    expect(
      (await call('lead', 'POST', `/api/reports/${id}/return`, { baseVersion: 2, fieldComments })).statusCode,
    ).toBe(403);
    expect(
      (await call('sup2', 'POST', `/api/reports/${id}/return`, { baseVersion: 2, fieldComments })).statusCode,
    ).toBe(404);
    const empty = await call('sup', 'POST', `/api/reports/${id}/return`, { baseVersion: 2, fieldComments: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('退回时必须填写审核意见');
    const ret = await call('sup', 'POST', `/api/reports/${id}/return`, {
      baseVersion: 2,
      comment: '请按意见修改',
      fieldComments: { ...fieldComments, problems: '  ' },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    const d = (await call('repa', 'GET', `/api/reports/${id}`)).json();
    expect(d.report).toMatchObject({ status: 'returned', versionNo: 3, lastComment: '请按意见修改' });
    expect(d.review).toMatchObject({ fieldComments, returnedVersion: 3 });
    expect(d.history[0]).toMatchObject({ versionNo: 3, action: 'return', fieldComments });
  });

  it('a save with no change keeps the version number', async () => {
    const id = reportOf['repa:11-1']!;
    const same = await call('repa', 'PUT', `/api/reports/${id}`, body(3));
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().report.versionNo).toBe(3);
    // A value in another order and an absent note are the same content.
    const again = await call('repa', 'PUT', `/api/reports/${id}`, {
      ...body(3),
      values: [{ indicatorId: 'ind-1', value: 85, note: '' }],
    });
    expect(again.json().report.versionNo).toBe(3);
    const changed = await call('repa', 'PUT', `/api/reports/${id}`, {
      ...body(3),
      progressText: '1.已完成充电插口建设90个，已开工100个。',
      values: [{ indicatorId: 'ind-1', value: 90 }],
    });
    expect(changed.json().report.versionNo).toBe(4);
    expect((await call('repa', 'POST', `/api/reports/${id}/submit`, { baseVersion: 4 })).statusCode).toBe(200);
  });

  it('diffs the returned version against the resubmission by default, any two on request', async () => {
    const id = reportOf['repa:11-1']!;
    const detail = (await call('sup', 'GET', `/api/reports/${id}`)).json();
    expect(detail.review.defaultDiff).toEqual({ from: 3, to: 5 });
    const res = await call('sup', 'GET', `/api/reports/${id}/diff`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.from).toMatchObject({ versionNo: 3, action: 'return' });
    expect(d.to).toMatchObject({ versionNo: 5, action: 'submit' });
    expect(d.changed).toBe(true);
    const progress = d.fields.find((f: { key: string }) => f.key === 'progressText');
    expect(progress.changed).toBe(true);
    const of = (op: string) =>
      progress.segments
        .filter((x: { op: string }) => x.op === op)
        .map((x: { text: string }) => x.text)
        .join('|');
    expect(of('delete')).toBe('85');
    expect(of('insert')).toMatch(/^90.*已开工100/);
    expect(of('equal')).toContain('已完成充电插口建设');
    expect(d.values).toEqual([
      { indicatorId: 'ind-1', name: '充电插口', unit: '个', before: 85, after: 90, delta: 5, changed: true },
    ]);
    expect(d.fieldComments).toMatchObject({ numbers: '指标数值与文字不一致' });
    // The reporter sees the same; any two versions on request.
    expect((await call('repa', 'GET', `/api/reports/${id}/diff`)).statusCode).toBe(200);
    const same = (await call('sup', 'GET', `/api/reports/${id}/diff?from=1&to=2`)).json();
    expect(same.changed).toBe(false);
    const bad = await call('sup', 'GET', `/api/reports/${id}/diff?from=1&to=9`);
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.message).toContain('第9版不存在');
    expect((await call('sup', 'GET', `/api/reports/${id}/diff?from=x`)).statusCode).toBe(400);
    expect((await call('repb', 'GET', `/api/reports/${id}/diff`)).statusCode).toBe(404);
    expect((await call('sup2', 'GET', `/api/reports/${id}/diff`)).statusCode).toBe(404);
  });

  it('revokes an approval before publication with a reason; refuses after publication', async () => {
    const id = reportOf['repa:11-1']!;
    const ok = await call('sup', 'POST', `/api/reports/${id}/approve`, { baseVersion: 5, comment: '同意' });
    expect(ok.json().report).toMatchObject({ status: 'approved', versionNo: 6 });
    expect(ok.json().report.abilities.revoke).toBe(true);
    const payload = { baseVersion: 6, revokeReason: '数值与台账不符，需重新核实' };
    expect((await call('repa', 'POST', `/api/reports/${id}/revoke`, payload)).statusCode).toBe(403);
    expect((await call('lead', 'POST', `/api/reports/${id}/revoke`, payload)).statusCode).toBe(403);
    expect((await call('sup2', 'POST', `/api/reports/${id}/revoke`, payload)).statusCode).toBe(404);
    const noReason = await call('sup', 'POST', `/api/reports/${id}/revoke`, { baseVersion: 6 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('请填写撤销审核的原因');
    const rev = await call('sup', 'POST', `/api/reports/${id}/revoke`, payload);
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json().report).toMatchObject({ status: 'submitted', versionNo: 7 });
    expect(rev.json().history[0]).toMatchObject({ action: 'revoke', comment: payload.revokeReason });
    const audit = await h.db
      .selectFrom('auditLog')
      .select(['action', 'actorName', 'after'])
      .where('entityId', '=', id)
      .where('action', '=', 'report.revoke')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toContain(payload.revokeReason);
    // Revoking a report that is not approved is a state conflict.
    expect((await call('sup', 'POST', `/api/reports/${id}/revoke`, { ...payload, baseVersion: 7 })).statusCode).toBe(
      409,
    );
    const again = await call('sup', 'POST', `/api/reports/${id}/approve`, { baseVersion: 7 });
    expect(again.json().report.status).toBe('approved');
    const pub = await call('sup', 'POST', `/api/rounds/${q3}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const after = await call('sup', 'POST', `/api/reports/${id}/revoke`, { ...payload, baseVersion: 9 });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toContain('已发布，不能撤销审核');
    expect((await call('sup', 'GET', `/api/reports/${id}`)).json().report.abilities.revoke).toBe(false);
  });

  it('bulk-approves the selected rows, each checked, listing approved and refused with reasons', async () => {
    const b2 = reportOf['repb:11-2']!;
    const b3 = reportOf['repb:11-3']!;
    const a3 = reportOf['repa:11-3']!;
    for (const id of [b2, b3]) {
      expect((await call('repb', 'PUT', `/api/reports/${id}`, body(0, { values: [] }))).statusCode).toBe(200);
      expect((await call('repb', 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 })).statusCode).toBe(200);
    }
    const items = [
      { reportId: b2, baseVersion: 2 },
      { reportId: b3, baseVersion: 1 },
      { reportId: a3, baseVersion: 0 },
      { reportId: 'rep-q2-2', baseVersion: 2 },
      { reportId: 'rep2-q2-1', baseVersion: 2 },
    ];
    expect((await call('repb', 'POST', `/api/rounds/${q3}/bulk-approve`, { items })).statusCode).toBe(403);
    expect((await call('lead', 'POST', `/api/rounds/${q3}/bulk-approve`, { items })).statusCode).toBe(403);
    expect((await call('sup2', 'POST', `/api/rounds/${q3}/bulk-approve`, { items })).statusCode).toBe(404);
    const none = await call('sup', 'POST', `/api/rounds/${q3}/bulk-approve`, { items: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('请先选择要审核通过的填报');
    const res = await call('sup', 'POST', `/api/rounds/${q3}/bulk-approve`, { items, comment: '批量审核' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().approved.map((x: { reportId: string }) => x.reportId)).toEqual([b2]);
    const reasons = Object.fromEntries(
      res.json().refused.map((x: { reportId: string; reason: string }) => [x.reportId, x.reason]),
    );
    expect(reasons[b3]).toContain('版本已变化');
    expect(reasons[a3]).toContain('只能审核已提交的填报');
    expect(reasons['rep-q2-2']).toContain('不属于本填报批次');
    expect(reasons['rep2-q2-1']).toContain('不存在或无权访问');
    expect((await call('sup', 'GET', `/api/reports/${b2}`)).json().report.status).toBe('approved');
    expect((await call('sup', 'GET', `/api/reports/${b3}`)).json().report.status).toBe('submitted');
  });

  it('the lag analysis is its own reviewed document; the office lists the missing ones', async () => {
    const q4res = await call('sup', 'POST', '/api/rounds', {
      programmeId: 'prog',
      periodType: 'quarter',
      periodKey: '2026-Q4',
      asOf: '2026-12-31',
      dueDate: '2099-01-10',
    });
    q4 = q4res.json().id;
    const mine = (await call('repa', 'GET', `/api/rounds/${q4}/my-reports`)).json() as {
      reportId: string;
      code: string;
    }[];
    const id = mine.find((m) => m.code === '11-1')!.reportId;
    expect(
      (await call('repa', 'PUT', `/api/reports/${id}`, body(0, { selfAssessment: '滞后', progressText: '完成40%。' })))
        .statusCode,
    ).toBe(200);
    const refused = await call('repa', 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('滞后分析');
    const list = async () =>
      (await call('sup', 'GET', `/api/rounds/${q4}/missing-analyses`)).json() as {
        reportId: string;
        analysisStatus: string | null;
        reasons: string[];
      }[];
    const before = await list();
    expect(before.map((m) => m.reportId)).toEqual([id]);
    expect(before[0]!.reasons.join()).toContain('滞后');
    expect((await call('repa', 'GET', `/api/rounds/${q4}/missing-analyses`)).statusCode).toBe(403);
    expect((await call('lead', 'GET', `/api/rounds/${q4}/missing-analyses`)).statusCode).toBe(200);
    expect((await call('sup2', 'GET', `/api/rounds/${q4}/missing-analyses`)).statusCode).toBe(404);

    const url = `/api/reports/${id}/analysis`;
    const empty = (await call('repa', 'GET', url)).json();
    expect(empty).toMatchObject({ analysis: null, abilities: { save: true, submit: false } });
    expect((await call('sup', 'PUT', url, { baseVersion: 0, ...lag })).statusCode).toBe(403);
    expect((await call('repb', 'PUT', url, { baseVersion: 0, ...lag })).statusCode).toBe(404);
    const part = await call('repa', 'PUT', url, { baseVersion: 0, ...lag, subjective: '' });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json().analysis).toMatchObject({ status: 'draft', versionNo: 1 });
    const incomplete = await call('repa', 'POST', `${url}/submit`, { baseVersion: 1 });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.message).toContain('主观');
    expect((await list())[0]!.analysisStatus).toBe('draft');
    expect((await call('repa', 'PUT', url, { baseVersion: 1, ...lag })).json().analysis.versionNo).toBe(2);
    // No change, no version.
    expect((await call('repa', 'PUT', url, { baseVersion: 2, ...lag })).json().analysis.versionNo).toBe(2);
    const sub = await call('repa', 'POST', `${url}/submit`, { baseVersion: 2 });
    expect(sub.json().analysis).toMatchObject({ status: 'submitted', versionNo: 3 });
    expect(await list()).toEqual([]);
    // The report itself may now be submitted: its analysis is attached.
    expect((await call('repa', 'POST', `/api/reports/${id}/submit`, { baseVersion: 1 })).statusCode).toBe(200);
    // The office reviews it.
    expect((await call('repa', 'POST', `${url}/approve`, { baseVersion: 3 })).statusCode).toBe(403);
    const noComment = await call('sup', 'POST', `${url}/return`, { baseVersion: 3, comment: '' });
    expect(noComment.statusCode).toBe(400);
    const ret = await call('sup', 'POST', `${url}/return`, { baseVersion: 3, comment: '客观原因请具体说明' });
    expect(ret.json().analysis).toMatchObject({ status: 'returned', lastComment: '客观原因请具体说明' });
    expect((await list()).map((m) => m.analysisStatus)).toEqual(['returned']);
    await call('repa', 'PUT', url, { baseVersion: 4, ...lag, objective: '供电部门排期至11月，迁改延后。' });
    await call('repa', 'POST', `${url}/submit`, { baseVersion: 5 });
    const ok = await call('sup', 'POST', `${url}/approve`, { baseVersion: 6 });
    expect(ok.json().analysis).toMatchObject({ status: 'approved', versionNo: 7 });
    expect(ok.json().analysis.history.map((h: { action: string }) => h.action)).toEqual([
      'approve',
      'submit',
      'save',
      'return',
      'submit',
      'save',
      'save',
    ]);
    expect((await call('repa', 'PUT', url, { baseVersion: 7, ...lag })).statusCode).toBe(423);
    expect((await call('repa', 'GET', `/api/reports/${id}`)).json().analysis).toEqual({
      status: 'approved',
      versionNo: 7,
    });
  });

  it("the reporter's home lists what needs the unit across rounds", async () => {
    const res = await call('repa', 'GET', '/api/my/tasks');
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    // Q3's 11-3 is overdue (due 2026-10-08, long past); Q4's 11-3 is still to fill (due 2099-01-10).
    const key = (x: { code: string; periodLabel: string }) => `${x.periodLabel}:${x.code}`;
    expect(t.overdue.map(key)).toEqual(['2026年第三季度:11-3']);
    expect(t.overdue[0]).toMatchObject({ dueDate: '2026-10-08', overdue: true, status: 'draft' });
    expect(t.toFill.map(key)).toEqual(['2026年第四季度:11-3']);
    expect(t.approved.map(key)).toContain('2026年第三季度:11-1');
    // A returned report appears with its comments.
    const q4a = (await call('repa', 'GET', `/api/rounds/${q4}/my-reports`)).json() as {
      reportId: string;
      code: string;
      versionNo: number;
    }[];
    const id = q4a.find((m) => m.code === '11-1')!.reportId;
    const fieldComments = { problems: '请写明具体问题' };
    const ret = await call('sup', 'POST', `/api/reports/${id}/return`, { baseVersion: 2, fieldComments });
    expect(ret.statusCode, ret.body).toBe(200);
    const after = (await call('repa', 'GET', '/api/my/tasks')).json();
    expect(after.returned).toHaveLength(1);
    expect(after.returned[0]).toMatchObject({ reportId: id, fieldComments, comment: '请写明具体问题' });
    // Other units' reports are not listed; office users have no tasks.
    expect(JSON.stringify(after)).not.toContain('11-2');
    const office = (await call('sup', 'GET', '/api/my/tasks')).json();
    expect(office).toEqual({ toFill: [], returned: [], overdue: [], approved: [], escalated: [] });
  });
});
