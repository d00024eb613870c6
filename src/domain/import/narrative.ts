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
import { bigrams, cleanText, overlap, valueOrNull } from './text';
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

/** Parse numbered narrative items out of paragraphs. */
export function parseNarrative(
  rawParagraphs: string[],
  options: { headerSynonyms?: Record<string, ImportField | null>; paragraphOffset?: number } = {},
): NarrativeResult {
  const warnings: ImportWarning[] = [];
  const paras: { text: string; index: number }[] = [];
  rawParagraphs.forEach((p, i) => {
    const t = cleanText(p);
    if (t) paras.push({ text: t, index: i + (options.paragraphOffset ?? 0) });
  });
  // Signature block at the end: short lines without punctuation, dates.
  const trailer: string[] = [];
  while (paras.length > 0) {
    const last = paras[paras.length - 1]!.text;
    if (DATE_LINE.test(last) || (last.length <= 25 && !TERMINAL.test(last) && !parseLabels(last).length)) {
      trailer.unshift(last);
      paras.pop();
    } else break;
  }
  const isLabelLine = (t: string) => parseLabels(t, options.headerSynonyms).length > 0;
  // Item starts: numbered lines in sequence that are followed by a labelled line before the next numbered one.
  const starts: number[] = [];
  let expected = 1;
  for (let i = 0; i < paras.length; i++) {
    const m = ITEM_LINE.exec(paras[i]!.text);
    if (!m) continue;
    const n = Number(m[1]);
    if (n !== expected && !(starts.length === 0 && n === 1)) continue;
    let labelled = false;
    for (let k = i + 1; k < Math.min(paras.length, i + 4); k++) {
      if (isLabelLine(paras[k]!.text)) {
        labelled = true;
        break;
      }
      if (ITEM_LINE.test(paras[k]!.text)) break;
    }
    if (!labelled) continue;
    starts.push(i);
    expected = n + 1;
  }
  const items: ImportItem[] = [];
  for (let s = 0; s < starts.length; s++) {
    const from = starts[s]!;
    const to = s + 1 < starts.length ? starts[s + 1]! : paras.length;
    const head = paras[from]!;
    const m = ITEM_LINE.exec(head.text)!;
    const item = newItem(-1, head.index);
    item.code = m[1]!;
    const targetText = (m[2] ?? '').trim();
    item.name = targetText.replace(/[。.；;]+$/, '');
    item.annualTarget = targetText;
    let current: ImportField | null = null;
    const progressParas: string[] = [];
    const fieldText: Partial<Record<ImportField, string[]>> = {};
    for (let k = from + 1; k < to; k++) {
      const t = paras[k]!.text;
      const labels = parseLabels(t, options.headerSynonyms);
      if (labels.length) {
        for (const l of labels) {
          current = l.field;
          const list = fieldText[l.field] ?? [];
          list.push(l.value);
          fieldText[l.field] = list;
        }
        continue;
      }
      if (!current) {
        // Unlabelled line before any label: part of the target text.
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
    for (const [f, values] of Object.entries(fieldText) as [ImportField, string[]][]) {
      const text = values.filter(Boolean).join('\n');
      switch (f) {
        case 'leadUnits':
        case 'assistUnits':
        case 'cohostUnits': {
          // "主责部门：各街镇 1、实施…" — text pasted after the unit list is not a unit.
          const cut = text.split(/\s+\d+\s*[、.．]/)[0] ?? '';
          if (cut !== text) {
            warnings.push({
              code: 'STRAY_TEXT',
              row: head.index,
              message: `第${item.code}项的单位后有多余文字“${text.slice(cut.length).trim().slice(0, 30)}”，已忽略`,
            });
          }
          for (const u of splitUnits(cut)) if (!item[f].includes(u)) item[f].push(u);
          break;
        }
        case 'progress':
          progressParas.push(...values.filter(Boolean));
          item.progress = valueOrNull(text);
          break;
        case 'annualTarget':
          item.annualTarget = valueOrNull(text) ?? item.annualTarget;
          break;
        case 'periodTarget':
        case 'problems':
        case 'nextSteps':
        case 'selfAssessment':
        case 'evaluation':
        case 'unit':
        case 'region':
        case 'remarks':
        case 'category':
        case 'matter':
        case 'actual':
        case 'rate':
          item[f] = valueOrNull(text);
          break;
        default:
          item.extra[f] = text;
      }
    }
    const subs = splitSubTargets(targetText);
    if (subs.length) item.subTargets = assignProgress(subs, progressParas);
    items.push(item);
  }
  return { items, warnings, trailer };
}
