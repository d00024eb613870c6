/**
 * 政务公开 over HTTP (issue 13 §1): the public JSON and HTML hold only the published snapshot — no judgement words, no
 * review comments, no record ids, nothing of a report approved after publication; a split project is one row per unit
 * with the unit named; the disclosure metadata; snapshots never change (an update and a 勘誤 are new snapshots, the
 * reason shown on both); 公示期 comments are held for moderation, escaped, rate-limited, with a honeypot; ETag → 304.
 */
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

const REVIEW_COMMENT = '请补充形象进度的佐证材料后再报';
const APPROVE_COMMENT = '同意，注意序时进度';
const UNPUBLISHED = '形象进度达到七成，累计完成投资约两千万元';
const INTERNAL_WORDS = ['序时', '须附书面分析', '研判', '书面分析', '落后序时', '百分点', 'computedStatus', 'light'];

describe(`政务公开 (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  let q3 = '';
  const reportOf: Record<string, string> = {};
  let first = { id: '', slug: '' };
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
  const anon = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const content = (progressText: string, values: object[] = []) => ({
    progressText,
    selfAssessment: '按计划推进',
    problems: '无',
    nextSteps: '1.继续推进。',
    values,
  });
  const submit = async (who: string, key: string, body: object) => {
    const id = reportOf[key]!;
    const saved = await call(who, 'PUT', `/api/reports/${id}`, { baseVersion: 0, ...body });
    expect(saved.statusCode, saved.body).toBe(200);
    const v = saved.json().report.versionNo;
    const sub = await call(who, 'POST', `/api/reports/${id}/submit`, { baseVersion: v });
    expect(sub.statusCode, sub.body).toBe(200);
    return sub.json().report.versionNo as number;
  };
  const approve = async (key: string, baseVersion: number, comment?: string) => {
    const r = await call('sup', 'POST', `/api/reports/${reportOf[key]}/approve`, {
      baseVersion,
      ...(comment ? { comment } : {}),
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().report.versionNo as number;
  };
  /** Every id of a record the database holds that the public must never see. */
  const internalIds = async () => {
    const ids = [
      ...(await h.db.selectFrom('reports').select('id').execute()).map((r) => r.id),
      ...(await h.db.selectFrom('reportVersions').select('id').execute()).map((r) => r.id),
      ...(await h.db.selectFrom('disclosurePublications').select('id').execute()).map((r) => r.id),
      ...(await h.db.selectFrom('disclosureComments').select('id').execute()).map((r) => r.id),
      q3,
      'p-1',
      'p-3',
      'org-a',
      'org-b',
      'ind-1',
      'u-sup',
    ];
    return ids;
  };
  const expectNothingInternal = async (text: string, unpublished = true) => {
    for (const w of [...INTERNAL_WORDS, REVIEW_COMMENT, APPROVE_COMMENT, ...(unpublished ? [UNPUBLISHED] : [])])
      expect(text).not.toContain(w);
    for (const id of await internalIds()) expect(text).not.toContain(`"${id}"`);
    for (const id of await internalIds()) if (id.length > 8) expect(text).not.toContain(id);
  };

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    for (const u of ['sup', 'repa', 'repb', 'sup2']) s[u] = await loginAs(app, u);
    q3 = await openQ3Round(app, s.sup!);
    for (const who of ['repa', 'repb']) {
      const mine = await call(who, 'GET', `/api/rounds/${q3}/my-reports`);
      for (const r of mine.json() as { reportId: string; code: string }[]) reportOf[`${who}:${r.code}`] = r.reportId;
    }
    // 11-1 and both units of the split 11-3 approved; 11-2 returned with a review comment.
    await approve(
      'repa:11-1',
      await submit('repa', 'repa:11-1', content('1.已完成充电插口建设98个。', [{ indicatorId: 'ind-1', value: 98 }])),
      APPROVE_COMMENT,
    );
    await approve('repa:11-3', await submit('repa', 'repa:11-3', content('东湖街道已新增电梯12台。')));
    await approve('repb:11-3', await submit('repb', 'repb:11-3', content('西岭街道已新增电梯9台。')));
    const v = await submit('repb', 'repb:11-2', content('主体结构施工中。'));
    const ret = await call('sup', 'POST', `/api/reports/${reportOf['repb:11-2']}/return`, {
      baseVersion: v,
      comment: REVIEW_COMMENT,
    });
    expect(ret.statusCode, ret.body).toBe(200);
  }, 60_000);
  afterAll(async () => close?.());

  it('only the office publishes; a snapshot needs published content', async () => {
    expect((await call('repa', 'POST', `/api/rounds/${q3}/disclosure`, {})).statusCode).toBe(403);
    expect((await call('sup2', 'POST', `/api/rounds/${q3}/disclosure`, {})).statusCode).toBe(404);
    expect((await call('repa', 'GET', '/api/programmes/prog/disclosure')).statusCode).toBe(403);
    const bad = await call('sup', 'POST', `/api/rounds/${q3}/disclosure`, { splitMode: 'sideways' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('拆分项目的显示方式');
  });

  it('publishes the round as a snapshot with the chosen layout, split mode and metadata', async () => {
    const res = await call('sup', 'POST', `/api/rounds/${q3}/disclosure`, {
      layoutId: 'monthly-progress',
      splitMode: 'perUnit',
      metadata: { docNumber: '测区督〔2026〕12号', genre: '报告' },
      commentUntil: inDays(10),
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      kind: 'first',
      rowCount: 3,
      layoutName: '月度进展情况（公开版）',
      commentUntil: inDays(10),
    });
    expect(p.metadata).toMatchObject({
      docNumber: '测区督〔2026〕12号',
      openness: '主动公开',
      category: '政府实事项目进展',
      topic: '综合政务',
      publishedOn: today,
      issuedOn: today,
    });
    expect(p.metadata.agency).toMatch(/督查室$/);
    expect(p.slug).toMatch(/^2026-q3-[0-9a-f]{6}$/);
    first = { id: p.id, slug: p.slug };
    // Attachments were rendered and stored at publication.
    const files = await h.db
      .selectFrom('disclosureFiles')
      .select(['format'])
      .where('publicationId', '=', p.id)
      .execute();
    expect(files.map((f) => f.format).sort()).toEqual(['docx', 'pdf', 'xlsx']);
  }, 60_000);

  it('a report approved after publication stays out of every public answer', async () => {
    const id = reportOf['repb:11-2']!;
    const d = (await call('repb', 'GET', `/api/reports/${id}`)).json();
    const saved = await call('repb', 'PUT', `/api/reports/${id}`, {
      baseVersion: d.report.versionNo,
      ...content(UNPUBLISHED),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await call('repb', 'POST', `/api/reports/${id}/submit`, { baseVersion: saved.json().report.versionNo });
    await approve('repb:11-2', sub.json().report.versionNo);
    const html = await anon(`/gk/p/${first.slug}`);
    expect(html.statusCode).toBe(200);
    const json = await anon(`/api/public/publications/${first.slug}`);
    const legacy = await anon(`/api/public/rounds/${q3}/table`);
    const list = await anon('/api/public/rounds');
    for (const r of [html, json, legacy]) await expectNothingInternal(r.body);
    expect(list.json()).toEqual([expect.objectContaining({ slug: first.slug, id: q3 })]);
    expect(html.body).toContain('98个');
  });

  it('the public page: metadata block, the table with th scope, one row per unit of a split project, files', async () => {
    const res = await anon(`/gk/p/${first.slug}`);
    const html = res.body;
    expect(res.headers['content-type']).toContain('text/html');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script/i);
    for (const label of [
      '所属类目',
      '主题分类',
      '体裁',
      '发布日期',
      '发文字号',
      '发文日期',
      '公开类别',
      '机构名称',
      '信息来源',
    ])
      expect(html).toContain(`<dt>${label}</dt>`);
    expect(html).toContain('测区督〔2026〕12号');
    expect(html).toContain('<dd>主动公开</dd>');
    expect(html).toContain('<th scope="col">责任单位</th>');
    expect(html).toContain(`href="/gk/p/${first.slug}/docx"`);
    const j = (await anon(`/api/public/publications/${first.slug}`)).json();
    expect(j.headers).toEqual(['序号', '项目内容及居民受益面', '责任单位', '牵头单位', '第三季度目标', '进展情况']);
    expect(j.rows.map((r: { code: string; unit: string }) => `${r.code}/${r.unit}`)).toEqual([
      '11-1/东湖街道',
      '11-3/东湖街道',
      '11-3/西岭街道',
    ]);
    const split = j.rows.filter((r: { code: string }) => r.code === '11-3');
    expect(split.map((r: { cells: string[] }) => r.cells[2])).toEqual(['东湖街道', '西岭街道']);
    expect(split.map((r: { cells: string[] }) => r.cells[5])).toEqual([
      '东湖街道已新增电梯12台。',
      '西岭街道已新增电梯9台。',
    ]);
    const docx = await anon(`/gk/p/${first.slug}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = new TextDecoder().decode(unzipSync(docx.rawPayload)['word/document.xml']);
    expect(xml).toContain('已完成充电插口建设98个');
    expect(xml).not.toContain(UNPUBLISHED);
    expect(xml).not.toContain(REVIEW_COMMENT);
    expect((await anon(`/gk/p/${first.slug}/exe`)).statusCode).toBe(404);
    expect((await anon('/gk/p/2026-q3-000000')).statusCode).toBe(404);
  });

  it('pages carry an ETag and a short public cache lifetime; a match answers 304', async () => {
    for (const url of ['/gk/', `/gk/p/${first.slug}`]) {
      const res = await anon(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^W\/".+"$/);
      const again = await anon(url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
  });

  it('publishing the round again updates the publication; the first snapshot stays as it was', async () => {
    const before = (await anon(`/api/public/publications/${first.slug}`)).json();
    const pub = await call('sup', 'POST', `/api/rounds/${q3}/publish`, {});
    expect(pub.json()).toEqual({ published: 1 });
    const live = (await anon('/api/public/rounds')).json();
    expect(live).toHaveLength(1);
    expect(live[0].slug).not.toBe(first.slug);
    const update = (await anon(`/api/public/publications/${live[0].slug}`)).json();
    expect(update.kind).toBe('update');
    expect(update.rows.map((r: { code: string }) => r.code)).toEqual(['11-1', '11-2', '11-3', '11-3']);
    expect(JSON.stringify(update.rows)).toContain(UNPUBLISHED); // published now
    expect(update.replaces).toMatchObject({ slug: first.slug });
    const after = (await anon(`/api/public/publications/${first.slug}`)).json();
    expect(after.rows).toEqual(before.rows);
    expect(after.blocks).toEqual(before.blocks);
    expect(after.replacedBy).toMatchObject({ slug: live[0].slug });
    expect((await anon(`/gk/p/${first.slug}`)).body).toContain('请查看最新版本');
  });

  it('a 勘误 needs a reason, is a new snapshot, and shows the reason on both', async () => {
    const live = (await anon('/api/public/rounds')).json()[0];
    const noReason = await call('sup', 'POST', `/api/rounds/${q3}/disclosure`, { splitMode: 'merged' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('勘误原因');
    const overview = (await call('sup', 'GET', '/api/programmes/prog/disclosure')).json();
    const liveId = overview.publications.find((p: { slug: string }) => p.slug === live.slug).id;
    const reason = '拆分项目改为按项目合并显示，并更正发文字号';
    const res = await call('sup', 'POST', `/api/disclosure/publications/${liveId}/correct`, {
      reason,
      splitMode: 'merged',
      metadata: { docNumber: '测区督〔2026〕13号' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'correction', reason, replacesSlug: live.slug, rowCount: 3 });
    const corrected = (await anon(`/api/public/publications/${res.json().slug}`)).json();
    const merged = corrected.rows.find((r: { code: string }) => r.code === '11-3');
    expect(merged.cells.join('|')).toContain('东湖街道：东湖街道已新增电梯12台。');
    expect(merged.cells.join('|')).toContain('西岭街道：西岭街道已新增电梯9台。');
    expect(corrected.metadata.docNumber).toBe('测区督〔2026〕13号');
    const newPage = (await anon(`/gk/p/${res.json().slug}`)).body;
    expect(newPage).toContain('勘误说明');
    expect(newPage).toContain(reason);
    const oldPage = (await anon(`/gk/p/${live.slug}`)).body;
    expect(oldPage).toContain(reason);
    expect(oldPage).toContain(`/gk/p/${res.json().slug}`);
    // Correcting a replaced publication is refused: only the one in force can be corrected.
    const again = await call('sup', 'POST', `/api/disclosure/publications/${liveId}/correct`, { reason: '再改' });
    expect(again.statusCode).toBe(409);
    // The lists: /gk/ → the programme's year → every publication, replaced ones marked.
    const index = (await anon('/gk/')).body;
    const yearUrl = /href="(\/gk\/[a-z0-9-]+\/2026\/)"/.exec(index)![1]!;
    const year = (await anon(yearUrl)).body;
    expect(year.match(/href="\/gk\/p\//g)?.length).toBeGreaterThanOrEqual(3);
    expect(year).toContain('已被');
    await expectNothingInternal(index + year, false);
    expect((await anon(yearUrl.slice(0, -1))).statusCode).toBe(301);
  });

  it('公示期 comments: held for moderation, escaped when shown, honeypot, limits, rate limit', async () => {
    const live = (await anon('/api/public/rounds')).json()[0].slug as string;
    const post = (form: Record<string, string>, ip = '10.9.0.1') =>
      app.inject({
        method: 'POST',
        url: `/gk/p/${live}/comments`,
        remoteAddress: ip,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });
    const text = '<script>alert(1)</script>建议公布每个小区的加装进度';
    const ok = await post({ name: '张先生', contact: '13800000000', text, website: '' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/gk/p/${live}?sent=1#comment-form`);
    expect((await anon(`/gk/p/${live}?sent=1`)).body).toContain('已收到您的意见');
    // Held: not shown before moderation.
    expect((await anon(`/gk/p/${live}`)).body).not.toContain('建议公布每个小区');
    // The honeypot: answered alike, nothing stored.
    expect(
      (await post({ name: '', contact: '', text: '正常的内容正常的内容', website: 'http://spam.example' }, '10.9.0.2'))
        .statusCode,
    ).toBe(303);
    const short = await post({ name: '', contact: '', text: '好', website: '' }, '10.9.0.3');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('意见内容至少5个字');
    expect(short.body).toContain('role="alert"');
    const long = await post({ name: '', contact: '', text: '长'.repeat(501), website: '' }, '10.9.0.3');
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('不能超过500个字');
    for (let i = 0; i < 3; i++)
      expect(
        (await post({ name: '', contact: '', text: `第${i}条意见内容`, website: '' }, '10.9.0.4')).statusCode,
      ).toBe(303);
    const limited = await post({ name: '', contact: '', text: '第四条意见内容', website: '' }, '10.9.0.4');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('提交过于频繁');

    const o = (await call('sup', 'GET', '/api/programmes/prog/disclosure')).json();
    expect(o.pending.map((c: { text: string }) => c.text)).toEqual([
      text,
      '第0条意见内容',
      '第1条意见内容',
      '第2条意见内容',
    ]);
    expect(o.pending[0]).toMatchObject({ name: '张先生', contact: '13800000000' });
    expect(
      (await call('repa', 'POST', `/api/disclosure/comments/${o.pending[0].id}/moderate`, { decision: 'approved' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('sup', 'POST', `/api/disclosure/comments/${o.pending[0].id}/moderate`, { decision: 'approved' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('sup', 'POST', `/api/disclosure/comments/${o.pending[1].id}/moderate`, { decision: 'rejected' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('sup', 'POST', `/api/disclosure/comments/${o.pending[1].id}/moderate`, { decision: 'approved' }))
        .statusCode,
    ).toBe(409);
    const page = (await anon(`/gk/p/${live}`)).body;
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;建议公布每个小区的加装进度');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('第0条意见内容');
    expect(page).not.toContain('13800000000'); // the contact is never public
    const j = (await anon(`/api/public/publications/${live}`)).json();
    expect(j.comments.items).toEqual([{ name: '张先生', text, at: today }]);
    // A publication without a comment window takes none.
    const replaced = first.slug;
    const closed = await app.inject({
      method: 'POST',
      url: `/gk/p/${replaced}/comments`,
      remoteAddress: '10.9.0.9',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'text=%E8%BF%99%E6%98%AF%E4%B8%80%E6%9D%A1%E6%84%8F%E8%A7%81',
    });
    expect(closed.statusCode).toBe(400);
    expect(closed.body).toContain('不再接收意见');
  });

  it('settings: defaults per programme, used by the next publication; the slug is checked', async () => {
    const save = await call('sup', 'PUT', '/api/programmes/prog/disclosure/settings', {
      slug: 'ms2026',
      layoutId: 'overview-table',
      splitMode: 'perUnit',
      defaults: {
        source: '测试区人民政府督查室',
        category: '民生实事',
        topic: '城乡建设',
        genre: '公告',
        docNumber: '',
        openness: '主动公开',
        agency: '测试区人民政府办公室',
      },
      commentDays: 7,
    });
    expect(save.statusCode, save.body).toBe(200);
    expect(save.json()).toMatchObject({ slug: 'ms2026', layoutId: 'overview-table', commentDays: 7 });
    expect((await anon('/gk/ms2026/2026/')).statusCode).toBe(200);
    const bad = await call('sup', 'PUT', '/api/programmes/prog/disclosure/settings', {
      ...save.json(),
      slug: 'Bad Slug',
      updatedAt: undefined,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('公开网址');
    const o = (await call('sup', 'GET', '/api/programmes/prog/disclosure')).json();
    const liveId = o.publications.find((p: { replacedBySlug: string | null }) => !p.replacedBySlug).id;
    // A correction keeps the publication's own layout and metadata unless the office changes them.
    const c = await call('sup', 'POST', `/api/disclosure/publications/${liveId}/correct`, { reason: '更正错别字' });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().metadata.docNumber).toBe('测区督〔2026〕13号');
    // The overview-table layout's 示例 row and judgement colours never reach the public.
    const p = await call('sup', 'POST', `/api/disclosure/publications/${c.json().id}/correct`, {
      reason: '改用一览表版式',
      layoutId: 'overview-table',
      metadata: { agency: '测试区人民政府办公室' },
    });
    expect(p.statusCode, p.body).toBe(201);
    const html = (await anon(`/gk/p/${p.json().slug}`)).body;
    expect(html).not.toContain('示  例');
    expect(html).not.toContain('写清本期做了什么');
    expect(html).toContain('测试区人民政府办公室');
    await expectNothingInternal(html, false); // 11-2 is published by now
  }, 30_000);

  it('a 勘误 can correct a cell; the correction stays in later corrections, the earlier snapshot keeps its text', async () => {
    const o = (await call('sup', 'GET', '/api/programmes/prog/disclosure')).json();
    const live = o.publications.find((p: { replacedBySlug: string | null }) => !p.replacedBySlug);
    const before = (await anon(`/api/public/publications/${live.slug}`)).json();
    const column = '第三季度进展情况';
    expect(before.headers).toContain(column);
    const edit = { code: '11-1', unit: '东湖街道', column, text: '1.已完成充电插口建设96个（经核实更正）。' };
    const bad = await call('sup', 'POST', `/api/disclosure/publications/${live.id}/correct`, {
      reason: '更正数字',
      edits: [{ ...edit, column: '不存在的列' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('找不到要更正的单元格');
    const c = await call('sup', 'POST', `/api/disclosure/publications/${live.id}/correct`, {
      reason: '11-1项目完成数量核实为96个',
      edits: [edit],
    });
    expect(c.statusCode, c.body).toBe(201);
    const row = (slug: string) =>
      anon(`/api/public/publications/${slug}`).then(
        (r) => r.json().rows.find((x: { code: string }) => x.code === '11-1').cells as string[],
      );
    const col = before.headers.indexOf(column);
    expect((await row(c.json().slug))[col]).toBe(edit.text);
    expect((await row(live.slug))[col]).toBe('1.已完成充电插口建设98个。');
    const docx = await anon(`/gk/p/${c.json().slug}/docx`);
    expect(new TextDecoder().decode(unzipSync(docx.rawPayload)['word/document.xml'])).toContain('96个（经核实更正）');
    const again = await call('sup', 'POST', `/api/disclosure/publications/${c.json().id}/correct`, {
      reason: '更正发布日期',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect((await row(again.json().slug))[col]).toBe(edit.text);
  }, 30_000);
});
