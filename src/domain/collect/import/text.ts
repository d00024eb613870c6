/** Small pure text helpers shared by the import mapping. */
import { parseChineseNumeral } from '../../assess/judge/numerals';
import { toSimplified } from '../../text/hant';

/** Remove Word/markdown artefacts, invisible characters and outer whitespace; keep line breaks. */
const NEEDS_CLEANING = /[[*\u200b-\u200d\u2060\ufeff\u00ad\u00a0\r]|[ \t\u3000]\n|\n[ \t\u3000\n]/;

function isSpace(code: number): boolean {
  return code <= 32 || code === 0x3000 || code === 0xa0;
}

export function cleanText(raw: string): string {
  if (!raw) return '';
  if (!isSpace(raw.charCodeAt(0)) && !isSpace(raw.charCodeAt(raw.length - 1)) && !NEEDS_CLEANING.test(raw)) return raw;
  let s = raw;
  if (s.includes('[bookmark')) s = s.replace(/\[bookmark:[^\]]*\]/g, '');
  if (s.includes('**')) s = s.replace(/\*\*([^*\n]*?)\*\*/g, '$1');
  s = s.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '').replace(/\u00a0/g, ' ');
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (s.includes('\n')) {
    s = s
      .split('\n')
      .map((l) => l.replace(/[ \t\u3000]+$/g, '').replace(/^[ \t\u3000]+/g, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n');
  }
  return s.trim();
}

/** Header/label comparison key: NFKC, simplified characters, no whitespace, no trailing colon. */
export function normalizeKey(s: string): string {
  if (s.length > 80) return s;
  return toSimplified(cleanText(s))
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[:：]+$/, '');
}

/** Values written for "nothing": 无, /, -, —, 暂无 … */
const EMPTY_MARKERS = new Set([
  '',
  '无',
  '无。',
  '暂无',
  '/',
  '／',
  '\\',
  '-',
  '－',
  '—',
  '——',
  '–',
  '--',
  '---',
  '空',
  '/。',
  'N/A',
  'n/a',
  '无此项',
]);

export function isEmptyMarker(s: string | null | undefined): boolean {
  if (s == null) return true;
  if (s.length > 12 && s.trim().length > 6) return false;
  const t = s.replace(/[\s\u3000]+/g, '');
  return EMPTY_MARKERS.has(t);
}

/** cleanText, then null for empty markers. */
export function valueOrNull(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = cleanText(raw);
  return isEmptyMarker(s) ? null : s;
}

/** Chinese numeral (up to 9999) or Arabic digits → number; null when not a numeral. Numerals are read by the
 * judgement engine's parser, the one place that knows them. */
export function parseCnNumber(s: string): number | null {
  const t = s.trim().normalize('NFKC');
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(t)) return null;
  return parseChineseNumeral(t);
}

/** Full-width digits/letters/dashes → ASCII (NFKC) and unify dash variants, for codes. */
export function normalizeCode(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[‐‑‒–—―－]/g, '-')
    .replace(/\s+/g, '')
    .replace(/[.．。]+$/, '');
}

/** Round brackets → full width (the way organisation names are written); spaces before brackets removed. */
export function normalizeParens(s: string): string {
  return s
    .replace(/\s*[(（]\s*/g, '（')
    .replace(/\s*[)）]/g, '）')
    .trim();
}

/** Split on separators that are not inside brackets. */
export function splitTopLevel(s: string, isSep: (ch: string) => boolean): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '（' || ch === '[' || ch === '【' || ch === '《') depth++;
    else if ((ch === ')' || ch === '）' || ch === ']' || ch === '】' || ch === '》') && depth > 0) depth--;
    if (depth === 0 && isSep(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Character bigrams of the CJK/alnum content, for fuzzy matching of sentences. */
export function bigrams(s: string): Set<string> {
  const t = s.replace(/[^\p{L}\p{N}]+/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

export function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}
