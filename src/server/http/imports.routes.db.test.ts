import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';
import { multipart as upload } from '../test/upload';

/** Uploads as a browser sends an unknown file: application/octet-stream (the server goes by content, not type). */
const multipart = (fileName: string, bytes: Buffer, options?: object) =>
  upload(fileName, bytes, options, 'application/octet-stream');

let app: FastifyInstance;
let close: () => Promise<void>;
let sup: Session;
let repA: Session;

const TABLE = [
  '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
  '序号\t项目名称\t年度目标\t第三季度目标\t落实情况\t存在问题\t下一步工作\t牵头单位\t协办单位',
  '1\t东湖街道充电设施建设 区民生实事第11-1项\t建设120个充电插口。\t累计建设90个。\t已建成充电插口95个（按计划推进）。\t无\t1.11月底前完成验收。\t东湖街道\t区民政局',
].join('\n');

beforeAll(async () => {
  ({ app, close } = await createTestApp());
  sup = await loginAs(app, 'sup');
  repA = await loginAs(app, 'repa');
});
afterAll(async () => close?.());

describe(`import over HTTP (${TEST_ENGINE})`, () => {
  it('previews pasted text without writing anything', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: as(sup),
      payload: { text: TABLE },
    });
    expect(r.statusCode).toBe(200);
    const { preview } = r.json();
    expect(preview.round.periodKey).toBe('2026-Q3');
    expect(preview.items).toHaveLength(1);
    expect(preview.items[0]).toMatchObject({ code: '11-1', selfAssessment: '按计划推进', leadUnits: ['东湖街道'] });
    const rounds = await app.inject({ url: '/api/programmes/prog/rounds', headers: as(sup) });
    expect(rounds.json()).toHaveLength(1);
  });
  it('previews an uploaded text file and commits it with options', async () => {
    const up = multipart('进展表.txt', Buffer.from(TABLE, 'utf8'), { programmeId: 'prog' });
    const r = await app.inject({
      method: 'POST',
      url: '/api/imports/commit',
      headers: { ...as(sup), ...up.headers },
      payload: up.payload,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ projectsUpdated: 1, reportsVersioned: 1 });
  });
  it('rejects a picture renamed .docx and a legacy .doc with Chinese messages', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const up = multipart('计划.docx', png);
    const r = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: { ...as(sup), ...up.headers },
      payload: up.payload,
    });
    expect(r.statusCode).toBe(415);
    expect(r.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { code: 'UNSUPPORTED_TYPE' } });
    expect(r.json().error.message).toMatch(/PNG 图片/);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const up2 = multipart('计划.doc', ole);
    const r2 = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: { ...as(sup), ...up2.headers },
      payload: up2.payload,
    });
    expect(r2.statusCode).toBe(415);
    expect(r2.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { code: 'LEGACY_FORMAT' } });
    expect(r2.json().error.message).toMatch(/docx/);
  });
  it('a 1,000,000-line paste answers 413 with a Chinese message (no stack overflow, no 500)', async () => {
    const lines = ['序号\t项目名称\t落实情况'];
    for (let i = 1; i < 1_000_000; i++) lines.push(`${i}\ta\tb`);
    const t0 = performance.now();
    const r = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: as(sup),
      payload: { text: lines.join('\n') },
    });
    console.log(`1,000,000-line paste: ${r.statusCode} in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { code: 'TOO_MANY_ROWS' } });
    expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
  it('an HTML table whose colspans expand past the grid limit answers 413 quickly', async () => {
    const html = `<table>${'<tr><td colspan=200>x</td></tr>'.repeat(49_000)}</table>`;
    const up = multipart('表.html', Buffer.from(html, 'utf8'));
    const t0 = performance.now();
    const r = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: { ...as(sup), ...up.headers },
      payload: up.payload,
    });
    const ms = performance.now() - t0;
    console.log(`colspan=200 × 49,000 upload: ${r.statusCode} in ${ms.toFixed(0)} ms`);
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { code: 'GRID_TOO_LARGE' } });
    expect(ms).toBeLessThan(5000);
  });
  it('/api/health answers while a big import is being parsed (off the event loop)', async () => {
    const lines = ['序号\t项目名称\t落实情况'];
    for (let i = 1; i <= 10_000; i++) lines.push(`${i}\t项目${i}\t已完成建设任务的百分之${i % 100}`);
    const text = lines.join('\n');
    const done: string[] = [];
    const t0 = performance.now();
    const importing = app
      .inject({ method: 'POST', url: '/api/imports/preview', headers: as(sup), payload: { text } })
      .then((r) => {
        done.push('import');
        return r;
      });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const health = await app.inject({ url: '/api/health' });
    done.push('health');
    const healthMs = performance.now() - t0;
    const r = await importing;
    console.log(`health in ${healthMs.toFixed(0)} ms, import in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(health.statusCode).toBe(200);
    expect(r.statusCode).toBe(200);
    expect(r.json().preview.items).toHaveLength(10_000);
    expect(done).toEqual(['health', 'import']);
  });
  it('is closed to reporters', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: as(repA),
      payload: { text: TABLE },
    });
    expect(r.statusCode).toBe(403);
  });
});
