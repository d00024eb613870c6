/**
 * A re-import never overwrites silently (issue 10): the office imports, a unit submits, the office re-imports a
 * changed table → the preview lists the differences; a commit that accepts none changes nothing; accepted ones become
 * a 年度目标调整 and the office's own report version, each audited.
 */
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

const HEADER = '序号\t项目名称\t年度目标\t第三季度目标\t落实情况\t牵头单位';
const table = (rows: string[]) =>
  ['测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）', HEADER, ...rows].join('\n');
const FIRST = table([
  '1\t东湖街道充电设施建设 区民生实事第11-1项\t建设120个充电插口。\t累计建设90个。\t已建成充电插口95个（按计划推进）。\t东湖街道',
  '2\t西岭街道长者服务站（人大重点监督） 区民生实事第11-2项\t完工。\t主体完工。\t主体已完工（按计划推进）。\t西岭街道',
]);
// The annual target of 11-1 changed, its progress differs from what the unit submitted, and 11-2 lacks 人大重点监督.
const SECOND = table([
  '1\t东湖街道充电设施建设 区民生实事第11-1项\t建设150个充电插口。\t累计建设90个。\t已建成充电插口110个（按计划推进）。\t东湖街道',
  '2\t西岭街道长者服务站 区民生实事第11-2项\t完工。\t主体完工。\t主体已完工（按计划推进）。\t西岭街道',
]);

type Diff = {
  id: string;
  kind: string;
  projectId: string;
  suggested: boolean;
  before: string | null;
  after: string | null;
};

beforeAll(async () => {
  ({ app, h, close } = await createTestApp());
  sup = await loginAs(app, 'sup');
  repA = await loginAs(app, 'repa');
  sup2 = await loginAs(app, 'sup2');
});
afterAll(async () => close?.());

const post = (s: Session, url: string, payload: object) => app.inject({ method: 'POST', url, headers: as(s), payload });
const preview = (s: Session, text: string) =>
  post(s, '/api/imports/preview', { text, options: { programmeId: 'prog' } });
const commit = (text: string, options: object = {}) =>
  post(sup, '/api/imports/commit', { text, options: { programmeId: 'prog', ...options } });

const q3Report = () =>
  h.db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .select(['reports.id', 'reports.status', 'reports.versionNo'])
    .where('rounds.periodKey', '=', '2026-Q3')
    .where('reports.projectId', '=', 'p-1')
    .executeTakeFirstOrThrow();
const versions = (reportId: string) =>
  h.db
    .selectFrom('reportVersions')
    .select(['versionNo', 'action', 'status', 'progressText', 'createdBy'])
    .where('reportId', '=', reportId)
    .orderBy('versionNo')
    .execute();
const project = (id: string) =>
  h.db
    .selectFrom('projects')
    .select(['annualTargetText', 'flags', 'keySupervision', 'originalAnnualTargetText'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe(`re-import over HTTP (${TEST_ENGINE})`, () => {
  it('a first import has no differences and creates the round’s reports', async () => {
    const p = await preview(sup, FIRST);
    expect(p.statusCode).toBe(200);
    expect(p.json().differences).toEqual([]);
    const c = await commit(FIRST);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ projectsUpdated: 2, reportsVersioned: 2, applied: [], notApplied: 0 });
  });

  it('the unit submits its own report', async () => {
    const r = await q3Report();
    const save = await app.inject({
      method: 'PUT',
      url: `/api/reports/${r.id}`,
      headers: as(repA),
      payload: {
        baseVersion: r.versionNo,
        progressText: '已建成充电插口100个。',
        selfAssessment: '按计划推进',
        problems: '无',
        nextSteps: '10月底前完成验收。',
        values: [{ indicatorId: 'ind-1', value: 100 }],
      },
    });
    expect(save.statusCode).toBe(200);
    const after = await q3Report();
    const submit = await post(repA, `/api/reports/${r.id}/submit`, { baseVersion: after.versionNo });
    expect(submit.statusCode).toBe(200);
    expect((await q3Report()).status).toBe('submitted');
  });

  let diffs: Diff[] = [];
  it('the preview of a changed table lists the report, target and flag differences', async () => {
    const p = await preview(sup, SECOND);
    expect(p.statusCode).toBe(200);
    diffs = p.json().differences;
    const kinds = diffs.map((d) => `${d.kind}:${d.projectId}`).sort();
    expect(kinds).toEqual(['annualTarget:p-1', 'flagRemoved:p-2', 'report:p-1']);
    const byKind = Object.fromEntries(diffs.map((d) => [d.kind, d]));
    expect(byKind.annualTarget).toMatchObject({
      before: '建设120个充电插口。',
      after: '建设150个充电插口。',
      suggested: true,
    });
    expect(byKind.report).toMatchObject({ suggested: false, reportStatus: 'submitted', unit: '东湖街道' });
    expect(byKind.report!.before).toContain('已建成充电插口100个。');
    expect(byKind.report!.after).toContain('已建成充电插口110个。');
    expect(byKind.flagRemoved).toMatchObject({ suggested: false, before: '人大重点监督' });
  });

  it('a commit that accepts nothing changes nothing: the submitted version is intact, the flag still set', async () => {
    const before = await q3Report();
    const c = await commit(SECOND);
    expect(c.statusCode).toBe(200);
    const s = c.json();
    expect(s).toMatchObject({ applied: [], notApplied: 3, reportsVersioned: 0 });
    expect(s.skipped.map((x: { reason: string }) => x.reason).join('')).toMatch(/东湖街道已填报/);
    expect(await q3Report()).toEqual(before);
    expect((await versions(before.id)).at(-1)).toMatchObject({
      action: 'submit',
      progressText: '已建成充电插口100个。',
    });
    expect(await project('p-1')).toMatchObject({ annualTargetText: '建设120个充电插口。' });
    expect(await project('p-2')).toMatchObject({ keySupervision: 1, flags: '["key_supervision"]' });
    expect(await h.db.selectFrom('projectTargetVersions').selectAll().execute()).toEqual([]);
  });

  it('accepting a target change needs the approving body', async () => {
    const target = diffs.find((d) => d.kind === 'annualTarget')!;
    const c = await commit(SECOND, { accept: [target.id] });
    expect(c.statusCode).toBe(400);
    expect(c.json().error.message).toMatch(/批准机关/);
    expect(await project('p-1')).toMatchObject({ annualTargetText: '建设120个充电插口。' });
  });

  it('accepted differences become a 年度目标调整 and the office’s own version, each audited', async () => {
    const accept = diffs.filter((d) => d.kind !== 'flagRemoved').map((d) => d.id);
    const before = await q3Report();
    const c = await commit(SECOND, { accept, approvedBy: '区政府常务会议' });
    expect(c.statusCode).toBe(200);
    const s = c.json();
    expect(s.applied.map((a: { kind: string }) => a.kind).sort()).toEqual(['annualTarget', 'report']);
    expect(s.notApplied).toBe(1);
    // The target: changed with a record of the old and new text, the reason and the approving body.
    expect(await project('p-1')).toMatchObject({
      annualTargetText: '建设150个充电插口。',
      originalAnnualTargetText: '建设120个充电插口。',
    });
    const tv = await h.db.selectFrom('projectTargetVersions').selectAll().execute();
    expect(tv).toEqual([
      expect.objectContaining({
        projectId: 'p-1',
        version: 1,
        oldText: '建设120个充电插口。',
        newText: '建设150个充电插口。',
        reason: '导入调整',
        approvedBy: '区政府常务会议',
        source: 'import',
        createdBy: 'u-sup',
      }),
    ]);
    // The project page lists it beside the indicators' adjustments.
    const page = (await app.inject({ method: 'GET', url: '/api/projects/p-1', headers: as(sup) })).json();
    expect(page.project.annualTarget).toBe('建设150个充电插口。');
    expect(page.targetVersions).toContainEqual(
      expect.objectContaining({
        indicator: '年度目标',
        oldText: '建设120个充电插口。',
        newText: '建设150个充电插口。',
      }),
    );
    // The report: the office's version on top, the unit's submitted version kept, the state unchanged.
    const after = await q3Report();
    expect(after).toMatchObject({ status: 'submitted', versionNo: before.versionNo + 1 });
    const vs = await versions(after.id);
    expect(vs.at(-1)).toMatchObject({
      action: 'office-import',
      status: 'submitted',
      progressText: '已建成充电插口110个。',
      createdBy: 'u-sup',
    });
    expect(vs.at(-2)).toMatchObject({ action: 'submit', progressText: '已建成充电插口100个。', createdBy: 'u-a' });
    // The unit's fields the file has no column for, and its indicator values, carry into the office's version.
    const office = await h.db
      .selectFrom('reportVersions')
      .select(['id', 'nextSteps'])
      .where('reportId', '=', after.id)
      .where('action', '=', 'office-import')
      .executeTakeFirstOrThrow();
    expect(office.nextSteps).toBe('10月底前完成验收。');
    const values = await h.db
      .selectFrom('reportValues')
      .select(['indicatorId', 'value'])
      .where('versionId', '=', office.id)
      .execute();
    expect(values).toEqual([{ indicatorId: 'ind-1', value: 100 }]);
    // The flag removal was not accepted.
    expect(await project('p-2')).toMatchObject({ keySupervision: 1 });
    const audit = await h.db
      .selectFrom('auditLog')
      .select(['action', 'entity', 'entityId', 'actorId'])
      .where('action', 'like', 'import.%')
      .orderBy('seq')
      .execute();
    expect(audit.slice(-3)).toEqual([
      expect.objectContaining({ action: 'import.target', entity: 'project', entityId: 'p-1', actorId: 'u-sup' }),
      expect.objectContaining({ action: 'import.office-version', entity: 'report', entityId: after.id }),
      expect.objectContaining({ action: 'import.commit', entity: 'programme', entityId: 'prog' }),
    ]);
  });

  it('the same table again: nothing left to change but the declined flag removal; no versions are written', async () => {
    const p = (await preview(sup, SECOND)).json();
    expect(p.differences.map((d: Diff) => d.kind)).toEqual(['flagRemoved']);
    const before = await q3Report();
    const c = (await commit(SECOND)).json();
    expect(c).toMatchObject({ reportsVersioned: 0, notApplied: 1, applied: [] });
    expect(await q3Report()).toEqual(before);
    // Accepting the removal clears the flag, audited.
    const s = (await commit(SECOND, { accept: [p.differences[0].id] })).json();
    expect(s.applied).toEqual([expect.objectContaining({ kind: 'flagRemoved' })]);
    expect(await project('p-2')).toMatchObject({ keySupervision: 0, flags: '[]' });
    const last = await h.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'import.flag-remove')
      .execute();
    expect(last).toHaveLength(1);
  });

  it('units in roles and period targets: additions offered, removals of a unit with reports refused', async () => {
    // 11-1 now names 西岭街道 as lead (instead of 东湖街道) and 区民政局 as assisting unit, and a new Q3 target.
    const third = [
      '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
      '序号\t项目名称\t年度目标\t第三季度目标\t牵头单位\t协办单位',
      '1\t东湖街道充电设施建设 区民生实事第11-1项\t建设150个充电插口。\t累计建设100个。\t西岭街道\t区民政局',
    ].join('\n');
    const diffs: Diff[] = (await preview(sup, third)).json().differences;
    const kinds = diffs.map((d) => d.kind).sort();
    expect(kinds).toEqual(['periodTarget', 'unitAdded', 'unitAdded', 'unitRemoved']);
    expect(diffs.find((d) => d.kind === 'periodTarget')).toMatchObject({
      before: '累计建设90个。',
      after: '累计建设100个。',
      suggested: true,
    });
    expect(diffs.find((d) => d.kind === 'unitRemoved')).toMatchObject({
      before: '东湖街道（牵头单位）',
      suggested: false,
    });
    const c = (await commit(third, { accept: diffs.map((d) => d.id) })).json();
    // 东湖街道 has reports on the project: it stays (history is never lost), the rest is applied.
    expect(c.applied.map((a: { kind: string }) => a.kind).sort()).toEqual(['periodTarget', 'unitAdded', 'unitAdded']);
    expect(c.notes.join('')).toMatch(/东湖街道.*已有填报，不能移除/);
    const units = await h.db
      .selectFrom('projectUnits')
      .select(['orgId', 'role'])
      .where('projectId', '=', 'p-1')
      .orderBy('seq')
      .execute();
    expect(units).toEqual([
      { orgId: 'org-a', role: 'lead' },
      { orgId: 'org-b', role: 'lead' },
      { orgId: 'org-c', role: 'assist' },
    ]);
    const target = await h.db
      .selectFrom('periodTargets')
      .select('targetText')
      .where('projectId', '=', 'p-1')
      .where('periodKey', '=', '2026-Q3')
      .where('indicatorId', 'is', null)
      .executeTakeFirstOrThrow();
    expect(target.targetText).toBe('累计建设100个。');
    const audit = await h.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'in', ['import.unit-add', 'import.unit-remove', 'import.period-target'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['import.period-target', 'import.unit-add', 'import.unit-add']);
  });

  it('only the office of the programme previews its differences (reporter 403, other district 404)', async () => {
    expect((await preview(repA, SECOND)).statusCode).toBe(403);
    expect((await preview(sup2, SECOND)).statusCode).toBe(404);
  });
});
