/** Low-level scanner: numbers + magnitude + unit + qualifiers, with the traps (dates, codes, names) removed. */

import {
  IMPLICIT_PERSON,
  IMPLICIT_PERSON_LOOSE,
  MONEY_CONTEXT,
  POSITION_AFTER,
  POST_QUALIFIERS,
  PRE_QUALIFIERS,
  UNIT_WORD_BLACKLIST,
  YI_BAD_BEFORE,
  YI_IDIOM_UNITS,
} from './lexicon';
import { isCnNumeralStart, parseArabic, parseChineseNumeral, scale } from './numerals';
import type { UnitCategory } from './types';
import { matchUnit, type UnitTable } from './units';

/** A number with its unit, before kinds are assigned. Offsets index the normalised text (same as the original). */
export type RawQuantity = {
  value: number;
  max?: number;
  unit: string;
  category: UnitCategory | null;
  qualifier: string | null;
  start: number;
  end: number;
  numStart: number;
  unitEnd: number;
  chinese: boolean;
  implicitUnit?: boolean;
};

const CN_RUN = /^[零〇一二两三四五六七八九十百千万亿]+/;
const ARABIC = /^(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/;
const RANGE_SEP = /^\s*[-~～至到—–]{1,2}\s*/;
/** unit + following characters that make an ordinary word, not a measure ("一次性", "部分", "场所"). */
/** Measure words that after a bare "一" are idioms (一起, 一批, 一体化, 一期工程…). */
const QUOTES = /[“「『《‘"]/;

const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '《': '》', '‘': '’', '"': '"' };
/** The mask of a text without quotes: nothing masked (never written to). */
const NO_MASK: readonly boolean[] = [];

function quoteMask(t: string): readonly boolean[] {
  if (!QUOTES.test(t)) return NO_MASK;
  const mask = new Array<boolean>(t.length).fill(false);
  for (let i = 0; i < t.length; i++) {
    const close = QUOTE_PAIRS[t[i] ?? ''];
    if (!close) continue;
    const j = t.indexOf(close, i + 1);
    if (j < 0) continue;
    if (j - i - 1 <= 12) for (let k = i + 1; k < j; k++) mask[k] = true;
    i = j;
  }
  return mask;
}

function skipFiller(t: string, i: number): number {
  let k = i;
  while (k < t.length && (t[k] === ' ' || t[k] === '*' || t[k] === '\t')) k++;
  return k;
}

function backFiller(t: string, i: number): number {
  let k = i;
  while (k > 0 && (t[k - 1] === ' ' || t[k - 1] === '*' || t[k - 1] === '\t')) k--;
  return k;
}

type Num = { value: number; end: number; chinese: boolean; magnitudeChar?: string };

function readNumber(t: string, i: number): Num | null {
  const ch = t[i];
  if (ch !== undefined && ch >= '0' && ch <= '9') {
    const m = ARABIC.exec(t.slice(i, i + 40));
    if (!m) return null;
    return { value: parseArabic(m[0]), end: i + m[0].length, chinese: false };
  }
  if (!isCnNumeralStart(ch)) return null;
  const m = CN_RUN.exec(t.slice(i, i + 20));
  if (!m) return null;
  let run = m[0];
  let magnitudeChar: string | undefined;
  const last = run[run.length - 1];
  if (run.length > 1 && (last === '万' || last === '亿') && !/[万亿]/.test(run.slice(0, -1))) {
    magnitudeChar = last;
    run = run.slice(0, -1);
  }
  const v = parseChineseNumeral(run);
  if (v === null) return null;
  return { value: v, end: i + run.length, chinese: true, magnitudeChar };
}

/** Is position i the start of a segment (text start, after a line break or sentence end)? */
function atSegmentStart(t: string, i: number): boolean {
  const k = backFiller(t, i);
  if (k === 0) return true;
  return /[\n。;；!?！？]/.test(t[k - 1] ?? '');
}

function hasMarker(t: string, n: number): boolean {
  return new RegExp(`(?:^|[\\n。;；])\\s*${n}[.、]`).test(t);
}

/** "百分之三十" (and "百分之百") as a percentage, with where to resume (after the number); null when no number follows. */
function readPercentWords(t: string, i: number, table: UnitTable): { q: RawQuantity; next: number } | null {
  const n = t[i + 3] === '百' ? { value: 100, end: i + 4, chinese: true } : readNumber(t, i + 3);
  if (!n) return null;
  const pq = preQualifier(t, i);
  return { q: finish(t, pq.pos, i, n.end, n.value, '%', 'percent', n.chinese, table, pq.word), next: n.end };
}

/** Can a number start at i? Not inside a code ("A12", "3.1-2") nor in the middle of a Chinese numeral run. */
function canStartNumber(t: string, i: number): boolean {
  const ch = t[i] ?? '';
  const prev = t[i - 1] ?? '';
  if (ch >= '0' && ch <= '9')
    return !(/[A-Za-z0-9_#]/.test(prev) || (/[./:-]/.test(prev) && /[A-Za-z0-9]/.test(t[i - 2] ?? '')));
  return isCnNumeralStart(ch) && !/[零〇一二两三四五六七八九十百千万亿]/.test(prev);
}

/** Digits right after a name in capitals of 2+ letters (AED, HPV) that is not itself glued to digits. */
function afterLetterName(t: string, i: number): boolean {
  const ch = t[i] ?? '';
  if (ch < '0' || ch > '9') return false;
  let k = i;
  while (k > 0 && /[A-Z]/.test(t[k - 1] ?? '')) k--;
  return i - k >= 2 && !/[A-Za-z0-9_#.-]/.test(t[k - 1] ?? '');
}

/** A list marker "1." "2、" at a segment start: its number and length, else null. */
function listMarker(t: string, i: number, markers: number): { index: number; length: number } | null {
  if (!atSegmentStart(t, i)) return null;
  const mk = /^(\d{1,2})([.、])/.exec(t.slice(i, i + 4));
  if (!mk) return null;
  const index = Number(mk[1]);
  const digitAfter = /\d/.test(t[i + mk[0].length] ?? '');
  if (!digitAfter || (index === markers + 1 && (markers > 0 || hasMarker(t, index + 1))))
    return { index, length: mk[0].length };
  return null;
}

type ScanState = { t: string; table: UnitTable; mask: readonly boolean[]; out: RawQuantity[]; markers: number };

/** Read what starts at unmasked position i (a quantity, a list marker, or nothing) and return where to continue. */
function scanAt(s: ScanState, i: number): number {
  const { t, table } = s;
  const percent = t.startsWith('百分之', i) ? readPercentWords(t, i, table) : null;
  if (percent) {
    s.out.push(percent.q);
    return percent.next;
  }
  const named = !canStartNumber(t, i) && afterLetterName(t, i);
  const n = canStartNumber(t, i) || named ? readNumber(t, i) : null;
  if (!n) return i + 1;
  if (named) {
    // "配置AED29台": the count after a name in capitals is a quantity; "PM2.5", "G15" are not
    const r = readRest(t, i, n, table, s.mask);
    if (typeof r === 'object' && (r.category === 'count' || r.category === 'person') && t[n.end] !== '.') s.out.push(r);
    return typeof r === 'object' ? r.end : n.end;
  }
  const ch = t[i] ?? '';
  const marker = ch >= '0' && ch <= '9' ? listMarker(t, i, s.markers) : null;
  if (marker) {
    s.markers = marker.index;
    return i + marker.length;
  }
  const r = readRest(t, i, n, table, s.mask);
  if (r === 'skip') return n.end;
  if (typeof r === 'number') return r;
  s.out.push(r);
  return r.end;
}

/** Can anything be read at position i: a digit, a Chinese numeral start (一…十) or 百 of 百分之? Else scanAt skips it. */
function mayStartAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return (c >= 48 && c <= 57) || c === BAI || CN_START_CODES.has(c);
}

const BAI = '百'.charCodeAt(0);
const CN_START_CODES = new Set([...'一二两三四五六七八九十'].map((ch) => ch.charCodeAt(0)));

/** Scan normalised text for quantities. */
export function scanQuantities(t: string, table: UnitTable): RawQuantity[] {
  const s: ScanState = { t, table, mask: quoteMask(t), out: [], markers: 0 };
  const { mask } = s;
  let i = 0;
  while (i < t.length) i = mask[i] || !mayStartAt(t, i) ? i + 1 : scanAt(s, i);
  return s.out;
}

/** Where to resume when the number is part of an ordinal, a code or a date-like chain; null when it is not. */
function codeLikeEnd(t: string, i: number, n: Num, table: UnitTable): number | null {
  const before = t[backFiller(t, i) - 1] ?? '';
  if (before === '第' || (n.chinese && before !== '' && '初高周'.includes(before))) return chainEnd(t, n.end);
  if (/[A-Za-z]/.test(t[n.end] ?? '') && !/^[a-z]+/.test(matchUnit(t, n.end, table)?.text ?? ''))
    return chainEnd(t, n.end);
  if (!n.chinese && /^[-/.:]\d/.test(t.slice(n.end, n.end + 2)) && !RANGE_SEP.test(t.slice(n.end)))
    return chainEnd(t, n.end);
  return null;
}

/**
 * A range after the number ("2-3个", "10至20人"): its upper bound and end; a number when the text is a code chain
 * instead (where to resume); null when there is no range.
 */
function readRange(
  t: string,
  j: number,
  value: number,
  table: UnitTable,
): { max: number; end: number } | number | null {
  const sep = RANGE_SEP.exec(t.slice(j, j + 6));
  if (!sep) return null;
  const n2 = readNumber(t, j + sep[0].length);
  if (n2 && !n2.magnitudeChar) {
    const u = matchUnit(t, skipFiller(t, n2.end), table);
    if (!u || n2.value < value || /[-/.:]\d/.test(t.slice(n2.end, n2.end + 2))) return chainEnd(t, n2.end);
    return { max: n2.value, end: n2.end };
  }
  if (/\d/.test(t[j + sep[0].length] ?? '')) return chainEnd(t, j + sep[0].length);
  return null;
}

const MAGNITUDE_FACTOR: Record<string, number> = { 万: 1e4, 亿: 1e8, 千万: 1e7, 百万: 1e6, 千: 1e3 };

/** Magnitude ("万", "亿"…) and the 余/多 around it, after the number ending at j. */
function readMagnitude(
  t: string,
  j: number,
  n: Num,
): { magnitude: string; magStart: number; k: number; qualifierMid: string | null } {
  let qualifierMid: string | null = null;
  let k = skipFiller(t, j);
  if ((t[k] === '余' || t[k] === '多') && /[万亿千]/.test(t[k + 1] ?? '')) {
    qualifierMid = t[k] ?? null;
    k++;
  }
  let magnitude = n.magnitudeChar ?? '';
  if (!magnitude && !n.chinese) {
    const m = /^(千万|百万|万|亿|千)/.exec(t.slice(k, k + 2));
    if (m) magnitude = m[1] ?? '';
  }
  const magStart = n.magnitudeChar ? j : k;
  if (!n.chinese && magnitude) k += magnitude.length;
  if (n.magnitudeChar) k = j + 1;
  if (!qualifierMid && (t[k] === '余' || t[k] === '多')) {
    qualifierMid = t[k] ?? null;
    k++;
  }
  return { magnitude, magStart, k: skipFiller(t, k), qualifierMid };
}

type UnitRead = {
  unit: string;
  category: UnitCategory | null;
  implicitUnit: boolean;
  value: number;
  max: number | undefined;
  k: number;
};

/**
 * The unit after the number: one that includes the magnitude ("万元"), a unit after it, an implied 人 or 万元/亿元;
 * values are scaled by the magnitude unless the unit includes it. Null when there is no unit.
 */
function readUnit(
  t: string,
  i: number,
  n: Num,
  mag: { magnitude: string; magStart: number; k: number },
  value: number,
  max: number | undefined,
  table: UnitTable,
): UnitRead | null {
  const { magnitude, magStart, k } = mag;
  const withMag = magnitude ? matchUnit(t, magStart, table) : null;
  if (withMag) {
    const { unit, category } = withMag.def;
    return { unit, category, implicitUnit: false, value, max, k: magStart + withMag.text.length };
  }
  const factor = MAGNITUDE_FACTOR[magnitude] ?? 1;
  const scaled = scale(value, factor);
  const scaledMax = max !== undefined ? scale(max, factor) : undefined;
  const u = matchUnit(t, k, table);
  if (u)
    return {
      unit: u.def.unit,
      category: u.def.category,
      implicitUnit: false,
      value: scaled,
      max: scaledMax,
      k: k + u.text.length,
    };
  if ((!n.chinese || scaled >= 10) && (magnitude ? IMPLICIT_PERSON_LOOSE : IMPLICIT_PERSON).test(t.slice(k, k + 8)))
    return { unit: '人', category: 'person', implicitUnit: true, value: scaled, max: scaledMax, k };
  if (magnitude && MONEY_CONTEXT.test(t.slice(Math.max(0, i - 12), i))) {
    const unit = magnitude === '亿' ? '亿元' : '万元';
    return { unit, category: 'money', implicitUnit: true, value: n.value, max: scaledMax, k };
  }
  return null;
}

/** Number + unit pairs that are words, idioms, positions or clock phrases, not measures ("一批", "24小时"). */
function isFalseMeasure(
  t: string,
  i: number,
  n: Num,
  u: UnitRead,
  magnitude: string,
  mask: readonly boolean[],
): boolean {
  const { unit, k, implicitUnit } = u;
  if (mask[k - 1]) return true;
  if (!implicitUnit && UNIT_WORD_BLACKLIST.has(t.slice(k - 1, k + 1))) return true;
  if (n.chinese && n.value === 1 && !magnitude) {
    if (YI_IDIOM_UNITS.has(unit) || YI_BAD_BEFORE.includes(t[i - 1] ?? '#') || t[k] === '一') return true;
  }
  if (n.chinese && n.value === 2 && t[i] === '二' && unit === '次') return true;
  if (
    n.chinese &&
    unit === '期' &&
    n.value < 10 &&
    !/(?:举办|开展|开设|培训|共|计|办)$/.test(t.slice(Math.max(0, i - 2), i))
  )
    return true;
  if ((unit === '栋' || unit === '幢' || unit === '座') && POSITION_AFTER.includes(t[k] ?? '#')) return true;
  return unit === '小时' && u.value === 24;
}

/** Rates after the unit: 元/月, 元/人/月. */
const RATE = /^\/(?:人·月|月|年|人|户|次|天|日|平方米|人次|台|个|床|张|课时|小时)(?:\/(?:月|年|人|天|次))?/;

function readRest(
  t: string,
  i: number,
  n: Num,
  table: UnitTable,
  mask: readonly boolean[],
): RawQuantity | number | 'skip' {
  const codeEnd = codeLikeEnd(t, i, n, table);
  if (codeEnd !== null) return codeEnd;
  const range = readRange(t, n.end, n.value, table);
  if (typeof range === 'number') return range;
  const mag = readMagnitude(t, range ? range.end : n.end, n);
  const u = readUnit(t, i, n, mag, n.value, range?.max, table);
  if (!u || isFalseMeasure(t, i, n, u, mag.magnitude, mask)) return 'skip';
  let { unit, k } = u;
  const rate = RATE.exec(t.slice(k, k + 8));
  if (rate && unit) {
    unit += rate[0];
    k += rate[0].length;
  }
  const start = preQualifier(t, i);
  return finish(
    t,
    start.pos,
    i,
    k,
    u.value,
    unit,
    u.category,
    n.chinese,
    table,
    start.word,
    mag.qualifierMid,
    u.max,
    u.implicitUnit,
  );
}

function chainEnd(t: string, from: number): number {
  let k = from;
  while (k < t.length && /[0-9A-Za-z\-/.:~_#]/.test(t[k] ?? '')) k++;
  return Math.max(k, from + 1);
}

function preQualifier(t: string, i: number): { pos: number; word: string | null } {
  const k = backFiller(t, i);
  for (const w of PRE_QUALIFIERS) if (t.slice(k - w.length, k) === w) return { pos: k - w.length, word: w };
  return { pos: i, word: null };
}

function finish(
  t: string,
  start: number,
  numStart: number,
  k0: number,
  value: number,
  unit: string,
  category: UnitCategory | null,
  chinese: boolean,
  _table: UnitTable,
  pre: string | null = null,
  mid: string | null = null,
  max?: number,
  implicitUnit = false,
): RawQuantity {
  let k = k0;
  const unitEnd = k;
  let post: string | null = null;
  const k2 = skipFiller(t, k);
  for (const w of POST_QUALIFIERS) {
    if (t.startsWith(w, k2) && !(w === '多' && /[个项家种样措方元]/.test(t[k2 + 1] ?? ''))) {
      if ((w === '余' || w === '多') && k2 !== k) continue;
      post = w;
      k = k2 + w.length;
      break;
    }
  }
  const parts = [pre, mid, post].filter((x): x is string => x !== null);
  const qualifier =
    max !== undefined ? (parts.length ? `区间,${parts.join(',')}` : '区间') : parts.length ? parts.join(',') : null;
  const q: RawQuantity = { value, unit, category, qualifier, start, end: k, numStart, unitEnd, chinese };
  if (max !== undefined) q.max = max;
  if (implicitUnit) q.implicitUnit = true;
  return q;
}
