/**
 * What hides inside cells: codes written into names ("区民生实事第19-2项"), co-hosts ("（区共同主办单位：区民政局）"),
 * levels ("(市级、区级)"), the self-assessment at the end of the progress text ("（按计划推进）"), several units in one
 * cell, problems and next steps in one cell, and "▋" standing for a coloured 进度评价 cell.
 */

import { toSimplified } from '../../text/hant';
import {
  cleanText,
  isEmptyMarker,
  normalizeCode,
  normalizeParens,
  parseCnNumber,
  splitTopLevel,
  valueOrNull,
} from './text';
import type { GridCell } from './types';

export type NameParts = {
  name: string;
  code: string | null;
  cohosts: string[];
  levels: string[];
  flags: string[];
};

const LEVEL_WORD = '(?:省|市|区|县|街道|镇|乡)级';
const LEVEL_TAG = new RegExp(
  `[（(]\\s*(${LEVEL_WORD}(?:\\s*[、,，/和及与]\\s*${LEVEL_WORD})*)\\s*(?:项目|民生实事|实事)?\\s*[)）]`,
  'g',
);
const LEVEL_PROGRAMME_TAG = /[（(]\s*(省|市|区|县)(?:级)?(?:民生实事|政府实事|实事项目|为民办实事)\s*[)）]/g;
const CODE_IN_NAME =
  /[（(【[]?\s*(?:(省|市|区|县|街道|镇)级?)?(?:民生实事|政府实事|为民办实事|惠民实事|实事)(?:项目)?\s*第\s*([0-9０-９一二三四五六七八九十百]+(?:\s*[-－—–]\s*[0-9０-９]+)*)\s*[项号件]\s*[）)】\]]?/;
const ORDINAL_CODE = /[（(]\s*第\s*([0-9０-９一二三四五六七八九十百]+(?:[-－][0-9０-９]+)*)\s*项\s*[)）]/;
const LEADING_CODE = /^\s*[【[]?\s*(\d+(?:\s*[-－—–]\s*\d+)+)\s*[】\]]?[\s、.．:：]+/;
const COHOST_LABEL = /(?:区|市|县|省)?(?:共同(?:主办|牵头)|联合主办)(?:单位|部门)?\s*[:：]?/;

function toArabicCode(raw: string): string {
  const parts = normalizeCode(raw).split('-');
  return parts.map((p) => String(parseCnNumber(p) ?? p)).join('-');
}

/** Is this a project/matter number ("19-2", "40", "第32项", "３")? */
export function looksLikeCode(text: string): boolean {
  const t = cleanText(text).normalize('NFKC').replace(/\s+/g, '');
  if (!t || t.length > 14) return false;
  return /^第?\d+(?:[-‐–—.．]\d+)*[项号]?[.、．]?$/.test(t) || /^第?[一二三四五六七八九十]+项$/.test(t);
}

/** Code from a 序号 cell: "19-2" → "19-2", "１" → "1", "1.0" (spreadsheet number) → "1", "第32项" → "32". */
export function parseSeqCell(text: string): string | null {
  const t = valueOrNull(text);
  if (!t) return null;
  let s = normalizeCode(t);
  if (/^\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
  const m = /^第?(\d+(?:-\d+)*)[项号]?[.、]?$/.exec(s);
  if (m?.[1]) return m[1];
  const cn = /^第?([一二三四五六七八九十百]+)项$/.exec(s);
  if (cn?.[1]) return String(parseCnNumber(cn[1]));
  // Other short identifiers ("A-3", "19-2(1)", "一"); not words like "合计" or stray text.
  return /^[A-Za-z]{0,3}\d+[A-Za-z0-9()（）-]{0,8}$/.test(s) || /^[一二三四五六七八九十]{1,3}$/.test(s) ? s : null;
}

const OPENING = new Set(['(', '（']);
const CLOSING = new Set([')', '）']);

/** The unmatched opening bracket before `at`, or -1. */
function openingBefore(text: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const ch = text[i] ?? '';
    if (CLOSING.has(ch)) depth++;
    else if (OPENING.has(ch)) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The bracket closing the one opened at `open`, or the text length. */
function closingAfter(text: string, open: number): number {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (OPENING.has(ch)) depth++;
    else if (CLOSING.has(ch)) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return text.length;
}

/** Remove the bracket group that contains position `at`; returns [inner text after the label, rest of text]. */
function cutBracketGroup(text: string, at: number, labelLength: number): [string, string] {
  const open = openingBefore(text, at);
  // No bracket: the label runs to the end of the text.
  if (open < 0) return [text.slice(at + labelLength), text.slice(0, at)];
  const close = closingAfter(text, open);
  return [text.slice(at + labelLength, close), `${text.slice(0, open)} ${text.slice(close + 1)}`];
}

/** Split a project-name cell into name, code, co-hosts, levels and flags. */
export function parseNameCell(raw: string): NameParts {
  let t = cleanText(raw);
  let code: string | null = null;
  const levels: string[] = [];
  const flags: string[] = [];
  const cohosts: string[] = [];

  const cm = CODE_IN_NAME.exec(t);
  if (cm?.[2]) {
    code = toArabicCode(cm[2]);
    if (cm[1]) levels.push(`${cm[1]}级`);
    t = `${t.slice(0, cm.index)} ${t.slice(cm.index + cm[0].length)}`;
  } else {
    const om = ORDINAL_CODE.exec(t);
    if (om?.[1]) {
      code = toArabicCode(om[1]);
      t = `${t.slice(0, om.index)} ${t.slice(om.index + om[0].length)}`;
    } else {
      const lm = LEADING_CODE.exec(t);
      if (lm?.[1]) {
        code = normalizeCode(lm[1]);
        t = t.slice(lm[0].length);
      }
    }
  }

  for (let guard = 0; guard < 3; guard++) {
    const lm = COHOST_LABEL.exec(t);
    if (!lm) break;
    const [inner, rest] = cutBracketGroup(t, lm.index, lm[0].length);
    for (const u of splitUnits(inner)) cohosts.push(u);
    t = rest;
  }

  t = t.replace(LEVEL_TAG, (_m, g: string) => {
    for (const l of g.split(/\s*[、,，/和及与]\s*/)) if (l && !levels.includes(l)) levels.push(l);
    return ' ';
  });
  t = t.replace(LEVEL_PROGRAMME_TAG, (_m, g: string) => {
    const l = `${g}级`;
    if (!levels.includes(l)) levels.push(l);
    return ' ';
  });
  if (/人大(?:常委会)?重点监督/.test(t)) {
    flags.push('key_supervision');
    t = t.replace(/[（(]\s*人大(?:常委会)?重点监督(?:项目)?\s*[)）]/g, ' ');
  }
  if (/挂牌督办/.test(t)) {
    flags.push('listed_supervision');
    t = t.replace(/[（(]\s*挂牌督办(?:项目)?\s*[)）]/g, ' ');
  }
  // a mark before the name (▲ 市级项目, ★ 重点) explained in a note under the table: not part of the name
  t = t.replace(/^[\s▲△★☆●○◆◇■□※*＊#]+(?=[^\s▲△★☆●○◆◇■□※*＊#])/, '');
  const name = t
    .split('\n')
    .map((l) => l.replace(/[ \t\u3000]{2,}/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
    .replace(/[ ，,、]+$/, '')
    .trim();
  return { name, code, cohosts, levels, flags };
}

/** Levels written in any text (备注 "市民生实事", "(区级)"). */
export function levelsIn(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/(省|市|区|县)(?:级|民生实事|实事项目)/g)) {
    const l = `${m[1]}级`;
    if (!out.includes(l)) out.push(l);
  }
  return out;
}

/** Self-assessment vocabulary recognised at the end of progress text. Extend as needed. */
export const SELF_ASSESSMENTS = [
  '按计划推进',
  '滞后',
  '已完成',
  '严重滞后',
  '进度滞后',
  '提前完成',
  '超额完成',
  '正常推进',
  '推进缓慢',
  '按序时推进',
  '超序时进度',
  '达序时进度',
  '未完成',
  '未开工',
  '已完工',
  '基本完成',
  '有序推进',
  '顺利推进',
];

/** "完成总工程量39%（按计划推进）。" → { text: "完成总工程量39%。", selfAssessment: "按计划推进" }. */
export function extractSelfAssessment(
  raw: string | null,
  vocabulary: readonly string[] = SELF_ASSESSMENTS,
): { text: string | null; selfAssessment: string | null } {
  const t = valueOrNull(raw);
  if (!t) return { text: null, selfAssessment: null };
  const m = /[（(]\s*([^()（）\n]{2,12}?)\s*[)）]\s*([。.;；]?)\s*$/.exec(t);
  if (m?.[1]) {
    // Compared in simplified characters: a mirror page writes （按計劃推進）, （滯後）.
    const word = toSimplified(m[1].replace(/\s+/g, ''));
    if (vocabulary.includes(word)) {
      const text = `${t.slice(0, m.index).trimEnd()}${m[2] ?? ''}`.trim();
      return { text: text || null, selfAssessment: word };
    }
  }
  return { text: t, selfAssessment: null };
}

/** Several units in one cell, separated by spaces, 、，； or line breaks (not inside brackets). */
export function splitUnits(raw: string | null | undefined): string[] {
  const t = valueOrNull(raw ?? null);
  if (!t) return [];
  const s = normalizeParens(t.replace(/^(?:牵头|主办|主责|协办|配合|责任)(?:单位|部门)\s*[:：]/, ''));
  const out: string[] = [];
  for (const part of splitTopLevel(s, (ch) => /[\s、，,；;。/|]/.test(ch))) {
    const u = part
      .trim()
      .replace(/^(?:由|和|及)/, '')
      .replace(/等$/, '')
      .replace(/[。.:：]+$/, '')
      .trim();
    if (!u || isEmptyMarker(u)) continue;
    if (!out.includes(u)) out.push(u);
  }
  return out;
}

/** One cell holding both problems and next steps ("存在问题及下一步工作计划"): split at the 下一步 marker. */
export function splitProblemsAndNextSteps(raw: string | null): { problems: string | null; nextSteps: string | null } {
  const t = valueOrNull(raw);
  if (!t) return { problems: null, nextSteps: null };
  const labelled =
    /(^|[\n。；;！!]\s*|\s)((?:\d+[.、．]\s*)?(?:下一步|下步)(?:工作)?(?:计划|打算|措施|安排|举措)?\s*[:：])/.exec(t) ??
    /(^|[\n。；;！!]\s*)((?:下一步|下步)(?:工作)?(?:计划|打算|措施|安排|举措)?)(?=[将要拟继续计划加])/.exec(t);
  if (!labelled) return { problems: stripLabel(t), nextSteps: null };
  const at = labelled.index + (labelled[1]?.length ?? 0);
  const label = labelled[2] ?? '';
  const before = t.slice(0, at);
  let after = t.slice(at);
  if (/[:：]\s*$/.test(label)) after = after.slice(label.length);
  return { problems: valueOrNull(stripLabel(before)), nextSteps: valueOrNull(after) };
}

function stripLabel(s: string): string {
  return s.replace(/^\s*(?:存在(?:的)?问题|问题)\s*[:：]\s*/, '').trim();
}

const HIGHLIGHT_NAMES: Record<string, string> = {
  green: '00FF00',
  darkgreen: '008000',
  yellow: 'FFFF00',
  darkyellow: '808000',
  red: 'FF0000',
  darkred: '800000',
};

/** Traffic-light colour of an RRGGBB fill (or a Word highlight name); null for white/grey/blue. */
export function colourName(value: string | null | undefined): 'green' | 'yellow' | 'red' | null {
  if (!value) return null;
  const hex = (HIGHLIGHT_NAMES[value.toLowerCase()] ?? value).replace(/^#/, '').replace(/^FF(?=[0-9A-F]{6}$)/i, '');
  if (!/^[0-9A-Fa-f]{6}$/.test(hex)) return null;
  const r = Number.parseInt(hex.slice(0, 2), 16) / 255;
  const g = Number.parseInt(hex.slice(2, 4), 16) / 255;
  const b = Number.parseInt(hex.slice(4, 6), 16) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const v = max;
  const s = max === 0 ? 0 : (max - min) / max;
  if (s < 0.3 || v < 0.25) return null;
  let h: number;
  if (max === r) h = (60 * ((g - b) / (max - min)) + 360) % 360;
  else if (max === g) h = 60 * ((b - r) / (max - min)) + 120;
  else h = 60 * ((r - g) / (max - min)) + 240;
  if (h < 20 || h >= 330) return 'red';
  if (h < 70) return 'yellow';
  if (h < 170) return 'green';
  return null;
}

const GLYPHS = /^[▋▌▍▎▏█■▇▆▉●◆◼⬛⬤\s]+$/;

/** 进度评价 cell → value. A block glyph (or an empty coloured cell) becomes green/yellow/red when the file has colours. */
export function parseEvaluation(cell: Pick<GridCell, 'text' | 'fill' | 'glyphColor'> | undefined): {
  value: string | null;
  colourUnknown: boolean;
} {
  if (!cell) return { value: null, colourUnknown: false };
  const t = cleanText(cell.text);
  const colour = colourName(cell.fill) ?? colourName(cell.glyphColor);
  if (t && GLYPHS.test(t))
    return colour ? { value: colour, colourUnknown: false } : { value: null, colourUnknown: true };
  if (!t) return { value: colour, colourUnknown: false };
  if (/^(绿|绿灯|绿色)$/.test(t)) return { value: 'green', colourUnknown: false };
  if (/^(黄|黄灯|黄色)$/.test(t)) return { value: 'yellow', colourUnknown: false };
  if (/^(红|红灯|红色)$/.test(t)) return { value: 'red', colourUnknown: false };
  return { value: isEmptyMarker(t) ? null : t, colourUnknown: false };
}
