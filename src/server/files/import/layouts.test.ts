/**
 * Real layouts beyond the seeds, written for this project: a city table with 县区 rows and a unit column,
 * sub-items without numbers, two columns with the same header, an example row, a header that is not the first
 * row, category rows spanning the table, notes under the table, a user column mapping, unit matching.
 */
import { describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import { docxFromBody, p, tbl, tc, tr, xlsxFromSheets } from './__fixtures__/minimal';
import { readImportFile } from './read-import-file';

describe('other real layouts', () => {
  it('city table: 县区 rows under a merged project, unit column, numbers, completion rate', () => {
    const x = xlsxFromSheets([
      {
        name: '民生工程',
        rows: [
          ['淮北市2023年33项民生实事1-10月进展情况统计表', null, null, null, null, null, null],
          ['填报单位：市民生办', null, null, null, null, null, null],
          ['序号', '项目名称', '单位', '年度目标', '县区', '完成数', '完成率'],
          [1, '城镇新增就业', '万人', 5.2, '全市', 5.6, '107.7%'],
          [null, null, null, 2, '相山区', 2.1, '105%'],
          [null, null, null, 3.2, '濉溪县', 3.5, '109%'],
          [2, '新建改建农村公路', '公里', 120, '全市', 88, '73.3%'],
          ['注：完成率=完成数/年度目标', null, null, null, null, null, null],
        ],
        merges: ['A1:G1', 'A2:G2', 'A4:A6', 'B4:B6', 'C4:C6', 'A8:G8'],
      },
    ]);
    const prev = buildImportPreview(readImportFile(x, 'city.xlsx'));
    expect(prev.round).toMatchObject({
      year: 2023,
      period: { type: 'range', from: 1, to: 10 },
      asOf: '2023-10-31',
      reportingUnit: '市民生办',
    });
    // One project broken down by county: one item, the 全市 row gives its own figures.
    expect(prev.items.map((i) => [i.code, i.name, i.unit, i.region, i.targetNumber, i.actual, i.rate])).toEqual([
      ['1', '城镇新增就业', '万人', null, '5.2', '5.6', '107.7%'],
      ['2', '新建改建农村公路', '公里', '全市', '120', '88', '73.3%'],
    ]);
    expect(prev.items[0]!.breakdown).toEqual([
      { unit: '相山区', target: '2', actual: '2.1', rate: '105%', progress: null },
      { unit: '濉溪县', target: '3.2', actual: '3.5', rate: '109%', progress: null },
    ]);
    expect(prev.items.every((i) => !i.isTotal)).toBe(true);
    expect(prev.warnings.filter((w) => w.code === 'DUPLICATE_CODE')).toEqual([]);
    expect(prev.notes).toContain('注：完成率=完成数/年度目标');
  });

  it('sub-items without numbers, category rows across the table, example row, header not first', () => {
    const doc = docxFromBody(
      p('2025年市政府为民办实事项目第一季度进展情况') +
        tbl([
          tr([tc('填报说明：请按项填写', '<w:gridSpan w:val="5"/>')]),
          tr([tc('序号'), tc('实事项目'), tc('全年目标任务'), tc('推进情况'), tc('责任单位')]),
          tr([tc('示例'), tc('新增养老床位500张'), tc('…'), tc('已完成…'), tc('市民政局')]),
          tr([tc('一、就业和社会保障', '<w:gridSpan w:val="5"/>')]),
          tr([tc('1'), tc('新增养老床位'), tc('1500张'), tc('完成600张'), tc('市民政局')]),
          tr([tc(''), tc('其中：认知症照护床位'), tc('300张'), tc('完成100张'), tc('市民政局')]),
          tr([tc(''), tc('家庭照护床位'), tc('200张'), tc('完成50张'), tc('市民政局')]),
          tr([tc('二、城市建设', '<w:gridSpan w:val="5"/>')]),
          tr([tc('2'), tc('新建口袋公园'), tc('30个'), tc('开工12个（滞后）'), tc('市城管局 市住建局')]),
        ]),
    );
    const prev = buildImportPreview(readImportFile(doc, 'shanghai.docx'));
    expect(prev.items.map((i) => [i.code, i.parentCode, i.name, i.category])).toEqual([
      ['1', null, '新增养老床位', '一、就业和社会保障'],
      [null, '1', '其中：认知症照护床位', '一、就业和社会保障'],
      [null, '1', '家庭照护床位', '一、就业和社会保障'],
      ['2', null, '新建口袋公园', '二、城市建设'],
    ]);
    expect(prev.items[1]!.flags).toContain('sub_item');
    expect(prev.items[3]).toMatchObject({
      progress: '开工12个',
      selfAssessment: '滞后',
      leadUnits: ['市城管局', '市住建局'],
    });
    expect(prev.warnings.some((w) => w.code === 'EXAMPLE_ROW')).toBe(true);
    expect(prev.round).toMatchObject({ programme: '为民办实事', year: 2025, period: { type: 'quarter', index: 1 } });
  });

  it('two columns with the same header, a duplicate code, an unmapped column and a mapping override', () => {
    const rows = [
      ['序号', '项目名称', '目标任务', '目标任务', '进展情况', '推进举措', '联络员'],
      [1, '新增养老床位', '新增养老床位', 250, '已完成', '加快验收', '张三'],
      [1, '新建公园', '新建公园', 3, '在建', '加快施工', '李四'],
    ];
    const x = xlsxFromSheets([{ name: 'S', rows }]);
    const prev = buildImportPreview(readImportFile(x, 'dup.xlsx'));
    expect(prev.items[0]!.annualTarget).toBe('新增养老床位 250');
    expect(prev.warnings.some((w) => w.code === 'DUPLICATE_COLUMN')).toBe(true);
    expect(prev.warnings.some((w) => w.code === 'DUPLICATE_CODE')).toBe(true);
    const unmapped = prev.warnings.filter((w) => w.code === 'UNMAPPED_COLUMN');
    expect(unmapped.map((w) => w.message).join()).toContain('推进举措');
    expect(prev.items[0]!.extra).toMatchObject({ 推进举措: '加快验收' });
    expect(prev.columns[0]!.columns.find((c) => c.header === '联络员')?.field).toBe('people');
    const over = buildImportPreview(readImportFile(x, 'dup.xlsx'), {
      mapping: [{ header: '推进举措', field: 'nextSteps' }],
    });
    expect(over.items[0]!.nextSteps).toBe('加快验收');
    expect(over.warnings.some((w) => w.code === 'UNMAPPED_COLUMN')).toBe(false);
    const byIndex = buildImportPreview(readImportFile(x, 'dup.xlsx'), { mapping: [{ column: 4, field: 'problems' }] });
    expect(byIndex.items[0]!.problems).toBe('已完成');
    expect(byIndex.items[0]!.progress).toBeNull();
  });

  it('units against the organisation tree: exact, alias, unknown (listed, never created), collective', () => {
    const x = xlsxFromSheets([
      {
        name: 'S',
        rows: [
          ['项目名称', '进展情况', '牵头单位', '配合单位'],
          ['公园', '完工', '区城管局', '各街道'],
          ['绿道', '在建', '城管局、区住房和建设局', '区新设办公室'],
        ],
      },
    ]);
    const orgs = [
      { id: 'o1', name: '区城管局', aliases: ['城管局'] },
      { id: 'o2', name: '区住房和建设局', aliases: [] },
    ];
    const prev = buildImportPreview(readImportFile(x, 'u.xlsx'), { orgs });
    expect(prev.units.matched.map((m) => [m.name, m.orgId, m.via])).toEqual([
      ['区城管局', 'o1', 'exact'],
      ['城管局', 'o1', 'alias'],
      ['区住房和建设局', 'o2', 'exact'],
    ]);
    expect(prev.units.unknown).toEqual(['区新设办公室']);
    expect(prev.units.collective).toEqual(['各街道']);
    expect(prev.items[1]!.warnings.map((w) => w.code)).toContain('UNKNOWN_UNIT');
  });

  it('problems and next steps in one column are split where the text allows', () => {
    const x = xlsxFromSheets([
      {
        name: 'S',
        rows: [
          ['项目名称', '进展情况', '存在问题及下一步工作计划'],
          ['公园', '在建', '存在问题：征地拆迁滞后。下一步工作计划：10月底前完成交地。'],
          ['绿道', '完工', '无'],
          ['河道', '在建', '管线迁改未完成，预计影响工期1个月。\n下一步将协调供电局加快迁改。'],
        ],
      },
    ]);
    const prev = buildImportPreview(readImportFile(x, 'pn.xlsx'));
    expect(prev.items.map((i) => [i.problems, i.nextSteps])).toEqual([
      ['征地拆迁滞后。', '10月底前完成交地。'],
      [null, null],
      ['管线迁改未完成，预计影响工期1个月。', '下一步将协调供电局加快迁改。'],
    ]);
  });
});
