/** 结转 (roll-over) over HTTP: the preview, the new programme, a second roll-over refused, who may do it. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

let app: FastifyInstance;
let h: DbHandle;
let close: () => Promise<void>;
let sup: Session;
let repA: Session;
let sup2: Session;

beforeAll(async () => {
  ({ app, h, close } = await createTestApp());
  sup = await loginAs(app, 'sup');
  repA = await loginAs(app, 'repa');
  sup2 = await loginAs(app, 'sup2');
  // p-1's approved report of the last round says the annual target is done; p-2 (submitted only) and p-3 (no
  // report) are not finished.
  await h.db
    .updateTable('reportVersions')
    .set({ completedAnnualTarget: 1, selfAssessment: '已完成' })
    .where('id', '=', 'v3')
    .execute();
});
afterAll(async () => close?.());

const post = (s: Session, url: string, payload: object) => app.inject({ method: 'POST', url, headers: as(s), payload });

describe(`roll-over over HTTP (${TEST_ENGINE})`, () => {
  it('previews: unfinished projects carried over as 续建, finished ones listed as not copied', async () => {
    const r = await post(sup, '/api/programmes/prog/rollover/preview', {});
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.source).toMatchObject({ id: 'prog', year: 2026 });
    expect(p.target).toEqual({ year: 2027, name: '测试区2027年民生实事', exists: false });
    expect(p.copied.map((c: { code: string }) => c.code)).toEqual(['11-2', '11-3']);
    expect(p.copied[1].reason).toBe('未完成（没有已审核的填报）');
    expect(p.skipped).toEqual([expect.objectContaining({ code: '11-1', reason: expect.stringMatching(/^已完成/) })]);
    expect(p.counts).toEqual({ categories: 1, matters: 1, projects: 2, skipped: 1, units: 4, indicators: 3 });
    expect(p.notes.join('')).toMatch(/期次目标.*为空/);
    // Excluding an unfinished project moves it to the skipped list.
    const ex = (await post(sup, '/api/programmes/prog/rollover/preview', { exclude: ['p-3'] })).json();
    expect(ex.copied.map((c: { code: string }) => c.code)).toEqual(['11-2']);
    expect(ex.skipped.find((s: { code: string }) => s.code === '11-3').reason).toMatch(/^已选择不结转/);
    // Nothing was written.
    expect(await h.db.selectFrom('programmes').select('id').where('year', '=', 2027).execute()).toEqual([]);
  });

  it('creates the new programme with the structure, units, indicators and the 续建 flag; no rounds or period targets', async () => {
    const r = await post(sup, '/api/programmes/prog/rollover', { year: 2027, name: '测试区2027年民生实事' });
    expect(r.statusCode).toBe(201);
    const { programmeId, counts } = r.json();
    expect(counts).toMatchObject({ projects: 2, skipped: 1 });
    const prog = await h.db
      .selectFrom('programmes')
      .selectAll()
      .where('id', '=', programmeId)
      .executeTakeFirstOrThrow();
    expect(prog).toMatchObject({ year: 2027, ownerOrgId: 'gov', level: '区', status: 'active' });
    const cats = await h.db.selectFrom('categories').select('name').where('programmeId', '=', programmeId).execute();
    expect(cats.map((c) => c.name)).toEqual(['一、完善公共设施']);
    const matters = await h.db.selectFrom('matters').selectAll().where('programmeId', '=', programmeId).execute();
    expect(matters).toEqual([expect.objectContaining({ number: '11', goalText: '建设200个充电插口。' })]);
    const projects = await h.db
      .selectFrom('projects')
      .selectAll()
      .where('programmeId', '=', programmeId)
      .orderBy('code')
      .execute();
    expect(projects.map((p) => p.code)).toEqual(['11-2', '11-3']);
    expect(projects.every((p) => p.matterId === matters[0]!.id)).toBe(true);
    expect(JSON.parse(projects[0]!.flags)).toEqual(['key_supervision', 'continued']);
    expect(projects[0]!.keySupervision).toBe(1);
    expect(JSON.parse(projects[1]!.flags)).toEqual(['continued']);
    expect(projects[1]!.annualTargetText).toBe('新增40台、完工20台');
    const units = await h.db
      .selectFrom('projectUnits')
      .select(['projectId', 'orgId', 'role', 'shareNote'])
      .where(
        'projectId',
        'in',
        projects.map((p) => p.id),
      )
      .orderBy('seq')
      .execute();
    expect(units.filter((u) => u.projectId === projects[1]!.id)).toEqual([
      { projectId: projects[1]!.id, orgId: 'org-a', role: 'lead', shareNote: '新增20台' },
      { projectId: projects[1]!.id, orgId: 'org-b', role: 'lead', shareNote: '新增20台' },
      { projectId: projects[1]!.id, orgId: 'org-c', role: 'assist', shareNote: '' },
    ]);
    const inds = await h.db
      .selectFrom('indicators')
      .select('projectId')
      .where(
        'projectId',
        'in',
        projects.map((p) => p.id),
      )
      .execute();
    expect(inds).toHaveLength(3);
    expect(await h.db.selectFrom('rounds').select('id').where('programmeId', '=', programmeId).execute()).toEqual([]);
    const pts = await h.db
      .selectFrom('periodTargets')
      .select('id')
      .where(
        'projectId',
        'in',
        projects.map((p) => p.id),
      )
      .execute();
    expect(pts).toEqual([]);
    // The source programme is untouched.
    const old = await h.db.selectFrom('projects').select('id').where('programmeId', '=', 'prog').execute();
    expect(old).toHaveLength(3);
    const audit = await h.db
      .selectFrom('auditLog')
      .select(['action', 'actorId', 'entityId', 'after'])
      .where('action', '=', 'programme.rollover')
      .execute();
    expect(audit).toEqual([expect.objectContaining({ actorId: 'u-sup', entityId: programmeId })]);
    expect(JSON.parse(audit[0]!.after!).continued).toEqual(['11-2', '11-3']);
    // The new programme is listed.
    const list = (await app.inject({ url: '/api/programmes', headers: as(sup) })).json();
    expect(list.map((p: { year: number }) => p.year)).toContain(2027);
  });

  it('refuses a second roll-over into the same year (409) and says so in the preview', async () => {
    const again = await post(sup, '/api/programmes/prog/rollover', { year: 2027, name: '再来一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/2027年已有实事计划/);
    const p = (await post(sup, '/api/programmes/prog/rollover/preview', { year: 2027 })).json();
    expect(p.target.exists).toBe(true);
    expect((await h.db.selectFrom('programmes').select('id').where('year', '=', 2027).execute()).length).toBe(1);
  });

  it('validates the body in Chinese', async () => {
    const r = await post(sup, '/api/programmes/prog/rollover', { year: 2028, name: '' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/名称/);
  });

  it('a reporter gets 403, another district’s office 404', async () => {
    expect((await post(repA, '/api/programmes/prog/rollover/preview', {})).statusCode).toBe(403);
    expect((await post(repA, '/api/programmes/prog/rollover', { year: 2028, name: 'x' })).statusCode).toBe(403);
    expect((await post(sup2, '/api/programmes/prog/rollover/preview', {})).statusCode).toBe(404);
    expect((await post(sup2, '/api/programmes/prog/rollover', { year: 2028, name: 'x' })).statusCode).toBe(404);
    expect((await post(sup, '/api/programmes/nope/rollover/preview', {})).statusCode).toBe(404);
  });
});
