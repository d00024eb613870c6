/** Numeral handling: length-preserving normalisation, Chinese numerals, magnitudes. */
import { HANT_TO_HANS } from '../../text/hant';

const TRAD: Record<string, string> = Object.fromEntries(HANT_TO_HANS);

/**
 * Length-preserving normalisation: full-width ASCII → ASCII, ideographic space → space,
 * traditional/financial characters → simplified. Offsets in the result equal offsets in the input.
 */
export function normalizeText(text: string): string {
  // the same text is normalised by several rules of one judgement: remember the last few
  const hit = NORMALIZED.get(text);
  if (hit !== undefined) return hit;
  const out = NEEDS_NORMALIZING.test(text) ? normalizeSlow(text) : text;
  if (NORMALIZED.size >= 16) NORMALIZED.clear();
  NORMALIZED.set(text, out);
  return out;
}

const NORMALIZED = new Map<string, string>();
/** Full-width ASCII, the ideographic space, or a character of the table. */
const NEEDS_NORMALIZING = new RegExp(`[\\uff01-\\uff5e\\u3000${Object.keys(TRAD).join('')}]`);

const NORMALIZE_ALL = new RegExp(NEEDS_NORMALIZING.source, 'g');

/** One character, mapped (every mapping keeps the length: one UTF-16 unit to one). */
function mapChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000) return ' ';
  return TRAD[ch] ?? ch;
}

function normalizeSlow(text: string): string {
  return text.replace(NORMALIZE_ALL, mapChar);
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10000, 亿: 100000000 };

/** Characters that may appear inside a Chinese numeral. */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/** True for a character that can start a Chinese numeral (digits and 十). */
export function isCnNumeralStart(ch: string | undefined): boolean {
  return ch !== undefined && CN_START.has(ch);
}

const CN_START = new Set(['一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十']);

/** Multiply without binary noise: 2.76 × 10000 = 27600. */
export function scale(value: number, factor: number): number {
  return factor === 1 ? value : Number((value * factor).toPrecision(12));
}

/** Parser state: completed 万/亿 groups, the current group below 万, the pending digit (-1 = none). */
type NumeralState = { total: number; section: number; num: number };

/** Feed one character; false when the run is not a well-formed number. */
function feedNumeral(st: NumeralState, ch: string): boolean {
  const d = DIGITS[ch];
  if (d !== undefined) {
    if (st.num > 0) return false;
    st.num = d;
    return true;
  }
  const small = SMALL_UNITS[ch];
  if (small !== undefined) {
    st.section += (st.num < 0 ? 1 : st.num) * small;
    st.num = -1;
    return true;
  }
  const big = BIG_UNITS[ch];
  if (big === undefined) return false;
  const part = st.section + Math.max(st.num, 0);
  if (part === 0 && st.total === 0) return false;
  if (ch === '亿') st.total = (st.total + part) * big;
  else st.total += part * big;
  st.section = 0;
  st.num = -1;
  return true;
}

/**
 * Parse a Chinese numeral (一百二十, 三万五千, 十万, 两千, 一万二). Returns null when the run is
 * not a well-formed number (十四五, 二〇二三).
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  const st: NumeralState = { total: 0, section: 0, num: -1 };
  for (const ch of s) if (!feedNumeral(st, ch)) return null;
  // Colloquial 一万二 = 12000, 三千五 = 3500: a trailing digit right after 百/千/万/亿.
  const unitBefore = s.length >= 2 ? s[s.length - 2] : undefined;
  const u = unitBefore === undefined ? undefined : (SMALL_UNITS[unitBefore] ?? BIG_UNITS[unitBefore]);
  let num = st.num;
  if (num > 0 && u !== undefined && u >= 100) num = (num * u) / 10;
  return st.total + st.section + Math.max(num, 0);
}

/** Parse an Arabic number with optional thousands separators: "133,250" → 133250, "3.96" → 3.96. */
export function parseArabic(s: string): number {
  return Number(s.replace(/,/g, ''));
}

/** Magnitude characters folded into counts. */
export const MAGNITUDES: Record<string, number> = { 万: 1e4, 亿: 1e8, 千万: 1e7, 百万: 1e6 };
