/**
 * The numbered narrative form (seed 004 style):
 *   1、实施 100 万平方米精品小区建设。
 *   主责部门：区房管局，配合部门：各街镇
 *   完成情况：…（one or more paragraphs, one per sub-target when there are several）
 * Labels are read through the header synonym table, so "牵头单位：", "进展情况：", "存在问题：" work the same way.
 */
import { splitUnits } from './cells';
import { matchHeader } from './headers';
import { newItem } from './map-table';
import { bigrams, cleanText, overlap, parseCnNumber, valueOrNull } from './text';
import type { ImportField, ImportItem, ImportWarning, SubTarget } from './types';

const ITEM_LINE = /^(\d{1,3})\s*[、.．]\s*(\S[\s\S]*)$/;
const LABEL = /(^|[，,；;。\s])([\u4e00-\u9fa5]{2,10})\s*[:：]/g;
const TERMINAL = /[。；;！!？?：:]$/;
const DATE_LINE = /^\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?$/;

type Labelled = { field: ImportField; value: string };

/** Labelled segments in a paragraph ("主责部门：区民政局、区卫健委，配合部门：各街镇"); [] when it has none at its start. */
export function parseLabels(text: string, synonyms?: Record<string, ImportField | null>): Labelled[] {
  const found: { field: ImportField; start: number; valueStart: number }[] = [];
  for (const m of text.matchAll(LABEL)) {
    const field = matchHeader(m[2] ?? '', synonyms);
    if (!field) continue;
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    found.push({ field, start, valueStart: (m.index ?? 0) + m[0].length });
  }
  if (found.length === 0 || found[0]!.start !== 0) return [];
  return found.map((f, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.start : text.length;
    return { field: f.field, value: text.slice(f.valueStart, end).replace(/^[\s，,；;]+|[\s，,；;]+$/g, '') };
  });
}

/** Sub-targets of a target sentence: split on ；/; or on ，when every part names a quantity. */
export function splitSubTargets(target: string): string[] {
  const t = target.replace(/[。.\s]+$/, '');
  let parts = t.split(/\s*[;；]\s*/).filter(Boolean);
  if (parts.length < 2) {
    const commas = t.split(/\s*[，,]\s*/).filter(Boolean);
    if (
      commas.length >= 2 &&
      commas.every((p) => /\d|[一二两三四五六七八九十百千万]+\s*[个家张台户人名场所座条处项件]/.test(p))
    )
      parts = commas;
  }
  return parts.length >= 2 ? parts.map((p) => p.replace(/[，,。]+$/, '').trim()) : [];
}

/** Give each progress paragraph (or clause, when there is one paragraph) to the sub-target it talks about. */
export function assignProgress(subTargets: string[], paragraphs: string[]): SubTarget[] {
  const out: SubTarget[] = subTargets.map((text) => ({ text, progress: null }));
  if (subTargets.length === 0 || paragraphs.length === 0) return out;
  const pieces =
    paragraphs.length >= 2
      ? paragraphs
      : (paragraphs[0] ?? '')
          .split(/(?<=[;；。])/)
          .map((s) => s.trim())
          .filter(Boolean);
  const grams = subTargets.map((s) => bigrams(s));
  const assigned: string[][] = subTargets.map(() => []);
  let prev = -1;
  for (const piece of pieces) {
    const g = bigrams(piece);
    let best = -1;
    let bestScore = 1;
    grams.forEach((tg, i) => {
      const s = overlap(tg, g);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    });
    const target = best >= 0 ? best : prev;
    if (target < 0) continue;
    assigned[target]!.push(piece);
    prev = target;
  }
  const joiner = paragraphs.length >= 2 ? '\n' : '';
  assigned.forEach((list, i) => {
    if (list.length) out[i]!.progress = list.join(joiner);
  });
  return out;
}

export type NarrativeResult = { items: ImportItem[]; warnings: ImportWarning[]; trailer: string[] };

type Para = { text: string; index: number };
type Synonyms = Record<string, ImportField | null> | undefined;

/** Signature block at the end: short lines without punctuation, dates. Removed from `paras`, returned in order. */
function takeTrailer(paras: Para[]): string[] {
  const trailer: string[] = [];
  while (paras.length > 0) {
    const last = paras[paras.length - 1]!.text;
    if (!DATE_LINE.test(last) && (last.length > 25 || TERMINAL.test(last) || parseLabels(last).length)) break;
    trailer.unshift(last);
    paras.pop();
  }
  return trailer;
}

/** Is a labelled line among the next three paragraphs, before the next numbered one? */
function labelledBelow(paras: Para[], i: number, synonyms: Synonyms): boolean {
  for (let k = i + 1; k < Math.min(paras.length, i + 4); k++) {
    if (parseLabels(paras[k]!.text, synonyms).length > 0) return true;
    if (ITEM_LINE.test(paras[k]!.text)) return false;
  }
  return false;
}

/** Item starts: numbered lines in sequence that are followed by a labelled line before the next numbered one. */
function itemStarts(paras: Para[], synonyms: Synonyms): number[] {
  const starts: number[] = [];
  let expected = 1;
  for (let i = 0; i < paras.length; i++) {
    const m = ITEM_LINE.exec(paras[i]!.text);
    if (!m) continue;
    const n = Number(m[1]);
    if (n !== expected && !(starts.length === 0 && n === 1)) continue;
    if (!labelledBelow(paras, i, synonyms)) continue;
    starts.push(i);
    expected = n + 1;
  }
  return starts;
}

/**
 * The labelled texts of one item's paragraphs, by field. An unlabelled line before any label continues the target
 * (appended to `item.annualTarget`); after a label it continues that field.
 */
function labelledTexts(
  paras: Para[],
  from: number,
  to: number,
  item: ImportItem,
  synonyms: Synonyms,
): Partial<Record<ImportField, string[]>> {
  let current: ImportField | null = null;
  const fieldText: Partial<Record<ImportField, string[]>> = {};
  for (let k = from + 1; k < to; k++) {
    const t = paras[k]!.text;
    const labels = parseLabels(t, synonyms);
    for (const l of labels) {
      current = l.field;
      const list = fieldText[l.field] ?? [];
      list.push(l.value);
      fieldText[l.field] = list;
    }
    if (labels.length) continue;
    if (!current) {
      item.annualTarget = `${item.annualTarget}\n${t}`;
      continue;
    }
    const list = fieldText[current] ?? [];
    fieldText[current] = list;
    const prev = list[list.length - 1];
    // A paragraph break inside a sentence ("健身瑜伽、" / "少儿武术…") continues the same paragraph.
    if (prev !== undefined && /[、，,（(]$/.test(prev)) list[list.length - 1] = prev + t;
    else list.push(t);
  }
  return fieldText;
}

const TEXT_FIELDS = [
  'periodTarget',
  'problems',
  'nextSteps',
  'selfAssessment',
  'evaluation',
  'unit',
  'region',
  'remarks',
  'category',
  'matter',
  'actual',
  'rate',
] as const satisfies readonly ImportField[];
type TextField = (typeof TEXT_FIELDS)[number];
const isTextField = (f: ImportField): f is TextField => (TEXT_FIELDS as readonly ImportField[]).includes(f);

/** "主责部门：各街镇 1、实施…" — text pasted after the unit list is not a unit (warned, ignored). */
function setUnits(
  item: ImportItem,
  f: 'leadUnits' | 'assistUnits' | 'cohostUnits',
  text: string,
  row: number,
  warnings: ImportWarning[],
): void {
  const cut = text.split(/\s+\d+\s*[、.．]/)[0] ?? '';
  if (cut !== text) {
    warnings.push({
      code: 'STRAY_TEXT',
      row,
      message: `第${item.code}项的单位后有多余文字“${text.slice(cut.length).trim().slice(0, 30)}”，已忽略`,
    });
  }
  for (const u of splitUnits(cut)) if (!item[f].includes(u)) item[f].push(u);
}

/** Put each labelled field's text on the item; returns the progress paragraphs (for sub-target assignment). */
function applyFields(
  item: ImportItem,
  fieldText: Partial<Record<ImportField, string[]>>,
  row: number,
  warnings: ImportWarning[],
): string[] {
  const progressParas: string[] = [];
  for (const [f, values] of Object.entries(fieldText) as [ImportField, string[]][]) {
    const text = values.filter(Boolean).join('\n');
    if (f === 'leadUnits' || f === 'assistUnits' || f === 'cohostUnits') setUnits(item, f, text, row, warnings);
    else if (f === 'progress') {
      for (const v of values) if (v) progressParas.push(v);
      item.progress = valueOrNull(text);
    } else if (f === 'annualTarget') item.annualTarget = valueOrNull(text) ?? item.annualTarget;
    else if (isTextField(f)) item[f] = valueOrNull(text);
    else item.extra[f] = text;
  }
  return progressParas;
}

/** One item from its numbered line (code + target) and the labelled paragraphs below it. */
function narrativeItem(paras: Para[], from: number, to: number, synonyms: Synonyms, warnings: ImportWarning[]) {
  const head = paras[from]!;
  const m = ITEM_LINE.exec(head.text)!;
  const item = newItem(-1, head.index);
  item.code = m[1]!;
  const targetText = (m[2] ?? '').trim();
  item.name = targetText.replace(/[。.；;]+$/, '');
  item.annualTarget = targetText;
  const fieldText = labelledTexts(paras, from, to, item, synonyms);
  const progressParas = applyFields(item, fieldText, head.index, warnings);
  const subs = splitSubTargets(targetText);
  if (subs.length) item.subTargets = assignProgress(subs, progressParas);
  return item;
}

/** Parse numbered narrative items out of paragraphs. */
export function parseNarrative(
  rawParagraphs: string[],
  options: { headerSynonyms?: Record<string, ImportField | null>; paragraphOffset?: number } = {},
): NarrativeResult {
  const warnings: ImportWarning[] = [];
  const paras: Para[] = [];
  rawParagraphs.forEach((p, i) => {
    const t = cleanText(p);
    if (t) paras.push({ text: t, index: i + (options.paragraphOffset ?? 0) });
  });
  const trailer = takeTrailer(paras);
  const starts = itemStarts(paras, options.headerSynonyms);
  if (starts.length === 0) {
    const inline = inlineItems(paras, options.headerSynonyms, warnings);
    const items = inline.length ? inline : headingItems(paras, options.headerSynonyms, warnings);
    return { items, warnings, trailer };
  }
  const items: ImportItem[] = starts.map((from, s) =>
    narrativeItem(paras, from, starts[s + 1] ?? paras.length, options.headerSynonyms, warnings),
  );
  return { items, warnings, trailer };
}

/** A bracketed label at the end of an item line: "（牵头单位：市人社局）", "（责任单位：…；配合单位：…）". */
const INLINE_LABELS = /[（(]\s*([\u4e00-\u9fa5]{2,8}\s*[:：][^（）()]+)[)）]\s*[。.；;]?\s*$/;

/**
 * The list form of an annual notice: "一、促进就业（2项）" categories, items numbered straight through, each one line
 * ending in its units in brackets ("1.新增普惠托位600个。（牵头单位：市卫健委）"). Needs two or more consecutive
 * numbered lines, at least half of them with a bracketed label; [] otherwise.
 */
function inlineItems(paras: Para[], synonyms: Synonyms, warnings: ImportWarning[]): ImportItem[] {
  const lines = paras.map((p) => ITEM_LINE.exec(p.text));
  const numbered = lines.flatMap((m, i) => (m ? [i] : []));
  if (numbered.length < 2) return [];
  const labelled = numbered.filter((i) => INLINE_LABELS.test(paras[i]!.text));
  if (labelled.length * 2 < numbered.length) return [];
  const items: ImportItem[] = [];
  let category: string | null = null;
  let expected: number | null = null;
  for (let i = 0; i < paras.length; i++) {
    const text = paras[i]!.text;
    if (headingOf(text, H1) && !lines[i]) {
      category = text;
      continue;
    }
    const m = lines[i];
    if (!m) continue;
    const n = Number(m[1]);
    if (expected !== null && n !== expected) continue;
    expected = n + 1;
    const item = newItem(-1, paras[i]!.index);
    item.code = m[1]!;
    item.category = category;
    let body = (m[2] ?? '').trim();
    const lm = INLINE_LABELS.exec(body);
    if (lm) {
      const fields: Partial<Record<ImportField, string[]>> = {};
      for (const l of parseLabels(lm[1]!.replace(/[；;]/g, '，'), synonyms)) {
        const list = fields[l.field] ?? [];
        list.push(l.value);
        fields[l.field] = list;
      }
      applyFields(item, fields, paras[i]!.index, warnings);
      body = body.slice(0, lm.index).trim();
    }
    item.name = body.replace(/[。.；;，,]+$/, '');
    item.annualTarget = body;
    items.push(item);
  }
  return items.length >= 2 ? items : [];
}

const H1 = /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S[\s\S]{0,80})$/;
const H2 = /^[（(]([一二三四五六七八九十]{1,3})[)）]\s*[、.．]?\s*(\S[\s\S]{0,80})$/;
/** Words that end a heading without being part of the project's name ("…项目完成情况", "…进展情况："). */
const HEADING_TAIL = /(?:的)?(?:完成|进展|推进|落实|实施|建设)?(?:情况|进度)?[:：。.]*$/;

function headingName(text: string): string {
  const t = text.replace(/[。.；;:：]+$/, '').trim();
  const stripped = t.replace(HEADING_TAIL, '').trim();
  return stripped.length >= 2 ? stripped : t;
}

/** A heading line: short, and the paragraph under it is not itself a heading of the same kind. */
function headingOf(text: string, re: RegExp): { n: number; title: string } | null {
  const m = re.exec(text);
  if (!m?.[1] || !m[2] || text.length > 90) return null;
  const n = parseCnNumber(m[1]);
  return n === null ? null : { n, title: m[2].trim() };
}

/** One item from a heading (paras[from]) and the paragraphs under it (up to `to`); null when nothing is under it. */
function headingItem(
  paras: Para[],
  from: number,
  to: number,
  code: string,
  title: string,
  ctx: { synonyms: Synonyms; warnings: ImportWarning[] },
): ImportItem | null {
  const item = newItem(-1, paras[from]!.index);
  item.code = code;
  item.name = headingName(title);
  const fieldText = labelledTexts(paras, from, to, item, ctx.synonyms);
  // labelledTexts put unlabelled lines before any label into the target; here they are the progress text.
  const before = item.annualTarget?.replace(/^null\n?/, '') ?? null;
  item.annualTarget = null;
  applyFields(item, fieldText, paras[from]!.index, ctx.warnings);
  if (before) item.progress = item.progress ? `${before}\n${item.progress}` : before;
  return item.progress || Object.keys(fieldText).length ? item : null;
}

function nextHeading(from: number, to: number, isHeading: (k: number) => boolean): number {
  let k = from;
  while (k < to && !isHeading(k)) k++;
  return k;
}

/**
 * Headings in Chinese numerals with unlabelled text under them ("一、…" then the progress paragraph; or "（一）…"
 * items under "一、…" categories). Labelled lines under a heading ("完成情况：", "牵头单位：") still fill their fields.
 */
function headingItems(paras: Para[], synonyms: Synonyms, warnings: ImportWarning[]): ImportItem[] {
  const h1 = paras.map((p) => headingOf(p.text, H1));
  const h2 = paras.map((p) => headingOf(p.text, H2));
  const useH2 = h2.some((h, i) => h && paras[i + 1] && !h1[i + 1] && !h2[i + 1]);
  const isHeading = (k: number) => Boolean(h1[k] || (useH2 && h2[k]));
  const items: ImportItem[] = [];
  let category: { text: string; n: number } | null = null;
  for (let i = 0; i < paras.length; i++) {
    if (useH2 && h1[i]) {
      category = { text: paras[i]!.text, n: h1[i]!.n };
      continue;
    }
    const h = useH2 ? h2[i] : h1[i];
    if (!h) continue;
    const end = nextHeading(i + 1, paras.length, isHeading);
    const code = useH2 && category ? `${category.n}-${h.n}` : String(h.n);
    const item = end > i + 1 ? headingItem(paras, i, end, code, h.title, { synonyms, warnings }) : null;
    if (!item) continue;
    item.category = useH2 ? (category?.text ?? null) : null;
    items.push(item);
    i = end - 1;
  }
  return items;
}
