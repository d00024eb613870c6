/**
 * A fictional document that uses every feature of the model (tests, benchmarks and the renderers' visual checks):
 * 附件 label, title, subtitle, note, a table with a two-row header (a colSpan group), matters merged down over their
 * projects, multi-paragraph cells, coloured ▋ marks, a shaded 示例 row, a very long cell that must continue on the
 * next page, then a page break and a narrative part with a signature.
 */
import type { Cell, DocModel, TableBlock } from './model';
import { para, textCell } from './model';

const MARK = { green: '00B050', yellow: 'FFC000', red: 'FF0000' } as const;

const mark = (color: keyof typeof MARK): Cell => ({
  paras: [{ runs: [{ text: '▋', color: MARK[color] }], align: 'center' }],
  align: 'center',
});

const PROGRESS = [
  '1.已完成总体形象进度80%，正开展竣工验收相关工作。',
  '2.已举办2次培训，参加人数达1000人次。',
  '3.已梳理排查问题20项，18项完成整改，2项预计于10月15日前完成整改。',
];

/** A sample with `projects` body rows (groups of 4 under a matter). */
export function sampleDocument(projects = 24): DocModel {
  const body: Cell[][] = [
    [
      textCell('示  例', { colSpan: 3, align: 'center', shade: 'F2F2F2' }),
      textCell('有动作、有最新进展、有数据体现，条目式陈列，不超过300字。', { colSpan: 2, shade: 'F2F2F2' }),
      textCell('-', { align: 'center', shade: 'F2F2F2' }),
      textCell('-', { align: 'center', shade: 'F2F2F2' }),
    ],
  ];
  for (let i = 0; i < projects; i++) {
    const inGroup = i % 4;
    const row: Cell[] = [];
    if (inGroup === 0) {
      const left = Math.min(4, projects - i);
      row.push(
        textCell(`${i / 4 + 1}.新增养老床位${200 + i}张，建设社区长者饭堂${3 + i}个。`, {
          rowSpan: left,
          vAlign: 'middle',
        }),
      );
    }
    const long = i === 5;
    row.push(
      textCell(`${Math.floor(i / 4) + 1}-${inGroup + 1}`, { align: 'center' }),
      textCell(`第${i + 1}号示范项目（区共同主办单位：区民政局）区民生实事第${i + 1}项`),
      textCell(`完成${100 + i}个点位建设并投入使用。`),
      {
        paras: (long ? Array.from({ length: 40 }, (_, k) => `${k + 1}.${PROGRESS[k % 3]!.slice(2)}`) : PROGRESS).map(
          (t) => para(t),
        ),
      },
      i % 7 === 3
        ? textCell('已完成', { align: 'center' })
        : mark(i % 5 === 4 ? 'red' : i % 3 === 2 ? 'yellow' : 'green'),
      textCell(i % 2 ? '区民政局' : '观澜街道\n（协办：区财政局）'),
    );
    body.push(row);
  }
  const table: TableBlock = {
    kind: 'table',
    columns: [
      { width: 48 },
      { width: 14, align: 'center' },
      { width: 40 },
      { width: 36 },
      { width: 80 },
      { width: 14 },
      { width: 28 },
    ],
    header: [
      [
        textCell('民生事项', { rowSpan: 2 }),
        textCell('序号', { rowSpan: 2 }),
        textCell('项目名称', { rowSpan: 2 }),
        textCell('目标与进展', { colSpan: 2 }),
        textCell('进度\n评价', { rowSpan: 2 }),
        textCell('主办单位', { rowSpan: 2 }),
      ],
      [textCell('年度目标'), textCell('第三季度进展情况')],
    ],
    body,
    fontSize: 10.5,
  };
  return {
    page: {
      size: 'A4',
      orientation: 'landscape',
      margins: { top: 25, right: 20, bottom: 25, left: 20 },
      pageNumbers: 'of',
    },
    bodySize: 14,
    meta: { title: '示范区2026年第三季度民生实事项目进展情况一览表', sheetName: '进展情况' },
    blocks: [
      { kind: 'paragraph', style: 'attachment', para: para('附件1') },
      { kind: 'paragraph', style: 'title', para: para('示范区2026年第三季度民生实事项目进展情况一览表'), size: 18 },
      { kind: 'paragraph', style: 'subtitle', para: para('（截至2026年9月30日）'), size: 14 },
      {
        kind: 'paragraph',
        style: 'note',
        para: para(
          '对于未完成年度目标的滞后项目，要随落实情况报送书面分析报告，详细分析存在问题、滞后原因和下一步工作计划。',
          {
            indent: true,
          },
        ),
      },
      table,
      { kind: 'pageBreak' },
      { kind: 'paragraph', style: 'title', para: para('关于区政府实事项目1-9月推进情况') },
      { kind: 'paragraph', style: 'heading', para: para('1、新增养老床位250张，新增老年助餐点10个。') },
      { kind: 'paragraph', style: 'body', para: para('主责部门：区民政局，配合部门：各街镇', { indent: true }) },
      {
        kind: 'paragraph',
        style: 'body',
        para: {
          runs: [
            { text: '完成情况：', bold: true },
            { text: '新增养老床位250张已完成，正式运营；助餐点2个已运营，3个正在装修。' },
          ],
          indent: true,
        },
      },
      { kind: 'paragraph', style: 'signature', para: para('示范区人民政府督查室') },
      { kind: 'paragraph', style: 'signature', para: para('2026年10月8日') },
    ],
  };
}
