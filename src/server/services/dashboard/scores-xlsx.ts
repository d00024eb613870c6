/** The 考核 table as .xlsx: a title row, Chinese headers, one row per unit, then the 扣分明细 sheet. */
import ExcelJS from 'exceljs';
import type { ScoresSchema } from '../../../shared/contract/dashboard';
import { writeXlsx } from '../../files/export/formula-safety';

type Scores = import('zod').infer<typeof ScoresSchema>;

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export async function buildScoresXlsx(s: Scores): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核得分');
  const headers = ['排名', '单位', ...s.components.map((c) => `${c.label}（${c.weight}分）`), '总分', '扣分合计'];
  ws.addRow([`${s.programme.name}单位考核得分`]);
  ws.mergeCells(1, 1, 1, headers.length);
  const title = ws.getRow(1);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  title.height = 28;
  const head = ws.addRow(headers);
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const u of s.units) {
    const pts = s.components.map((c) => u.components.find((x) => x.key === c.key)?.points ?? 0);
    const lost = Math.round(u.deductions.reduce((n, d) => n + d.points, 0) * 100) / 100;
    ws.addRow([u.rank, u.unit, ...pts, u.total, lost]);
  }
  ws.columns.forEach((col, i) => {
    col.width = i === 1 ? 24 : 14;
  });
  for (let r = 2; r <= ws.rowCount; r++) ws.getRow(r).eachCell((c) => (c.border = border));

  const d = wb.addWorksheet('扣分明细');
  d.addRow([`${s.programme.name}考核扣分明细`]);
  d.mergeCells(1, 1, 1, 5);
  d.getRow(1).font = { bold: true, size: 16 };
  d.getRow(1).alignment = { horizontal: 'center' };
  const h2 = d.addRow(['单位', '考核项', '扣分', '扣分原因', '涉及项目']);
  h2.font = { bold: true };
  for (const u of s.units)
    for (const x of u.deductions)
      d.addRow([u.unit, x.label, x.points, x.why, x.rows.map((r) => `${r.code} ${r.name}`).join('；')]);
  d.columns = [{ width: 22 }, { width: 16 }, { width: 8 }, { width: 50 }, { width: 60 }];
  for (let r = 2; r <= d.rowCount; r++) d.getRow(r).eachCell((c) => (c.border = border));
  return writeXlsx(wb);
}
