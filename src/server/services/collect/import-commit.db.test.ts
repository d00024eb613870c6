import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import';
import type { Actor } from '../../../domain/policies/policies';
import type { DbHandle } from '../../db/connect';
import { readPastedText } from '../../files/import';
import { fixtureActor, smallDataset } from '../../test/fixture';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { systemClock } from '../context';
import { seedDataset } from '../seed-dataset';
import { commitImport } from './import-commit';

const sup: Actor = fixtureActor('sup');
const repA: Actor = fixtureActor('repa');

// A fictional quarterly table in the tab-separated form offices paste from Word.
const TABLE = (progress: string) =>
  [
    '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
    '',
    '序号\t项目名称\t年度目标\t第三季度目标\t截至9月30日落实情况+进度自评 (按计划推进/滞后/已完成)\t存在问题\t下一步工作\t牵头责任单位\t协办单位',
    `1\t东湖街道充电设施建设 区民生实事第11-1项\t建设120个充电插口。\t累计建设90个。\t${progress}\t无\t1.11月底前完成验收。\t东湖街道\t区民政局`,
    '2\t西岭河步道提升工程 区民生实事第12-4项\t完工。\t完成60%工程量。\t完成总工程量65%（按计划推进）。\t无\t加快施工。\t西岭街道\t新桥社区工作站',
  ].join('\n');

describe(`import commit (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  const ctx = (actor: Actor) => ({ db: h.db, actor, ip: null, now: systemClock });
  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
  });
  afterAll(async () => h?.close());

  const preview = async (progress: string) => {
    const orgs = (await h.db.selectFrom('organizations').select(['id', 'name', 'aliases']).execute()).map((o) => ({
      id: o.id,
      name: o.name,
      aliases: JSON.parse(o.aliases) as string[],
    }));
    return buildImportPreview(readPastedText(TABLE(progress)), { orgs });
  };

  it('refuses unknown units until they are mapped or created, and writes nothing', async () => {
    const p = await preview('已建成充电插口95个（按计划推进）。');
    expect(p.round.periodKey).toBe('2026-Q3');
    expect(p.units.unknown).toEqual(['新桥社区工作站']);
    await expect(commitImport(ctx(sup), p, { programmeId: 'prog' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const rounds = await h.db.selectFrom('rounds').select('id').where('programmeId', '=', 'prog').execute();
    expect(rounds).toHaveLength(1);
    await expect(
      commitImport(ctx(repA), p, { programmeId: 'prog', createUnits: ['新桥社区工作站'] }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('updates projects by code, creates new ones and stores progress as report versions', async () => {
    const p = await preview('已建成充电插口95个（按计划推进）。');
    const s = await commitImport(ctx(sup), p, { programmeId: 'prog', createUnits: ['新桥社区工作站'] });
    expect(s).toMatchObject({ projectsCreated: 1, projectsUpdated: 1, reportsVersioned: 2, unitsCreated: 1 });
    const projects = await h.db
      .selectFrom('projects')
      .select(['code', 'name'])
      .where('programmeId', '=', 'prog')
      .orderBy('code')
      .execute();
    expect(projects.map((x) => x.code)).toEqual(['11-1', '11-2', '11-3', '12-4']);
    const v = await h.db
      .selectFrom('reportVersions')
      .innerJoin('reports', 'reports.id', 'reportVersions.reportId')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .select(['reportVersions.progressText', 'reportVersions.selfAssessment', 'reportVersions.versionNo'])
      .where('projects.code', '=', '11-1')
      .where('reports.roundId', '=', s.roundId!)
      .execute();
    expect(v).toEqual([{ progressText: '已建成充电插口95个。', selfAssessment: '按计划推进', versionNo: 1 }]);
  });

  it('re-importing a corrected file adds a version instead of duplicating', async () => {
    const p = await preview('已建成充电插口101个（按计划推进）。');
    const s = await commitImport(ctx(sup), p, { programmeId: 'prog' });
    // Only the changed row adds a version; the unchanged row writes nothing.
    expect(s).toMatchObject({ projectsCreated: 0, projectsUpdated: 2, reportsVersioned: 1, unitsCreated: 0 });
    const count = await h.db
      .selectFrom('projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('programmeId', '=', 'prog')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
    const versions = await h.db
      .selectFrom('reportVersions')
      .innerJoin('reports', 'reports.id', 'reportVersions.reportId')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .select(['reportVersions.progressText'])
      .where('projects.code', '=', '11-1')
      .where('reports.roundId', '=', s.roundId!)
      .orderBy('reportVersions.versionNo')
      .execute();
    expect(versions.map((x) => x.progressText)).toEqual(['已建成充电插口95个。', '已建成充电插口101个。']);
  });

  it('never merges a different project that only shares a row number or a code within the file', async () => {
    const table = (rows: string[]) =>
      readPastedText(
        ['测试区2026年民生实事项目8月份进展情况', '序号\t项目名称\t年度目标\t进展情况\t牵头单位', ...rows].join('\n'),
      );
    const orgs = [{ id: 'org-a', name: '东湖街道', aliases: [] }];
    const first = buildImportPreview(
      table([
        '1\t社区书屋提质\t完成5个书屋提质。\t已完成3个。\t东湖街道',
        '2\t口袋公园建设\t完工。\t完成主体施工。\t东湖街道',
      ]),
      { orgs },
    );
    expect(first.items.map((i) => i.code)).toEqual(['1', '2']);
    expect(await commitImport(ctx(sup), first, { programmeId: 'prog' })).toMatchObject({
      projectsCreated: 2,
      projectsUpdated: 0,
    });
    const second = buildImportPreview(
      table([
        '1\t社区书屋提质\t完成5个书屋提质。\t已完成4个。\t东湖街道',
        '2\t背街小巷整治\t整治10条。\t已整治6条。\t东湖街道',
        '3\t老年食堂建设\t建成2个。\t已建成1个。\t东湖街道',
        '3\t儿童友好空间\t建成1处。\t正在施工。\t东湖街道',
      ]),
      { orgs },
    );
    const s = await commitImport(ctx(sup), second, { programmeId: 'prog' });
    expect(s).toMatchObject({ projectsCreated: 3, projectsUpdated: 1 });
    expect(s.notes.join('')).toMatch(/口袋公园建设/);
    const names = await h.db
      .selectFrom('projects')
      .select('name')
      .where('code', 'in', ['1', '2', '3'])
      .orderBy('name')
      .execute();
    expect(names.map((n) => n.name).sort()).toEqual(
      ['儿童友好空间', '口袋公园建设', '社区书屋提质', '老年食堂建设', '背街小巷整治'].sort(),
    );
  });
});
