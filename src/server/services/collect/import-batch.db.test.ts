/**
 * The import commit at size: thousands of rows commit with a constant number of statements (chunked under both engines'
 * parameter limits), re-imports update in place, locked reports are left alone, and the key-supervision column follows
 * the flags the file carries.
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

const sup = OFFICE_ACTOR;

const ROWS = 2_500;
/**
 * Statements one commit of ROWS rows may take: a few per table and chunk (the whole-file check and each batch's reads
 * of the rows' projects, 1,000 codes or names per IN list; writes; the assessment of the new versions).
 */
const MAX_STATEMENTS = ROWS / 15;
const code = (i: number) => `${20 + Math.floor(i / 10)}-${(i % 10) + 1}`;
const isKey = (i: number) => i % 7 === 0;
/** The projects this file creates (and no fixture project). */
const NAMES = '第%号社区书屋提质工程';

/** A pasted quarterly table of `ROWS` projects, every seventh marked 人大重点监督 (unless `noKey`). */
const table = (progress: string, target: string, noKey = false) =>
  [
    '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
    '',
    '序号\t项目名称\t年度目标\t第三季度目标\t截至9月30日落实情况+进度自评 (按计划推进/滞后/已完成)\t牵头责任单位',
    ...Array.from(
      { length: ROWS },
      (_, i) =>
        `${code(i)}\t第${i + 1}号社区书屋提质工程${isKey(i) && !noKey ? '（人大重点监督）' : ''}\t完成书屋提质。\t${target}\t${progress}（按计划推进）。\t东湖街道`,
    ),
  ].join('\n');

describe(`import commit at size (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (a) => {
      statements++;
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  const ctx = () => ({ db: h.db.withPlugin(counter), actor: sup, ip: null, now: systemClock });
  const preview = async (text: string) =>
    buildImportPreview(readPastedText(text), { orgs: await listOrgsForMatching(h.db) });

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
  });
  afterAll(async () => h?.close());

  const imported = () =>
    h.db
      .selectFrom('projects')
      .select(['id', 'code', 'name', 'flags', 'keySupervision'])
      .where('programmeId', '=', 'prog')
      .where('name', 'like', NAMES)
      .execute();

  it(`creates ${ROWS} projects with reports in a constant number of statements`, async () => {
    const p = await preview(table('完成1个', '完成1个'));
    expect(p.items).toHaveLength(ROWS);
    statements = 0;
    const s = await commitImport(ctx(), p, { programmeId: 'prog' });
    expect(s).toMatchObject({ projectsCreated: ROWS, projectsUpdated: 0, reportsVersioned: ROWS, skipped: [] });
    // Per-row queries would be ~7 × ROWS statements; the set-based commit needs a few per table and chunk.
    expect(statements).toBeLessThan(MAX_STATEMENTS);
    const rows = await imported();
    expect(rows).toHaveLength(ROWS);
    const keyCodes = rows.filter((r) => r.keySupervision === 1).map((r) => r.code);
    expect(keyCodes.sort()).toEqual(
      Array.from({ length: ROWS }, (_, i) => i)
        .filter(isKey)
        .map(code)
        .sort(),
    );
    for (const r of rows) expect(r.keySupervision).toBe(JSON.parse(r.flags).includes('key_supervision') ? 1 : 0);
    const targets = await h.db
      .selectFrom('periodTargets')
      .innerJoin('projects', 'projects.id', 'periodTargets.projectId')
      .select('periodTargets.targetText')
      .where('projects.name', 'like', NAMES)
      .execute();
    expect(targets).toHaveLength(ROWS);
  });

  it('re-imports update in place, add one version each and skip locked reports', async () => {
    const before = await imported();
    const locked = before.find((r) => r.code === code(3))!;
    await h.db.updateTable('reports').set({ status: 'approved' }).where('projectId', '=', locked.id).execute();
    const p = await preview(table('完成2个', '完成2个', true));
    statements = 0;
    const s = await commitImport(ctx(), p, { programmeId: 'prog' });
    expect(statements).toBeLessThan(MAX_STATEMENTS);
    expect(s).toMatchObject({ projectsCreated: 0, projectsUpdated: ROWS, reportsVersioned: ROWS - 1 });
    expect(s.skipped).toEqual([
      { code: code(3), name: '第4号社区书屋提质工程', reason: '该期填报已审核锁定，进展未覆盖' },
    ]);
    const after = await imported();
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    // The file lacks 人大重点监督 and has other period targets: differences, kept as they were unless accepted.
    expect(after.filter((r) => r.keySupervision === 1).length).toBe(
      before.filter((r) => r.keySupervision === 1).length,
    );
    // Every period target, every 人大重点监督 flag and the locked report's content.
    expect(s.notApplied).toBe(ROWS + before.filter((r) => r.keySupervision === 1).length + 1);
    const reports = await h.db
      .selectFrom('reports')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .select(['projects.code', 'reports.versionNo', 'reports.status'])
      .where('projects.name', 'like', NAMES)
      .execute();
    expect(reports).toHaveLength(ROWS);
    for (const r of reports) expect(r.versionNo).toBe(r.code === code(3) ? 1 : 2);
    const v = await h.db
      .selectFrom('reportVersions')
      .innerJoin('reports', 'reports.id', 'reportVersions.reportId')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .select(['reportVersions.versionNo', 'reportVersions.progressText'])
      .where('projects.code', '=', code(5))
      .orderBy('reportVersions.versionNo')
      .execute();
    expect(v).toEqual([
      { versionNo: 1, progressText: '完成1个。' },
      { versionNo: 2, progressText: '完成2个。' },
    ]);
    const targets = await h.db
      .selectFrom('periodTargets')
      .innerJoin('projects', 'projects.id', 'periodTargets.projectId')
      .select('periodTargets.targetText')
      .where('projects.name', 'like', NAMES)
      .execute();
    expect(targets).toHaveLength(ROWS);
    expect(new Set(targets.map((t) => t.targetText))).toEqual(new Set(['完成1个']));
    const units = await h.db
      .selectFrom('projectUnits')
      .innerJoin('projects', 'projects.id', 'projectUnits.projectId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('projects.name', 'like', NAMES)
      .executeTakeFirstOrThrow();
    expect(Number(units.n)).toBe(ROWS);
  });
});
