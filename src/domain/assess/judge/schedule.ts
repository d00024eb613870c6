/** Expected progress (序时进度) at a date: linear by months, monthly/quarterly plans, or a deadline step. */
import type { SchedulePlan } from './types';

/** A calendar date. */
export type YMD = { year: number; month: number; day: number };

/** Parse YYYY-MM-DD (also YYYY/MM/DD, YYYY.MM.DD); null when malformed. */
export function parseDate(s: string): YMD | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s.trim());
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) return null;
  return d;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in a month (also for a month outside 1–12, counted on from January of `year`). */
export function daysInMonth(year: number, month: number): number {
  // the common case without a Date object (Date.UTC reads years 0–99 as 1900–1999: those take the Date path)
  if (Number.isInteger(year) && year >= 100 && year <= 9999 && Number.isInteger(month) && month >= 1 && month <= 12) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 31);
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function interpolate(points: number[], index: number, within: number): number {
  const cur = points[index] ?? points[points.length - 1] ?? 1;
  const prev = index > 0 ? (points[index - 1] ?? 0) : 0;
  return prev + (cur - prev) * within;
}

/**
 * Expected share of the annual target at `asOf` (fraction 0..1). Default linear: months elapsed ÷ 12
 * (end of November → 0.9167). `year` defaults to the year of asOf; dates after that year give 1, before give 0.
 */
export function expectedProgress(asOf: string, plan: SchedulePlan = { type: 'linear' }, year?: number): number {
  const d = parseDate(asOf);
  if (!d) throw new Error(`日期格式应为YYYY-MM-DD：${asOf}`);
  const y = year ?? d.year;
  if (d.year > y) return 1;
  if (d.year < y) return 0;
  const dim = daysInMonth(d.year, d.month);
  const withinMonth = d.day / dim;
  switch (plan.type) {
    case 'linear':
      return clamp01((d.month - 1 + withinMonth) / 12);
    case 'monthly':
      return clamp01(interpolate(plan.points, d.month - 1, withinMonth));
    case 'quarterly': {
      const q = Math.ceil(d.month / 3);
      const within = ((d.month - 1) % 3) / 3 + withinMonth / 3;
      return clamp01(interpolate(plan.points, q - 1, within));
    }
    case 'step': {
      const dl = parseDate(plan.deadline.length <= 5 ? `${y}-${plan.deadline}` : plan.deadline);
      if (!dl) throw new Error(`截止日期格式应为YYYY-MM-DD：${plan.deadline}`);
      const a = d.year * 10000 + d.month * 100 + d.day;
      const b = dl.year * 10000 + dl.month * 100 + dl.day;
      return a >= b ? 1 : 0;
    }
  }
}

/** Format a fraction as a percentage with one decimal: 0.91666 → "91.7%". */
export function pct(x: number, digits = 1): string {
  return `${(Math.round(x * 100 * 10 ** digits) / 10 ** digits).toFixed(digits)}%`;
}
