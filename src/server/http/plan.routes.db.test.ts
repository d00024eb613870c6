/**
 * 计划编制 over HTTP: programmes, the tree, projects with units, indicators, period targets and split targets,
 * renumbering, the grid; permissions (the owning office yes; units, leaders, deputies 403; the other district 404),
 * refusal to delete what has reports, 409 on a stale version, and the adjusted target in the table and the documents.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { findIndicators } from '../repositories/reports.repo';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

let app: FastifyInstance;
let h: DbHandle;
let close: () => Promise<void>;
const s: Record<string, Session> = {};

const req = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: as(s[who]!), ...(payload ? { payload } : {}) });
const ok = async (res: Awaited<ReturnType<typeof req>>, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

const PROGRAMME = {
  name: '测试区2027年民生实事',
  year: 2027,
  level: '区',
  ownerOrgId: 'gov',
  statusVocabulary: ['按计划推进', '滞后', '已完成'],
  cadence: 'quarterly',
  schedule: {
    mode: 'quarterly',
    quarterlyPoints: [0.1, 0.4, 0.7, 1],
    yellowBandPoints: 20,
    redBelowShareOfSchedule: 0.5,
  },
};
const indicator = (name: string, target: number, unit: string) => ({
  name,
  kind: 'quantity',
  unit,
  targetText: `${name}${target}${unit}`,
  targetValue: target,
  periodTargets: [
    { periodKey: '2027-Q2', targetText: `累计${target / 2}${unit}`, targetValue: target / 2, cumulative: true },
    { periodKey: '2027-Q4', targetText: `累计${target}${unit}`, targetValue: target, cumulative: true },
  ],
});

beforeAll(async () => {
  ({ app, h, close } = await createTestApp());
  for (const u of ['sup', 'sup2', 'repa', 'lead', 'dep', 'root', 'adm2']) s[u] = await loginAs(app, u);
});
afterAll(async () => close?.());

describe(`计划编制 over HTTP (${TEST_ENGINE})`, () => {
  let programmeId = '';
  let categoryId = '';
  let matterId = '';
  let p1 = '';
  let p2 = '';
  let sub = '';

  it('creates a programme for the office’s own government only; validates in Chinese', async () => {
    for (const who of ['repa', 'lead', 'dep', 'sup2'])
      expect((await req(who, 'POST', '/api/programmes', PROGRAMME)).statusCode, who).toBe(403);
    const bad = await req('sup', 'POST', '/api/programmes', { ...PROGRAMME, year: 1900, name: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/年度应在 2000 至 2100 之间/);
    expect(bad.json().error.message).toMatch(/请填写计划名称/);
    const p = await ok(await req('sup', 'POST', '/api/programmes', PROGRAMME), 201);
    expect(p).toMatchObject({ year: 2027, owner: '测试区人民政府', cadence: 'quarterly', status: 'active' });
    expect(p.schedule).toMatchObject({ mode: 'quarterly', yellowBandPoints: 20 });
    expect(p.abilities.configure).toBe(true);
    programmeId = p.id;
    const list = await ok(await req('sup', 'GET', '/api/programmes'));
    expect(list.map((x: { id: string }) => x.id)).toContain(programmeId);
    const audit = await h.db.selectFrom('auditLog').selectAll().where('action', '=', 'programme.create').execute();
    expect(audit).toHaveLength(1);
  });

  it('edits a programme: the office yes; units, leaders, deputies 403; the other district 404', async () => {
    const edit = { name: '测试区2027年民生实事项目', cadence: 'monthly' };
    for (const who of ['repa', 'lead', 'dep'])
      expect((await req(who, 'PUT', `/api/programmes/${programmeId}`, edit)).statusCode, who).toBe(403);
    for (const who of ['sup2', 'adm2'])
      expect((await req(who, 'PUT', `/api/programmes/${programmeId}`, edit)).statusCode, who).toBe(404);
    const p = await ok(await req('sup', 'PUT', `/api/programmes/${programmeId}`, edit));
    expect(p).toMatchObject({ name: '测试区2027年民生实事项目', cadence: 'monthly' });
    await ok(await req('sup', 'PUT', `/api/programmes/${programmeId}`, { cadence: 'quarterly' }));
    expect((await req('lead', 'GET', `/api/programmes/${programmeId}/plan`)).statusCode).toBe(403);
    expect((await req('sup2', 'GET', `/api/programmes/${programmeId}/plan`)).statusCode).toBe(404);
  });

  it('builds the tree: a category, a matter, two projects and a sub-item', async () => {
    expect(
      (await req('repa', 'POST', `/api/programmes/${programmeId}/categories`, { name: '一、民生保障' })).statusCode,
    ).toBe(403);
    categoryId = (
      await ok(await req('sup', 'POST', `/api/programmes/${programmeId}/categories`, { name: '一、民生保障' }), 201)
    ).id;
    const badMatter = await req('sup', 'POST', `/api/programmes/${programmeId}/matters`, {
      categoryId,
      number: '',
      title: '',
    });
    expect(badMatter.statusCode).toBe(400);
    expect(badMatter.json().error.message).toMatch(/请填写事项序号/);
    matterId = (
      await ok(
        await req('sup', 'POST', `/api/programmes/${programmeId}/matters`, {
          categoryId,
          number: '19',
          title: '建设长者食堂',
          goalText: '新建长者食堂10个。',
        }),
        201,
      )
    ).id;
    const project = (name: string, extra: object = {}) =>
      req('sup', 'POST', `/api/programmes/${programmeId}/projects`, {
        matterId,
        code: '',
        name,
        levels: ['区级'],
        flags: ['key_supervision'],
        type: '工程类',
        annualTarget: '新建长者食堂6个',
        ...extra,
      });
    const a = await ok(await project('东湖长者食堂'), 201);
    expect(a).toMatchObject({ version: 1, status: 'active', flags: ['key_supervision'], hasReports: false });
    p1 = a.id;
    p2 = (await ok(await project('西岭长者食堂', { flags: [], annualTarget: '新建长者食堂4个' }), 201)).id;
    sub = (await ok(await project('东湖长者食堂一期', { parentId: p1, flags: ['listed_supervision'] }), 201)).id;
    const tree = await ok(await req('sup', 'GET', `/api/programmes/${programmeId}/plan`));
    expect(tree.categories.map((c: { name: string }) => c.name)).toEqual(['一、民生保障']);
    expect(tree.matters[0]).toMatchObject({ number: '19', categoryId });
    expect(tree.projects.map((p: { name: string }) => p.name)).toEqual([
      '东湖长者食堂',
      '东湖长者食堂一期',
      '西岭长者食堂',
    ]);
    expect(tree.projects.find((p: { id: string }) => p.id === sub)).toMatchObject({ parentId: p1, matterId });
    expect(tree.units.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['东湖街道', '西岭街道']));
    expect(tree.units.map((u: { id: string }) => u.id)).not.toContain('org-x');
  });

  it('sets units in roles, indicators with period targets and 形象进度 milestones', async () => {
    const units = {
      version: 1,
      units: [
        { orgId: 'org-a', role: 'lead', shareNote: '' },
        { orgId: 'org-b', role: 'lead', shareNote: '' },
        { orgId: 'org-c', role: 'assist', shareNote: '配合选址' },
      ],
    };
    expect((await req('repa', 'PUT', `/api/plan/projects/${p1}/units`, units)).statusCode).toBe(403);
    expect((await req('sup2', 'PUT', `/api/plan/projects/${p1}/units`, units)).statusCode).toBe(404);
    const noLead = await req('sup', 'PUT', `/api/plan/projects/${p1}/units`, { version: 1, units: [units.units[2]] });
    expect(noLead.statusCode).toBe(400);
    expect(noLead.json().error.message).toMatch(/须至少有一个牵头单位/);
    const foreign = await req('sup', 'PUT', `/api/plan/projects/${p1}/units`, {
      version: 1,
      units: [{ orgId: 'org-x', role: 'lead', shareNote: '' }],
    });
    expect(foreign.statusCode).toBe(400);
    const u = await ok(await req('sup', 'PUT', `/api/plan/projects/${p1}/units`, units));
    expect(u.version).toBe(2);
    expect(u.units.map((x: { name: string; role: string }) => `${x.name}/${x.role}`)).toEqual([
      '东湖街道/lead',
      '西岭街道/lead',
      '区民政局/assist',
    ]);
    const withInd = await ok(
      await req('sup', 'PUT', `/api/plan/projects/${p1}/indicators`, {
        version: 2,
        indicators: [indicator('长者食堂', 6, '个')],
        milestones: [{ periodKey: '2027-Q1', targetText: '完成选址' }],
      }),
    );
    expect(withInd.version).toBe(3);
    expect(withInd.indicators[0]).toMatchObject({ kind: 'quantity', targetValue: 6 });
    expect(withInd.indicators[0].periodTargets).toEqual([
      { periodKey: '2027-Q2', targetText: '累计3个', targetValue: 3, cumulative: true },
      { periodKey: '2027-Q4', targetText: '累计6个', targetValue: 6, cumulative: true },
    ]);
    expect(withInd.milestones).toEqual([{ periodKey: '2027-Q1', targetText: '完成选址' }]);
    const badKind = await req('sup', 'PUT', `/api/plan/projects/${p2}/indicators`, {
      version: 1,
      indicators: [{ ...indicator('x', 1, '个'), kind: 'weird' }],
    });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.message).toMatch(/指标类型应为/);
    await ok(
      await req('sup', 'PUT', `/api/plan/projects/${p2}/units`, {
        version: 1,
        units: [{ orgId: 'org-b', role: 'lead', shareNote: '' }],
      }),
    );
    await ok(
      await req('sup', 'PUT', `/api/plan/projects/${p2}/indicators`, {
        version: 2,
        indicators: [indicator('长者食堂', 4, '个')],
      }),
    );
  });

  it('splits a target across units; the parts must add up to the annual target', async () => {
    const detail = await ok(await req('sup', 'GET', `/api/plan/projects/${p1}`));
    const ind = detail.indicators[0].id;
    const wrong = await req('sup', 'PUT', `/api/plan/indicators/${ind}/split`, {
      version: detail.version,
      parts: [
        { orgId: 'org-a', targetValue: 4 },
        { orgId: 'org-b', targetValue: 1 },
      ],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('各单位分解目标合计5个，与年度目标6个不一致（少1个）');
    const notUnit = await req('sup', 'PUT', `/api/plan/indicators/${ind}/split`, {
      version: detail.version,
      parts: [{ orgId: 'gov', targetValue: 6 }],
    });
    expect(notUnit.statusCode).toBe(400);
    expect(notUnit.json().error.message).toMatch(/不是本项目的责任单位/);
    expect(
      (await req('lead', 'PUT', `/api/plan/indicators/${ind}/split`, { version: detail.version, parts: [] }))
        .statusCode,
    ).toBe(403);
    const split = await ok(
      await req('sup', 'PUT', `/api/plan/indicators/${ind}/split`, {
        version: detail.version,
        parts: [
          { orgId: 'org-a', targetValue: 4 },
          { orgId: 'org-b', targetValue: 2 },
        ],
      }),
    );
    const parts = split.indicators.filter((i: { splitOf: string | null }) => i.splitOf === ind);
    expect(parts.map((i: { orgId: string; targetValue: number }) => `${i.orgId}:${i.targetValue}`)).toEqual([
      'org-a:4',
      'org-b:2',
    ]);
    expect(split.units.find((u: { orgId: string }) => u.orgId === 'org-a').shareNote).toBe('长者食堂4个');
    // A unit's report form then carries its own part instead of the whole.
    const formOf = async (orgId: string) =>
      (await findIndicators(h.db, p1, orgId)).map((i) => `${i.orgId}:${i.targetValue}`);
    expect(await formOf('org-a')).toEqual(['org-a:4']);
    expect(await formOf('org-b')).toEqual(['org-b:2']);
    // Editing the indicators keeps the parts.
    const again = await ok(
      await req('sup', 'PUT', `/api/plan/projects/${p1}/indicators`, {
        version: split.version,
        indicators: [{ ...indicator('长者食堂', 6, '个'), id: ind }],
        milestones: [],
      }),
    );
    expect(again.indicators).toHaveLength(3);
  });

  it('answers 409 to a stale version and never overwrites', async () => {
    const d = await ok(await req('sup', 'GET', `/api/plan/projects/${p2}`));
    await ok(await req('sup', 'PUT', `/api/plan/projects/${p2}`, { version: d.version, name: '西岭长者食堂（新址）' }));
    const stale = await req('sup', 'PUT', `/api/plan/projects/${p2}`, {
      version: d.version,
      name: '西岭长者食堂（旧）',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(stale.json().error.message).toMatch(/已被他人修改.*请刷新页面/);
    expect((await ok(await req('sup', 'GET', `/api/plan/projects/${p2}`))).name).toBe('西岭长者食堂（新址）');
    expect(
      (await req('sup', 'PUT', `/api/plan/projects/${p2}/units`, { version: d.version, units: [] })).statusCode,
    ).toBe(400);
    expect(
      (
        await req('sup', 'PUT', `/api/plan/projects/${p2}/units`, {
          version: d.version,
          units: [{ orgId: 'org-b', role: 'lead', shareNote: '' }],
        })
      ).statusCode,
    ).toBe(409);
    const audits = await h.db.selectFrom('auditLog').select('action').where('entityId', '=', p2).execute();
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['project.create', 'project.units', 'project.indicators', 'project.update']),
    );
  });

  it('moves a project (new parent and position) and renumbers "19-2" and "第19-2项" style', async () => {
    const d = await ok(await req('sup', 'GET', `/api/plan/projects/${p2}`));
    const tree = await ok(
      await req('sup', 'POST', `/api/programmes/${programmeId}/plan/move`, {
        kind: 'project',
        id: p2,
        parentId: matterId,
        parentKind: 'matter',
        position: 0,
        version: d.version,
      }),
    );
    expect(tree.projects.map((p: { name: string }) => p.name)).toEqual([
      '西岭长者食堂（新址）',
      '东湖长者食堂',
      '东湖长者食堂一期',
    ]);
    const cycle = await req('sup', 'POST', `/api/programmes/${programmeId}/plan/move`, {
      kind: 'project',
      id: p1,
      parentId: sub,
      parentKind: 'project',
      position: 0,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.message).toMatch(/不能把项目移到它自己或它的子项之下/);
    const preview = await ok(
      await req('sup', 'POST', `/api/programmes/${programmeId}/plan/renumber`, { style: 'dash', apply: false }),
    );
    expect(Object.fromEntries(preview.projects.map((c: { id: string; newCode: string }) => [c.id, c.newCode]))).toEqual(
      {
        [p2]: '19-1',
        [p1]: '19-2',
        [sub]: '19-2-1',
      },
    );
    expect((await ok(await req('sup', 'GET', `/api/plan/projects/${p1}`))).code).toBe('');
    await ok(await req('sup', 'POST', `/api/programmes/${programmeId}/plan/renumber`, { style: 'item', apply: true }));
    expect((await ok(await req('sup', 'GET', `/api/plan/projects/${p1}`))).code).toBe('第19-2项');
    expect(
      (await req('repa', 'POST', `/api/programmes/${programmeId}/plan/renumber`, { style: 'item' })).statusCode,
    ).toBe(403);
  });

  it('refuses to delete what has reports (deactivate instead); deletes what has none', async () => {
    const p = await ok(await req('sup', 'GET', '/api/plan/projects/p-1'));
    expect(p.hasReports).toBe(true);
    const refused = await req('sup', 'DELETE', `/api/plan/projects/p-1?version=${p.version}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      '项目“东湖街道充电设施建设”已有单位填报过进展或调整过目标，不能删除；可将该项目停用',
    );
    const m = await req('sup', 'DELETE', '/api/matters/m-1');
    expect(m.statusCode).toBe(409);
    expect(m.json().error.message).toMatch(/民生事项“建设充电设施”下已有项目填报过进展.*停用/);
    expect((await req('sup', 'DELETE', '/api/categories/cat-1')).statusCode).toBe(409);
    expect((await req('repa', 'DELETE', `/api/plan/projects/p-1?version=${p.version}`)).statusCode).toBe(403);
    expect((await req('sup2', 'DELETE', `/api/plan/projects/p-1?version=${p.version}`)).statusCode).toBe(404);
    const locked = await req('sup', 'PUT', '/api/plan/projects/p-1', { version: p.version, annualTarget: '建设80个' });
    expect(locked.statusCode).toBe(400);
    expect(locked.json().error.message).toMatch(/年度目标不能直接修改.*年度目标调整/);
    const lockedGrid = await req('sup', 'PUT', '/api/programmes/prog/grid', {
      rows: [{ projectId: 'p-1', version: p.version, annualTarget: '建设80个' }],
    });
    expect(lockedGrid.statusCode).toBe(400);
    expect(lockedGrid.json().error.details.issues[0].path).toEqual(['rows', 0, 'annualTarget']);
    const off = await ok(await req('sup', 'PUT', '/api/plan/projects/p-1', { version: p.version, status: 'inactive' }));
    expect(off.status).toBe('inactive');
    await ok(await req('sup', 'PUT', '/api/plan/projects/p-1', { version: off.version, status: 'active' }));
    // A deactivated project gets no reports in rounds opened afterwards (checked with the Q3 round below).
    const p3 = await ok(await req('sup', 'GET', '/api/plan/projects/p-3'));
    await ok(await req('sup', 'PUT', '/api/plan/projects/p-3', { version: p3.version, status: 'inactive' }));
    await ok(await req('sup', 'PUT', '/api/matters/m-1', { status: 'inactive' }));
    await ok(await req('sup', 'PUT', '/api/matters/m-1', { status: 'active' }));
    // Nothing reported: the sub-item goes, with its indicators and units.
    const s1 = await ok(await req('sup', 'GET', `/api/plan/projects/${sub}`));
    await ok(await req('sup', 'DELETE', `/api/plan/projects/${sub}?version=${s1.version}`));
    expect((await req('sup', 'GET', `/api/plan/projects/${sub}`)).statusCode).toBe(404);
  });

  it('saves the grid all-or-nothing with each row’s version, validating units per cell', async () => {
    const grid = await ok(await req('sup', 'GET', `/api/programmes/${programmeId}/grid`));
    expect(grid.periodKeys).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    const row = (id: string) => grid.rows.find((r: { projectId: string }) => r.projectId === id);
    expect(row(p2)).toMatchObject({
      leadUnits: ['西岭街道'],
      periodTargets: { '2027-Q2': '累计2个', '2027-Q4': '累计4个' },
    });
    const unknown = await req('sup', 'PUT', `/api/programmes/${programmeId}/grid`, {
      rows: [{ projectId: p2, version: row(p2).version, leadUnits: ['不存在街道'] }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/找不到单位“不存在街道”/);
    expect(unknown.json().error.details.issues[0].path).toEqual(['rows', 0, 'leadUnits']);
    const stale = await req('sup', 'PUT', `/api/programmes/${programmeId}/grid`, {
      rows: [
        { projectId: p2, version: row(p2).version, annualTarget: '新建长者食堂5个' },
        { projectId: p1, version: row(p1).version - 1, annualTarget: '新建长者食堂7个' },
      ],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/东湖长者食堂.*本次全部未保存/);
    expect((await ok(await req('sup', 'GET', `/api/plan/projects/${p2}`))).annualTarget).toBe('新建长者食堂4个');
    expect(
      (await req('lead', 'PUT', `/api/programmes/${programmeId}/grid`, { rows: [{ projectId: p2, version: 1 }] }))
        .statusCode,
    ).toBe(403);
    const saved = await ok(
      await req('sup', 'PUT', `/api/programmes/${programmeId}/grid`, {
        rows: [
          {
            projectId: p2,
            version: row(p2).version,
            annualTarget: '新建长者食堂5个',
            leadUnits: ['西岭街道'],
            assistUnits: ['民政局'],
            periodTargets: { '2027-Q3': '累计4个' },
            flags: ['routine'],
          },
          { projectId: p1, version: row(p1).version, code: '19-2' },
        ],
      }),
    );
    expect(saved.saved).toBe(2);
    const after = saved.rows.find((r: { projectId: string }) => r.projectId === p2);
    expect(after).toMatchObject({
      annualTarget: '新建长者食堂5个',
      assistUnits: ['区民政局'],
      flags: ['routine'],
      periodTargets: { '2027-Q2': '累计2个', '2027-Q3': '累计4个', '2027-Q4': '累计4个' },
    });
    expect(after.version).toBe(row(p2).version + 1);
  });

  it('shows an adjusted target in the project page, the table and the documents; the original is kept', async () => {
    await ok(
      await req('sup', 'POST', '/api/indicators/ind-1/adjust', {
        newText: '建设100个充电插口',
        newValue: 100,
        reason: '部分小区不具备安装条件',
        approvedBy: '区政府常务会议',
        approvedAt: '2026-08-20',
      }),
    );
    const detail = await ok(await req('sup', 'GET', '/api/projects/p-1'));
    expect(detail.project).toMatchObject({
      annualTarget: '建设100个充电插口。',
      originalAnnualTarget: '建设120个充电插口。',
    });
    const roundId = await openQ3Round(app, s.sup!);
    const table = await ok(await req('sup', 'GET', `/api/rounds/${roundId}/table`));
    expect(table.rows.some((r: { projectId: string }) => r.projectId === 'p-3')).toBe(false);
    const row = table.rows.find((r: { projectId: string }) => r.projectId === 'p-1');
    expect(row.annualTarget).toBe('建设100个充电插口。');
    // No period targets with the adjustment: the later ones are scaled by 100/120 (Q3 90 → 75, Q4 120 → 100).
    expect(row.periodTarget).toBe('累计建设75个充电插口');
    const pt = await h.db
      .selectFrom('periodTargets')
      .select(['periodKey', 'targetText'])
      .where('indicatorId', '=', 'ind-1')
      .orderBy('periodKey')
      .execute();
    expect(pt.map((t) => t.targetText)).toEqual(['累计建设75个充电插口', '累计建设100个充电插口']);
    const doc = await req('sup', 'GET', `/api/rounds/${roundId}/document/preview?layout=overview-table`);
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.body).toContain('建设100个充电插口');
    expect(doc.body).not.toContain('建设120个充电插口');
    // A layout column that asks for the original (原年度目标) prints the first annual target.
    const own = await ok(
      await req('sup', 'POST', '/api/programmes/prog/layouts', { basedOn: 'overview-table', name: '含原目标的一览表' }),
      201,
    );
    const layout = {
      ...own.layout,
      columns: [
        ...own.layout.columns,
        { header: '原年度目标', value: { field: 'annualTarget', original: true }, width: 20, align: 'left' },
      ],
    };
    await ok(await req('sup', 'PUT', `/api/layouts/${own.id}`, { baseVersion: 1, layout }));
    const withOriginal = await req('sup', 'GET', `/api/rounds/${roundId}/document/preview?layout=${own.id}`);
    expect(withOriginal.statusCode, withOriginal.body).toBe(200);
    expect(withOriginal.body).toContain('建设120个充电插口。');
    expect(withOriginal.body).toContain('建设100个充电插口。');
    // Explicit period targets with a second adjustment replace those periods.
    await ok(
      await req('sup', 'POST', '/api/indicators/ind-1/adjust', {
        newText: '建设110个充电插口',
        newValue: 110,
        reason: '增补',
        approvedBy: '区政府常务会议',
        approvedAt: '2026-09-01',
        periodTargets: [{ periodKey: '2026-Q3', targetText: '累计建设80个充电插口', targetValue: 80 }],
      }),
    );
    const t2 = await ok(await req('sup', 'GET', `/api/rounds/${roundId}/table`));
    expect(t2.rows.find((r: { projectId: string }) => r.projectId === 'p-1')).toMatchObject({
      annualTarget: '建设110个充电插口。',
      periodTarget: '累计建设80个充电插口',
    });
    expect((await ok(await req('sup', 'GET', '/api/projects/p-1'))).project.originalAnnualTarget).toBe(
      '建设120个充电插口。',
    );
  });

  it('keeps categories, matters, the tree and the grid to their district; moves and deletes empty nodes', async () => {
    const newProject = { matterId, name: 'x', type: '工程类' };
    const cases: [string, 'GET' | 'PUT' | 'DELETE' | 'POST', string, object | undefined][] = [
      ['grid', 'GET', `/api/programmes/${programmeId}/grid`, undefined],
      ['category', 'PUT', `/api/categories/${categoryId}`, { name: 'x' }],
      ['category', 'DELETE', `/api/categories/${categoryId}`, undefined],
      ['matter', 'PUT', `/api/matters/${matterId}`, { title: 'x' }],
      ['matter', 'DELETE', `/api/matters/${matterId}`, undefined],
      ['project', 'GET', `/api/plan/projects/${p1}`, undefined],
      ['project', 'POST', `/api/programmes/${programmeId}/projects`, newProject],
    ];
    for (const [what, method, url, body] of cases) {
      expect((await req('sup2', method, url, body)).statusCode, `sup2 ${what} ${method}`).toBe(404);
      expect((await req('dep', method, url, body)).statusCode, `dep ${what} ${method}`).toBe(403);
    }
    const c2 = (
      await ok(await req('sup', 'POST', `/api/programmes/${programmeId}/categories`, { name: '二、城市建设' }), 201)
    ).id;
    const m2 = (
      await ok(
        await req('sup', 'POST', `/api/programmes/${programmeId}/matters`, {
          categoryId: c2,
          number: '20',
          title: '口袋公园',
        }),
        201,
      )
    ).id;
    const moved = await ok(
      await req('sup', 'POST', `/api/programmes/${programmeId}/plan/move`, {
        kind: 'category',
        id: c2,
        parentId: null,
        position: 0,
      }),
    );
    expect(moved.categories.map((c: { name: string }) => c.name)).toEqual(['二、城市建设', '一、民生保障']);
    // The stored order follows the tree: the moved category's matter now comes first.
    expect(moved.matters.find((m: { id: string }) => m.id === m2).seq).toBeLessThan(
      moved.matters.find((m: { id: string }) => m.id === matterId).seq,
    );
    const intoOther = await ok(
      await req('sup', 'POST', `/api/programmes/${programmeId}/plan/move`, {
        kind: 'matter',
        id: m2,
        parentId: categoryId,
        position: 0,
      }),
    );
    expect(intoOther.matters.find((m: { id: string }) => m.id === m2).categoryId).toBe(categoryId);
    await ok(await req('sup', 'DELETE', `/api/matters/${m2}`));
    await ok(await req('sup', 'DELETE', `/api/categories/${c2}`));
    const after = await ok(await req('sup', 'GET', `/api/programmes/${programmeId}/plan`));
    expect(after.categories).toHaveLength(1);
    expect(after.matters).toHaveLength(1);
  });

  it('offers 计划编制 in the menu to the office only', async () => {
    const me = async (who: string) => (await ok(await req(who, 'GET', '/api/auth/me'))).abilities;
    expect(await me('sup')).toMatchObject({ configureProgramme: true, createProgramme: true });
    expect(await me('repa')).toMatchObject({ configureProgramme: false, createProgramme: false });
    expect(await me('lead')).toMatchObject({ configureProgramme: false, createProgramme: false });
  });
});
