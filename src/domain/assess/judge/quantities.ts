/** extractQuantities: numbers with units, qualifiers, spans and kinds (cumulative / period / percent / money / other). */
import {
  clauseEnd,
  clauseStart,
  compact,
  findObject,
  findVerb,
  isStrongPlan,
  isTotal,
  type MarkerClass,
  nearestMarker,
  postSignal,
  topicBefore,
  VERBS,
} from './context';
import { normalizeText } from './numerals';
import { ACTION_PRELIM, isPrelimVerb, preliminaryOf } from './preliminary';
import { type RawQuantity, scanQuantities } from './scan';
import type { ExtractOptions, Quantity, QuantityKind } from './types';
import { sameBase, unitTable } from './units';

// verbs of preliminary work are found as a quantity's verb, but do not by themselves make a number cumulative
const ACTION = new RegExp(
  VERBS.filter((v) => v !== '为' && v !== '达' && (!isPrelimVerb(v) || ACTION_PRELIM.includes(v))).join('|'),
);

const DONE_TASK = /(?:已|均已)?(?:提前|超额|全面)?完成了?(?:全年|年度)(?:目标)?(?:任务)?(?=[,，;；]?$)/;

const DURATIONS = new Set(['天', '个月', '周', '工作日', '个工作日']);

function kindFromMarker(m: MarkerClass): QuantityKind {
  return m === 'cum' ? 'cumulative' : m === 'period' ? 'period' : 'other';
}

/** Kind plus whether it came from a marker in the number's own clause. */
type Classified = { kind: QuantityKind; explicit: boolean };

/**
 * The number's own clause, read once and shared by every rule: where it starts, its compact text before the number
 * (`local`) and after the quantity (`after`).
 */
type Around = { cs: number; local: string; after: string };

function around(t: string, q: RawQuantity): Around {
  const cs = clauseStart(t, q.numStart);
  return { cs, local: compact(t.slice(cs, q.start)), after: compact(t.slice(q.end, clauseEnd(t, q.end))) };
}

function classify(t: string, q: RawQuantity, a: Around, context: 'progress' | 'target'): Classified {
  const kind = classifyKind(t, q, a, context);
  const near = nearestMarker(a.local);
  return { kind, explicit: near === 'cum' || near === 'period' };
}

const PER_HEAD_MONEY = /每|标准|人均|户均|月均|年均/;

/** Kinds decided by the unit alone: percentages, points/rates/durations, amounts (per-head standards are not). */
function kindByUnit(q: RawQuantity, local: string): QuantityKind | null {
  if (q.category === 'percent') return 'percent';
  if (q.category === 'points' || q.unit.includes('/') || DURATIONS.has(q.unit)) return 'other';
  if (q.category === 'money') return PER_HEAD_MONEY.test(local) ? 'other' : 'money';
  return null;
}

/** Kinds decided by the words around the number in its own clause; null when they say nothing. */
/** After a figure: its clause goes on to what is done of it, with a figure of its own ("…建设已完成2个"). */
const RESTATED_BEFORE_DONE = /^[^,;。!?\n()]{0,14}?已经?[\u4e00-\u9fff]{0,4}?\d/;

/** "其中完工", "其中已建成": the part of a count that is finished. */
const DONE_PART = /其中(?:已经?)?(?:完工|竣工|建成|完成|投用|投入使用)(?:了)?$/;

function kindByClause(local: string, after: string): QuantityKind | null {
  const near = nearestMarker(local);
  const post = postSignal(after);
  if (near === 'plan') return 'other';
  if (post === 'pending') return 'other';
  if (near === 'cum' || near === 'period') return kindFromMarker(near);
  // "3个养老机构建设已完成2个": the first figure restates the target, the one after 已 is what is done
  if (post === 'done') return RESTATED_BEFORE_DONE.test(after) ? 'other' : 'cumulative';
  // "已为其中186户安装": a part with its own 已/累计 before 其中 is itself done; so is "其中完工5个" (the part finished)
  if (near === 'dist')
    return nearestMarker(local.replace(/其中.*$/, '')) === 'cum' || DONE_PART.test(local) ? 'cumulative' : 'other';
  return null;
}

function classifyKind(t: string, q: RawQuantity, a: Around, context: 'progress' | 'target'): QuantityKind {
  const byUnit = kindByUnit(q, a.local);
  if (byUnit) return byUnit;
  if (context === 'target') return 'other';
  const { cs, local, after } = a;
  const byClause = kindByClause(local, after);
  if (byClause) return byClause;
  const ss = clauseStart(t, cs, true);
  // "已提前完成全年任务，新建…356公里": a completed year's task is not a plan carried to the next clause
  const prefix = compact(t.slice(ss, cs)).replace(DONE_TASK, '已');
  const carry = nearestMarker(prefix);
  if (carry && (carry !== 'plan' || isStrongPlan(prefix))) return kindFromMarker(carry);
  if (ACTION.test(local)) return 'cumulative';
  if (/^.{0,8}?(?:完成|建成|完工|竣工|投用|投入使用)/.test(after)) return 'cumulative';
  const rest = t.slice(clauseEnd(t, q.end), clauseEnd(t, q.end) + 60).split(/[;。!?\n]/)[0] ?? '';
  if (/正在|尚未|待|计划|预计|拟/.test(rest)) return 'other';
  return ACTION.test(after.slice(0, 8)) || ACTION.test(prefix) ? 'cumulative' : 'other';
}

/**
 * The quantities just before `total` in its sentence (same unit base) whose running sum reaches the total (within
 * 0.5%); null when no such run exists.
 */
function breakdownOf(t: string, qs: Quantity[], i: number, total: Quantity): Quantity[] | null {
  const sentence = clauseStart(t, total.span[0], true);
  let sum = 0;
  const parts: Quantity[] = [];
  for (let j = i - 1; j >= 0; j--) {
    const p = qs[j];
    if (!p || p.span[0] < sentence) return null;
    if (p.unit !== total.unit && !sameBase(p.unit, total.unit)) continue;
    sum += p.value;
    parts.push(p);
    if (parts.length >= 2 && Math.abs(sum - total.value) <= Math.max(0.005 * total.value, 1e-9)) return parts;
    if (sum > total.value) return null;
  }
  return null;
}

/** Mark components of a breakdown that sums to a stated total ("12户…60户…合计72户") as 'other'. */
function markBreakdowns(t: string, qs: Quantity[], explicit: Set<number>): void {
  for (let i = 0; i < qs.length; i++) {
    const total = qs[i];
    if (!total?.total) continue;
    const parts = breakdownOf(t, qs, i, total);
    if (!parts || parts.some((x) => explicit.has(x.span[0]))) continue;
    for (const x of parts) if (x.kind !== 'percent' && x.kind !== 'money') x.kind = 'other';
  }
}

/**
 * A restated target heading a sentence ("新建5处驿站，目前2处已开放…") is not completion: a number without its
 * own time marker or "已…" after it, followed in the same sentence by a clause opening with 目前/现/截至目前 that holds
 * another count of the same kind, becomes 'other'.
 */
function markHeadings(t: string, qs: Quantity[], explicit: Set<number>): void {
  for (const [i, q] of qs.entries()) {
    if (q.kind !== 'cumulative' || q.total || explicit.has(q.span[0])) continue;
    const end = clauseEnd(t, q.span[1]);
    if (postSignal(compact(t.slice(q.span[1], end))) === 'done') continue;
    if (!/^[,，:：]\s*(?:目前|现已|现|截至目前|截止目前)/.test(t.slice(end))) continue;
    const sentenceEnd = t.slice(end).search(/[;。!?\n]/);
    const limit = sentenceEnd < 0 ? t.length : end + sentenceEnd;
    const next = qs.slice(i + 1).find((x) => x.span[0] < limit && x.category === q.category);
    if (next && next.value <= q.value) q.kind = 'other';
  }
}

/** Preliminary work (摸排, 申报…) in progress text: marked, its verb kept; knowing-only work is not completion. */
function markPreliminary(q: Quantity, local: string, after: string): void {
  const pre = preliminaryOf(local, after, VERBS, postSignal(after) === 'done');
  if (!pre) return;
  q.preliminary = true;
  if (pre.verb) q.verb = pre.verb;
  if (pre.knowing && q.kind !== 'money') q.kind = 'other';
}

/** A scanned quantity with its kind, verb, object, topic and flags. */
function toQuantity(
  text: string,
  t: string,
  r: RawQuantity,
  a: Around,
  kind: Quantity['kind'],
  context: 'progress' | 'target',
): Quantity {
  const { cs, local, after } = a;
  const q: Quantity = {
    value: r.value,
    unit: r.unit,
    kind,
    qualifier: r.qualifier,
    text: text.slice(r.start, r.end),
    span: [r.start, r.end],
    category: r.category,
    verb: findVerb(local, after) ?? findVerb(compact(t.slice(clauseStart(t, cs, true), cs)), ''),
    object: findObject(t, r.end),
  };
  if (context === 'progress' && q.kind !== 'other' && q.kind !== 'percent') markPreliminary(q, local, after);
  const topic = topicBefore(local);
  if (topic) q.topic = topic;
  if (r.max !== undefined) q.max = r.max;
  if (isTotal(local)) q.total = true;
  if (r.implicitUnit) q.implicitUnit = true;
  if (kind === 'money' && nearestMarker(local) === 'period') q.periodAmount = true;
  return q;
}

/** Recent results by context: judging a statement and checking its writing read the same texts. */
const RECENT_PROGRESS = new Map<string, Quantity[]>();
const RECENT_TARGET = new Map<string, Quantity[]>();

function copyOf(qs: readonly Quantity[]): Quantity[] {
  return qs.map((q) => ({ ...q, span: [q.span[0], q.span[1]] }));
}

/** Extract quantities from a progress (or target) statement (the caller's own copy). */
export function extractQuantities(text: string, options: ExtractOptions = {}): Quantity[] {
  if (options.units && options.units.length > 0) return extractUncached(text, options);
  return copyOf(quantitiesOf(text, options));
}

/**
 * The quantities of a text as remembered, not a copy: for readers inside the engine that change neither the list nor
 * its quantities (nor keep their spans).
 */
export function quantitiesOf(text: string, options: ExtractOptions = {}): readonly Readonly<Quantity>[] {
  if (options.units && options.units.length > 0) return extractUncached(text, options);
  const recent = options.context === 'target' ? RECENT_TARGET : RECENT_PROGRESS;
  const hit = recent.get(text);
  if (hit) return hit;
  const out = extractUncached(text, options);
  if (recent.size >= 32) recent.clear();
  recent.set(text, out);
  return out;
}

function extractUncached(text: string, options: ExtractOptions): Quantity[] {
  const context = options.context ?? 'progress';
  const t = normalizeText(text);
  const table = unitTable(options.units);
  const raws = scanQuantities(t, table);
  const explicit = new Set<number>();
  const out: Quantity[] = raws.map((r) => {
    const a = around(t, r);
    const cl = classify(t, r, a, context);
    if (cl.explicit) explicit.add(r.start);
    return toQuantity(text, t, r, a, cl.kind, context);
  });
  if (context === 'progress') {
    markBreakdowns(t, out, explicit);
    markHeadings(t, out, explicit);
  }
  return out;
}
