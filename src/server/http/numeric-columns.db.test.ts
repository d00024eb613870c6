/** Issue 14 §2: numeric columns of an imported table round-trip into storage, the table JSON and the xlsx export. */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';
import { multipart } from '../test/upload';

let app: FastifyInstance;
let h: DbHandle;
let close: () => Promise<void>;
let sup: Session;

// Fictional: two projects with 计量单位 / 年度目标数 / 完成数 / 完成率 / 投资 columns (万人 folds to 人).
const TABLE = [
  '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
  '序号\t项目名称\t年度目标\t计量单位\t年度目标数\t完成数\t完成率\t计划投资（万元）\t完成投资（万元）\t截至9月30日落实情况\t牵头责任单位',
  '1\t东湖街道公共充电插口建设 区民生实事第21-1项\t建设120个充电插口。\t个\t120\t96\t80%\t1,200\t960\t已建成充电插口96个（按计划推进）。\t东湖街道',
  '2\t西岭街道就业困难人员帮扶 区民生实事第21-2项\t帮扶就业困难人员5.6万人。\t万人\t5.6\t3.2\t60%\t—\t—\t累计帮扶3.2万人。\t西岭街道',
].join('\n');

beforeAll(async () => {
  ({ app, h, close } = await createTestApp());
  sup = await loginAs(app, 'sup');
});
afterAll(async () => close?.());

describe(`numeric columns end to end (${TEST_ENGINE})`, () => {
  let roundId = '';

  it('stores 年度目标数 and 计划投资 as indicators, 完成数 and 完成投资 as reported values, 完成率 as published', async () => {
    const up = multipart('进展表.txt', Buffer.from(TABLE, 'utf8'), { programmeId: 'prog' });
    const r = await app.inject({
      method: 'POST',
      url: '/api/imports/commit',
      headers: { ...as(sup), ...up.headers },
      payload: up.payload,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ projectsCreated: 2, reportsVersioned: 2 });
    roundId = r.json().roundId;
    const inds = await h.db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.projectId')
      .select([
        'projects.code',
        'indicators.sourceColumn',
        'indicators.name',
        'indicators.unit',
        'indicators.targetValue',
        'indicators.kind',
      ])
      .where('indicators.sourceColumn', 'is not', null)
      .orderBy('projects.code')
      .orderBy('indicators.sourceColumn')
      .execute();
    expect(inds).toEqual([
      // named by what a unit fills in against them (the form's field label); the target is the column's figure
      { code: '21-1', sourceColumn: 'investment', name: '完成投资', unit: '万元', targetValue: 1200, kind: 'money' },
      { code: '21-1', sourceColumn: 'targetNumber', name: '完成数', unit: '个', targetValue: 120, kind: 'quantity' },
      { code: '21-2', sourceColumn: 'targetNumber', name: '完成数', unit: '人', targetValue: 56000, kind: 'quantity' },
    ]);
    const ratios = await h.db.selectFrom('reportVersionNumbers').selectAll().execute();
    expect(ratios.map((x) => [x.publishedRatio, x.ratioCheck]).sort()).toEqual([
      [0.6, 'inconsistent'],
      [0.8, 'consistent'],
    ]);
  });

  it('shows the numbers in the table JSON', async () => {
    const r = await app.inject({ url: `/api/rounds/${roundId}/table`, headers: as(sup) });
    expect(r.statusCode).toBe(200);
    const rows = r.json().rows as { code: string; numbers?: Record<string, unknown> }[];
    expect(rows.find((x) => x.code === '21-1')?.numbers).toEqual({
      unit: '个',
      target: 120,
      actual: 96,
      publishedRatio: 0.8,
      computedRatio: 0.8,
      ratioCheck: 'consistent',
      investmentPlanned: 1200,
      investmentDone: 960,
    });
    const n2 = rows.find((x) => x.code === '21-2')?.numbers;
    expect(n2).toMatchObject({
      unit: '人',
      target: 56000,
      actual: 32000,
      publishedRatio: 0.6,
      ratioCheck: 'inconsistent',
    });
    expect(n2?.computedRatio as number).toBeCloseTo(32000 / 56000, 9);
    // rows of projects without numeric columns carry no numbers
    expect(rows.filter((x) => !x.code.startsWith('21-')).every((x) => x.numbers === undefined)).toBe(true);
  });

  it('exports them in the xlsx (numbers as numbers)', async () => {
    const r = await app.inject({ url: `/api/rounds/${roundId}/table.xlsx`, headers: as(sup) });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let headerRow = 0;
    const col = new Map<string, number>();
    ws.eachRow((row, n) => {
      row.eachCell((cell, c) => {
        if (
          typeof cell.value === 'string' &&
          [
            '年度目标数',
            '完成数',
            '完成率（公布）',
            '计划投资（万元）',
            '完成投资（万元）',
            '计量单位',
            '项目编号',
          ].includes(cell.value)
        ) {
          headerRow = n;
          col.set(cell.value, c);
        }
      });
    });
    expect(headerRow).toBeGreaterThan(0);
    const rowOf = (code: string) => {
      let found: ExcelJS.Row | null = null;
      ws.eachRow((row, n) => {
        if (n > headerRow && row.getCell(col.get('项目编号')!).value === code) found = row;
      });
      return found as ExcelJS.Row | null;
    };
    const n1 = rowOf('21-1')!;
    expect(n1.getCell(col.get('计量单位')!).value).toBe('个');
    expect(n1.getCell(col.get('年度目标数')!).value).toBe(120);
    expect(n1.getCell(col.get('完成数')!).value).toBe(96);
    expect(n1.getCell(col.get('完成率（公布）')!).value).toBe(0.8);
    expect(n1.getCell(col.get('计划投资（万元）')!).value).toBe(1200);
    expect(n1.getCell(col.get('完成投资（万元）')!).value).toBe(960);
    const n2 = rowOf('21-2')!;
    expect(n2.getCell(col.get('年度目标数')!).value).toBe(56000);
    expect(n2.getCell(col.get('完成数')!).value).toBe(32000);
  });
});
