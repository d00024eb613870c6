/** Progress text for one report: numbered items, problems, next steps, lag analysis — varied by combining fragments. */
import type { ReportContent } from '../model/types';
import { ACTIVITIES, NEXT_COUNT_WORKS, NEXT_DONE, NEXT_ON_TRACK, WORK } from './fragments';
import { fillSlots, phrase } from './names';
import { MINOR_PROBLEMS } from './problems';
import type { Rng } from './rng';
import type { Assignment } from './traj';

export type ContentInput = {
  rng: Rng;
  a: Assignment;
  /** Quarter 1..3. */
  q: number;
  /** Progress of sub-items, for a parent project. */
  children: { name: string; pct: number }[];
};

const numbered = (items: string[]) => items.map((s, i) => `${i + 1}.${s.replace(/[。；;]+$/, '')}。`).join('\n');

/** The figure of indicator i as a clause ("累计新增托位300个"); null for deadlines and milestones. */
function indicatorClause(a: Assignment, vals: (number | null)[], i: number): string | null {
  const ref = a.inds[i]!;
  const v = vals[i] ?? null;
  const p = ref.spec.p ?? ref.spec.t;
  switch (ref.ind.kind) {
    case 'deadline':
    case 'milestone':
      return null;
    case 'percent':
    case 'lower_better':
    case 'standard':
      return phrase(p, v);
    default:
      return ref.ind.targetValue === null ? `今年以来累计${phrase(p, v)}` : `累计${phrase(p, v)}`;
  }
}

/** A works project: the construction stage for its milestone, then what the finished works will provide. */
function milestoneItems(input: ContentInput, ms: number, vals: (number | null)[]): string[] {
  const { rng, a, q } = input;
  const items: string[] = [];
  const pct = vals[ms] ?? 0;
  const T = a.inds[ms]!.ind.targetValue ?? 100;
  const w = WORK[a.plan.spec.w ?? 'generic'];
  const slot = (s: string) => fillSlots(rng, s, q);
  if (pct <= 0) items.push(slot(rng.pick(w.pre)));
  else if (pct < 40) items.push(`已进场施工，${slot(rng.pick(w.early))}，完成总工程量${pct}%`);
  else if (pct < T) {
    const stage = slot(rng.pick(pct >= 75 ? w.late : w.mid));
    items.push(rng.chance(0.5) ? `${stage}，完成总工程量${pct}%` : `完成总体形象进度${pct}%，${stage}`);
  } else if (T < 100) items.push(`已完成年度目标工程量，累计完成总工程量${pct}%`);
  else items.push(`已完工，${rng.pick(['正在开展竣工验收', '已完成竣工验收', '已完成竣工验收并投入使用'])}`);
  const extra = a.inds.map((_, i) => (i === ms ? null : a.inds[i]!)).filter((r) => r && r.ind.kind === 'quantity');
  for (const r of extra) items.push(`项目建成后可${phrase(r!.spec.t, r!.ind.targetValue)}`);
  return items;
}

/** Where a campaign (专项行动) stands at fraction f of the year. */
function campaignStage(rng: Rng, f: number): string {
  if (f >= 1) return '已按期完成专项行动各项任务';
  if (f < 0.35) return '已制定专项行动方案，明确任务分工和时间节点';
  if (f < 0.7) return `已开展集中排查，累计排查在建项目和重点企业${rng.int(60, 240)}家`;
  return `专项行动全面铺开，已办结相关线索${rng.int(40, 160)}条`;
}

/** A project with a deadline indicator: the dated milestone (e.g. 6月底前投入运营) or the campaign stage. */
function deadlineItem(input: ContentInput, dl: number): string | null {
  const { rng, a, q } = input;
  const month = q * 3;
  const due = dl >= 0 ? a.inds[dl]!.ind.deadline : null;
  if (due && a.plan.spec.tpl !== 'deadline') {
    const [, mm, dd] = due.split('-').map(Number);
    const what = a.inds[dl]!.ind.name;
    if (mm! <= month && a.sa[q - 1] !== '滞后') return `已于${mm}月${rng.int(1, dd!)}日${what}`;
    return `正在加快推进，计划${mm! <= month ? month + 1 : mm}月底前${what}`;
  }
  return dl >= 0 ? campaignStage(rng, a.f[q - 1]!) : null;
}

/** What the first indicator's figure means against its target ("，完成年度目标的60%"). */
function figureVerdict(input: ContentInput, v: number | null | undefined, shareOrg: boolean): string {
  const { rng, a, q } = input;
  const first = a.inds[0]!;
  const kind = first.ind.kind;
  if (kind === 'lower_better') return v != null && v > first.ind.targetValue! ? '，高于目标值' : '，控制在目标范围内';
  if (kind === 'standard') return a.sa[q - 1] === '已完成' ? '，已按新标准足额发放' : '，新标准测算方案正按程序报批';
  if ((kind !== 'quantity' && kind !== 'money') || !first.ind.targetValue || v == null) return '';
  const r = Math.round((v / first.ind.targetValue) * 100);
  if (r >= 100) return r > 100 ? '，已超额完成年度目标任务' : '，已完成全年目标任务';
  if (shareOrg) return `，完成本街道任务的${r}%`;
  return rng.pick([`，完成年度目标的${r}%`, `，占年度任务的${r}%`, `，为年度目标的${r}%`]);
}

/** The figures of all indicators in one sentence, with a verdict on the first; null when there are none. */
function figuresItem(input: ContentInput, vals: (number | null)[]): string | null {
  const { rng, a, q } = input;
  const clauses = a.inds.map((_, i) => indicatorClause(a, vals, i)).filter((c): c is string => c !== null);
  if (!clauses.length) return null;
  const month = q * 3;
  const shareOrg = a.plan.shareOrgIds.includes(a.org.id);
  const rate = a.plan.spec.tpl === 'rate';
  const prefix = rate ? `截至${month}月底，` : shareOrg ? '本街道' : rng.pick(['', '全区', `截至${month}月底，`]);
  return `${prefix}${clauses.join('，')}${figureVerdict(input, vals[0], shareOrg)}`;
}

/** The first progress item: what the numbers say. */
function mainItem(input: ContentInput): string[] {
  const { a, q } = input;
  const vals = a.values[q - 1]!;
  const ms = a.inds.findIndex((r) => r.ind.kind === 'milestone');
  if (ms >= 0) return milestoneItems(input, ms, vals);
  const items: string[] = [];
  const dated = deadlineItem(
    input,
    a.inds.findIndex((r) => r.ind.kind === 'deadline'),
  );
  if (dated !== null) items.push(dated);
  const figures = figuresItem(input, vals);
  if (figures !== null) items.push(figures);
  if (input.children.length)
    items.push(
      input.children.map((c) => (c.pct >= 100 ? `${c.name}已完工` : `${c.name}完成总工程量${c.pct}%`)).join('；'),
    );
  return items;
}

const nextMonths = (q: number, rng: Rng): [number, number] => {
  const m1 = q === 1 ? rng.int(4, 5) : q === 2 ? rng.int(7, 8) : rng.int(10, 11);
  return [m1, Math.min(12, m1 + 1)];
};

type Months = { M1: string; M2: string; M: string };
type Outlook = Pick<ReportContent, 'problems' | 'nextSteps' | 'lagAnalysis'>;

/** A lagging report: the reason's problem and remedies, and (from Q2, always for key projects) the lag analysis. */
function laggingOutlook(input: ContentInput, reason: NonNullable<Assignment['reason']>, months: Months): Outlook {
  const { rng, a, q } = input;
  const problems = fillSlots(rng, reason.problem, q, months);
  const nextSteps = numbered(reason.next.map((s) => fillSlots(rng, s, q, months)));
  let lagAnalysis: ReportContent['lagAnalysis'] = null;
  if (q >= 2 && (a.plan.project.flags.includes('key_supervision') || rng.chance(0.6)))
    lagAnalysis = { problems, subjective: reason.subjective, objective: reason.objective, plan: nextSteps };
  return { problems, nextSteps, lagAnalysis };
}

/** On track: now and then a minor problem; next steps name the next stage or the next figure. */
function onTrackOutlook(input: ContentInput, months: Months): Outlook {
  const { rng, a, q } = input;
  const type = a.plan.project.type;
  let problems = '无';
  if (type === '工程类' && rng.chance(0.08)) problems = rng.pick(MINOR_PROBLEMS);
  const ms = a.inds.find((r) => r.ind.kind === 'milestone');
  const pct = ms ? (a.values[q - 1]![a.inds.indexOf(ms)] ?? 0) : 0;
  const stage = pct < 40 ? '主体结构施工' : pct < 80 ? '主体工程' : '完工并组织竣工验收';
  const first = a.inds[0];
  const T = first?.ind.targetValue ?? null;
  const next =
    first && T !== null && (first.ind.kind === 'quantity' || first.ind.kind === 'money')
      ? phrase(first.spec.p ?? first.spec.t, Math.min(T, Math.round(T * Math.min(1, a.f[q - 1]! + 0.25))))
      : '';
  const source = (type === '工程类' && !ms ? NEXT_COUNT_WORKS : NEXT_ON_TRACK[type]).filter(
    (s) => next !== '' || !s.includes('{next}'),
  );
  const pool = source.map((s) => s.replaceAll('{stage}', stage).replaceAll('{next}', next));
  const nextSteps = numbered(rng.sample(pool, rng.int(1, 2)).map((s) => fillSlots(rng, s, q, months)));
  return { problems, nextSteps, lagAnalysis: null };
}

function outlook(input: ContentInput, sa: string, months: Months): Outlook {
  const { rng, a } = input;
  if (sa === '滞后' && a.reason) return laggingOutlook(input, a.reason, months);
  if (sa === '已完成') {
    const nextSteps = rng.chance(0.3) ? '无' : numbered(rng.sample(NEXT_DONE[a.plan.project.type], rng.int(1, 2)));
    return { problems: '无', nextSteps, lagAnalysis: null };
  }
  return onTrackOutlook(input, months);
}

function targetAdjustmentNote(a: Assignment, q: number): string {
  const adj = a.plan.adjust;
  if (adj && q === 3) return `年度目标由${adj.fromText}调整为${adj.toText}，已经区政府常务会议审议同意。`;
  if (adj && q === 2) return `已申请将年度目标由${adj.fromText}调整为${adj.toText}，待区政府常务会议审议。`;
  return '';
}

function indicatorValues(a: Assignment, q: number, sa: string): ReportContent['values'] {
  return a.inds.map((r, i) => {
    const value = a.values[q - 1]![i] ?? null;
    if (r.ind.kind === 'deadline' && r.ind.deadline) {
      const [, mm, dd] = r.ind.deadline.split('-');
      const note = sa === '已完成' ? '已按期完成' : `预计${Number(mm)}月${Number(dd)}日前完成`;
      return { indicatorId: r.ind.id, value, note };
    }
    return { indicatorId: r.ind.id, value };
  });
}

/** Compose the full content of one report. */
export function composeContent(input: ContentInput): ReportContent {
  const { rng, a, q } = input;
  const sa = a.sa[q - 1]!;
  const type = a.plan.project.type;
  const spec = a.plan.spec;
  const items = mainItem(input);
  const acts = rng.sample(ACTIVITIES[type], rng.int(1, 2)).map((s) => fillSlots(rng, s, q));
  if (spec.det && rng.chance(0.6)) acts.unshift(fillSlots(rng, rng.pick(spec.det), q));
  items.push(...acts.slice(0, 4 - Math.min(items.length, 3)));
  let progressText = numbered(items);
  if (rng.chance(0.35)) progressText = `${progressText.slice(0, -1)}（${sa}）。`;
  const [m1, m2] = nextMonths(q, rng);
  const { problems, nextSteps, lagAnalysis } = outlook(input, sa, { M1: String(m1), M2: String(m2), M: String(m1) });
  return {
    progressText,
    selfAssessment: sa,
    problems,
    nextSteps,
    targetAdjustmentNote: targetAdjustmentNote(a, q),
    completedAnnualTarget: sa === '已完成',
    values: indicatorValues(a, q, sa),
    lagAnalysis,
  };
}

/** An incomplete version of the same content: first item only, no next steps (self-assessment kept when handed in). */
export function partialContent(rng: Rng, full: ReportContent, handedIn: boolean): ReportContent {
  const first = full.progressText.split('\n')[0] ?? '';
  return {
    ...full,
    progressText: first.replace(/（[^）]*）。$/, '。'),
    selfAssessment: handedIn || rng.chance(0.5) ? full.selfAssessment : null,
    nextSteps: '',
    lagAnalysis: null,
    values: full.values.map((v) => ({ ...v })),
  };
}
