/**
 * Issue 8 §1.5: a NUL byte (or another control character) in any string of a request answers 400 VALIDATION naming
 * the field — on PostgreSQL it used to reach the database and answer 500 — and nothing is written.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';
import { multipart } from '../test/upload';

let app: FastifyInstance;
let h: DbHandle;
let close: () => Promise<void>;
let sup: Session;
let repA: Session;
let reportOfA = '';

const TABLE = [
  '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
  '序号\t项目名称\t年度目标\t第三季度目标\t落实情况\t存在问题\t下一步工作\t牵头单位\t协办单位',
  '1\t东湖街道充电设施建设 区民生实事第11-1项\t建设120个充电插口。\t累计建设90个。\t已建成充电插口95个（按计划推进）。\t无\t1.11月底前完成验收。\t东湖街道\t区民政局',
].join('\r\n');

const TABLES = [
  'sessions',
  'auditLog',
  'rounds',
  'reports',
  'reportVersions',
  'reportValues',
  'organizations',
  'projects',
  'loginThrottle',
] as const;

/** Row counts of the tables a request could write, and the users' failed-login counters. */
async function snapshot() {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await h.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(r.n);
  }
  const users = await h.db.selectFrom('users').select(['username', 'failedLogins']).orderBy('username').execute();
  return { counts, users };
}

/** The one validation answer: 400, code VALIDATION, a Chinese message naming the field, the field's path. */
type ErrorAnswer = { error: { code: string; message: string; details: { issues: { path: unknown[] }[] } } };
function expectRefused(res: { statusCode: number; json: () => unknown }, label: string, path: (string | number)[]) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
  const { error } = res.json() as ErrorAnswer;
  expect(error.code).toBe('VALIDATION');
  expect(error.message).toContain(`字段“${label}”`);
  expect(error.message).toMatch(/含有不允许的控制字符（U\+(00[01][0-9A-F]|007F)）/);
  expect(error.details.issues[0]?.path).toEqual(path);
}

beforeAll(async () => {
  ({ app, h, close } = await createTestApp());
  sup = await loginAs(app, 'sup');
  repA = await loginAs(app, 'repa');
  const roundId = await openQ3Round(app, sup);
  const mine = await app.inject({ url: `/api/rounds/${roundId}/my-reports`, headers: as(repA) });
  reportOfA = mine.json().find((m: { code: string }) => m.code === '11-1').reportId;
});
afterAll(async () => close?.());

describe(`control characters in requests (${TEST_ENGINE})`, () => {
  it('refuses a NUL in the login name with 400, and counts no failed login', async () => {
    const before = await snapshot();
    for (const username of ['sup\u0000', '\u0000', 'a\u0000b']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'x' } });
      expectRefused(res, '用户名', ['username']);
    }
    const pw = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sup', password: 'test-pass-123\u0000' },
    });
    expectRefused(pw, '密码', ['password']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a NUL in report text and in an indicator note, and writes no version', async () => {
    const detail = await app.inject({ url: `/api/reports/${reportOfA}`, headers: as(repA) });
    const baseVersion = detail.json().report.versionNo;
    const before = await snapshot();
    const body = {
      baseVersion,
      progressText: '已完成充电插口建设85个。',
      selfAssessment: '按计划推进',
      problems: '无',
      nextSteps: '10月底前完成剩余建设。',
      values: [{ indicatorId: 'ind-1', value: 85 }],
    };
    const put = (payload: object) =>
      app.inject({ method: 'PUT', url: `/api/reports/${reportOfA}`, headers: as(repA), payload });
    expectRefused(await put({ ...body, progressText: '已完成\u0000充电插口' }), '落实情况', ['progressText']);
    expectRefused(await put({ ...body, values: [{ indicatorId: 'ind-1', value: 85, note: '\u0007' }] }), '说明', [
      'values',
      0,
      'note',
    ]);
    expectRefused(await put({ ...body, problems: '\u001b[31m红字' }), '存在问题', ['problems']);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps tab, line feed and carriage return', async () => {
    const detail = await app.inject({ url: `/api/reports/${reportOfA}`, headers: as(repA) });
    expect(detail.statusCode).toBe(200);
    const res = await app.inject({
      method: 'PUT',
      url: `/api/reports/${reportOfA}`,
      headers: as(repA),
      payload: {
        baseVersion: detail.json().report.versionNo,
        progressText: '1.已完成\t85个；\r\n2.其余\n在建。',
        selfAssessment: '按计划推进',
        problems: '无',
        nextSteps: '无',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses a NUL in a new round name and in an id', async () => {
    const before = await snapshot();
    const res = await app.inject({
      method: 'POST',
      url: '/api/rounds',
      headers: as(sup),
      payload: {
        programmeId: 'prog',
        name: '四季度\u0000',
        periodType: 'quarter',
        periodKey: '2026-Q4',
        asOf: '2026-12-31',
        dueDate: '2027-01-08',
      },
    });
    expectRefused(res, '名称', ['name']);
    const id = await app.inject({ url: '/api/reports/abc%00def', headers: as(repA) });
    expectRefused(id, 'id', ['id']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses pasted text and import options with a NUL, pasted or uploaded', async () => {
    const before = await snapshot();
    for (const url of ['/api/imports/preview', '/api/imports/commit']) {
      const paste = await app.inject({
        method: 'POST',
        url,
        headers: as(sup),
        payload: { text: `${TABLE}\u0000`, options: { programmeId: 'prog' } },
      });
      expectRefused(paste, '粘贴的内容', ['text']);
      expect((paste.json() as ErrorAnswer).error.message).toContain('U+0000');
      const opts = await app.inject({
        method: 'POST',
        url,
        headers: as(sup),
        payload: { text: TABLE, options: { programmeId: 'prog', createUnits: ['新单位\u0000'] } },
      });
      expectRefused(opts, 'createUnits', ['options', 'createUnits', 0]);
      const up = multipart('进展表.txt', Buffer.from(TABLE), JSON.stringify({ programmeId: 'prog\u0000' }));
      const file = await app.inject({
        method: 'POST',
        url,
        headers: { ...as(sup), ...up.headers },
        payload: up.payload,
      });
      expectRefused(file, '实事计划', ['programmeId']);
    }
    expect(await snapshot()).toEqual(before);
  });
});
