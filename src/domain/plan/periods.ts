/** Reporting periods: keys ("2023-Q3", "2023-M08", "2023-H1", "2023"), labels, end dates, previous period. */
import type { PeriodType } from '../../shared/statuses';

const CN_Q = ['一', '二', '三', '四'];

export type Period = { type: PeriodType; year: number; index: number };

/** Parse a period key; null when malformed. */
export function parsePeriodKey(key: string): Period | null {
  const m = /^(\d{4})(?:-(M|Q|H)(\d{1,2}))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (!m[2]) return { type: 'year', year, index: 1 };
  const index = Number(m[3]);
  const type: PeriodType = m[2] === 'M' ? 'month' : m[2] === 'Q' ? 'quarter' : 'half';
  const max = type === 'month' ? 12 : type === 'quarter' ? 4 : 2;
  if (index < 1 || index > max) return null;
  return { type, year, index };
}

/** The canonical key of a period. */
export function periodKey(p: Period): string {
  if (p.type === 'year') return String(p.year);
  const letter = p.type === 'month' ? 'M' : p.type === 'quarter' ? 'Q' : 'H';
  return `${p.year}-${letter}${p.type === 'month' ? String(p.index).padStart(2, '0') : p.index}`;
}

/** Chinese label: 2023年第三季度 / 2023年8月 / 2023年上半年 / 2023年度. */
export function periodLabel(key: string): string {
  const p = parsePeriodKey(key);
  if (!p) return key;
  if (p.type === 'year') return `${p.year}年度`;
  if (p.type === 'month') return `${p.year}年${p.index}月`;
  if (p.type === 'quarter') return `${p.year}年第${CN_Q[p.index - 1]}季度`;
  return `${p.year}年${p.index === 1 ? '上' : '下'}半年`;
}

/** Short column label for the period target: 第三季度目标 / 8月份目标 / 上半年目标 / 年度目标. */
export function periodTargetLabel(key: string): string {
  const p = parsePeriodKey(key);
  if (!p) return '本期目标';
  if (p.type === 'year') return '年度目标';
  if (p.type === 'month') return `${p.index}月份目标`;
  if (p.type === 'quarter') return `第${CN_Q[p.index - 1]}季度目标`;
  return `${p.index === 1 ? '上' : '下'}半年目标`;
}

/** Last calendar day of the period, YYYY-MM-DD. */
export function periodEnd(key: string): string | null {
  const p = parsePeriodKey(key);
  if (!p) return null;
  const lastMonth =
    p.type === 'year' ? 12 : p.type === 'month' ? p.index : p.type === 'quarter' ? p.index * 3 : p.index * 6;
  const day = new Date(Date.UTC(p.year, lastMonth, 0)).getUTCDate();
  return `${p.year}-${String(lastMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The previous period of the same type, or null for the first one of a year. */
export function previousPeriodKey(key: string): string | null {
  const p = parsePeriodKey(key);
  if (!p || p.type === 'year') return p ? String(p.year - 1) : null;
  if (p.index === 1) return null;
  return periodKey({ ...p, index: p.index - 1 });
}

/** Format an as-of date the way tables print it: 2023年9月30日. */
export function formatCnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
