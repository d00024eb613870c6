/**
 * A large import commits in batches, each its own short transaction (import-commit.ts, issue 14 §5): the result is
 * exactly what one transaction writes; an error on the file itself is raised before any batch lands; a batch failing
 * on the database leaves the earlier ones, says so, is audited, and importing the same file again completes it; and
 * another user's write gets through between batches instead of waiting for the whole import.
 * Small files and a small batch size stand in for 50,000 rows and 2,000 per batch (bench/import-commit.bench.ts).
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import';
import type { DbHandle } from '../../db/connect';
import { readPastedText } from '../../files/import';
import { smallDataset } from '../../test/fixture';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { OFFICE_ACTOR } from '../../test/upload';
import { systemClock } from '../context';
import { seedDataset } from '../seed-dataset';
import { commitImport, listOrgsForMatching } from './import-commit';

const ROWS = 23;
const BATCH = 5;
const CODE_BASE: Record<string, number> = { 甲: 100, 乙: 200, 丙: 300, 丁: 400 };

/**
 * A table of `ROWS` projects named after `tag`, with numeric columns: rows 4 and 6 share a code (different projects,
 * in different batches), row 12 is led by a unit the office creates, rows 15–16 carry no progress (empty drafts).
 */
const table = (tag: string, lastUnit = '东湖街道') =>
  [
    '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
    '',
    '序号\t项目名称\t计量单位\t年度目标数\t完成数\t截至9月30日进展情况\t牵头单位',
    ...Array.from({ length: ROWS }, (_, i) => {
      const n = i + 1;
      const code = n === 6 ? `${CODE_BASE[tag]! + 4}-1` : `${CODE_BASE[tag]! + n}-1`;
      const unit = n === 12 ? '新建社区工作站' : n === ROWS ? lastUnit : n % 2 ? '东湖街道' : '西岭街道';
      const progress = n === 15 || n === 16 ? '' : `已建成${n % 5}个，按计划推进。`;
      return `${code}\t${tag}第${n}号口袋公园\t个\t${(n % 4) + 5}\t${n % 5}\t${progress}\t${unit}`;
    }),
  ].join('\n');

/** A plugin that throws when the `n`th insert into `table` (snake_case) is compiled. */
function failAtInsert(table: string, n: number): KyselyPlugin {
  let seen = 0;
  return {
    transformQuery: (a) => {
      if (a.node.kind === 'InsertQueryNode' && JSON.stringify(a.node).includes(`"name":"${table}"`) && ++seen === n)
        throw new Error(`injected failure at insert ${table} #${n}`);
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
}

/** Everything an import of `tag` wrote, without generated ids: what two commits are compared by. */
async function written(h: DbHandle, tag: string) {
  const like = `${tag}第%`;
  const projects = await h.db
    .selectFrom('projects')
    .select(['id', 'code', 'name', 'seq', 'annualTargetText', 'flags'])
    .where('name', 'like', like)
    .orderBy('seq')
    .execute();
  const nameOf = new Map(projects.map((p) => [p.id, p.name]));
  const ids = projects.map((p) => p.id);
  const none = ['-'];
  const units = await h.db
    .selectFrom('projectUnits')
    .innerJoin('organizations', 'organizations.id', 'projectUnits.orgId')
    .select(['projectUnits.projectId', 'organizations.name as org', 'projectUnits.role', 'projectUnits.seq'])
    .where('projectUnits.projectId', 'in', ids.length ? ids : none)
    .execute();
  const reports = await h.db
    .selectFrom('reports')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .leftJoin('reportVersions', 'reportVersions.reportId', 'reports.id')
    .select([
      'reports.projectId',
      'organizations.name as org',
      'reports.status',
      'reports.versionNo',
      'reportVersions.versionNo as v',
      'reportVersions.progressText',
      'reportVersions.action',
    ])
    .where('reports.projectId', 'in', ids.length ? ids : none)
    .execute();
  const indicators = await h.db
    .selectFrom('indicators')
    .leftJoin('reportValues', 'reportValues.indicatorId', 'indicators.id')
    .select([
      'indicators.projectId',
      'indicators.name',
      'indicators.unit',
      'indicators.targetValue',
      'indicators.sourceColumn',
      'reportValues.value',
    ])
    .where('indicators.projectId', 'in', ids.length ? ids : none)
    .execute();
  const byProject = <T extends { projectId: string }>(rows: T[]) =>
    rows.map(({ projectId, ...rest }) => JSON.stringify({ project: nameOf.get(projectId), ...rest })).sort();
  return {
    projects: projects.map(({ id: _, ...rest }) => rest),
    units: byProject(units),
    reports: byProject(reports),
    indicators: byProject(indicators),
  };
}

const auditCount = (h: DbHandle, action: string) =>
  h.db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

describe(`import commit in batches (${TEST_ENGINE})`, () => {
  /** One database committed in one transaction, one in batches of BATCH rows. */
  let single: DbHandle;
  let batched: DbHandle;
  const preview = async (h: DbHandle, text: string) =>
    buildImportPreview(readPastedText(text), { orgs: await listOrgsForMatching(h.db) });
  const ctx = (h: DbHandle, plugin?: KyselyPlugin) => ({
    db: plugin ? h.db.withPlugin(plugin) : h.db,
    actor: OFFICE_ACTOR,
    ip: null,
    now: systemClock,
  });
  const opts = (batchRows?: number) => ({
    programmeId: 'prog',
    createUnits: ['新建社区工作站'],
    ...(batchRows ? { batchRows } : {}),
  });

  beforeAll(async () => {
    single = await createTestDb();
    batched = await createTestDb();
    await seedDataset(single.db, smallDataset());
    await seedDataset(batched.db, smallDataset());
  });
  afterAll(async () => {
    await single?.close();
    await batched?.close();
  });

  it('writes exactly what one transaction writes, numeric columns, created units and one import.commit included', async () => {
    const one = await commitImport(ctx(single), await preview(single, table('甲')), opts());
    const auditsBefore = await auditCount(batched, 'import.commit');
    const many = await commitImport(ctx(batched), await preview(batched, table('甲')), opts(BATCH));
    const { roundId: _a, ...oneSummary } = one;
    const { roundId: _b, ...manySummary } = many;
    expect(manySummary).toEqual(oneSummary);
    expect(one).toMatchObject({ projectsCreated: ROWS, unitsCreated: 1, reportsVersioned: ROWS - 2 });
    const a = await written(single, '甲');
    const b = await written(batched, '甲');
    expect(a.projects).toHaveLength(ROWS);
    // rows 4 and 6 share a code and stay two projects, as in one transaction
    expect(a.projects.filter((p) => p.code === `${CODE_BASE.甲! + 4}-1`)).toHaveLength(2);
    expect(a.indicators.length).toBeGreaterThanOrEqual(ROWS);
    expect(b).toEqual(a);
    expect(await auditCount(batched, 'import.commit')).toBe(auditsBefore + 1);
  });

  it('an error on the file itself is raised before any batch is written', async () => {
    const before = await written(batched, '乙');
    // The last row's unit is unknown: the first batch would have been fine on its own.
    await expect(
      commitImport(ctx(batched), await preview(batched, table('乙', '不存在的街道')), opts(BATCH)),
    ).rejects.toThrow(/不在组织机构中.*不存在的街道/);
    expect(await written(batched, '乙')).toEqual(before);
    expect(before.projects).toEqual([]);
  });

  it('a batch failing on the database keeps the earlier ones, says so, and the same file again completes it', async () => {
    const clean = await commitImport(ctx(single), await preview(single, table('丙')), opts());
    const p = await preview(batched, table('丙'));
    const incomplete = await auditCount(batched, 'import.incomplete');
    // the third batch's projects fail (rows 11–15)
    await expect(commitImport(ctx(batched, failAtInsert('projects', 3)), p, opts(BATCH))).rejects.toThrow(
      /第11–15行写入失败（injected failure.*此前的10行已写入并保留/,
    );
    const partial = await written(batched, '丙');
    expect(partial.projects.map((x) => x.name)).toEqual(
      Array.from({ length: 2 * BATCH }, (_, i) => `丙第${i + 1}号口袋公园`),
    );
    expect(await auditCount(batched, 'import.incomplete')).toBe(incomplete + 1);
    const again = await commitImport(ctx(batched), await preview(batched, table('丙')), opts(BATCH));
    expect(again).toMatchObject({ projectsCreated: ROWS - 2 * BATCH, projectsUpdated: 2 * BATCH, unitsCreated: 0 });
    expect(again.reportsVersioned).toBe(clean.reportsVersioned - (2 * BATCH - 0));
    expect(await written(batched, '丙')).toEqual(await written(single, '丙'));
  });

  it("another user's write gets through between batches, not after the whole import", async () => {
    const p = await preview(batched, table('丁'));
    let other: Promise<unknown> | null = null;
    let otherDone = false;
    const landedWhenOtherDone: number[] = [];
    let projectInserts = 0;
    // When the first batch starts writing projects, another user saves something (on SQLite: waits for the writer).
    const plugin: KyselyPlugin = {
      transformQuery: (a) => {
        if (a.node.kind === 'InsertQueryNode' && JSON.stringify(a.node).includes('"name":"projects"')) {
          projectInserts++;
          if (!other)
            other = batched.db
              .updateTable('organizations')
              .set({ aliases: JSON.stringify(['南山街道办']) })
              .where('id', '=', 'org-x')
              .execute()
              .then(() => {
                otherDone = true;
                landedWhenOtherDone.push(projectInserts);
              });
        }
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    await commitImport(ctx(batched, plugin), p, opts(BATCH));
    await other;
    expect(otherDone).toBe(true);
    expect(projectInserts).toBe(Math.ceil(ROWS / BATCH));
    // The save finished before the import's last batch wrote its projects.
    expect(landedWhenOtherDone[0]).toBeLessThan(projectInserts);
  });
});
