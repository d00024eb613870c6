/**
 * Table shapes from other governments' published progress tables (test-fixtures/import-shapes, written in our own
 * words): every fixture in every format — the text copy, .docx/.xlsx with real merges, and .docx/.xlsx made from the
 * text copy — gives exactly the expected rows (none lost, none invented) with the expected fields.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../../test-fixtures/import-shapes/fixtures';
import { FORMATS, previewOf, score } from '../../../../test-fixtures/import-shapes/harness';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import { readText } from './read-text';

describe('import shapes: no lost or invented rows in any format', () => {
  it('has at least 20 fixtures of distinct shapes', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(FIXTURES.map((f) => f.shape)).size).toBe(FIXTURES.length);
  });
  for (const f of FIXTURES) {
    it(`${f.id}: ${f.shape}`, async () => {
      for (const format of FORMATS) {
        const s = score(f, await previewOf(f, format));
        expect({ format, found: s.found, invented: s.invented, problems: s.problems }).toEqual({
          format,
          found: f.expected.length,
          invented: 0,
          problems: [],
        });
      }
    });
  }
});

describe('totals and breakdowns', () => {
  it('a total that differs from the sum of its rows is a warning, the numbers stay as written', () => {
    const text = [
      '序号\t项目名称\t计划数\t完成数\t牵头单位',
      '1\t新增托位\t300\t200\t区卫健局',
      '2\t新增学位\t500\t450\t区教育局',
      '合计\t\t800\t640\t',
    ].join('\n');
    const p = buildImportPreview(readText(text));
    const total = p.items.find((i) => i.isTotal);
    expect(total).toMatchObject({ name: '合计', targetNumber: '800', actual: '640', code: null });
    expect(p.items.filter((i) => !i.isTotal).map((i) => i.name)).toEqual(['新增托位', '新增学位']);
    const w = p.warnings.filter((x) => x.code === 'TOTAL_MISMATCH');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toMatch(/完成数为640，各行相加为650/);
  });

  it('a total equal to the sum gives no warning', () => {
    const text = [
      '序号\t项目名称\t计划数\t完成数',
      '1\t新增托位\t300\t200',
      '2\t新增学位\t500\t450',
      '总计\t\t800\t650',
    ].join('\n');
    const p = buildImportPreview(readText(text));
    expect(p.items.filter((i) => i.isTotal)).toHaveLength(1);
    expect(p.warnings.filter((x) => x.code === 'TOTAL_MISMATCH')).toEqual([]);
  });

  it('a project broken down by street is one project with one entry per street', () => {
    const text = [
      '序号\t项目名称\t街道\t年度目标\t完成数\t完成率',
      '1\t新建社区食堂\t东湖街道\t4\t3\t75%',
      '\t\t西岭街道\t2\t2\t100%',
      '\t\t南岸街道\t3\t1\t33.3%',
    ].join('\n');
    const p = buildImportPreview(readText(text));
    expect(p.items).toHaveLength(1);
    expect(p.items[0]).toMatchObject({ code: '1', name: '新建社区食堂', region: null });
    expect(p.items[0]!.breakdown).toEqual([
      { unit: '东湖街道', target: '4', actual: '3', rate: '75%', progress: null },
      { unit: '西岭街道', target: '2', actual: '2', rate: '100%', progress: null },
      { unit: '南岸街道', target: '3', actual: '1', rate: '33.3%', progress: null },
    ]);
  });

  it('different projects that each name a county stay separate projects', () => {
    const text = [
      '序号\t项目名称\t县区\t进展情况',
      '1\t新建污水处理站\t东坪区\t已建成2座',
      '2\t改造农村公路\t西河县\t已完成40公里',
    ].join('\n');
    const p = buildImportPreview(readText(text));
    expect(p.items.map((i) => [i.name, i.region, i.breakdown.length])).toEqual([
      ['新建污水处理站', '东坪区', 0],
      ['改造农村公路', '西河县', 0],
    ]);
  });
});

describe('traditional characters are matched, kept as written', () => {
  it('headers, status words and totals in traditional characters', () => {
    const text = [
      '序號\t項目名稱\t進展情況\t牽頭單位\t完成數',
      '1\t新建長者食堂\t已建成6家（滯後）\t區民政局\t6',
      '2\t改造背街小巷\t已完成9條（按計劃推進）\t區城管局\t9',
      '合計\t\t\t\t15',
    ].join('\n');
    const p = buildImportPreview(readText(text));
    expect(p.items.map((i) => [i.name, i.progress, i.selfAssessment, i.leadUnits, i.isTotal])).toEqual([
      ['新建長者食堂', '已建成6家', '滞后', ['區民政局'], false],
      ['改造背街小巷', '已完成9條', '按计划推进', ['區城管局'], false],
      ['合計', null, null, [], true],
    ]);
  });
});
