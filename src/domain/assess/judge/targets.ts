/** parseTarget: a target text → measurable sub-targets (quantities, standards, lower-is-better, milestones, deadlines). */
import { clauseEnd, clauseStart, compact, topicBefore } from './context';
import { normalizeText, parseChineseNumeral } from './numerals';
import { quantitiesOf } from './quantities';
import { allMatches } from './regex';
import type { Quantity, SubTarget, UnitDef } from './types';

const LOWER = /(?<!不)低于|不高于|不超过|控制在|以下|以内|降至|降到|下降到|压降到?|(?<!不)少于/;
const MILESTONE_CTX =
  /工程量|形象进度|工程进度|施工进度|建设进度|总进度|工作量|(?:全年|年度)(?:总)?(?:人数|户数|任务|目标|计划)/;
const STANDARD_CTX = /标准|提高到|提高至|提标至|不低于/;
const COMPLETE_WORDS =
  /完工|竣工|建成(?:投用|投入使用)?|投入使用|投入运营|投用|完成建设|全面完成|启用|开业|通车|开园|完成验收|正式运营/;
const DURATION_UNITS = new Set(['天', '个月', '周', '工作日', '个工作日']);
const DEADLINE =
  /(年底|年末|(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(底|末|中旬|上旬|下旬|(\d{1,2})\s*[日号])?)\s*(前|之前|以前)?(?:全面|全部|基本)?(完成|完工|竣工|建成|投用|投入使用|开工|到位|落实)?/g;

function comparatorOf(q: Readonly<Quantity>, local: string): SubTarget['comparator'] {
  const w = `${local.slice(-4)}${q.qualifier ?? ''}`;
  if (/不少于|不低于|以上|至少|超过|超|达到|达/.test(w)) return '>=';
  if (/不超过|不高于|以内|以下|控制在/.test(w)) return '<=';
  if (/(?<!不)低于|(?<!不)少于/.test(w)) return '<';
  return '=';
}

function labelOf(verb: string | null, q: Readonly<Quantity>): string {
  return `${verb ?? ''}${compact(q.text)}`;
}

type SubTargetBase = Pick<SubTarget, 'verb' | 'unit' | 'object' | 'text' | 'span' | 'comparator'>;

/** A percentage: a rate to stay under, a share of works (milestone) or a rate to reach. */
function percentTarget(q: Readonly<Quantity>, base: SubTargetBase, local: string, after: string): SubTarget {
  const ql = q.qualifier ?? '';
  if (LOWER.test(local.slice(-6)) || /(?<!不)低于|以下|以内|不超过|不高于/.test(ql) || /^(?:以下|以内)/.test(after))
    return { ...base, kind: 'lowerBetter', value: q.value, label: `${rateName(local) ?? ''}${labelOf(null, q)}` };
  if (MILESTONE_CTX.test(local.slice(-10)) || MILESTONE_CTX.test(after))
    return { ...base, kind: 'milestone', value: q.value / 100, verb: q.verb ?? '完成', label: `完成${q.value}%` };
  return { ...base, kind: 'percent', value: q.value, label: `${rateName(local) ?? ''}${labelOf(null, q)}` };
}

function fromQuantity(t: string, q: Readonly<Quantity>): SubTarget | null {
  if (DURATION_UNITS.has(q.unit) || q.category === 'points') return null;
  const cs = clauseStart(t, q.span[0]);
  const local = compact(t.slice(cs, q.span[0]));
  const after = compact(t.slice(q.span[1], clauseEnd(t, q.span[1]))).slice(0, 8);
  const base: SubTargetBase = {
    verb: q.verb,
    unit: q.unit,
    object: q.object ?? topicBefore(local),
    text: q.text,
    span: [q.span[0], q.span[1]],
    comparator: comparatorOf(q, local),
  };
  if (q.category === 'percent') return percentTarget(q, base, local, after);
  const perHead = /不低于|不少于|达到/.test(q.qualifier ?? '') && /人均|户均|月均|每人|每月|标准|水平/.test(local);
  if (q.unit.includes('/') || (q.category === 'money' && (STANDARD_CTX.test(local) || perHead))) {
    const lower = /不超过|不高于|(?<!不)低于|以内/.test(`${local.slice(-4)}${q.qualifier ?? ''}`);
    return { ...base, kind: lower ? 'lowerBetter' : 'standard', value: q.value, label: labelOf(null, q) };
  }
  if (q.category === 'money') return { ...base, kind: 'money', value: q.value, label: labelOf(q.verb, q) };
  return { ...base, kind: 'quantity', value: q.value, label: labelOf(q.verb, q) };
}

/** The rate a percentage refers to ("失业率", "覆盖率"), or null. */
export function rateName(local: string): string | null {
  const m = /([^\s,;。、\d%]{1,4}率)[^率]{0,4}$/.exec(local);
  return m?.[1] ?? null;
}

/**
 * Month and day of a deadline match: 年底 = December; "10月中旬" = 20 October; "10月前" = before October, i.e. the
 * end of September. Null when the month is not a month.
 */
function deadlineDate(m: RegExpMatchArray): { month: number; day: number | null } | null {
  if (m[1] === '年底' || m[1] === '年末') return { month: 12, day: null };
  const mv = /^\d/.test(m[2] ?? '') ? Number(m[2]) : parseChineseNumeral(m[2] ?? '');
  if (!mv || mv < 1 || mv > 12) return null;
  const part = m[3];
  if (m[4]) return { month: mv, day: Number(m[4]) };
  if (part === '上旬') return { month: mv, day: 10 };
  if (part === '中旬') return { month: mv, day: 20 };
  if (!part && m[5]) return mv - 1 < 1 ? null : { month: mv - 1, day: null };
  return { month: mv, day: null };
}

function deadlines(t: string): SubTarget[] {
  const out: SubTarget[] = [];
  for (const m of allMatches(DEADLINE, t)) {
    const whole = m[0];
    const before = m[5];
    const verb = m[6] ?? null;
    if (!before && !verb) continue;
    if (!before && !m[3]) continue;
    const date = deadlineDate(m);
    if (!date) continue;
    const start = m.index ?? 0;
    const text = whole.trim();
    out.push({
      kind: 'deadline',
      verb,
      value: null,
      unit: null,
      comparator: null,
      object: null,
      text,
      span: [start, start + whole.length],
      deadline: date,
      label: text,
    });
  }
  return out;
}

/** Recent targets: a project's target is parsed again for every keystroke and every report of the project. */
const RECENT = new Map<string, SubTarget[]>();

function copyOf(subs: SubTarget[]): SubTarget[] {
  return subs.map((s) => {
    const c: SubTarget = { ...s, span: [s.span[0], s.span[1]] };
    if (s.deadline) c.deadline = { ...s.deadline };
    return c;
  });
}

/** Parse a target (annual or period) into sub-targets, in text order. */
export function parseTarget(text: string, options: { units?: UnitDef[] } = {}): SubTarget[] {
  if (!text?.trim()) return [];
  if (options.units && options.units.length > 0) return parseUncached(text, options);
  const hit = RECENT.get(text);
  if (hit) return copyOf(hit);
  const out = parseUncached(text, options);
  if (RECENT.size >= 64) RECENT.clear();
  RECENT.set(text, copyOf(out));
  return out;
}

function parseUncached(text: string, options: { units?: UnitDef[] }): SubTarget[] {
  const t = normalizeText(text);
  const qs = quantitiesOf(text, { context: 'target', units: options.units });
  const subs: SubTarget[] = [];
  for (const q of qs) {
    const s = fromQuantity(t, q);
    if (s) subs.push(s);
  }
  const hasMeasure = subs.some((s) => s.kind !== 'deadline');
  if (!hasMeasure) {
    const m = COMPLETE_WORDS.exec(t);
    if (m) {
      const start = m.index;
      subs.push({
        kind: 'milestone',
        verb: m[0].startsWith('完成') ? '完工' : m[0],
        value: 1,
        unit: null,
        comparator: '>=',
        object: null,
        text: m[0],
        span: [start, start + m[0].length],
        label: m[0],
      });
    }
  }
  subs.push(...deadlines(t));
  return subs.sort((a, b) => a.span[0] - b.span[0]);
}
