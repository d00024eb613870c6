/**
 * Programme and round from the title, date line and headers:
 * "龙华区2023年第三季度民生实事项目进展情况一览表（截至2023年9月30日）", "2022年区政府实事项目8月份进展情况",
 * "截至6月30日落实情况", "关于区政府实事项目 1-9 月推进情况" … → government, year, period, as-of date.
 */
import { periodOfHeader } from './headers';
import { cleanText, parseCnNumber } from './text';
import type { PeriodInfo, RoundInfo } from './types';

const TITLE_SUBJECT = /实事|民生|民心|惠民|工程|重点项目|重点工作/;
const TITLE_KIND = /进展|进度|落实|完成|推进|情况|一览表|汇总表|统计表|报告|通报|计划表|任务表|清单/;

function compact(s: string): string {
  return cleanText(s).normalize('NFKC').replace(/\s+/g, '');
}

/** Pick the title among paragraphs: the first short line naming the programme and the kind of document. */
export function findTitle(paragraphs: string[]): string | null {
  for (const p of paragraphs) {
    const t = cleanText(p).replace(/^附件\s*\d*\s*[:：]?\s*/, '');
    if (!t || t.length > 90 || t.includes('\n')) continue;
    if (/^\d+\s*[、.．]/.test(t)) continue;
    if (TITLE_SUBJECT.test(t) && TITLE_KIND.test(t)) return t;
  }
  return null;
}

export function findGovernment(title: string): string | null {
  const t = compact(title)
    .replace(/^附件\d*[:：]?/, '')
    .replace(/^关于/, '');
  const m =
    /^([\u4e00-\u9fa5]{1,12}?(?:自治区|自治州|自治县|省|市|区|县|旗|州|盟|街道|镇|乡))(?=\d{4}年|人民政府|政府|民生|为民|惠民|民心|实事|重点|年度|第[一二三四]季度)/.exec(
      t,
    );
  if (!m?.[1]) return null;
  return m[1];
}

function findProgramme(title: string): string | null {
  const t = compact(title);
  if (/为民办实事/.test(t)) return '为民办实事';
  if (/惠民实事/.test(t)) return '惠民实事';
  if (/政府实事/.test(t)) return '政府实事项目';
  if (/民生实事|民生实项目|民生实/.test(t)) return '民生实事';
  if (/十件实事/.test(t)) return '十件实事';
  if (/民心工程/.test(t)) return '民心工程';
  if (/民生工程/.test(t)) return '民生工程';
  if (/实事/.test(t)) return '实事项目';
  return null;
}

function findReportingUnit(texts: string[]): string | null {
  for (const raw of texts) {
    const t = compact(raw);
    const m =
      /[(（]([^()（）]{2,20}?)(?:主办|填报|报送|牵头)[)）]/.exec(t) ??
      /(?:填报|报送)单位[:：]([^\s,，;；]{2,30})/.exec(t);
    if (m?.[1]) return m[1];
  }
  return null;
}

export function findYear(texts: string[]): number | null {
  for (const raw of texts) {
    const m = /(\d{4})年/.exec(compact(raw));
    if (m?.[1]) {
      const y = Number(m[1]);
      if (y >= 2000 && y <= 2100) return y;
    }
  }
  return null;
}

/** Period named in a title-like text. */
export function findPeriod(text: string): PeriodInfo | null {
  const t = compact(text).replace(/截[至止]\d{4}年\d{1,2}月\d{1,2}日/g, '');
  const range = /(?<!\d)(\d{1,2})[-~～—–至到](\d{1,2})月/.exec(t);
  if (range?.[1] && range[2]) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (from >= 1 && to <= 12 && from < to) return { type: 'range', from, to };
    if (from === to && to >= 1 && to <= 12) return { type: 'month', index: to };
  }
  const q = /第?([一二三四1-4])季度/.exec(t);
  if (q?.[1]) {
    const index = parseCnNumber(q[1]);
    if (index && index >= 1 && index <= 4) return { type: 'quarter', index };
  }
  if (/上半年/.test(t)) return { type: 'half', index: 1 };
  if (/下半年/.test(t)) return { type: 'half', index: 2 };
  const m = /(?<![\d-])(\d{1,2}|[一二三四五六七八九十]{1,3})月份?(?!\d{1,2}日)/.exec(
    t.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, ''),
  );
  if (m?.[1]) {
    const index = parseCnNumber(m[1]);
    if (index && index >= 1 && index <= 12) return { type: 'month', index };
  }
  if (/年度|全年|年终|年底/.test(t)) return { type: 'year' };
  return null;
}

/** "截至2023年9月30日" / "截至6月30日" / "截止9月底" → [year|null, month, day]. */
export function findAsOf(text: string): [number | null, number, number] | null {
  const t = compact(text);
  const m = /截[至止](?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/.exec(t);
  if (m?.[2] && m[3]) return [m[1] ? Number(m[1]) : null, Number(m[2]), Number(m[3])];
  const e = /截[至止](?:(\d{4})年)?(\d{1,2})月(?:底|末|份)/.exec(t);
  if (e?.[2]) {
    const month = Number(e[2]);
    return [e[1] ? Number(e[1]) : null, month, 0];
  }
  return null;
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function periodEndMonth(p: PeriodInfo): number {
  switch (p.type) {
    case 'month':
      return p.index;
    case 'quarter':
      return p.index * 3;
    case 'half':
      return p.index * 6;
    case 'year':
      return 12;
    case 'range':
      return p.to;
  }
}

export function periodKeyOf(year: number | null, p: PeriodInfo | null): string | null {
  if (!year || !p) return null;
  switch (p.type) {
    case 'month':
      return `${year}-M${String(p.index).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${p.index}`;
    case 'half':
      return `${year}-H${p.index}`;
    case 'year':
      return String(year);
    case 'range':
      return null;
  }
}

type AsOfParts = NonNullable<ReturnType<typeof findAsOf>>;

/** The as-of date of the title and date lines, else of the first header that names one. */
function asOfFrom(texts: string[], headers: string[]): AsOfParts | null {
  const parts = findAsOf(texts.join(' '));
  if (parts) return parts;
  for (const h of headers) {
    const p = findAsOf(h);
    if (p) return p;
  }
  return null;
}

/** The period named by a progress/target header ("第三季度进展情况", "1-9月完成情况"). */
function periodFromHeaders(headers: string[]): PeriodInfo | null {
  // Progress headers first, and of several (进展情况（7月） / （10月） / （12月）) the last: the table reports on it.
  const progress = headers.filter((h) => /情况|进展|进度/.test(h) && !/目标/.test(h));
  const found = [...progress]
    .reverse()
    .map(periodOfText)
    .find((p) => p !== null);
  if (found) return found;
  for (const h of headers) {
    if (!/目标|情况|进展/.test(h)) continue;
    const p = periodOfText(h);
    if (p) return p;
  }
  return null;
}

/** The period a header names ("1-9月完成情况" → the range, "第三季度进展" → quarter 3), or null. */
function periodOfText(h: string): PeriodInfo | null {
  const hs = compact(h).replace(/截[至止](\d{4}年)?\d{1,2}月\d{1,2}日/, '');
  const r = findPeriod(hs);
  if (r && r.type === 'range') return r;
  return periodOfHeader(hs);
}

/** The year: title and date lines, headers, the signature date at the end, any short paragraph, the as-of date. */
function yearOf(
  titleTexts: string[],
  dateLines: string[],
  headers: string[],
  shortParas: string[],
  asOf: AsOfParts | null,
): number | null {
  let year = findYear(titleTexts.concat(dateLines));
  if (!year) year = findYear(headers);
  // Signature date at the end ("2020 年 9 月"), then any short paragraph.
  if (!year) year = findYear(shortParas.slice(-5).reverse()) ?? findYear(shortParas.filter((p) => p.length <= 60));
  if (asOf?.[0] && !year) year = asOf[0];
  return year;
}

/** The as-of date (inferred from the period's end when not written) and a year-end date's period. */
function resolveAsOf(
  parts: AsOfParts | null,
  year: number | null,
  period: PeriodInfo | null,
): { asOf: string | null; asOfInferred: boolean; period: PeriodInfo | null } {
  let asOf: string | null = null;
  if (parts) {
    const y = parts[0] ?? year;
    if (y) asOf = iso(y, parts[1], parts[2] || lastDay(y, parts[1]));
    if (!period && parts[1] === 12 && (parts[2] === 31 || parts[2] === 0)) period = { type: 'year' };
  }
  if (!asOf && year && period) {
    const m = periodEndMonth(period);
    return { asOf: iso(year, m, lastDay(year, m)), asOfInferred: true, period };
  }
  return { asOf, asOfInferred: false, period };
}

/**
 * Round information from the paragraphs around the tables and the header texts.
 * `paragraphs` in document order; `headers` = header cell texts of the imported tables.
 */
export function parseRound(paragraphs: string[], headers: string[] = []): RoundInfo {
  const shortParas = paragraphs.map((p) => cleanText(p)).filter((p) => p && p.length <= 120);
  const title = findTitle(shortParas);
  const titleTexts = title ? [title] : [];
  // A date line right under the title: "（截至2023年9月30日）".
  const dateLines = shortParas.filter((p) => p.length <= 40 && /截[至止]/.test(p));
  const government = title ? findGovernment(title) : null;
  const programme = title ? findProgramme(title) : null;
  const reportingUnit = findReportingUnit(titleTexts.concat(shortParas.slice(0, 5)));
  const asOfParts = asOfFrom([...titleTexts, ...dateLines], headers);
  const year = yearOf(titleTexts, dateLines, headers, shortParas, asOfParts);
  const named = (title ? findPeriod(title) : null) ?? periodFromHeaders(headers);
  const { asOf, asOfInferred, period } = resolveAsOf(asOfParts, year, named);
  return {
    title,
    government,
    programme,
    reportingUnit,
    year,
    period,
    periodKey: periodKeyOf(year, period),
    asOf,
    asOfInferred,
  };
}
