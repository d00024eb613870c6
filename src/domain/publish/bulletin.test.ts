import { describe, expect, it } from 'vitest';
import {
  type BulletinData,
  type BulletinRow,
  composeBulletin,
  composeSupervisionForm,
  isLagging,
  rankUnits,
} from './bulletin';
import { cellText, type TableBlock, validateTable } from './document/model';

const row = (over: Partial<BulletinRow>): BulletinRow => ({
  code: '1-1',
  name: '长者饭堂',
  unit: '东湖街道',
  status: 'approved',
  handedIn: true,
  late: false,
  computedStatus: '按序时推进',
  selfAssessment: '按计划推进',
  gapPoints: 0,
  reason: null,
  rules: [],
  ...over,
});

const data = (rows: BulletinRow[]): BulletinData => ({
  government: '示范区',
  office: '示范区人民政府督查室',
  year: 2026,
  periodKey: '2026-Q3',
  asOf: '2026-09-30',
  dueDate: '2026-10-08',
  issuedOn: '2026-10-12',
  rows,
});

const texts = (doc: ReturnType<typeof composeBulletin>) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.para.runs.map((r) => r.text).join('')] : []));

describe('the 通报 draft', () => {
  const rows = [
    row({ code: '1-1' }),
    row({ code: '1-2', computedStatus: '已完成', selfAssessment: '已完成' }),
    row({
      code: '2-1',
      unit: '西岭街道',
      computedStatus: '严重滞后',
      gapPoints: -25,
      reason: '征拆未完成',
      selfAssessment: '按计划推进',
      rules: ['self-assessment-optimistic', 'lag-analysis-required'],
      late: true,
    }),
    row({ code: '2-2', unit: '西岭街道', computedStatus: '滞后', gapPoints: -8, reason: '设备到货延迟' }),
    row({
      code: '3-1',
      unit: '南山街道',
      handedIn: false,
      status: 'draft',
      computedStatus: null,
      selfAssessment: null,
    }),
  ];

  it('counts by computed status and self-assessment, in sentences an office writes', () => {
    const t = texts(composeBulletin(data(rows)));
    expect(t[0]).toBe('关于示范区2026年第三季度民生实事项目推进情况的通报');
    expect(t).toContain(
      '截至2026年9月30日，示范区2026年民生实事共5项（按责任单位计），其中已完成1个，按序时推进1个，滞后1个，严重滞后1个，尚未报送1个。',
    );
    expect(t).toContain('各单位自评：按计划推进3个，已完成1个。');
    expect(t.join('\n')).toMatch(/西岭街道、南山街道存在逾期或未报送情况|南山街道、西岭街道存在逾期或未报送情况/);
  });

  it('lists lagging projects worst first, mismatches and owed analyses', () => {
    const doc = composeBulletin(data(rows));
    const tables = doc.blocks.filter((b): b is TableBlock => b.kind === 'table');
    for (const t of tables) expect(validateTable(t)).toEqual([]);
    const lag = tables[0]!.body.map((r) => r.map(cellText));
    expect(lag.map((r) => r[1])).toEqual(['2-1 长者饭堂', '2-2 长者饭堂']);
    expect(lag[0]!.slice(3)).toEqual(['严重滞后', '25.0', '征拆未完成']);
    const all = texts(doc).join('\n');
    expect(all).toContain('2-1 长者饭堂（西岭街道，自评“按计划推进”，按数据为“严重滞后”）');
    expect(all).toMatch(/五、需报送书面分析的项目\n2-1 长者饭堂（西岭街道）。/);
  });

  it('knows which rows are behind schedule (red/yellow light or a 滞后 status)', () => {
    expect(isLagging({ light: 'yellow', computedStatus: null })).toBe(true);
    expect(isLagging({ light: null, computedStatus: '严重滞后' })).toBe(true);
    expect(isLagging({ light: 'green', computedStatus: '按序时推进' })).toBe(false);
    expect(isLagging({})).toBe(false);
  });

  it('ranks units by on-time share, then missing, then lag', () => {
    expect(rankUnits(rows).map((u) => u.unit)).toEqual(['东湖街道', '西岭街道', '南山街道']);
  });
});

describe('the 督办单', () => {
  it('fills the form for a lagging project', () => {
    const doc = composeSupervisionForm({
      government: '示范区',
      office: '示范区人民政府督查室',
      serial: '督办〔2026〕第3号',
      level: '红色督办单',
      code: '2-1',
      name: '长者饭堂',
      unit: '西岭街道',
      asOf: '2026-09-30',
      computedStatus: '严重滞后',
      gapPoints: -25,
      reason: '征拆未完成。',
      deadline: '2026-10-19',
      requirements: ['查明原因。', '按时反馈。'],
      issuedOn: '2026-10-12',
    });
    const form = doc.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(validateTable(form)).toEqual([]);
    const cells = Object.fromEntries(form.body.map((r) => [cellText(r[0]!), cellText(r[1]!)]));
    expect(Object.keys(cells)).toEqual(['编号', '督办事项', '责任单位', '办理时限', '督办要求', '反馈栏']);
    expect(cells.督办事项).toBe('2-1 长者饭堂：截至2026年9月30日严重滞后（落后序时进度25.0个百分点）。征拆未完成。');
    expect(cells.办理时限).toBe('2026年10月19日前书面反馈');
    expect(cells.督办要求).toBe('1.查明原因。\n2.按时反馈。');
    expect(texts(doc as never)[0]).toBe('示范区民生实事项目红色督办单');
  });
});
