/** Issue 14: a layout can print the numeric columns of an imported table (年度目标数, 完成数, 完成率 as published…). */
import { describe, expect, it } from 'vitest';
import { cellText, type TableBlock } from '../document/model';
import { OVERVIEW_TABLE } from './builtin';
import { compose } from './compose';
import type { LayoutRow } from './data';
import type { Layout } from './schema';
import { LayoutSchema } from './schema';

const row = (numbers: LayoutRow['numbers']): LayoutRow => ({
  projectId: 'p1',
  code: '21-1',
  name: '新增养老床位',
  category: null,
  matter: null,
  matterNumber: null,
  levels: [],
  annualTarget: '新增养老床位2000张。',
  originalAnnualTarget: null,
  adjustments: [],
  periodTarget: '',
  leadUnits: ['东湖街道'],
  assistUnits: [],
  cohostUnits: [],
  unit: '东湖街道',
  report: {
    status: 'approved',
    progress: '已全部投入使用。',
    selfAssessment: '已完成',
    problems: '',
    nextSteps: '',
    completedAnnualTarget: true,
  },
  computedStatus: '超额完成',
  light: 'green',
  completionRatio: 1.08,
  gapPoints: 0,
  numbers,
});

describe('numeric columns in a layout', () => {
  it('prints 计量单位, 年度目标数, 完成数, 完成率 (published) and investment; empty when a row has none', () => {
    const layout: Layout = {
      ...OVERVIEW_TABLE,
      id: 'numbers',
      columns: [
        { header: '项目名称', value: { field: 'name' }, width: 20 },
        ...(['unit', 'target', 'actual', 'publishedRatio', 'investmentPlanned', 'investmentDone'] as const).map(
          (column) => ({
            header: column,
            value: { field: 'number' as const, column },
            width: 10,
          }),
        ),
      ],
    };
    expect(LayoutSchema.safeParse(layout).success).toBe(true);
    const doc = compose(layout, {
      government: '示范区',
      office: '示范区人民政府督查室',
      year: 2026,
      periodKey: '2026',
      asOf: '2026-12-31',
      issuedOn: '2027-01-08',
      rows: [
        row({
          unit: '张',
          target: 2000,
          actual: 2160,
          publishedRatio: 1.08,
          investmentPlanned: 1200,
          investmentDone: 1180.5,
        }),
        { ...row(null), projectId: 'p2', code: '21-2', name: '无数字列的项目' },
      ],
    });
    const table = doc.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    const body = table.body.slice(-2).map((r) => r.map(cellText));
    expect(body[0]).toEqual(['新增养老床位', '张', '2000', '2160', '108%', '1200', '1180.5']);
    expect(body[1]).toEqual(['无数字列的项目', '', '', '', '', '', '']);
  });
});
