/**
 * 督办 records over HTTP (issue 11 §2): raising is idempotent and upgrades an open lower level; the unit responds
 * (its reporters only), the office rejects (back to open) or closes (销号); history is kept; a stale version answers
 * 409; the 督办单 .docx is filled from the record; an open 挂牌督办 marks the project in the consolidated table; who may
 * read and act.
 */

import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../shared/contract';
import { SUPERVISION_ENDPOINTS } from '../../shared/contract/supervision';
import type { DbHandle } from '../db/connect';
import { raiseSupervision } from '../services/supervision/raise';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

describe(`督办 records (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
  const raise = (key: string, level: 'yellow' | 'red' | 'listed', extra: object = {}) =>
    h.db.transaction().execute((trx) =>
      raiseSupervision(trx, {
        programmeId: 'prog',
        roundId: 'r-q2',
        projectId: 'p-2',
        orgId: 'org-b',
        reportId: 'rep-q2-2',
        level,
        reason: `连续两期落后序时进度超过10个百分点（${level}）`,
        idempotencyKey: key,
        responseDueDate: '2026-07-20',
        now: new Date('2026-07-10T02:00:00Z'),
        actorId: null,
        ...extra,
      }),
    );
  let recordB = '';
  let recordC = '';

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    for (const u of ['sup', 'repa', 'repb', 'lead', 'sup2', 'dep', 'rep2x', 'sec']) s[u] = await loginAs(app, u);
  });
  afterAll(async () => close?.());

  it('raising is idempotent and upgrades an open lower-level record instead of opening a second one', async () => {
    const first = await raise('rule:p-2:org-b:yellow', 'yellow');
    expect(first.created).toBe(true);
    expect(first.id).not.toBe('');
    expect(await raise('rule:p-2:org-b:yellow', 'yellow')).toEqual({ id: first.id, created: false });
    const up = await raise('rule:p-2:org-b:red', 'red');
    expect(up).toEqual({ id: first.id, created: false });
    // A lower or equal level on the open record changes nothing.
    expect(await raise('rule:p-2:org-b:yellow-again', 'yellow')).toEqual({ id: first.id, created: false });
    recordB = first.id;
    const d = (await call('sup', 'GET', `/api/supervisions/${recordB}`)).json();
    expect(d).toMatchObject({ level: 'red', levelLabel: '红色督办单', status: 'open', version: 2, unit: '西岭街道' });
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'upgraded']);
    expect(d.events[0]).toMatchObject({ level: 'yellow', by: '系统（督办规则）' });
    expect(d.abilities).toEqual({ respond: false, reject: false, close: false });
    const list = (await call('sup', 'GET', '/api/supervisions')).json();
    expect(list.items).toHaveLength(1);
  });

  it('the office raises one by hand; others may not', async () => {
    const body = {
      projectId: 'p-3',
      orgId: 'org-c',
      level: 'yellow',
      reason: '电梯加装协办工作推进缓慢',
      responseDueDate: '2030-12-31',
    };
    expect((await call('repa', 'POST', '/api/supervisions', body)).statusCode).toBe(403);
    expect((await call('lead', 'POST', '/api/supervisions', body)).statusCode).toBe(403);
    expect((await call('sup2', 'POST', '/api/supervisions', body)).statusCode).toBe(404);
    expect((await call('rep2x', 'POST', '/api/supervisions', body)).statusCode).toBe(404);
    const wrongUnit = await call('sup', 'POST', '/api/supervisions', { ...body, orgId: 'org-x' });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.message).toContain('不是该项目的责任单位');
    const noReason = await call('sup', 'POST', '/api/supervisions', { ...body, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('督办事由');
    const res = await call('sup', 'POST', '/api/supervisions', body);
    expect(res.statusCode, res.body).toBe(201);
    recordC = res.json().id;
    expect(res.json()).toMatchObject({ level: 'yellow', status: 'open', unit: '区民政局', projectCode: '11-3' });
    expect(res.json().events[0]).toMatchObject({ kind: 'raised', by: '督查室张三' });
    const again = await call('sup', 'POST', '/api/supervisions', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('未销号的黄色督办单');
  });

  it('lists by scope with filters: the office all, a unit its own, leaders read only, another district nothing', async () => {
    const all = (await call('sup', 'GET', '/api/supervisions')).json();
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual([recordB, recordC].sort());
    expect(all.openCounts).toEqual({ yellow: 1, red: 1, listed: 0 });
    expect(all.canRaise).toBe(true);
    expect((await call('lead', 'GET', '/api/supervisions')).json().canRaise).toBe(false);
    expect((await call('repb', 'GET', '/api/supervisions')).json().canRaise).toBe(false);
    const red = (await call('sup', 'GET', '/api/supervisions?level=red')).json();
    expect(red.items.map((i: { id: string }) => i.id)).toEqual([recordB]);
    const byUnit = (await call('sup', 'GET', '/api/supervisions?orgId=org-c&status=open')).json();
    expect(byUnit.items.map((i: { id: string }) => i.id)).toEqual([recordC]);
    expect((await call('sup', 'GET', '/api/supervisions?level=blue')).statusCode).toBe(400);
    const b = (await call('repb', 'GET', '/api/supervisions')).json();
    expect(b.items.map((i: { id: string }) => i.id)).toEqual([recordB]);
    expect((await call('repa', 'GET', '/api/supervisions')).json().items).toEqual([]);
    expect((await call('lead', 'GET', '/api/supervisions')).json().items).toHaveLength(2);
    expect((await call('sup2', 'GET', '/api/supervisions')).json().items).toEqual([]);
    expect((await call('dep', 'GET', '/api/supervisions')).json().items).toEqual([]);
    expect((await call('repa', 'GET', `/api/supervisions/${recordB}`)).statusCode).toBe(404);
    expect((await call('sup2', 'GET', `/api/supervisions/${recordB}`)).statusCode).toBe(404);
    expect((await call('sup', 'GET', '/api/supervisions/nope')).statusCode).toBe(404);
    const lead = (await call('lead', 'GET', `/api/supervisions/${recordB}`)).json();
    expect(lead.abilities).toEqual({ respond: false, reject: false, close: false });
    const me = async (who: string) => (await call(who, 'GET', '/api/auth/me')).json().abilities.readSupervisions;
    expect([await me('sup'), await me('repb'), await me('lead'), await me('sec')]).toEqual([true, true, true, false]);
  });

  it('respond (the unit only), reject, respond again, close (the office only); history kept; 409 when stale', async () => {
    const url = `/api/supervisions/${recordB}`;
    const resp = { version: 2, measures: '1.倒排工期，增派施工队伍。', completionDate: '2026-09-30' };
    // The unit's home lists the open 督办 (and another unit's home does not).
    const escalated = async (who: string) =>
      ((await call(who, 'GET', '/api/my/tasks')).json().escalated as { id: string }[]).map((i) => i.id);
    expect(await escalated('repb')).toContain(recordB);
    expect(await escalated('repa')).not.toContain(recordB);
    expect((await call('repa', 'POST', `${url}/respond`, resp)).statusCode).toBe(404);
    expect((await call('sup', 'POST', `${url}/respond`, resp)).statusCode).toBe(403);
    expect((await call('lead', 'POST', `${url}/respond`, resp)).statusCode).toBe(403);
    expect((await call('sup', 'POST', `${url}/close`, { version: 2 })).statusCode).toBe(409);
    const noMeasures = await call('repb', 'POST', `${url}/respond`, { ...resp, measures: '' });
    expect(noMeasures.statusCode).toBe(400);
    expect(noMeasures.json().error.message).toContain('整改措施');
    expect((await call('repb', 'GET', url)).json().abilities).toEqual({ respond: true, reject: false, close: false });
    const r1 = await call('repb', 'POST', `${url}/respond`, resp);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ status: 'responded', version: 3, responseCompletionDate: '2026-09-30' });
    const stale = await call('sup', 'POST', `${url}/reject`, { version: 2, reason: '措施不具体' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('版本已变化');
    expect((await call('repb', 'POST', `${url}/reject`, { version: 3, reason: '措施不具体' })).statusCode).toBe(403);
    expect((await call('sup', 'POST', `${url}/reject`, { version: 3, reason: '' })).statusCode).toBe(400);
    expect((await call('sup', 'GET', url)).json().abilities).toEqual({ respond: false, reject: true, close: true });
    const rej = await call('sup', 'POST', `${url}/reject`, { version: 3, reason: '措施不具体，请明确责任人' });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json()).toMatchObject({ status: 'open', version: 4 });
    const told = await h.db
      .selectFrom('notifications')
      .select(['userId', 'title'])
      .where('idempotencyKey', '=', `supervision:${recordB}:v4`)
      .execute();
    expect(told).toEqual([{ userId: 'u-b', title: '督办反馈被退回：11-2 西岭街道长者服务站' }]);
    const r2 = await call('repb', 'POST', `${url}/respond`, {
      version: 4,
      measures: '1.倒排工期，增派施工队伍；2.责任人：张三。',
      completionDate: '2026-10-31',
    });
    expect(r2.json()).toMatchObject({ status: 'responded', version: 5 });
    expect((await call('repb', 'POST', `${url}/close`, { version: 5 })).statusCode).toBe(403);
    expect((await call('lead', 'POST', `${url}/close`, { version: 5 })).statusCode).toBe(403);
    expect((await call('sup2', 'POST', `${url}/close`, { version: 5 })).statusCode).toBe(404);
    const closed = await call('sup', 'POST', `${url}/close`, { version: 5, note: '整改措施已落实' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', statusLabel: '已销号', version: 6 });
    expect(closed.json().closedAt).toBeTruthy();
    expect(await escalated('repb')).not.toContain(recordB);
    const events = closed.json().events as { kind: string; text: string | null; by: string | null }[];
    expect(events.map((e) => e.kind)).toEqual(['raised', 'upgraded', 'responded', 'rejected', 'responded', 'closed']);
    expect(events[2]!.text).toContain('倒排工期，增派施工队伍。');
    expect(events[3]).toMatchObject({ text: '措施不具体，请明确责任人', by: '督查室张三' });
    expect(events[5]!.text).toBe('整改措施已落实');
    expect((await call('repb', 'POST', `${url}/respond`, { ...resp, version: 6 })).statusCode).toBe(409);
    const audit = await h.db
      .selectFrom('auditLog')
      .select('action')
      .where('entity', '=', 'supervision')
      .where('entityId', '=', recordB)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'supervision.raise',
      'supervision.upgrade',
      'supervision.respond',
      'supervision.reject',
      'supervision.respond',
      'supervision.close',
    ]);
    // After 销号 a new escalation opens a new record.
    const next = await raise('rule:p-2:org-b:yellow:q3', 'yellow');
    expect(next.created).toBe(true);
    expect(next.id).not.toBe(recordB);
  });

  it('the 督办单 .docx is filled from the record: level, reason, deadline, the unit’s response', async () => {
    const res = await call('sup', 'GET', `/api/supervisions/${recordB}/form.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = new TextDecoder().decode(unzipSync(res.rawPayload)['word/document.xml']);
    expect(xml).toContain('红色督办单');
    expect(xml).toContain('连续两期落后序时进度超过10个百分点（red）');
    expect(xml).toContain('2026年7月20日前书面反馈');
    expect(xml).toContain('整改措施：1.倒排工期，增派施工队伍；2.责任人：张三。');
    expect(xml).toContain('销号');
    expect(xml).toMatch(/督办〔2026〕第\d+号/);
    const unit = await call('repb', 'GET', `/api/supervisions/${recordB}/form.docx`);
    expect(unit.statusCode).toBe(200);
    expect((await call('repa', 'GET', `/api/supervisions/${recordB}/form.docx`)).statusCode).toBe(404);
    const blank = await call('sup', 'GET', `/api/supervisions/${recordC}/form.docx`);
    const blankXml = new TextDecoder().decode(unzipSync(blank.rawPayload)['word/document.xml']);
    expect(blankXml).toContain('黄色督办单');
    expect(blankXml).toContain('电梯加装协办工作推进缓慢');
    expect(blankXml).toContain('单位负责人（签字）');
  });

  it('an open 挂牌督办 marks its project 挂牌督办 in the consolidated table', async () => {
    const beforeRes = await call('sup', 'GET', '/api/rounds/r-q2/table');
    expect(beforeRes.statusCode, beforeRes.body).toBe(200);
    const before = beforeRes.json();
    const row = (t: { rows: { projectId: string; flags: string[]; supervision?: unknown }[] }, p: string) =>
      t.rows.find((r) => r.projectId === p)!;
    expect(row(before, 'p-1').flags).not.toContain('listed_supervision');
    expect(row(before, 'p-1').supervision).toBeNull();
    const res = await call('sup', 'POST', '/api/supervisions', {
      projectId: 'p-1',
      orgId: 'org-a',
      reportId: 'rep-q2-1',
      level: 'listed',
      reason: '充电设施建设严重滞后，列为挂牌督办',
      responseDueDate: '2030-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ roundId: 'r-q2', reportId: 'rep-q2-1', levelLabel: '挂牌督办' });
    const after = (await call('sup', 'GET', '/api/rounds/r-q2/table')).json();
    expect(row(after, 'p-1').flags).toContain('listed_supervision');
    expect(row(after, 'p-1').supervision).toMatchObject({ id: res.json().id, level: 'listed', status: 'open' });
    expect(row(after, 'p-2').flags).not.toContain('listed_supervision');
    // Official documents print the mark after the project's name.
    const preview = await call('sup', 'GET', '/api/rounds/r-q2/document/preview?layout=overview-table');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.body).toContain('东湖街道充电设施建设（挂牌督办）');
    expect(preview.body).not.toContain('西岭街道长者服务站（挂牌督办）');
    // The unit's users are told, with a link to the record.
    const notes = await h.db
      .selectFrom('notifications')
      .select(['userId', 'kind', 'level', 'link', 'title'])
      .where('orgId', '=', 'org-a')
      .where('kind', '=', 'supervision')
      .execute();
    expect(notes).toEqual([
      {
        userId: 'u-a',
        kind: 'supervision',
        level: 'listed',
        link: `/supervisions?open=${res.json().id}`,
        title: '挂牌督办：11-1 东湖街道充电设施建设',
      },
    ]);
    const mine = (await call('lead', 'GET', '/api/rounds/r-q2/table')).json();
    expect(row(mine, 'p-1').flags).toContain('listed_supervision');
  });

  it('describes its endpoints in the OpenAPI document', async () => {
    const doc = (await call('sup', 'GET', '/api/openapi.json')).json();
    for (const e of Object.values(SUPERVISION_ENDPOINTS) as Endpoint[]) {
      const op = doc.paths[e.path.replace(/:(\w+)/g, '{$1}')]?.[e.method.toLowerCase()];
      expect(op?.summary, `${e.method} ${e.path}`).toBe(e.summary);
      expect(op.responses[String(e.status ?? 200)]?.content, `${e.method} ${e.path}`).toBeTruthy();
    }
  });
});
