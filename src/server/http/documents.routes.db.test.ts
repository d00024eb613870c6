/** 正式文件 through the API: layouts, the preview, the download in each format, the rules on content and access. */
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

type Cell = { paras: { runs: { text: string }[] }[] };
const text = (c: Cell) => c.paras.map((p) => p.runs.map((r) => r.text).join('')).join('\n');

describe(`official documents over HTTP (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  let sup: Session;
  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    sup = await loginAs(app, 'sup');
  });
  afterAll(async () => close());

  it('lists the five built-in layouts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/layouts', headers: as(sup) });
    expect(res.json().map((l: { id: string }) => l.id)).toEqual([
      'quarterly-progress',
      'overview-table',
      'year-end-summary',
      'monthly-progress',
      'narrative-report',
    ]);
  });

  it('previews approved content only: the submitted report’s progress stays empty', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/document/preview?layout=overview-table',
      headers: as(sup),
    });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    const table = doc.blocks.find((b: { kind: string }) => b.kind === 'table');
    expect(table.header[0].map(text)).toContain('第二季度进展情况');
    const rows: Cell[][] = table.body.slice(1); // after the 示例 row
    const byCode = (code: string) => rows.find((r) => r.some((c) => text(c) === code))!;
    expect(byCode('11-1').map(text).join('|')).toContain('累计新增充电插口60个');
    expect(byCode('11-2').map(text).join('|')).not.toContain('充电插口');
    expect(doc.meta.title).toBe('测试区2026年第二季度民生实事项目进展情况一览表');
  });

  it('downloads a .docx, audited with layout, format and rows', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/document?layout=year-end-summary&format=docx',
      headers: as(sup),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('落实情况汇总表'));
    const xml = new TextDecoder().decode(unzipSync(res.rawPayload)['word/document.xml']);
    expect(xml).toContain('东湖街道充电设施建设');
    const audit = await h.db
      .selectFrom('auditLog')
      .select(['after'])
      .where('action', '=', 'document.export')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ layout: 'year-end-summary', format: 'docx', rows: 2 });
  });

  it('downloads .xlsx and PDF', async () => {
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/document?layout=monthly-progress&format=xlsx',
      headers: as(sup),
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(unzipSync(xlsx.rawPayload)['xl/workbook.xml']).toBeDefined();
    const pdf = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/document?layout=narrative-report&format=pdf',
      headers: as(sup),
    });
    if (pdf.statusCode === 200) expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    else expect(pdf.json().error.message).toMatch(/字体/); // a machine without CJK fonts is told what to install
  });

  it('refuses readers without export rights, unknown layouts and formats, in Chinese', async () => {
    const rep = await loginAs(app, 'repa');
    const denied = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/document?layout=overview-table&format=docx',
      headers: as(rep),
    });
    expect([403, 404]).toContain(denied.statusCode);
    const layout = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/document?layout=no-such&format=docx',
      headers: as(sup),
    });
    expect(layout.statusCode).toBe(404);
    expect(layout.json().error.message).toMatch(/版式不存在/);
    const format = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/document?layout=overview-table&format=odt',
      headers: as(sup),
    });
    expect(format.statusCode).toBe(400);
    expect(format.json().error.message).toMatch(/docx、xlsx 或 pdf/);
  });

  it('drafts the 通报 and a 督办单 for a lagging report, numbered and audited', async () => {
    const bulletin = await app.inject({ method: 'GET', url: '/api/rounds/r-q2/bulletin.docx', headers: as(sup) });
    expect(bulletin.statusCode, bulletin.body).toBe(200);
    const xml = new TextDecoder().decode(unzipSync(bulletin.rawPayload)['word/document.xml']);
    expect(xml).toContain('民生实事项目推进情况的通报');
    expect(xml).toContain('各单位报送情况');
    const table = (await app.inject({ method: 'GET', url: '/api/rounds/r-q2/table', headers: as(sup) })).json();
    const judged = table.rows.find((r: { computedStatus: string | null }) => r.computedStatus);
    const form = await app.inject({
      method: 'GET',
      url: `/api/rounds/r-q2/supervision-form.docx?report=${judged.reportId}`,
      headers: as(sup),
    });
    expect(form.statusCode, form.body).toBe(200);
    const formXml = new TextDecoder().decode(unzipSync(form.rawPayload)['word/document.xml']);
    expect(formXml).toContain('督办〔2026〕第1号');
    expect(formXml).toContain('反馈栏');
    const again = await app.inject({
      method: 'GET',
      url: `/api/rounds/r-q2/supervision-form.docx?report=${judged.reportId}`,
      headers: as(sup),
    });
    expect(new TextDecoder().decode(unzipSync(again.rawPayload)['word/document.xml'])).toContain('督办〔2026〕第2号');
    const missing = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/supervision-form.docx?report=nope',
      headers: as(sup),
    });
    expect(missing.statusCode).toBe(404);
  });
});
