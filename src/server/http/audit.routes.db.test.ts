/**
 * The audit log over HTTP: only the 审计管理员 reads, exports and verifies it (supervisors, the system admin and the
 * security admin get 403); filters and paging; the CSV opens in Excel without formulas; export and verification are
 * audited themselves; nothing edits or deletes an entry.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

let app: FastifyInstance;
let h: DbHandle;
let close: () => Promise<void>;
let aud: Session;

const URLS = ['/api/audit', '/api/audit/export', '/api/audit/verify'];

beforeAll(async () => {
  ({ app, h, close } = await createTestApp());
  // A failed login whose typed name looks like a spreadsheet formula (it lands in the log as the actor's name).
  await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: '=HYPERLINK("http://x","点我")', password: 'nope' },
    remoteAddress: '10.9.8.7',
  });
  await loginAs(app, 'sup');
  aud = await loginAs(app, 'aud');
});
afterAll(async () => close?.());

const get = (url: string, s: Session | null = aud) => app.inject({ url, headers: s ? as(s) : {} });

describe(`who may read the audit log (${TEST_ENGINE})`, () => {
  it('only the 审计管理员: supervisors, the system admin and the security admin get 403, visitors 401', async () => {
    for (const user of ['sup', 'root', 'sec', 'repa']) {
      const s = await loginAs(app, user);
      for (const url of URLS) expect((await get(url, s)).statusCode, `${user} ${url}`).toBe(403);
    }
    for (const url of URLS) expect((await get(url, null)).statusCode, url).toBe(401);
    for (const url of URLS) expect((await get(url)).statusCode, url).toBe(200);
  });

  it('has no route that edits or deletes entries', async () => {
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/audit', headers: as(aud), payload: {} });
      expect([404, 405]).toContain(res.statusCode);
    }
    expect((await app.inject({ method: 'DELETE', url: '/api/audit/1', headers: as(aud) })).statusCode).toBe(404);
  });
});

describe(`reading (${TEST_ENGINE})`, () => {
  it('lists entries newest first, with paging', async () => {
    const page = (await get('/api/audit?pageSize=2')).json();
    expect(page).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items).toHaveLength(2);
    const [a, b] = page.items;
    expect(a.seq).toBe(page.total);
    expect(b.seq).toBe(a.seq - 1);
    expect(a).toMatchObject({ actorName: '审计管理员', entity: 'audit', action: 'audit.verify' });
    const logins = (await get('/api/audit?action=login')).json().items;
    expect(logins[0]).toMatchObject({ action: 'login', entity: 'user', ip: expect.any(String) });
    const second = (await get('/api/audit?pageSize=2&page=2')).json();
    expect(second.items[0].seq).toBe(b.seq - 1);
  });

  it('filters by action, actor, address and time', async () => {
    const fails = (await get('/api/audit?action=login.fail')).json();
    expect(fails.items.map((i: { action: string }) => i.action)).toEqual(['login.fail']);
    expect(fails.items[0]).toMatchObject({ ip: '10.9.8.7', actorName: '=HYPERLINK("http://x","点我")' });
    expect((await get('/api/audit?ip=10.9.')).json().total).toBe(1);
    expect((await get(`/api/audit?actor=${encodeURIComponent('HYPERLINK')}`)).json().total).toBe(1);
    expect((await get('/api/audit?actor=%25')).json().total).toBe(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // in Beijing
    expect((await get(`/api/audit?from=2000-01-01&to=${today}`)).json().total).toBeGreaterThan(0);
    expect((await get('/api/audit?to=2000-01-01')).json().total).toBe(0);
  });

  it('refuses malformed filters with 400', async () => {
    expect((await get('/api/audit?from=昨天')).statusCode).toBe(400);
    expect((await get('/api/audit?pageSize=500')).statusCode).toBe(400);
  });
});

describe(`export (${TEST_ENGINE})`, () => {
  it('writes CSV for Excel: BOM, Chinese headers, Beijing time, formula-like cells defused', async () => {
    const res = await get('/api/audit/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(String(res.headers['content-disposition'])).toMatch(/filename\*=UTF-8''/);
    const text = res.body;
    expect(text.startsWith('\uFEFF"序号","时间（北京时间）","操作人"')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""点我"")"');
    expect(text).toContain('"登录失败","login.fail"');
    expect(lines[1]).toMatch(/^"1","\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"/);
  });

  it('writes JSON Lines with the stored entries and their hashes', async () => {
    const res = await get('/api/audit/export?format=jsonl&action=login');
    expect(res.headers['content-type']).toMatch(/ndjson/);
    const rows = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ action: 'login', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('is recorded in the log, with the filter and the number of entries', async () => {
    await get('/api/audit/export?action=login.fail');
    const last = (await get('/api/audit?action=audit.export&pageSize=1')).json().items[0];
    expect(last).toMatchObject({ actorName: '审计管理员', entity: 'audit' });
    expect(last.after).toMatchObject({ filter: { action: 'login.fail' }, format: 'csv', rows: 1 });
  });
});

describe(`verification (${TEST_ENGINE})`, () => {
  it('reports 通过 for an intact chain, and is recorded', async () => {
    const v = (await get('/api/audit/verify')).json();
    expect(v).toMatchObject({ ok: true, broken: null, algorithm: 'sha256', anchor: { seq: 0 } });
    expect(v.message).toMatch(/^通过/);
    const last = (await get('/api/audit?action=audit.verify&pageSize=1')).json().items[0];
    expect(last.after).toMatchObject({ ok: true, headSeq: v.head.seq });
  });

  it('reports the broken entry after someone changed it in the database', async () => {
    if (h.engine === 'postgres') await sql.raw('drop trigger audit_log_guard on audit_log').execute(h.db);
    else await sql.raw('drop trigger audit_log_no_update').execute(h.db);
    await sql.raw(`update audit_log set ip = '1.2.3.4' where seq = 2`).execute(h.db);
    const v = (await get('/api/audit/verify')).json();
    expect(v).toMatchObject({ ok: false, broken: { seq: 2, kind: 'hash' } });
    expect(v.message).toMatch(/^不通过：第 2 条/);
  });
});

describe(`the menu (${TEST_ENGINE})`, () => {
  it('offers the audit page to the 审计管理员 only', async () => {
    const me = (await get('/api/auth/me')).json();
    expect(me.abilities.readAuditLog).toBe(true);
    expect(me.home).toBe('/audit');
    for (const user of ['sup', 'root', 'sec']) {
      const s = await loginAs(app, user);
      expect((await get('/api/auth/me', s)).json().abilities.readAuditLog, user).toBe(false);
    }
  });
});
