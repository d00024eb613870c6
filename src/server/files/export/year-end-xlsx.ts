/** The year-end list (年终总结清单) as an .xlsx workbook: one sheet per part, formula-like text neutralised. */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { YearEndSchema } from '../../../shared/contract/evaluate';
import { writeXlsx } from './formula-safety';

type YearEnd = z.infer<typeof YearEndSchema>;

const HEADER_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 11, bold: true, charset: 134 };
const BODY_FONT: Partial<ExcelJS.Font> = { name: '仿宋_GB2312', size: 10, charset: 134 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const yesNo = (v: boolean | null) => (v === null ? '无审核通过的填报' : v ? '已完成' : '未完成');

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  cols: { header: string; width: number }[],
  rows: (string | number)[][],
) {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToWidth: 1 } });
  ws.columns = cols.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, cols.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '方正小标宋简体', size: 16, bold: true, charset: 134 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const header = ws.getRow(2);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = HEADER_FONT;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  for (const r of rows) {
    const row = ws.addRow(r);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = BODY_FONT;
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

export async function buildYearEndXlsx(y: YearEnd): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const name = y.programme?.name ?? '';
  sheet(
    wb,
    '年度目标完成情况',
    `${name}年度目标完成情况`,
    [
      { header: '序号', width: 6 },
      { header: '编号', width: 8 },
      { header: '项目名称', width: 30 },
      { header: '年度目标', width: 36 },
      { header: '系统判断', width: 14 },
      { header: '督查室确认', width: 12 },
      { header: '确认（更正）原因', width: 28 },
      { header: '结论', width: 12 },
      { header: '年后完成', width: 18 },
    ],
    y.projects.map((p, i) => [
      i + 1,
      p.code,
      p.name,
      p.annualTarget,
      yesNo(p.computed),
      p.confirmation ? (p.confirmation.completed ? '已完成' : '未完成') : '未确认',
      p.confirmation?.reason ?? '',
      yesNo(p.completed),
      p.finishedAfterYearEnd ? `${p.finishedAfterYearEnd.asOf}（${p.finishedAfterYearEnd.roundName}）` : '',
    ]),
  );
  sheet(
    wb,
    '年度目标调整',
    `${name}年度目标调整情况`,
    [
      { header: '编号', width: 8 },
      { header: '项目名称', width: 30 },
      { header: '调整内容', width: 14 },
      { header: '原目标', width: 30 },
      { header: '调整后目标', width: 30 },
      { header: '调整原因', width: 30 },
      { header: '批准机关', width: 16 },
      { header: '批准日期', width: 12 },
    ],
    y.targetChanges.map((c) => [
      c.code,
      c.name,
      c.indicator,
      c.oldText,
      c.newText,
      c.reason,
      c.approvedBy,
      c.approvedAt,
    ]),
  );
  sheet(
    wb,
    '滞后分析汇编',
    `${name}滞后项目书面分析汇编`,
    [
      { header: '编号', width: 8 },
      { header: '项目名称', width: 26 },
      { header: '责任单位', width: 14 },
      { header: '状态', width: 10 },
      { header: '存在问题', width: 28 },
      { header: '主观原因', width: 24 },
      { header: '客观原因', width: 24 },
      { header: '整改计划', width: 28 },
      { header: '预计完成', width: 12 },
    ],
    [
      ...y.analyses.all.map((a) => [
        a.code,
        a.name,
        a.unit,
        statusLabel(a.status),
        a.problems,
        a.subjective,
        a.objective,
        a.plan,
        a.expectedCompletion ?? '',
      ]),
      ...y.analyses.missing.map((a) => [a.code, a.name, a.unit, '未报送', a.reasons.join('；'), '', '', '', '']),
    ],
  );
  return writeXlsx(wb);
}

const STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已审核',
  published: '已发布',
};
const statusLabel = (s: string | null) => (s ? (STATUS[s] ?? s) : '未报送');
