/** Small formatting helpers of the import page (no React). */

import type { ImportWarning, RoundInfo } from '../../../../src/domain/collect/import/types';
import { periodLabel } from '../../../../src/domain/plan/periods';
import { LIMITS } from '../../../../src/shared/limits';

/** Largest file the server accepts (LIMITS.importMaxBytes, also the server's DEFAULT_IMPORT_LIMITS.maxFileBytes). */
export const IMPORT_MAX_BYTES = LIMITS.importMaxBytes;

/** File types the readers understand. */
export const IMPORT_ACCEPT = '.docx,.xlsx,.txt,.html,.htm';
const ACCEPTED = /\.(docx|xlsx|txt|html?)$/i;

/** A reason not to send the file at all (wrong type, empty, too large), or null. */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (/\.(doc|xls|wps|et)$/i.test(file.name))
    return `不支持旧版 Office 格式（${file.name}），请在 Word/WPS/Excel 中“另存为” .docx 或 .xlsx 后再导入`;
  if (!ACCEPTED.test(file.name)) return `不支持的文件类型（${file.name}），请选择 .docx、.xlsx、.txt 或 .html 文件`;
  if (file.size === 0) return `文件“${file.name}”是空的`;
  if (file.size > IMPORT_MAX_BYTES)
    return `文件过大（${formatBytes(file.size)}），导入文件不能超过 ${formatBytes(IMPORT_MAX_BYTES)}`;
  return null;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "表1第3行" / "第3段" for a warning or an item origin. */
export function whereLabel(w: { table?: number; row?: number }): string {
  if (w.table === undefined) return '';
  if (w.table < 0) return w.row === undefined ? '' : `第${w.row + 1}段`;
  return `表${w.table + 1}${w.row === undefined ? '' : `第${w.row + 1}行`}`;
}

export function warningText(w: ImportWarning): string {
  const where = whereLabel(w);
  return where ? `${where}：${w.message}` : w.message;
}

/** The period read from the title, in words: 2026年第三季度, 2026年1-8月 … */
export function roundPeriodText(round: RoundInfo): string {
  if (round.periodKey) return periodLabel(round.periodKey);
  const p = round.period;
  const y = round.year ? `${round.year}年` : '';
  if (!p) return y || '未识别';
  if (p.type === 'range') return `${y}${p.from}-${p.to}月`;
  return y || '未识别';
}

/** Period key as typed: trimmed, upper case (2026-q3 → 2026-Q3). */
export const normalizeKey = (k: string) => k.trim().toUpperCase();
