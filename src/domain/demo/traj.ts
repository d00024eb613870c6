/** Progress trajectories: for every project × lead unit, cumulative values and self-assessments at Q1–Q3. */
import type { Organization } from '../model/types';
import type { IndRef, Plan } from './plan';
import { LAG_REASONS, type LagFit, type LagReason } from './problems';
import type { Rng } from './rng';

export type SelfAssessment = '按计划推进' | '滞后' | '已完成';
export type Profile = 'early' | 'ontrack' | 'lag' | 'lateLag';

/** One lead unit's part of a project over the three past quarters (index 0 = Q1). */
export type Assignment = {
  plan: Plan;
  org: Organization;
  inds: IndRef[];
  profile: Profile;
  f: number[];
  lagFrom: number;
  reason: LagReason | null;
  values: (number | null)[][];
  sa: SelfAssessment[];
};

const PROFILES: [Profile, number][] = [
  ['early', 0.2],
  ['ontrack', 0.6],
  ['lag', 0.11],
  ['lateLag', 0.09],
];

const u = (rng: Rng, a: number, b: number) => a + rng.float() * (b - a);

function fractions(rng: Rng, p: Profile): { f: number[]; lagFrom: number } {
  switch (p) {
    case 'early': {
      const f2 = rng.chance(0.4) ? 1 : u(rng, 0.75, 0.95);
      return { f: [u(rng, 0.3, 0.5), f2, 1], lagFrom: 9 };
    }
    case 'ontrack':
      return { f: [u(rng, 0.12, 0.32), u(rng, 0.4, 0.62), rng.chance(0.15) ? 1 : u(rng, 0.68, 0.92)], lagFrom: 9 };
    case 'lag':
      return { f: [u(rng, 0.03, 0.12), u(rng, 0.12, 0.28), u(rng, 0.25, 0.5)], lagFrom: rng.chance(0.2) ? 1 : 2 };
    case 'lateLag':
      return { f: [u(rng, 0.12, 0.3), u(rng, 0.35, 0.5), u(rng, 0.42, 0.58)], lagFrom: 3 };
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A counted or amounted indicator with a target: the fraction of it (never reaching it before the year is done). */
function countValue(rng: Rng, ref: IndRef, T: number, profile: Profile, fq: number, jitter: number): number {
  const { ind } = ref;
  const decimals = ind.unit === '万元' || ind.unit === '公里' || (ind.unit === '%' && T < 100);
  const r = (n: number) => (decimals ? round1(n) : Math.round(n));
  if (fq >= 1) return ind.unit === '%' || profile !== 'early' ? T : r(T * u(rng, 1, 1.08));
  return Math.min(r(T * fq * jitter), decimals ? round1(T * 0.98) : Math.max(0, Math.ceil(T * 0.98) - 1));
}

type QuarterInput = { q: number; fq: number; profile: Profile; lagFrom: number; jitter: number; base: number };

/** The value of one indicator in quarter q (before it is made cumulative). */
function quarterValue(rng: Rng, ref: IndRef, x: QuarterInput): number | null {
  const { ind, spec } = ref;
  const T = ind.targetValue;
  const { q, fq, profile } = x;
  switch (ind.kind) {
    case 'deadline':
      return null;
    case 'lower_better':
      return round1(q >= x.lagFrom ? T! + u(rng, 0.1, 0.3) : T! - u(rng, 0.3, 1.0));
    case 'standard':
      return profile === 'early' || (profile === 'ontrack' && q >= 2) ? T : (spec.base ?? T);
    case 'milestone':
      return fq >= 1 ? T! : Math.min(T! - 5, Math.round((T! * fq) / 5) * 5);
  }
  if (T === null) return Math.round(x.base * q * x.jitter);
  // Rates (覆盖率, 接种率…) start well above zero and approach the target.
  if (ind.kind === 'percent') return fq >= 1 ? T : Math.min(round1(T * (0.55 + 0.45 * fq)), round1(T * 0.98));
  return countValue(rng, ref, T, profile, fq, x.jitter);
}

/** Cumulative values of one indicator at Q1–Q3 for the given fractions. */
function indicatorValues(rng: Rng, ref: IndRef, profile: Profile, f: number[], lagFrom: number): (number | null)[] {
  const out: (number | null)[] = [];
  let prev = 0;
  const jitter = u(rng, 0.95, 1.03);
  const base = rng.int(80, 600);
  for (let q = 1; q <= 3; q++) {
    let v = quarterValue(rng, ref, { q, fq: f[q - 1]!, profile, lagFrom, jitter, base });
    if (v !== null && ref.ind.kind !== 'lower_better') {
      v = Math.max(v, prev);
      prev = v;
    }
    out.push(v);
  }
  return out;
}

function assess(a: Omit<Assignment, 'sa'>, q: number): SelfAssessment {
  if (a.plan.spec.routine) return '按计划推进';
  const first = a.inds[0];
  const v = a.values[q - 1]![0] ?? null;
  if (first?.ind.kind === 'standard') {
    if (v !== null && first.ind.targetValue !== null && v >= first.ind.targetValue) return '已完成';
    return q >= a.lagFrom ? '滞后' : '按计划推进';
  }
  if (first?.ind.kind === 'lower_better') return v !== null && v > first.ind.targetValue! ? '滞后' : '按计划推进';
  if (a.f[q - 1]! >= 1) return '已完成';
  return q >= a.lagFrom ? '滞后' : '按计划推进';
}

function pickProfile(rng: Rng, plan: Plan): Profile {
  if (plan.spec.routine) return 'ontrack';
  if (plan.project.flags.includes('listed_supervision')) return rng.pick(['lag', 'lag', 'lateLag'] as const);
  if (plan.spec.tpl === 'rate')
    return rng.weighted<Profile>([
      ['ontrack', 0.75],
      ['early', 0.2],
      ['lateLag', 0.05],
    ]);
  return rng.weighted(PROFILES);
}

/** Which kind of lag reasons fit a project. */
function lagFit(plan: Plan): LagFit {
  const { tpl, w } = plan.spec;
  if (tpl === 'build') return w === 'road' || w === 'pipe' ? 'road' : w === 'building' ? 'works' : 'site';
  if (plan.project.type === '工程类') return 'works';
  if (plan.project.type === '实物类') return 'facility';
  return 'service';
}

function reasonFor(rng: Rng, plan: Plan, profile: Profile): LagReason | null {
  if (profile !== 'lag' && profile !== 'lateLag') return null;
  const fit = lagFit(plan);
  return rng.pick(LAG_REASONS.filter((r) => r.fits.includes(fit)));
}

type MakeAssignment = (
  plan: Plan,
  org: Organization,
  inds: IndRef[],
  profile: Profile,
  fr?: { f: number[]; lagFrom: number },
) => Assignment;

/** Parent of sub-items: the count of finished sub-items; lagging when any sub-item lags. */
function parentAssignments(plan: Plan, byPlan: Map<Plan, Assignment[]>): Assignment[] {
  const kids = plan.children.flatMap((c) => byPlan.get(c) ?? []);
  const T = plan.inds[0]?.ind.targetValue ?? kids.length;
  return plan.leads.map((org) => {
    const values = [0, 1, 2].map((qi) => [kids.filter((k) => k.sa[qi] === '已完成').length]);
    const sa = [0, 1, 2].map((qi): SelfAssessment => {
      if (values[qi]![0]! >= T) return '已完成';
      return kids.some((k) => k.sa[qi] === '滞后') ? '滞后' : '按计划推进';
    });
    const lagKid = kids.find((k) => k.reason);
    const lagQ = sa.indexOf('滞后');
    return {
      plan,
      org,
      inds: plan.inds,
      profile: lagKid ? 'lag' : 'ontrack',
      f: values.map((v) => v[0]! / T),
      lagFrom: lagQ >= 0 ? lagQ + 1 : 9,
      reason: lagKid?.reason ?? null,
      values,
      sa,
    };
  });
}

/** A district-wide unit of a target split among streets: the sum of the streets' figures. */
function totalAssignment(rng: Rng, plan: Plan, org: Organization, streets: Assignment[]): Assignment {
  const totalRefs = plan.inds.filter((r) => r.ind.orgId === null);
  const T = totalRefs[0]?.ind.targetValue ?? 1;
  const values = [0, 1, 2].map((qi) => [streets.reduce((s, a) => s + (a.values[qi]![0] ?? 0), 0)]);
  const f = values.map((v) => v[0]! / T);
  const sa = f.map((x, qi): SelfAssessment => (x >= 1 ? '已完成' : x < 0.25 * (qi + 1) - 0.15 ? '滞后' : '按计划推进'));
  const lagQ = sa.indexOf('滞后');
  const reason = lagQ >= 0 ? reasonFor(rng, plan, 'lag') : null;
  return { plan, org, inds: totalRefs, profile: 'ontrack', f, lagFrom: lagQ >= 0 ? lagQ + 1 : 9, reason, values, sa };
}

/** A target split among streets: each street its own part (mostly the plan's profile), then the totals. */
function splitAssignments(
  rng: Rng,
  plan: Plan,
  planProfile: Profile,
  forced: Map<string, Profile>,
  make: MakeAssignment,
): Assignment[] {
  const streets: Assignment[] = [];
  for (const org of plan.leads.filter((o) => plan.shareOrgIds.includes(o.id))) {
    const p = forced.get(`${plan.project.id}/${org.id}`) ?? (rng.chance(0.7) ? planProfile : pickProfile(rng, plan));
    streets.push(
      make(
        plan,
        org,
        plan.inds.filter((r) => r.ind.orgId === org.id),
        p,
      ),
    );
  }
  const list: Assignment[] = [];
  for (const org of plan.leads.filter((o) => !plan.shareOrgIds.includes(o.id)))
    list.push(totalAssignment(rng, plan, org, streets));
  list.push(...streets);
  return list;
}

/** Several lead units of one undivided target report the same figures. */
function sharedAssignments(rng: Rng, plan: Plan, planProfile: Profile, make: MakeAssignment): Assignment[] {
  const fr = fractions(rng, planProfile);
  let first: Assignment | null = null;
  const list: Assignment[] = [];
  for (const org of plan.leads) {
    const a: Assignment = first ? { ...first, org } : make(plan, org, plan.inds, planProfile, fr);
    first ??= a;
    list.push(a);
  }
  return list;
}

/** Build assignments for all plans; `forced` fixes the profile of a project × unit ("projectId/orgId"). */
export function buildAssignments(rng: Rng, plans: Plan[], forced: Map<string, Profile>): Assignment[] {
  const out: Assignment[] = [];
  const byPlan = new Map<Plan, Assignment[]>();
  const make: MakeAssignment = (plan, org, inds, profile, fr = fractions(rng, profile)) => {
    const values: (number | null)[][] = [[], [], []];
    for (const ref of inds) {
      const vs = indicatorValues(rng, ref, profile, fr.f, fr.lagFrom);
      vs.forEach((v, qi) => {
        values[qi]!.push(v);
      });
    }
    const partial = {
      plan,
      org,
      inds,
      profile,
      f: fr.f,
      lagFrom: fr.lagFrom,
      reason: reasonFor(rng, plan, profile),
      values,
    };
    const a: Assignment = { ...partial, sa: [1, 2, 3].map((q) => assess(partial, q)) };
    return a;
  };
  const leaves = plans.filter((p) => p.children.length === 0);
  const parents = plans.filter((p) => p.children.length > 0);
  for (const plan of [...leaves, ...parents]) {
    const planProfile = forced.get(plan.project.id) ?? pickProfile(rng, plan);
    let list: Assignment[];
    if (plan.children.length) list = parentAssignments(plan, byPlan);
    else if (plan.shareOrgIds.length) list = splitAssignments(rng, plan, planProfile, forced, make);
    else list = sharedAssignments(rng, plan, planProfile, make);
    byPlan.set(plan, list);
  }
  for (const plan of plans) out.push(...(byPlan.get(plan) ?? []));
  return out;
}
