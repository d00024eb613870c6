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

/** The first progress item: what the numbers say. */
function mainItem(input: ContentInput): string[] {
  const { rng, a, q } = input;
  const vals = a.values[q - 1]!;
  const spec = a.plan.spec;
  const shareOrg = a.plan.shareOrgIds.includes(a.org.id);
  const month = q * 3;
  const items: string[] = [];
  const clause = (i: number): string | null => {
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
  };
  const ms = a.inds.findIndex((r) => r.ind.kind === 'milestone');
  if (ms >= 0) {
    const pct = vals[ms] ?? 0;
    const T = a.inds[ms]!.ind.targetValue ?? 100;
    const w = WORK[spec.w ?? 'generic'];
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
  const dl = a.inds.findIndex((r) => r.ind.kind === 'deadline');
  const due = dl >= 0 ? a.inds[dl]!.ind.deadline : null;
  if (due && spec.tpl !== 'deadline') {
    // A dated milestone of another project (e.g. 6月底前投入运营).
    const [, mm, dd] = due.split('-').map(Number);
    const what = a.inds[dl]!.ind.name;
    if (mm! <= month && a.sa[q - 1] !== '滞后') items.push(`已于${mm}月${rng.int(1, dd!)}日${what}`);
    else items.push(`正在加快推进，计划${mm! <= month ? month + 1 : mm}月底前${what}`);
  } else if (dl >= 0) {
    const f = a.f[q - 1]!;
    items.push(
      f >= 1
        ? '已按期完成专项行动各项任务'
        : f < 0.35
          ? '已制定专项行动方案，明确任务分工和时间节点'
          : f < 0.7
            ? `已开展集中排查，累计排查在建项目和重点企业${rng.int(60, 240)}家`
            : `专项行动全面铺开，已办结相关线索${rng.int(40, 160)}条`,
    );
  }
  const clauses = a.inds.map((_, i) => clause(i)).filter((c): c is string => c !== null);
  if (clauses.length) {
    const rate = spec.tpl === 'rate';
    const prefix = rate ? `截至${month}月底，` : shareOrg ? '本街道' : rng.pick(['', '全区', `截至${month}月底，`]);
    let text = `${prefix}${clauses.join('，')}`;
    const first = a.inds[0]!;
    const v = vals[0];
    if (first.ind.kind === 'lower_better')
      text += v != null && v > first.ind.targetValue! ? '，高于目标值' : '，控制在目标范围内';
    else if (first.ind.kind === 'standard')
      text += a.sa[q - 1] === '已完成' ? '，已按新标准足额发放' : '，新标准测算方案正按程序报批';
    else if ((first.ind.kind === 'quantity' || first.ind.kind === 'money') && first.ind.targetValue && v != null) {
      const r = Math.round((v / first.ind.targetValue) * 100);
      if (r >= 100) text += r > 100 ? '，已超额完成年度目标任务' : '，已完成全年目标任务';
      else if (shareOrg) text += `，完成本街道任务的${r}%`;
      else text += rng.pick([`，完成年度目标的${r}%`, `，占年度任务的${r}%`, `，为年度目标的${r}%`]);
    }
    items.push(text);
  }
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
  const months = { M1: String(m1), M2: String(m2), M: String(m1) };
  let problems = '无';
  let nextSteps: string;
  let lagAnalysis: ReportContent['lagAnalysis'] = null;
  if (sa === '滞后' && a.reason) {
    problems = fillSlots(rng, a.reason.problem, q, months);
    nextSteps = numbered(a.reason.next.map((s) => fillSlots(rng, s, q, months)));
    if (q >= 2 && (a.plan.project.flags.includes('key_supervision') || rng.chance(0.6)))
      lagAnalysis = { problems, subjective: a.reason.subjective, objective: a.reason.objective, plan: nextSteps };
  } else if (sa === '已完成') {
    nextSteps = rng.chance(0.3) ? '无' : numbered(rng.sample(NEXT_DONE[type], rng.int(1, 2)));
  } else {
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
    nextSteps = numbered(rng.sample(pool, rng.int(1, 2)).map((s) => fillSlots(rng, s, q, months)));
  }
  const adj = a.plan.adjust;
  let targetAdjustmentNote = '';
  if (adj && q === 2)
    targetAdjustmentNote = `已申请将年度目标由${adj.fromText}调整为${adj.toText}，待区政府常务会议审议。`;
  if (adj && q === 3)
    targetAdjustmentNote = `年度目标由${adj.fromText}调整为${adj.toText}，已经区政府常务会议审议同意。`;
  return {
    progressText,
    selfAssessment: sa,
    problems,
    nextSteps,
    targetAdjustmentNote,
    completedAnnualTarget: sa === '已完成',
    values: a.inds.map((r, i) => {
      const value = a.values[q - 1]![i] ?? null;
      if (r.ind.kind === 'deadline' && r.ind.deadline) {
        const [, mm, dd] = r.ind.deadline.split('-');
        const note = sa === '已完成' ? '已按期完成' : `预计${Number(mm)}月${Number(dd)}日前完成`;
        return { indicatorId: r.ind.id, value, note };
      }
      return { indicatorId: r.ind.id, value };
    }),
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
