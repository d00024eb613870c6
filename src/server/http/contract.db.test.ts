/**
 * The HTTP contract: every route is declared in shared/contract with a response schema, OpenAPI lists them all, and
 * every error (validation, unknown route or record, 405, 413, 415, 429, import errors) has the one error shape.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Endpoint } from '../../shared/contract';
import { ApiErrorBodySchema } from '../../shared/errors';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

let app: FastifyInstance;
let h: DbHandle;
let close: () => Promise<void>;
let sup: Session;
let repA: Session;

beforeAll(async () => {
  ({ app, h, close } = await createTestApp());
  sup = await loginAs(app, 'sup');
  repA = await loginAs(app, 'repa');
});
afterAll(async () => close?.());

/** The answer has the one error shape with this status and code; returns the error. */
function expectError(res: { statusCode: number; json: () => unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = ApiErrorBodySchema.parse(res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  return body.error;
}

const isDocsUi = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');
const contractKey = (method: string, path: string) => `${method} ${path}`;

describe(`every route is in the contract (${TEST_ENGINE})`, () => {
  it('declares a 2xx response schema on every /api route', () => {
    const api = app.routeTable.filter((r) => r.url.startsWith('/api/') && !isDocsUi(r.url));
    expect(api.length).toBeGreaterThan(15);
    const missing = api
      .filter((r) => {
        const response = (r.schema?.response ?? {}) as Record<string, unknown>;
        return !Object.keys(response).some((k) => /^2\d\d$|^2xx$/i.test(k) && response[k]);
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });
  it('declares params on every route with path parameters and a body on every POST/PUT', () => {
    const api = app.routeTable.filter((r) => r.url.startsWith('/api/') && !isDocsUi(r.url));
    const noParams = api.filter((r) => r.url.includes(':') && !r.schema?.params).map((r) => r.url);
    expect(noParams).toEqual([]);
    const noBody = api
      .filter((r) => ['POST', 'PUT'].includes(String(r.method)) && !r.schema?.body)
      .map((r) => `${r.method} ${r.url}`);
    expect(noBody).toEqual([]);
  });
  it('registers exactly the endpoints of shared/contract', () => {
    const served = new Set(
      app.routeTable
        .filter((r) => r.url.startsWith('/api/') && !isDocsUi(r.url) && r.method !== 'HEAD')
        .map((r) => contractKey(String(r.method), r.url)),
    );
    const declared = new Set(Object.values(API).map((e) => contractKey(e.method, e.path)));
    expect([...served].sort()).toEqual([...declared].sort());
  });
});

describe(`responses are serialised from their schemas (${TEST_ENGINE})`, () => {
  // createTestApp turns on strictResponses: a field a service returns but the schema lacks answers 500, not dropped.
  it('answers every read endpoint with the fields the web reads', async () => {
    const get = async (url: string, s: Session | null = sup) => {
      const r = await app.inject({ url, headers: s ? as(s) : {} });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
      return r.json();
    };
    expect(await get('/api/health', null)).toEqual({ ok: true });
    expect(await get('/api/auth/me')).toMatchObject({ username: 'sup', csrfToken: sup.csrf });
    const [prog] = await get('/api/programmes');
    expect(prog).toMatchObject({ id: 'prog', statusVocabulary: ['按计划推进', '滞后', '已完成'] });
    const [round] = await get(`/api/programmes/${prog.id}/rounds`);
    expect(round).toMatchObject({ programmeId: 'prog', total: expect.any(Number), handedIn: expect.any(Number) });
    const table = await get(`/api/rounds/${round.id}/table`);
    expect(Object.keys(table.counts).sort()).toEqual(['approved', 'draft', 'published', 'returned', 'submitted']);
    const row = table.rows[0];
    expect(row).toMatchObject({ reportId: expect.any(String), unitId: expect.any(String), levels: expect.any(Array) });
    expect(row).toHaveProperty('light');
    expect(row).toHaveProperty('findings');
    const detail = await get(`/api/reports/${row.reportId}`);
    expect(detail.report).toMatchObject({ id: row.reportId, allowedActions: expect.any(Array) });
    expect(detail.judge.facts).toHaveProperty('schedule');
    const project = await get(`/api/projects/${row.projectId}`);
    expect(project.rounds[0].reports[0]).toHaveProperty('computedStatus');
    expect(await get(`/api/rounds/${round.id}/my-reports`, repA)).toEqual(expect.any(Array));
    expect(await get('/api/public/rounds', null)).toEqual(expect.any(Array));
  });
});

describe(`OpenAPI (${TEST_ENGINE})`, () => {
  it('serves an OpenAPI 3 document listing every /api route, with request and response schemas', async () => {
    const res = await app.inject({ url: '/api/openapi.json', headers: as(sup) });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    for (const e of Object.values(API) as Endpoint[]) {
      const path = e.path.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${path}`).toBeTruthy();
      expect(op.summary).toBe(e.summary);
      const ok = op.responses[String(e.status ?? 200)];
      expect(ok?.content, `${e.method} ${path} response`).toBeTruthy();
      expect(op.responses['4XX'].content['application/json'].schema.properties.error).toBeTruthy();
      if (e.params)
        expect(op.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`)).toContain('path:id');
      if (e.method !== 'GET') expect(op.requestBody?.content, `${e.method} ${path} body`).toBeTruthy();
    }
    // Field names, nullability and enums come from the zod schemas.
    const row =
      doc.paths['/api/rounds/{id}/table'].get.responses['200'].content['application/json'].schema.properties.rows.items;
    expect(row.properties.status.enum).toEqual(['draft', 'submitted', 'returned', 'approved', 'published']);
    expect(row.properties.selfAssessment.nullable).toBe(true);
    expect(row.required).toContain('reportId');
    const save = doc.paths['/api/reports/{id}'].put.requestBody.content['application/json'].schema;
    expect(save.properties.progressText.maxLength).toBe(5000);
    // Imports take JSON (pasted text) or multipart (a file); the .xlsx export is a binary file.
    const imp = doc.paths['/api/imports/preview'].post.requestBody.content;
    expect(Object.keys(imp).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(imp['multipart/form-data'].schema.properties.file.format).toBe('binary');
    const xlsx = doc.paths['/api/rounds/{id}/table.xlsx'].get.responses['200'].content;
    expect(Object.keys(xlsx)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(Object.values(xlsx)[0]).toMatchObject({ schema: { type: 'string', format: 'binary' } });
    // The web app's files and the docs UI are not part of the API description.
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/') && !p.startsWith('/api/docs'))).toBe(true);
  });
  it('shows the docs only to staff', async () => {
    expectError(await app.inject({ url: '/api/openapi.json' }), 401, 'UNAUTHENTICATED');
    expectError(await app.inject({ url: '/api/openapi.json', headers: as(repA) }), 403, 'FORBIDDEN');
    expectError(await app.inject({ url: '/api/docs/', headers: as(repA) }), 403, 'FORBIDDEN');
    const ui = await app.inject({ url: '/api/docs/', headers: as(sup) });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    // Swagger UI's assets are served by the app itself (no CDN), under the same CSP.
    const scripts = [...ui.body.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src).not.toMatch(/^(https?:)?\/\//);
    const css = await app.inject({ url: '/api/docs/static/swagger-ui.css', headers: as(sup) });
    expect(css.statusCode).toBe(200);
    expect(ui.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });
  it('can be switched off or opened to everyone', async () => {
    const off = await buildApp({ db: h.db, apiDocs: 'off' });
    const pub = await buildApp({ db: h.db, apiDocs: 'public' });
    try {
      expectError(await off.inject({ url: '/api/openapi.json' }), 404, 'NOT_FOUND');
      expectError(await off.inject({ url: '/api/docs/' }), 404, 'NOT_FOUND');
      expect((await pub.inject({ url: '/api/openapi.json' })).statusCode).toBe(200);
    } finally {
      await off.close();
      await pub.close();
    }
  });
});

describe(`one error shape (${TEST_ENGINE})`, () => {
  it('400: names the fields in Chinese, with their paths in details.issues', async () => {
    const r = await app.inject({
      method: 'PUT',
      url: '/api/reports/any-report',
      headers: as(repA),
      payload: {
        baseVersion: 'x',
        progressText: '',
        selfAssessment: null,
        problems: '',
        nextSteps: '',
        values: [{ indicatorId: 'i', value: 'many' }],
      },
    });
    const err = expectError(r, 400, 'VALIDATION');
    expect(err.message).toMatch(/基准版本号/);
    expect(err.message).toMatch(/数值/);
    const paths = (err.details as { issues: { path: (string | number)[] }[] }).issues.map((i) => i.path);
    expect(paths).toContainEqual(['baseVersion']);
    expect(paths).toContainEqual(['values', 0, 'value']);
  });
  it('400: a missing body names the required fields', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/reports/any-report/return', headers: as(repA) });
    const err = expectError(r, 400, 'VALIDATION');
    expect(err.message).toMatch(/基准版本号/);
    expect(err.message).toMatch(/为必填项/);
  });
  it('403: the CSRF check comes before body validation', async () => {
    const r = await app.inject({
      method: 'PUT',
      url: '/api/reports/any-report',
      headers: { cookie: repA.cookie },
      payload: { nonsense: true },
    });
    expectError(r, 403, 'CSRF');
  });
  it('404: a malformed id reads like an unknown record', async () => {
    const bad = expectError(await app.inject({ url: '/api/reports/bad%20id!', headers: as(repA) }), 404, 'NOT_FOUND');
    expect(bad.message).toBe('填报记录不存在或无权访问');
    const long = await app.inject({ url: `/api/projects/${'x'.repeat(65)}`, headers: as(sup) });
    expect(expectError(long, 404, 'NOT_FOUND').message).toBe('项目不存在或无权访问');
    const unknown = expectError(
      await app.inject({ url: '/api/reports/no-such-report', headers: as(repA) }),
      404,
      'NOT_FOUND',
    );
    expect(unknown.message).toBe('填报记录不存在或无权访问');
  });
  it('404: unknown API route', async () => {
    const err = expectError(await app.inject({ url: '/api/nothing-here?x=1' }), 404, 'NOT_FOUND');
    expect(err.message).toBe('接口不存在：GET /api/nothing-here');
  });
  it('405: a known path with another method, listing the allowed ones', async () => {
    const r = await app.inject({ method: 'DELETE', url: '/api/reports/r-1', headers: as(repA) });
    expectError(r, 405, 'METHOD_NOT_ALLOWED');
    expect(r.headers.allow).toMatch(/GET/);
    expect(r.headers.allow).toMatch(/PUT/);
    expectError(await app.inject({ method: 'GET', url: '/api/auth/login' }), 405, 'METHOD_NOT_ALLOWED');
  });
  it('413: a body over the limit', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y'.repeat(1_100_000) },
    });
    expectError(r, 413, 'PAYLOAD_TOO_LARGE');
  });
  it('415: a content type the route does not read', async () => {
    const r = await app.inject({
      method: 'PUT',
      url: '/api/reports/r-1',
      headers: { ...as(repA), 'content-type': 'application/xml' },
      payload: '<report/>',
    });
    expectError(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
  it('429: too many login attempts', async () => {
    const limited = await buildApp({ db: h.db, loginRateMax: 1, apiDocs: 'off' });
    try {
      const login = () =>
        limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
      expectError(await login(), 401, 'UNAUTHENTICATED');
      expectError(await login(), 429, 'RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
  it('import errors: unreadable file, missing file, bad options', async () => {
    const boundary = '----contract-test';
    const form = (parts: string[]) => ({
      headers: { ...as(sup), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`,
    });
    const file = (name: string, body: string) =>
      `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n${body}`;
    const unreadable = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      ...form([file('计划.txt', '  \r\n  ')]),
    });
    const e1 = expectError(unreadable, 400, 'BAD_REQUEST');
    expect(e1.details).toEqual({ code: 'EMPTY_FILE' });
    expect(e1.message).toMatch(/没有任何文字/);
    const noFile = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      ...form(['Content-Disposition: form-data; name="options"\r\n\r\n{}']),
    });
    expect(expectError(noFile, 400, 'VALIDATION').details).toMatchObject({ issues: [{ path: ['file'] }] });
    const badOptions = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      ...form(['Content-Disposition: form-data; name="options"\r\n\r\n{"asOf":"2026-13-45"}', file('a.txt', 'x')]),
    });
    expect(expectError(badOptions, 400, 'VALIDATION').message).toMatch(/截至日期/);
    const pasted = await app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      headers: as(sup),
      payload: { text: '' },
    });
    expect(expectError(pasted, 400, 'VALIDATION').message).toMatch(/粘贴的内容是空的/);
  });
});
