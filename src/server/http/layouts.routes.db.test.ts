/**
 * The office's own layouts over HTTP: copy a built-in layout, edit it (rename, hide, reorder, add a column, retitle),
 * versions with optimistic locking, unchanged saves, the history, who may do what, Chinese validation messages, the
 * preview of an unsaved layout, the export in an own layout, archiving.
 */
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Layout } from '../../domain/publish/layouts/schema';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

type Cell = { paras: { runs: { text: string }[] }[] };
type Block = { kind: string; header?: Cell[][]; body?: Cell[][]; para?: { runs: { text: string }[] } };
const text = (c: Cell) => c.paras.map((p) => p.runs.map((r) => r.text).join('')).join('\n');
const tableOf = (doc: { blocks: Block[] }) => doc.blocks.find((b) => b.kind === 'table')!;
const titleOf = (doc: { blocks: Block[] }) =>
  doc.blocks
    .filter((b) => b.kind === 'paragraph')
    .map((b) => b.para!.runs.map((r) => r.text).join(''))
    .join('\n');

describe(`own layouts over HTTP (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  let sup: Session;
  let layoutId = '';
  let edited: Layout;

  const get = (url: string, s: Session = sup) => app.inject({ method: 'GET', url, headers: as(s) });
  const send = (method: 'POST' | 'PUT', url: string, payload: unknown, s: Session = sup) =>
    app.inject({ method, url, headers: as(s), payload: payload as Record<string, unknown> });

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    sup = await loginAs(app, 'sup');
  });
  afterAll(async () => close());

  it('copies a built-in layout as the programme’s own, version 1', async () => {
    const res = await send('POST', '/api/programmes/prog/layouts', { basedOn: 'overview-table', name: '督查室一览表' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.id).toMatch(/^own-[a-z0-9]+$/);
    expect(d).toMatchObject({ builtin: false, programmeId: 'prog', basedOn: 'overview-table', version: 1 });
    expect(d.canEdit).toBe(true);
    expect(d.layout.name).toBe('督查室一览表');
    expect(d.layout.id).toBe(d.id);
    expect(d.history).toHaveLength(1);
    layoutId = d.id;
    const list = await get('/api/programmes/prog/layouts');
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().layouts.map((l: { id: string }) => l.id);
    expect(ids.slice(0, 5)).toEqual([
      'quarterly-progress',
      'overview-table',
      'year-end-summary',
      'monthly-progress',
      'narrative-report',
    ]);
    expect(ids).toContain(layoutId);
    // The export dialog's list includes it when it names the programme, not otherwise.
    const forExport = (await get('/api/layouts?programmeId=prog')).json();
    expect(forExport.find((l: { id: string }) => l.id === layoutId)).toMatchObject({ builtin: false });
    expect((await get('/api/layouts')).json()).toHaveLength(5);
    // The same name twice is refused.
    const twice = await send('POST', '/api/programmes/prog/layouts', {
      basedOn: 'overview-table',
      name: '督查室一览表',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/已有名为/);
  });

  it('saves an edit as version 2: renamed, hidden, reordered and added columns, a new title', async () => {
    const d = (await get(`/api/layouts/${layoutId}`)).json();
    const l: Layout = d.layout;
    const cols = l.columns.map((c) => ({ ...c }));
    const name = cols.findIndex((c) => c.value.field === 'name');
    cols[name] = { ...cols[name]!, header: '项目\n名称（督查）' }; // rename
    const withoutAssist = cols.filter((c) => c.value.field !== 'assistUnits'); // hide
    const progress = withoutAssist.findIndex((c) => c.value.field === 'progress');
    const [moved] = withoutAssist.splice(progress, 1); // reorder: progress last
    withoutAssist.push(moved!);
    withoutAssist.push({ header: '系统研判', value: { field: 'computedStatus' }, width: 14, align: 'center' }); // add
    edited = {
      ...l,
      title: '{government}{year}年{period}民生实事督查情况表',
      columns: withoutAssist,
      exampleRow: null, // its rules sat under the columns by position
    };
    const res = await send('PUT', `/api/layouts/${layoutId}`, { baseVersion: 1, layout: edited });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved).toMatchObject({ version: 2, changed: true });
    expect(saved.layout.columns.map((c: { header: string }) => c.header)).toContain('项目\n名称（督查）');
    expect(saved.layout.columns.at(-1).value).toEqual({ field: 'computedStatus' });
    expect(saved.layout.columns.at(-2).value.field).toBe('progress');
    expect(saved.layout.columns.some((c: { value: { field: string } }) => c.value.field === 'assistUnits')).toBe(false);
    expect(saved.history.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses a save from an old version (409, Chinese) and keeps the stored one', async () => {
    const res = await send('PUT', `/api/layouts/${layoutId}`, {
      baseVersion: 1,
      layout: { ...edited, title: '别人的标题' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
    expect(res.json().error.message).toMatch(/第2版.*第1版.*重新加载/);
    expect((await get(`/api/layouts/${layoutId}`)).json().layout.title).toBe(edited.title);
  });

  it('creates no version when nothing changed', async () => {
    const res = await send('PUT', `/api/layouts/${layoutId}`, { baseVersion: 2, layout: edited });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, changed: false });
    const versions = await h.db.selectFrom('layoutVersions').selectAll().where('layoutId', '=', layoutId).execute();
    expect(versions).toHaveLength(2);
  });

  it('keeps the history: every version stays readable', async () => {
    const v1 = await get(`/api/layouts/${layoutId}?version=1`);
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json()).toMatchObject({ version: 2, shownVersion: 1 });
    expect(v1.json().layout.columns.some((c: { value: { field: string } }) => c.value.field === 'assistUnits')).toBe(
      true,
    );
    expect((await get(`/api/layouts/${layoutId}?version=9`)).statusCode).toBe(404);
    const audit = await h.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', layoutId)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['layout.create', 'layout.update']);
    expect(JSON.parse(audit[1]!.after!).changed).toEqual(expect.arrayContaining(['columns', 'title']));
  });

  it('refuses reporters and leaders to change layouts; leaders may read and use them', async () => {
    const rep = await loginAs(app, 'repa');
    expect([403, 404]).toContain((await get('/api/programmes/prog/layouts', rep)).statusCode);
    expect([403, 404]).toContain((await get(`/api/layouts/${layoutId}`, rep)).statusCode);
    const create = await send('POST', '/api/programmes/prog/layouts', { basedOn: 'overview-table', name: 'x' }, rep);
    expect([403, 404]).toContain(create.statusCode);
    const put = await send('PUT', `/api/layouts/${layoutId}`, { baseVersion: 2, layout: edited }, rep);
    expect([403, 404]).toContain(put.statusCode);
    expect([403, 404]).toContain((await send('POST', `/api/layouts/${layoutId}/archive`, {}, rep)).statusCode);
    const lead = await loginAs(app, 'lead');
    const list = await get('/api/programmes/prog/layouts', lead);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().canEdit).toBe(false);
    expect((await get(`/api/layouts/${layoutId}`, lead)).json().canEdit).toBe(false);
    const leadPut = await send('PUT', `/api/layouts/${layoutId}`, { baseVersion: 2, layout: edited }, lead);
    expect(leadPut.statusCode).toBe(403);
    // Another government's office does not even see it.
    const sup2 = await loginAs(app, 'sup2');
    expect((await get(`/api/layouts/${layoutId}`, sup2)).statusCode).toBe(404);
    // Built-in layouts cannot be changed.
    const builtin = await get('/api/layouts/overview-table');
    expect(builtin.json()).toMatchObject({ builtin: true, canEdit: false, version: 0 });
    const putBuiltin = await send('PUT', '/api/layouts/overview-table', {
      baseVersion: 0,
      layout: builtin.json().layout,
    });
    expect(putBuiltin.statusCode).toBe(403);
  });

  it('answers an invalid layout with 400 and Chinese messages naming the place', async () => {
    const bad = {
      ...edited,
      title: 'x'.repeat(301),
      columns: edited.columns.map((c, i) => (i === 2 ? { ...c, width: 1 } : c)),
      page: { ...edited.page, orientation: 'sideways' },
    };
    const res = await send('PUT', `/api/layouts/${layoutId}`, { baseVersion: 2, layout: bad });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('“标题”不能超过300个字符');
    expect(err.message).toContain('“第3列·宽度”不能小于4');
    expect(err.message).toContain('“页面·纸张方向”应为以下之一：纵向、横向');
    expect(err.details.issues).toContainEqual({ path: ['layout', 'columns', 2, 'width'], message: '不能小于4' });
    const none = await send('PUT', `/api/layouts/${layoutId}`, { baseVersion: 2, layout: { ...edited, columns: [] } });
    expect(none.json().error.message).toContain('表格版式至少需要一列');
    const preview = await send('POST', '/api/rounds/r-q2/document/preview', { layout: { ...edited, sizes: {} } });
    expect(preview.statusCode).toBe(400);
    expect(preview.json().error.message).toMatch(/“字号·标题”为必填项/);
  });

  it('previews an unsaved layout with the same shape as the saved preview', async () => {
    const draft = { ...edited, subtitle: '（草稿）' };
    const res = await send('POST', '/api/rounds/r-q2/document/preview', { layout: draft });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(titleOf(doc)).toContain('（草稿）');
    expect(tableOf(doc).header![0]!.map(text)).toContain('系统研判');
    const saved = await get(`/api/rounds/r-q2/document/preview?layout=${layoutId}`);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(Object.keys(saved.json()).sort()).toEqual(Object.keys(doc).sort());
    expect(titleOf(saved.json())).not.toContain('（草稿）');
  });

  it('exports the round in the own layout with the renamed header', async () => {
    const res = await get(`/api/rounds/r-q2/document?layout=${layoutId}&format=docx`);
    expect(res.statusCode, res.body).toBe(200);
    const xml = new TextDecoder().decode(unzipSync(res.rawPayload)['word/document.xml']);
    expect(xml).toContain('名称（督查）');
    expect(xml).toContain('系统研判');
    expect(xml).toContain('民生实事督查情况表');
    expect(xml).not.toContain('协办单位');
    const preview = (await get(`/api/rounds/r-q2/document/preview?layout=${layoutId}`)).json();
    expect(tableOf(preview).header![0]!.map(text)).toContain('项目\n名称（督查）');
  });

  it('copies an own layout and archives it: no longer listed nor usable, history kept', async () => {
    const copy = await send('POST', '/api/programmes/prog/layouts', { basedOn: layoutId, name: '督查室一览表（二）' });
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json()).toMatchObject({ basedOn: 'overview-table', version: 1 });
    expect(copy.json().layout.title).toBe(edited.title);
    const res = await send('POST', `/api/layouts/${layoutId}/archive`, {});
    expect(res.statusCode, res.body).toBe(200);
    const ids = (await get('/api/programmes/prog/layouts')).json().layouts.map((l: { id: string }) => l.id);
    expect(ids).not.toContain(layoutId);
    expect(ids).toContain(copy.json().id);
    const exp = await get(`/api/rounds/r-q2/document?layout=${layoutId}&format=docx`);
    expect(exp.statusCode).toBe(404);
    expect(exp.json().error.message).toMatch(/版式不存在/);
    const after = (await get(`/api/layouts/${layoutId}`)).json();
    expect(after).toMatchObject({ archived: true, canEdit: false, version: 2 });
    expect(after.history).toHaveLength(2);
    const put = await send('PUT', `/api/layouts/${layoutId}`, { baseVersion: 2, layout: { ...edited, title: 'x' } });
    expect(put.statusCode).toBe(409);
    const audit = await h.db.selectFrom('auditLog').select('action').where('entityId', '=', layoutId).execute();
    expect(audit.map((a) => a.action)).toContain('layout.archive');
  });
});
