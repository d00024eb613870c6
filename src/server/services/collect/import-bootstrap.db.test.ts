/** Importing into a fresh database as the command line does: the government, its 督查室 and the programme are created. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import';
import { DEFAULT_SCHEDULE_SETTINGS } from '../../../domain/model/types';
import type { Actor } from '../../../domain/policies/policies';
import type { DbHandle } from '../../db/connect';
import { readPastedText } from '../../files/import';
import { fixtureActor, smallDataset } from '../../test/fixture';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { systemClock } from '../context';
import { LOCAL_OPERATOR_NAME, localOperator } from '../local-operator';
import { seedDataset } from '../seed-dataset';
import { defaultPeriodKey, governmentShortName, importIntoProgramme, programmeLevelOf } from './import-bootstrap';

// A fictional quarterly table in the tab-separated form offices paste from Word.
const TABLE = (title: string, progress = '已建成充电插口95个（按计划推进）。') =>
  [
    title,
    '',
    '序号\t项目名称\t年度目标\t第三季度目标\t截至9月30日落实情况+进度自评 (按计划推进/滞后/已完成)\t存在问题\t下一步工作\t牵头责任单位\t协办单位',
    `1\t东湖街道充电设施建设 区民生实事第11-1项\t建设120个充电插口。\t累计建设90个。\t${progress}\t无\t1.11月底前完成验收。\t东湖街道\t区民政局`,
    '2\t西岭河步道提升工程 区民生实事第12-4项\t完工。\t完成60%工程量。\t完成总工程量65%（按计划推进）。\t无\t加快施工。\t西岭街道\t新桥社区工作站',
  ].join('\n');
const TITLE = '南湖区2026年民生实事项目三季度进展情况表（截至2026年9月30日）';

describe('import bootstrap: names and periods', () => {
  it('names the government and the level from the title', () => {
    expect(governmentShortName('龙华区人民政府')).toBe('龙华区');
    expect(governmentShortName('龙华区')).toBe('龙华区');
    expect(programmeLevelOf('龙华区')).toBe('区');
    expect(programmeLevelOf('平阳县')).toBe('县');
    expect(programmeLevelOf('义乌市')).toBe('市');
  });
  it('stores a cumulative "1-N月" table under the round that ends with month N', () => {
    const r = (to: number) =>
      defaultPeriodKey({
        title: null,
        government: null,
        programme: null,
        reportingUnit: null,
        year: 2020,
        period: { type: 'range', from: 1, to },
        periodKey: null,
        asOf: null,
        asOfInferred: true,
      });
    expect([r(9), r(6), r(12), r(8)]).toEqual(['2020-Q3', '2020-H1', '2020', '2020-M08']);
  });
});

describe(`import bootstrap on a fresh database (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  const ctx = (actor: Actor = localOperator()) => ({ db: h.db, actor, ip: null, now: systemClock });
  const preview = async (title: string, progress?: string) => {
    const orgs = (await h.db.selectFrom('organizations').select(['id', 'name', 'aliases']).execute()).map((o) => ({
      id: o.id,
      name: o.name,
      aliases: JSON.parse(o.aliases) as string[],
    }));
    return buildImportPreview(readPastedText(TABLE(title, progress)), { orgs });
  };
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h?.close());

  it('refuses unknown units and leaves nothing behind (the programme is in the same transaction)', async () => {
    const p = await preview(TITLE);
    await expect(importIntoProgramme(ctx(), p)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await h.db.selectFrom('organizations').select('id').execute()).toEqual([]);
    expect(await h.db.selectFrom('programmes').select('id').execute()).toEqual([]);
  });

  it('creates the government, its 督查室 and the programme, then imports, as the local operator', async () => {
    const p = await preview(TITLE);
    const r = await importIntoProgramme(ctx(), p, { createUnits: p.units.unknown, markAs: 'approved' });
    expect(r.created.government?.name).toBe('南湖区人民政府');
    expect(r.created.office?.name).toBe('南湖区人民政府督查室');
    expect(r.created.programme?.name).toBe('南湖区2026年民生实事');
    expect(r.summary).toMatchObject({ projectsCreated: 2, reportsVersioned: 2, unitsCreated: 4 });
    const orgs = await h.db.selectFrom('organizations').selectAll().orderBy('seq').orderBy('name').execute();
    const gov = orgs.find((o) => o.name === '南湖区人民政府')!;
    expect(gov).toMatchObject({ shortName: '南湖区', kind: 'government', parentId: null });
    expect(orgs.find((o) => o.name === '南湖区人民政府督查室')).toMatchObject({ kind: 'other', parentId: gov.id });
    // The units of the file hang under the government.
    expect(orgs.filter((o) => o.parentId === gov.id).map((o) => o.name)).toEqual(
      expect.arrayContaining(['东湖街道', '西岭街道', '区民政局', '新桥社区工作站']),
    );
    const prog = await h.db.selectFrom('programmes').selectAll().executeTakeFirstOrThrow();
    expect(prog).toMatchObject({ id: r.programmeId, year: 2026, level: '区', ownerOrgId: gov.id, status: 'active' });
    expect(JSON.parse(prog.statusVocabulary)).toEqual(['按计划推进', '滞后', '已完成']);
    expect(JSON.parse(prog.schedule)).toEqual(DEFAULT_SCHEDULE_SETTINGS);
    // Imported as approved: the reports print in official documents; nothing points at a user row.
    const reports = await h.db.selectFrom('reports').selectAll().where('roundId', '=', r.summary.roundId!).execute();
    expect(reports.map((x) => x.status)).toEqual(['approved', 'approved']);
    expect(reports.every((x) => x.approvedAt)).toBe(true);
    const versions = await h.db.selectFrom('reportVersions').select(['status', 'createdBy']).execute();
    expect(versions).toEqual([
      { status: 'approved', createdBy: null },
      { status: 'approved', createdBy: null },
    ]);
    const round = await h.db.selectFrom('rounds').selectAll().executeTakeFirstOrThrow();
    expect(round).toMatchObject({ periodKey: '2026-Q3', createdBy: null });
    const audit = await h.db
      .selectFrom('auditLog')
      .select(['action', 'actorId', 'actorName'])
      .where('action', 'in', ['programme.create', 'import.commit'])
      .orderBy('action')
      .execute();
    expect(audit).toEqual([
      { action: 'import.commit', actorId: null, actorName: LOCAL_OPERATOR_NAME },
      { action: 'programme.create', actorId: null, actorName: LOCAL_OPERATOR_NAME },
    ]);
  });

  it('imports a revised file into the same programme; approved rows stay locked', async () => {
    const p = await preview(TITLE, '已建成充电插口101个（按计划推进）。');
    const r = await importIntoProgramme(ctx(), p);
    expect(r.created).toEqual({ government: null, office: null, programme: null });
    expect(r.summary.projectsUpdated).toBe(2);
    // The changed row is locked; the unchanged one writes nothing (not even a skip).
    expect(r.summary.skipped.map((s) => s.reason)).toEqual(['该期填报已审核锁定，进展未覆盖']);
    expect(await h.db.selectFrom('programmes').select('id').execute()).toHaveLength(1);
  });

  it('asks for the government when the title names none and there are several', async () => {
    const p = await preview('2027年区政府实事项目三季度进展情况表');
    expect(p.round.government).toBeNull();
    // One government in the database: it owns the new programme.
    const r = await importIntoProgramme(ctx(), p, { createUnits: p.units.unknown });
    expect(r.created.government).toBeNull();
    expect(r.created.programme?.name).toBe('南湖区2027年政府实事项目'); // the title's own word
    // A second government: now the title must name one, or --government does.
    const other = await preview('北湖县2028年民生实事项目三季度进展情况表');
    expect(other.round.government).toBe('北湖县');
    await importIntoProgramme(ctx(), other, { createUnits: other.units.unknown });
    const q = await preview('2029年区政府实事项目三季度进展情况表');
    await expect(importIntoProgramme(ctx(), q, { createUnits: q.units.unknown })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('--government'),
    });
    const s = await importIntoProgramme(ctx(), q, { createUnits: q.units.unknown, government: '北湖县' });
    expect(s.created.programme?.name).toBe('北湖县2029年政府实事项目');
    const level = await h.db
      .selectFrom('programmes')
      .select('level')
      .where('id', '=', s.programmeId)
      .executeTakeFirst();
    expect(level?.level).toBe('县');
  });
});

describe(`import bootstrap with organisations and programmes (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  const ctx = (actor: Actor = localOperator()) => ({ db: h.db, actor, ip: null, now: systemClock });
  const preview = (title: string) => buildImportPreview(readPastedText(TABLE(title)));
  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
  });
  afterAll(async () => h?.close());

  it('a 督查室 account may import into its programmes but not create another government', async () => {
    const sup = fixtureActor('sup');
    const p = preview('西湖区2027年民生实事项目三季度进展情况表');
    await expect(importIntoProgramme(ctx(sup), p, { createUnits: p.units.unknown })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await h.db.selectFrom('organizations').select('id').where('name', '=', '西湖区人民政府').execute()).toEqual(
      [],
    );
    const mine = preview('测试区2026年民生实事项目三季度进展情况表');
    const r = await importIntoProgramme(ctx(sup), mine, { createUnits: mine.units.unknown });
    expect(r.programmeId).toBe('prog');
  });

  it("imports into the year's programme of the government the title names", async () => {
    const p = preview('测试二区2026年民生实事项目三季度进展情况表');
    const r = await importIntoProgramme(ctx(), p, { createUnits: p.units.unknown });
    expect(r.programmeId).toBe('prog2');
    expect(r.created).toEqual({ government: null, office: null, programme: null });
  });

  it('reuses the government organisation and adds its 督查室 for a new year', async () => {
    const p = preview('测试区2027年民生实事项目三季度进展情况表');
    const r = await importIntoProgramme(ctx(), p, { createUnits: p.units.unknown });
    expect(r.created.government).toBeNull();
    expect(r.created.office?.name).toBe('测试区人民政府督查室');
    expect(r.created.programme?.name).toBe('测试区2027年民生实事');
    const prog = await h.db.selectFrom('programmes').selectAll().where('id', '=', r.programmeId).executeTakeFirst();
    expect(prog?.ownerOrgId).toBe('gov');
  });
});
