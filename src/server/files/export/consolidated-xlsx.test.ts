import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ConsolidatedTable, TableRow } from '../../../shared/api-types';
import { buildConsolidatedXlsx, consolidatedFileName, consolidatedTitle, progressCell } from './consolidated-xlsx';

function row(over: Partial<TableRow>): TableRow {
  return {
    reportId: 'r',
    projectId: 'p',
    seq: 1,
    code: '1-1',
    category: null,
    matter: null,
    matterNumber: null,
    name: '项目',
    levels: ['区级'],
    flags: [],
    annualTarget: '',
    periodTarget: '',
    progress: '',
    selfAssessment: null,
    problems: '',
    nextSteps: '',
    leadUnits: [],
    assistUnits: [],
    cohostUnits: [],
    unitId: 'u',
    unit: '单位',
    status: 'submitted',
    versionNo: 1,
    submittedAt: null,
    late: false,
    lastComment: null,
    completedAnnualTarget: false,
    ...over,
  };
}

function fixture(rows: TableRow[], missing: ConsolidatedTable['missing'] = []): ConsolidatedTable {
  return {
    programme: { id: 'pg', name: '云溪区2026年民生实事', year: 2026, owner: '云溪区人民政府督查室' },
    round: {
      id: 'rd',
      name: '三季度',
      periodKey: '2026-Q3',
      periodLabel: '2026年第三季度',
      asOf: '2026-09-30',
      dueDate: '2026-10-10',
      status: 'open',
    },
    periodTargetLabel: '第三季度目标',
    rows,
    missing,
    counts: { draft: 1, submitted: 2, returned: 0, approved: 1, published: 0 },
    abilities: {
      readTable: true,
      exportTable: true,
      review: false,
      publish: false,
      close: false,
      manage: false,
      archive: false,
    },
  };
}

const rows: TableRow[] = [
  row({
    reportId: 'a',
    projectId: 'p1',
    code: '3-1',
    name: '新建社区长者食堂',
    annualTarget: '新建长者食堂6家。',
    periodTarget: '累计建成4家。',
    progress: '已建成长者食堂5家，累计服务老年人1.2万人次。',
    selfAssessment: '按计划推进',
    problems: '',
    nextSteps: '加快剩余1家装修进度。',
    leadUnits: ['区民政局'],
    assistUnits: ['青石街道', '白沙街道'],
    unitId: 'u1',
    unit: '区民政局',
  }),
  row({
    reportId: 'b',
    projectId: 'p2',
    code: '5-2',
    name: '溪桥路改造工程',
    annualTarget: '完工。',
    periodTarget: '完成80%工程量。',
    progress: '完成总工程量72%（滞后）。',
    selfAssessment: '滞后',
    problems: '管线迁改未完成。\n雨季影响施工。',
    leadUnits: ['区住房建设局'],
    assistUnits: ['青石街道'],
    unitId: 'u2',
    unit: '区住房建设局',
    computedStatus: '滞后',
    completionRatio: 0.72,
    gapPoints: -8,
  }),
  row({
    reportId: 'c',
    projectId: 'p2',
    code: '5-2',
    name: '溪桥路改造工程',
    annualTarget: '完工。',
    periodTarget: '完成80%工程量。',
    progress: '',
    status: 'draft',
    leadUnits: ['区住房建设局'],
    assistUnits: ['青石街道'],
    unitId: 'u3',
    unit: '青石街道',
  }),
  row({
    reportId: 'd',
    projectId: 'p3',
    code: '7-1',
    name: '中小学午休课桌椅配置',
    progress: '已完成全部采购。'.repeat(30),
    selfAssessment: '已完成',
    status: 'approved',
    unitId: 'u4',
    unit: '区教育局',
  }),
];

async function load(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('buildConsolidatedXlsx', () => {
  it('lays out the consolidated table for print', async () => {
    const ws = await load(
      await buildConsolidatedXlsx(fixture(rows, [{ unitId: 'u3', unit: '青石街道', pending: 1, total: 1 }])),
    );
    expect(ws.name).toBe('2026年第三季度');
    expect(ws.getCell('A1').value).toBe('云溪区2026年民生实事第三季度进展情况表');
    expect(ws.getCell('L1').master.address).toBe('A1');
    expect(ws.getCell('M1').isMerged).toBe(false);
    expect(ws.getCell('A2').value).toBe('（截至2026年9月30日）');
    expect(ws.getCell('A2').alignment?.horizontal).toBe('right');

    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual([
      '序号',
      '项目编号',
      '项目名称',
      '年度目标',
      '第三季度目标',
      '截至9月30日落实情况+进度自评（按计划推进/滞后/已完成）',
      '存在问题',
      '下一步工作',
      '牵头责任单位',
      '协办单位',
      '填报单位',
      '审核状态',
    ]);
    expect(ws.getCell('A3').font?.name).toBe('黑体');

    // Row 4: project 1.
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('F4').value).toBe('已建成长者食堂5家，累计服务老年人1.2万人次（按计划推进）。');
    expect(ws.getCell('G4').value).toBe('无');
    expect(ws.getCell('J4').value).toBe('青石街道、白沙街道');
    // Rows 5–6: project 2 over two units; project cells merged, unit cells not.
    expect(ws.getCell('A5').value).toBe(2);
    expect(ws.getCell('F5').value).toBe('完成总工程量72%（滞后）。');
    for (const col of ['A', 'B', 'C', 'D', 'E', 'I', 'J']) expect(ws.getCell(`${col}6`).master.address).toBe(`${col}5`);
    for (const col of ['F', 'G', 'H', 'K', 'L']) expect(ws.getCell(`${col}6`).isMerged).toBe(false);
    expect(ws.getCell('K6').value).toBe('青石街道');
    expect(ws.getCell('L6').value).toBe('未报送');
    expect(ws.getCell('L6').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFF2CC' } });
    expect(ws.getCell('L5').value).toBe('已提交');
    // Row 7: project 3 gets a tall row for its long text.
    expect(ws.getCell('A7').value).toBe(3);
    expect(ws.getCell('L7').value).toBe('已审核');
    expect(ws.getRow(7).height).toBeGreaterThan(60);

    for (const addr of ['C4', 'F4', 'G5', 'K6', 'F7']) {
      expect(ws.getCell(addr).alignment?.wrapText).toBe(true);
      expect(ws.getCell(addr).font?.name).toBe('仿宋_GB2312');
      expect(ws.getCell(addr).border?.top?.style).toBe('thin');
    }
    expect(ws.getColumn(1).width).toBe(6);
    expect(ws.getColumn(6).width).toBe(48);

    expect(ws.getCell('A9').value).toBe('未报送单位：青石街道（1项）');
    expect(ws.getCell('L9').master.address).toBe('A9');

    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('adds the computed columns on request', async () => {
    const ws = await load(await buildConsolidatedXlsx(fixture(rows), { includeComputed: true }));
    expect(ws.getCell('M3').value).toBe('系统研判');
    expect(ws.getCell('O3').value).toBe('序时差（个百分点）');
    expect(ws.getCell('O1').master.address).toBe('A1');
    expect(ws.getCell('M5').value).toBe('滞后');
    expect(ws.getCell('N5').value).toBe(0.72);
    expect(ws.getCell('N5').numFmt).toBe('0.0%');
    expect(ws.getCell('O5').value).toBe(-8);
    expect(ws.getCell('A9').value).toBe('全部单位已报送');
  });

  it('marks a 挂牌督办 project beside its name', async () => {
    const listed = [
      row({ name: '龙岭社区长者饭堂', flags: ['listed_supervision'] }),
      row({ name: '平湖社区长者饭堂' }),
    ];
    const ws = await load(await buildConsolidatedXlsx(fixture(listed)));
    const texts: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('龙岭社区长者饭堂（挂牌督办）');
    expect(texts.some((t) => t.startsWith('平湖社区长者饭堂（挂牌督办'))).toBe(false);
  });

  it('builds an empty table', async () => {
    const ws = await load(await buildConsolidatedXlsx(fixture([])));
    expect(ws.getCell('A1').value).toBe('云溪区2026年民生实事第三季度进展情况表');
    expect(ws.getCell('A3').value).toBe('序号');
    expect(ws.getCell('A5').value).toBe('全部单位已报送');
    expect(ws.getCell('A6').value).toBe('制表：云溪区人民政府督查室');
  });
});

describe('titles and cells', () => {
  it('does not double the year', () => {
    const t = fixture([]);
    expect(consolidatedFileName(t)).toBe('云溪区2026年民生实事第三季度进展情况表.xlsx');
    const other = { ...t, programme: { ...t.programme, name: '云溪区民生实事' } };
    expect(consolidatedTitle(other)).toBe('云溪区民生实事2026年第三季度进展情况表');
  });

  it('appends the self-assessment once', () => {
    expect(progressCell('完成39%', '按计划推进')).toBe('完成39%（按计划推进）');
    expect(progressCell('完成39%。', '按计划推进')).toBe('完成39%（按计划推进）。');
    expect(progressCell('完成39%（按计划推进）。', '按计划推进')).toBe('完成39%（按计划推进）。');
    expect(progressCell('完成39%', null)).toBe('完成39%');
  });
});

describe('formula-like text (OWASP formula injection)', () => {
  const PAYLOADS = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(1)', "=cmd|' /C calc'!A0", '\t=1+1', '\r=1+1'];
  const hostile = fixture(
    PAYLOADS.map((p, i) =>
      row({
        reportId: `x${i}`,
        projectId: `px${i}`,
        code: `9-${i}`,
        name: p,
        progress: p,
        problems: p,
        nextSteps: i === 0 ? `=${'很长的文字'.repeat(80)}` : p,
        unit: p,
      }),
    ),
    [{ unitId: 'ux', unit: '=1+1', pending: 1, total: 1 }],
  );
  hostile.programme = { ...hostile.programme, name: '=HYPERLINK("http://x","云溪区2026年民生实事")' };

  it('writes them as text cells, never formulas, and shows the text unchanged', async () => {
    const buf = await buildConsolidatedXlsx(hostile, { includeComputed: true });
    const ws = await load(buf);
    ws.eachRow((r) => {
      r.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(c.formula).toBeUndefined();
      });
    });
    PAYLOADS.forEach((sent, i) => {
      const r = 4 + i;
      const p = sent.replace(/\r/g, '\n'); // XML reads a raw CR back as LF
      expect(ws.getCell(`C${r}`).value).toBe(p);
      expect(ws.getCell(`G${r}`).value).toBe(p.trim()); // 存在问题 is printed trimmed
      expect(ws.getCell(`K${r}`).value).toBe(p);
      expect(String(ws.getCell(`F${r}`).value).startsWith(p.trim())).toBe(true);
    });
    expect(ws.getCell('H4').value).toBe(`=${'很长的文字'.repeat(80)}`);
    expect(ws.getCell('A1').value).toBe(`${hostile.programme.name}第三季度进展情况表`);
  });

  it('stores them as shared strings with quotePrefix styles, in General format (no apostrophe added)', async () => {
    const files = unzipSync(await buildConsolidatedXlsx(hostile));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const styles = strFromU8(files['xl/styles.xml']!);
    expect(sheet).not.toMatch(/<f[\s>]/);
    const xfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(styles)![0].match(/<xf\b[^>]*>/g)!;
    const cells = [...sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>/g)].map(([, ref, attrs]) => ({
      ref: ref!,
      type: /\bt="(\w+)"/.exec(attrs!)?.[1],
      xf: xfs[Number(/\bs="(\d+)"/.exec(attrs!)?.[1] ?? 0)]!,
    }));
    const byRef = new Map(cells.map((c) => [c.ref, c]));
    for (const ref of ['A1', 'C4', 'F4', 'G5', 'H4', 'K7', 'C10']) {
      expect(byRef.get(ref)?.type, ref).toBe('s');
      expect(byRef.get(ref)?.xf, ref).toMatch(/quotePrefix="1"/);
      expect(byRef.get(ref)?.xf, ref).toMatch(/numFmtId="0"/);
    }
    // Ordinary text keeps its ordinary style; no style is left in the Text format (Excel shows #### past 255 chars).
    expect(byRef.get('A3')?.xf).not.toMatch(/quotePrefix/);
    expect(byRef.get('L4')?.xf).not.toMatch(/quotePrefix/);
    expect(byRef.get('A12')?.xf).not.toMatch(/quotePrefix/); // 未报送单位：=1+1（1项） does not start like a formula
    expect(styles).not.toMatch(/numFmtId="49"/);
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    expect(strings).toContain('<t>=cmd|&apos; /C calc&apos;!A0</t>');
    expect(strings).not.toMatch(/<t[^>]*>'/);
  });

  it('leaves a workbook without such text byte-for-byte as exceljs writes it', async () => {
    const files = unzipSync(await buildConsolidatedXlsx(fixture(rows)));
    expect(strFromU8(files['xl/styles.xml']!)).not.toMatch(/quotePrefix/);
  });
});
