/**
 * The import commit in two steps (import-commit.ts): the rows in one transaction — a failure in a late statement
 * leaves nothing of the import — then the assessment of the versions it wrote, a chunk per short transaction. Chunked,
 * the stored assessments are the ones the engine gives for those versions; a failure in a late chunk leaves the import
 * in place and the rest unassessed until the re-assessment job, which then completes them.
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import';
import type { DbHandle } from '../../db/connect';
import { readPastedText } from '../../files/import';
import { smallDataset } from '../../test/fixture';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { OFFICE_ACTOR } from '../../test/upload';
import { assessOnTheSpot, reassessProgramme } from '../assess/assessments';
import { systemClock } from '../context';
import { seedDataset } from '../seed-dataset';
import { commitImport, listOrgsForMatching } from './import-commit';

const sup = OFFICE_ACTOR;

const ROWS = 40;
/** Codes of each table's projects: distinct, so no table updates another's projects. */
const CODE_BASE: Record<string, number> = { 甲: 100, 乙: 200, 丙: 300 };

/** A pasted quarterly table of `ROWS` new projects named after `tag`, with varied progress (different lights). */
const table = (tag: string) =>
  [
    '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
    '',
    '序号\t项目名称\t年度目标\t第三季度目标\t截至9月30日落实情况+进度自评 (按计划推进/滞后/已完成)\t牵头责任单位',
    ...Array.from(
      { length: ROWS },
      (_, i) =>
        `${CODE_BASE[tag]! + i}-1\t${tag}第${i + 1}号口袋公园\t建成口袋公园${(i % 4) + 2}个。\t建成${(i % 3) + 1}个。\t已建成${i % 5}个（${i % 3 ? '按计划推进' : '滞后'}）。\t东湖街道`,
    ),
  ].join('\n');

/** A plugin that throws when the `n`th statement touching `table` (snake_case) of kind `kind` is compiled. */
function failAt(kind: string, table: string, n: number): KyselyPlugin {
  let seen = 0;
  return {
    transformQuery: (a) => {
      const json = JSON.stringify(a.node);
      if (a.node.kind === kind && json.includes(`"name":"${table}"`) && ++seen === n)
        throw new Error(`injected failure at ${kind} ${table} #${n}`);
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
}

describe(`import commit: rows in one transaction, assessment in chunks (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  const preview = async (tag: string) =>
    buildImportPreview(readPastedText(table(tag)), { orgs: await listOrgsForMatching(h.db) });
  const ctx = (plugin?: KyselyPlugin) => ({
    db: plugin ? h.db.withPlugin(plugin) : h.db,
    actor: sup,
    ip: null,
    now: systemClock,
  });

  /** The import's projects, reports, versions and their current assessments (by project name). */
  const written = async (tag: string) => {
    const versions = await h.db
      .selectFrom('reportVersions')
      .innerJoin('reports', 'reports.id', 'reportVersions.reportId')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .leftJoin('reportAssessments', (j) =>
        j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
      )
      .select([
        'projects.name',
        'reportVersions.id as versionId',
        'reportAssessments.light',
        'reportAssessments.computedStatus',
        'reportAssessments.completionRatio',
        'reportAssessments.reason',
      ])
      .where('projects.name', 'like', `${tag}%`)
      .orderBy('projects.name')
      .execute();
    const projects = await h.db.selectFrom('projects').select('id').where('name', 'like', `${tag}%`).execute();
    const audits = await h.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'import.commit')
      .where('after', 'like', `%${ROWS}%`)
      .execute();
    return { projects, versions, audits };
  };

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
  });
  afterAll(async () => h?.close());

  it('a failure in a late statement of the commit leaves nothing of the import', async () => {
    const p = await preview('甲');
    const auditsBefore = (await written('甲')).audits.length;
    // The report versions are written after projects, units, targets and reports: fail there.
    await expect(
      commitImport(ctx(failAt('InsertQueryNode', 'report_versions', 1)), p, { programmeId: 'prog' }),
    ).rejects.toThrow(/injected failure/);
    const w = await written('甲');
    expect(w.projects).toEqual([]);
    expect(w.versions).toEqual([]);
    expect(w.audits).toHaveLength(auditsBefore);
    // The same file then commits completely.
    const s = await commitImport(ctx(), p, { programmeId: 'prog' });
    expect(s).toMatchObject({ projectsCreated: ROWS, reportsVersioned: ROWS });
    expect((await written('甲')).projects).toHaveLength(ROWS);
  });

  it('assessed in chunks, the imported versions carry the assessment the engine gives them', async () => {
    const p = await preview('乙');
    // 40 versions in chunks of 7: six short transactions after the commit.
    await commitImport(ctx(), p, { programmeId: 'prog', assessChunk: 7 });
    const { versions } = await written('乙');
    expect(versions).toHaveLength(ROWS);
    const engine = await assessOnTheSpot(
      h.db,
      versions.map((v) => v.versionId),
    );
    for (const v of versions) {
      const e = engine.get(v.versionId)!;
      expect(v.light).not.toBeNull();
      expect([v.light, v.computedStatus, v.completionRatio, v.reason]).toEqual([
        e.light,
        e.computedStatus,
        e.completionRatio,
        e.reason,
      ]);
    }
    // Varied progress: more than one light, so the comparison above is not trivially equal.
    expect(new Set(versions.map((v) => v.light)).size).toBeGreaterThan(1);
    // Exactly one current assessment per version.
    const current = await h.db
      .selectFrom('reportAssessments')
      .select(['versionId', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'versionId',
        'in',
        versions.map((v) => v.versionId),
      )
      .where('current', '=', 1)
      .groupBy('versionId')
      .execute();
    expect(current.map((c) => Number(c.n))).toEqual(versions.map(() => 1));
  });

  it('a failure in a late assessment chunk keeps the import; the re-assessment job completes it', async () => {
    const p = await preview('丙');
    // Settle the rest of the programme first (the fixture's own versions), so the counts below are this import's.
    await reassessProgramme(h.db, 'prog', new Date());
    // Chunks of 10: the third chunk's insert fails (after the rows were committed).
    const s = await commitImport(ctx(failAt('InsertQueryNode', 'report_assessments', 3)), p, {
      programmeId: 'prog',
      assessChunk: 10,
    });
    expect(s).toMatchObject({ projectsCreated: ROWS, reportsVersioned: ROWS });
    const before = (await written('丙')).versions;
    expect(before).toHaveLength(ROWS);
    // Two chunks stored, the failed one and the ones after it not (never a half-written chunk).
    expect(before.filter((v) => v.light !== null)).toHaveLength(20);
    // What the job runs: re-assess the programme, a chunk at a time.
    const r = await reassessProgramme(h.db, 'prog', new Date(), { chunk: 9 });
    expect(r.reassessed).toBe(ROWS - 20);
    const after = (await written('丙')).versions;
    expect(after.filter((v) => v.light === null)).toEqual([]);
    expect((await reassessProgramme(h.db, 'prog', new Date(), { chunk: 9 })).reassessed).toBe(0);
  });
});
