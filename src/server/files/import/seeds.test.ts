/**
 * Acceptance: the five seed tables import with every project and field right — from the text copy, and from
 * .docx and .xlsx versions generated here (real merges, title paragraphs). The same assertions run on all three.
 * Seeds are read from ../shared/seeds at run time; the suite is skipped when they are absent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import type { ImportItem, ImportPreview } from '../../../domain/collect/import/types';
import {
  makeDocx,
  makeDocxParagraphs,
  makeXlsx,
  makeXlsxLines,
  seedFile,
  seedsDir,
  specFromRead,
} from './__fixtures__/make-files';
import { readImportFile } from './read-import-file';

const hasSeeds = seedsDir() !== null;

type Forms = Record<'text' | 'docx' | 'xlsx', ImportPreview>;

async function loadForms(prefix: string, narrative = false): Promise<Forms> {
  const seed = seedFile(prefix);
  if (!seed) throw new Error(`seed ${prefix} missing`);
  const read = readImportFile(seed.bytes, seed.name);
  const text = buildImportPreview(read);
  let docxBytes: Uint8Array;
  let xlsxBytes: Uint8Array;
  if (narrative) {
    docxBytes = await makeDocxParagraphs(read.paragraphs);
    xlsxBytes = await makeXlsxLines(read.paragraphs);
  } else {
    const spec = specFromRead(read);
    docxBytes = await makeDocx(spec, { mergeTables: prefix === '000' });
    xlsxBytes = await makeXlsx(spec, { sheetPerTable: prefix === '000' });
  }
  const docx = buildImportPreview(readImportFile(docxBytes, `${prefix}.docx`));
  const xlsx = buildImportPreview(readImportFile(xlsxBytes, `${prefix}.xlsx`));
  return { text, docx, xlsx };
}

function byCode(items: ImportItem[], code: string): ImportItem {
  const it = items.find((i) => i.code === code);
  if (!it) throw new Error(`no item ${code}`);
  return it;
}

const FORMS = ['text', 'docx', 'xlsx'] as const;

describe.skipIf(!hasSeeds)('seed 000 — 龙华街道 2021 Q2, tab-separated, header repeated per page', () => {
  let f: Forms;
  beforeAll(async () => {
    f = await loadForms('000');
  });
  for (const form of FORMS) {
    it(`${form}: 10 projects, codes from the names, co-hosts, units, self-assessment`, () => {
      const p = f[form];
      expect(p.items.map((i) => i.code)).toEqual([
        '19-2',
        '23-16',
        '25-7',
        '26-3',
        '29-12',
        '29-13',
        '29-14',
        '29-15',
        '32',
        '37-3',
      ]);
      const a = byCode(p.items, '19-2');
      expect(a.name).toBe('实施“智慧+居家”养老服务');
      expect(a.cohostUnits).toEqual(['区民政局']);
      expect(a.leadUnits).toEqual(['公共服务办公室']);
      expect(a.assistUnits).toEqual([]);
      expect(a.selfAssessment).toBe('按计划推进');
      expect(a.problems).toBeNull();
      expect(a.annualTarget).toBe('符合条件的申请对象实现服务覆盖率100%。');
      expect(a.periodTarget).toBe('建立全区社区居家养老服务供应商库。');
      expect(a.progress).toMatch(/^1\.根据上级文件要求/);
      expect(a.progress).not.toMatch(/按计划推进/);
      const b = byCode(p.items, '23-16');
      expect(b.name).toBe('清业路临时道路改造工程');
      expect(b.progress).toBe('完成总工程量39%。');
      expect(b.problems).toMatch(/^1\.施工过程中/);
      expect(b.nextSteps).toMatch(/^1\.尽快协调/);
      expect(b.assistUnits).toEqual(['清华社区工作站']);
      const c = byCode(p.items, '25-7');
      expect(c.name).toBe('新增非机动车道');
      expect(c.cohostUnits).toEqual(['市交通运输局龙华管理局']);
      expect(c.leadUnits).toEqual(['城市建设办公室（前期办）', '建设工程事务中心']);
      expect(c.assistUnits).toEqual(['清华社区工作站', '三联社区工作站']);
      const d = byCode(p.items, '26-3');
      expect(d.selfAssessment).toBe('已完成');
      expect(d.progress).toBe('已竣工验收。');
      expect(d.nextSteps).toBeNull();
      expect(d.assistUnits).toEqual(['各相关社区工作站']);
      const e = byCode(p.items, '32');
      expect(e.name).toBe('社区民生微实事');
      expect(e.cohostUnits).toEqual(['区委组织部（区委编办、区人才工作局）', '区民政局']);
      expect(e.assistUnits).toEqual(['各社区工作站']);
      expect(byCode(p.items, '37-3').selfAssessment).toBe('已完成');
      expect(p.items.every((i) => i.levels.includes('区级'))).toBe(true);
      expect(p.round).toMatchObject({
        government: '龙华区',
        year: 2021,
        period: { type: 'quarter', index: 2 },
        periodKey: '2021-Q2',
        asOf: '2021-06-30',
        reportingUnit: '龙华街道',
      });
      expect(p.warnings.filter((w) => w.code === 'DUPLICATE_CODE')).toEqual([]);
    });
  }
});

describe.skipIf(!hasSeeds)('seed 001 — 民治街道 2023 Q3, one cell per line, 示例 row, ▋ evaluations', () => {
  let f: Forms;
  beforeAll(async () => {
    f = await loadForms('001');
  });
  for (const form of FORMS) {
    it(`${form}: 9 projects, example row skipped, 民生事项 on the last row`, () => {
      const p = f[form];
      expect(p.items.map((i) => i.code)).toEqual([
        '10-3',
        '13-3',
        '18-8',
        '19-2',
        '24-5',
        '31-11',
        '32-4',
        '32-5',
        '40',
      ]);
      expect(p.warnings.some((w) => w.code === 'EXAMPLE_ROW')).toBe(true);
      expect(p.items.some((i) => /示\s*例/.test(i.name ?? ''))).toBe(false);
      const a = byCode(p.items, '10-3');
      expect(a.name).toBe('星河传奇暖蜂驿站');
      expect(a.periodTarget).toBe('投入运营，预计服务900余人次。');
      expect(a.progress).toMatch(/^1、常态化开展暖蜂驿站/);
      expect(a.progress).toContain('\n2、9月19日');
      expect(a.progress).toContain('\n3、重点摸排');
      expect(a.problems).toBeNull();
      expect(a.nextSteps).toBeNull();
      expect(a.leadUnits).toEqual(['民治街道']);
      expect(a.assistUnits).toEqual([]);
      expect(a.evaluation).toBeNull();
      expect(a.warnings.some((w) => w.code === 'EVALUATION_COLOUR_UNKNOWN')).toBe(true);
      expect(byCode(p.items, '13-3').evaluation).toBe('已完成');
      expect(byCode(p.items, '18-8').leadUnits).toEqual(['民治街道（工务）']);
      expect(byCode(p.items, '19-2').leadUnits).toEqual(['民治街道（市政）']);
      const e = byCode(p.items, '24-5');
      expect(e.periodTarget).toBeNull();
      expect(e.progress).toBeNull();
      expect(e.evaluation).toBe('已完成');
      expect(byCode(p.items, '32-5').annualTarget).toContain('\n2.培训人数达到10000人以上。');
      const last = byCode(p.items, '40');
      expect(last.name).toBe('社区民生微实事审核项目');
      expect(last.matter).toMatch(/^广泛实施社区民生微实事/);
      expect(last.annualTarget).toMatch(/^2023年审核完成/);
      expect(last.periodTarget).toBe('全面推进民生微实事项目开展。');
      expect(last.leadUnits).toEqual(['区委组织部', '民政局', '各街道']);
      for (const it of p.items.slice(0, 8)) expect(it.matter).toBeNull();
      expect(p.round).toMatchObject({
        government: '龙华区',
        year: 2023,
        period: { type: 'quarter', index: 3 },
        periodKey: '2023-Q3',
        asOf: '2023-09-30',
        asOfInferred: false,
      });
    });
  }

  it('docx with coloured ▋ cells: evaluation read from the cell fill', async () => {
    const seed = seedFile('001')!;
    const read = readImportFile(seed.bytes, seed.name);
    const bytes = await makeDocx(specFromRead(read), { glyphFill: '00B050' });
    const p = buildImportPreview(readImportFile(bytes, '001.docx'));
    expect(byCode(p.items, '10-3').evaluation).toBe('green');
    expect(byCode(p.items, '13-3').evaluation).toBe('已完成');
    const x = buildImportPreview(
      readImportFile(await makeXlsx(specFromRead(read), { glyphFill: 'FF0000' }), '001.xlsx'),
    );
    expect(byCode(x.items, '10-3').evaluation).toBe('red');
  });
});

describe.skipIf(!hasSeeds)('seed 002 — 民治街道 2022 year-end, notes above, 民生事项 carried down', () => {
  let f: Forms;
  beforeAll(async () => {
    f = await loadForms('002');
  });
  for (const form of FORMS) {
    it(`${form}: 18 projects with 件号, matters, category and evaluation`, () => {
      const p = f[form];
      expect(p.items.map((i) => i.code)).toEqual([
        '9-2',
        '11-3',
        '16-4',
        '16-5',
        '16-7',
        '17-7',
        '19-3',
        '20-2',
        '21-2',
        '24-6',
        '26-4',
        '26-5',
        '31-3',
        '31-4',
        '31-5',
        '31-6',
        '31-7',
        '40',
      ]);
      const a = byCode(p.items, '9-2');
      expect(a.matterNumber).toBe('9');
      expect(a.name).toBe('来深建设者心理咨询服务站');
      expect(a.matter).toMatch(/^开展劳务工关爱、维权服务：\n1\.实施/);
      expect(a.progress).toMatch(/^1\.已建立心理咨询服务站/);
      expect(a.evaluation).toBe('已完成');
      expect(a.category).toBeNull();
      expect(byCode(p.items, '11-3').leadUnits).toEqual(['区消安委办', '各街道']);
      expect(byCode(p.items, '16-4').matter).toMatch(/^建设提升社区公用设备/);
      expect(byCode(p.items, '20-2').category).toBe('五、加大社会保障力度');
      expect(byCode(p.items, '20-2').matter).toMatch(/^开展特殊群体帮扶/);
      expect(byCode(p.items, '21-2').category).toBe('五、加大社会保障力度');
      expect(byCode(p.items, '24-6').leadUnits).toEqual(['民治街道', '建筑工务署']);
      expect(byCode(p.items, '31-6').progress).toBe('已完工');
      const last = byCode(p.items, '40');
      expect(last.name).toBe('社区民生微实事');
      expect(last.matter).toMatch(/^广泛实施社区民生微实事/);
      expect(last.leadUnits).toEqual(['区委组织部（区委编办、区人才工作局）', '民政局', '各街道']);
      expect(p.items.every((i) => i.evaluation === '已完成')).toBe(true);
      expect(p.items.every((i) => i.problems === null && i.nextSteps === null)).toBe(true);
      expect(p.round).toMatchObject({
        government: '龙华区',
        year: 2022,
        period: { type: 'year' },
        periodKey: '2022',
        asOf: '2022-12-31',
      });
      expect(p.notes.some((n) => n.includes('滞后项目'))).toBe(true);
    });
  }
});

describe.skipIf(!hasSeeds)('seed 003 — 宝山区 2022年8月, cells ending in " |", levels in names', () => {
  let f: Forms;
  beforeAll(async () => {
    f = await loadForms('003');
  });
  for (const form of FORMS) {
    it(`${form}: 41 projects, each with its levels`, () => {
      const p = f[form];
      expect(p.items).toHaveLength(41);
      expect(p.items.map((i) => i.code)).toEqual(Array.from({ length: 41 }, (_, i) => String(i + 1)));
      expect(p.items.every((i) => i.levels.length > 0 && i.name && !/[（(][市区]级/.test(i.name))).toBe(true);
      const a = byCode(p.items, '1');
      expect(a.name).toBe('新增1个共享充电桩示范小区');
      expect(a.levels).toEqual(['市级']);
      expect(a.leadUnits).toEqual(['区发展改革委']);
      expect(a.periodTarget).toBe('充电桩示范小区安装。');
      expect(a.progress).toBe('正在建设。');
      expect(byCode(p.items, '2').levels).toEqual(['区级']);
      expect(byCode(p.items, '3').levels).toEqual(['市级', '区级']);
      expect(byCode(p.items, '4').name).toBe('为老旧小区内120个既有电动自行车集中充电所加装喷淋装置、报警器等消防设施');
      expect(byCode(p.items, '4').progress).toBe('正在招标。');
      expect(byCode(p.items, '13').leadUnits).toEqual(['团区委', '区教育局']);
      expect(byCode(p.items, '16').name).toBe('新(改)建5家智慧菜场(标准化菜市场)');
      expect(byCode(p.items, '41').progress).toBe('完成招标,合同签订,前期手续办理 8月20日进场施工。');
      expect(p.round).toMatchObject({
        year: 2022,
        period: { type: 'month', index: 8 },
        periodKey: '2022-M08',
        asOf: '2022-08-31',
      });
    });
  }
});

describe.skipIf(!hasSeeds)('seed 004 — 长宁区 1-9月, numbered narrative with sub-targets', () => {
  let f: Forms;
  beforeAll(async () => {
    f = await loadForms('004', true);
  });
  for (const form of FORMS) {
    it(`${form}: 12 items with units, progress and sub-targets`, () => {
      const p = f[form];
      expect(p.items.map((i) => i.code)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
      const a = byCode(p.items, '1');
      expect(a.name).toBe('实施 100 万平方米精品小区建设');
      expect(a.leadUnits).toEqual(['区房管局']);
      expect(a.assistUnits).toEqual(['各街镇']);
      expect(a.progress).toMatch(/^在做好防疫防控基础上/);
      const b = byCode(p.items, '2');
      expect(b.leadUnits).toEqual(['区民政局', '区卫健委']);
      expect(b.subTargets.map((s) => s.text)).toEqual([
        '新增养老床位 250 张',
        '新增老年护理床位 200 张',
        '新增老年人助餐点 10 个',
        '新增老年人日间服务中心 4 个',
      ]);
      expect(b.subTargets[0]?.progress).toBe('新增养老床位 250 张已完成，正式运营。');
      expect(b.subTargets[2]?.progress).toMatch(/^新增 10 个老年助餐点建设/);
      expect(b.subTargets[3]?.progress).toMatch(/^新增 4 家老年人日间服务中心建设/);
      const c = byCode(p.items, '3');
      expect(c.leadUnits).toEqual(['各街镇']);
      expect(c.assistUnits).toEqual([]);
      const d = byCode(p.items, '4');
      expect(d.assistUnits).toEqual(['各街镇', '区总工会']);
      expect(d.subTargets).toHaveLength(3);
      expect(d.progress).toContain('健身瑜伽、少儿武术');
      expect(d.progress).not.toContain('**');
      expect(d.subTargets[2]?.progress).toMatch(/共计 95 个课时/);
      expect(byCode(p.items, '5').subTargets).toHaveLength(5);
      expect(byCode(p.items, '7').assistUnits).toEqual(['区规划资源局', '区体育局', '区绿化市容局', '相关街镇']);
      const l = byCode(p.items, '12');
      expect(l.leadUnits).toEqual(['团区委', '区教育局']);
      expect(l.subTargets[0]?.progress).toMatch(/^关于爱心暑托班/);
      expect(l.progress).not.toMatch(/上海市地区工作办公室/);
      expect(p.round).toMatchObject({ year: 2020, period: { type: 'range', from: 1, to: 9 }, asOf: '2020-09-30' });
    });
  }
});
