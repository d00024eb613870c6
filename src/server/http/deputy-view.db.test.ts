/**
 * A 人大 deputy reads approved or published content only (issue 12 §2): never a draft or a submitted version, never a
 * review comment, field comment, returned or revoke reason, never the office's chase. Every endpoint a deputy can
 * reach is called and its whole answer searched for the internal texts; the office still sees them (control).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

const APPROVED = '1.已完成长者服务站主体施工。（审核通过稿）';
const FIRST = '1.长者服务站完成设计。（首次提交稿）';
const DRAFT = '1.长者服务站装修延误，正在协调。（草稿未提交）';
const SECRETS = [
  FIRST,
  DRAFT,
  '退回意见：请补充施工节点',
  '分项意见：进展描述过简',
  '撤销原因：数字需核实',
  '二次退回：请说明延误原因',
  '滞后分析草稿：协调不力',
];

describe(`a deputy sees approved content only (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  let q3 = '';
  let report = '';
  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
  const ok = async (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) => {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  const body = (baseVersion: number, progressText: string) => ({
    baseVersion,
    progressText,
    selfAssessment: '按计划推进',
    problems: '无',
    nextSteps: '1.11月底前完工。',
    values: [{ indicatorId: 'ind-2', value: 60 }],
  });
  const noSecret = (text: string, where: string) => {
    for (const x of SECRETS) expect(text.includes(x), `${where} shows “${x}”`).toBe(false);
  };

  beforeAll(async () => {
    ({ app, close } = await createTestApp());
    for (const u of ['sup', 'repb', 'dep', 'lead']) s[u] = await loginAs(app, u);
    q3 = await openQ3Round(app, s.sup!);
    const mine = (await ok('repb', 'GET', `/api/rounds/${q3}/my-reports`)).json() as {
      reportId: string;
      code: string;
    }[];
    report = mine.find((r) => r.code === '11-2')!.reportId;
    // v1 save, v2 submit, v3 return (comments), v4 save, v5 submit, v6 approve, v7 revoke, v8 return, v9 draft save.
    await ok('repb', 'PUT', `/api/reports/${report}`, body(0, FIRST));
    await ok('repb', 'POST', `/api/reports/${report}/submit`, { baseVersion: 1 });
    await ok('sup', 'POST', `/api/reports/${report}/return`, {
      baseVersion: 2,
      comment: '退回意见：请补充施工节点',
      fieldComments: { progress: '分项意见：进展描述过简' },
    });
    await ok('repb', 'PUT', `/api/reports/${report}`, body(3, APPROVED));
    await ok('repb', 'POST', `/api/reports/${report}/submit`, { baseVersion: 4 });
    await ok('sup', 'POST', `/api/reports/${report}/approve`, { baseVersion: 5 });
    await ok('sup', 'POST', `/api/reports/${report}/revoke`, { baseVersion: 6, revokeReason: '撤销原因：数字需核实' });
    await ok('sup', 'POST', `/api/reports/${report}/return`, { baseVersion: 7, comment: '二次退回：请说明延误原因' });
    await ok('repb', 'PUT', `/api/reports/${report}`, body(8, DRAFT));
    await ok('repb', 'PUT', `/api/reports/${report}/analysis`, {
      baseVersion: 0,
      problems: '滞后分析草稿：协调不力',
      subjective: '协调不够。',
      objective: '雨季。',
      plan: '1.加快施工。',
    });
  });
  afterAll(async () => close?.());

  it('the office still sees the draft and its comments (control)', async () => {
    const d = (await ok('sup', 'GET', `/api/reports/${report}`)).json();
    expect(d.content.progressText).toBe(DRAFT);
    expect(JSON.stringify(d)).toContain('二次退回');
    expect((await ok('lead', 'GET', `/api/rounds/${q3}/table`)).body).toContain(DRAFT);
  });

  it('the report page shows the newest approved version, its approved history, no comments', async () => {
    const res = await ok('dep', 'GET', `/api/reports/${report}`);
    noSecret(res.body, 'report');
    const d = res.json();
    expect(d.content.progressText).toBe(APPROVED);
    expect(d.report).toMatchObject({ status: 'approved', versionNo: 6, lastComment: null, allowedActions: [] });
    expect(d.review).toEqual({ fieldComments: null, returnedVersion: null, defaultDiff: null });
    expect(d.history.map((h: { versionNo: number }) => h.versionNo)).toEqual([6]);
    expect(d.analysis).toBeNull();
  });

  it('a report never approved is not there for a deputy (Q2 11-2 is only submitted)', async () => {
    expect((await call('dep', 'GET', '/api/reports/rep-q2-2')).statusCode).toBe(404);
    expect((await call('lead', 'GET', '/api/reports/rep-q2-2')).statusCode).toBe(200);
  });

  it('the round table (JSON and filtered) shows approved content, no 督办, no chase list', async () => {
    for (const url of [`/api/rounds/${q3}/table`, `/api/rounds/${q3}/table?light=red`, '/api/rounds/r-q2/table']) {
      const res = await call('dep', 'GET', url);
      if (res.statusCode === 400) continue; // a filter another version of the table does not know
      expect(res.statusCode, url).toBe(200);
      noSecret(res.body, url);
      const t = res.json();
      expect(t.missing).toEqual([]);
      for (const row of t.rows) {
        expect(['approved', 'published']).toContain(row.status);
        expect(row.lastComment).toBeNull();
        expect(row.supervision ?? null).toBeNull();
      }
    }
    const q3rows = (await ok('dep', 'GET', `/api/rounds/${q3}/table`)).json().rows;
    expect(q3rows).toHaveLength(1);
    expect(q3rows[0]).toMatchObject({ projectId: 'p-2', progress: APPROVED, status: 'approved', versionNo: 6 });
    // Q2: the key project's report was only submitted, so nothing of it.
    expect((await ok('dep', 'GET', '/api/rounds/r-q2/table')).json().rows).toEqual([]);
  });

  it('the project page, the round list and page, the diff, the analysis, the missing list: nothing internal', async () => {
    const urls = [
      '/api/projects/p-2',
      `/api/rounds/${q3}/my-reports`,
      `/api/rounds/${q3}`,
      `/api/reports/${report}/analysis`,
      `/api/rounds/${q3}/missing-analyses`,
      `/api/reports/${report}/diff?from=6&to=6`,
      `/api/rounds/${q3}/document/preview?layout=overview-table`,
    ];
    for (const url of urls) {
      const res = await call('dep', 'GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      noSecret(res.body, url);
    }
    const p = (await ok('dep', 'GET', '/api/projects/p-2')).json();
    const reports = p.rounds.flatMap((r: { reports: { progress: string }[] }) => r.reports);
    expect(reports.map((r: { progress: string }) => r.progress)).toEqual([APPROVED]);
    const list = (await ok('dep', 'GET', `/api/rounds/${q3}/my-reports`)).json();
    expect(list).toEqual([expect.objectContaining({ reportId: report, status: 'approved', lastComment: null })]);
    expect((await ok('dep', 'GET', `/api/reports/${report}/analysis`)).json().analysis).toBeNull();
    // The default diff compares a returned version: not for a deputy.
    expect((await call('dep', 'GET', `/api/reports/${report}/diff`)).statusCode).toBe(404);
    expect((await call('dep', 'GET', `/api/reports/${report}/diff?from=5&to=6`)).statusCode).toBe(404);
    // The 督办单 is the office's document.
    const form = await call('dep', 'GET', `/api/rounds/${q3}/supervision-form.docx?report=${report}`);
    expect(form.statusCode).toBe(403);
  });

  it('the .xlsx export carries approved content only', async () => {
    const res = await call('dep', 'GET', `/api/rounds/${q3}/table.xlsx`);
    expect(res.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? '')))));
    const text = cells.join('\n');
    noSecret(text, 'xlsx');
    expect(text).toContain('审核通过稿');
  });
});
