/** Expand the catalog into one district's categories, matters, projects, units in roles, indicators and targets. */
import type { ProjectFlag, ProjectLevel, UnitRole } from '../../shared/statuses';
import type { Dataset } from '../model/dataset';
import type { Indicator, Matter, Organization, Project } from '../model/types';
import { CATALOG_A } from './catalog-a';
import { CATALOG_B } from './catalog-b';
import { CATALOG_C } from './catalog-c';
import { CATALOG_D } from './catalog-d';
import type { IndSpec, ProjSpec, SpecValue, UnitRef } from './catalog-types';
import { fmt, nice, PlaceNamer, phrase } from './names';
import type { DistrictOrgs, StreetOrgs } from './orgs';
import { makeId, type Rng } from './rng';

export const CATALOG = [...CATALOG_A, ...CATALOG_B, ...CATALOG_C, ...CATALOG_D];

export type IndRef = { ind: Indicator; spec: IndSpec };

export type Plan = {
  project: Project;
  spec: ProjSpec;
  inds: IndRef[];
  leads: Organization[];
  /** Street org ids holding a share of a split target. */
  shareOrgIds: string[];
  street: StreetOrgs | null;
  parent: Plan | null;
  children: Plan[];
  adjust: { from: number; to: number; fromText: string; toText: string } | null;
};

export type PlanContext = {
  seed: number;
  d: number;
  year: number;
  orgs: DistrictOrgs;
  rng: Rng;
  programmeId: string;
  supervisorId: string;
};

type PlanTables = Pick<
  Dataset,
  'categories' | 'matters' | 'projects' | 'projectUnits' | 'indicators' | 'periodTargets' | 'targetVersions'
>;
export type PlanOutput = PlanTables & { plans: Plan[] };

const LEVELS: [ProjectLevel[], number][] = [
  [['区级'], 0.6],
  [['市级'], 0.25],
  [['市级', '区级'], 0.15],
];

const msText = (v: number) => (v >= 100 ? '完工' : `完成${v}%工程量`);

type UnitEntry = { org: Organization; role: UnitRole; note: string };
type Catalog = typeof CATALOG;

/** Builds one district's plans; the seeded random draws happen in catalog order, so the output is deterministic. */
class PlanBuilder {
  readonly out: PlanOutput = {
    plans: [],
    categories: [],
    matters: [],
    projects: [],
    projectUnits: [],
    indicators: [],
    periodTargets: [],
    targetVersions: [],
  };
  private readonly namer: PlaceNamer;
  /** Streets are handed out in a seeded cycle that starts with the first street (the demo reporter's). */
  private readonly order: number[];
  private cursor = 0;
  private seq = 0;
  private matterNo = 0;

  constructor(private readonly ctx: PlanContext) {
    const { rng, orgs } = ctx;
    this.namer = new PlaceNamer(rng, orgs.short);
    this.order = [0, ...rng.shuffle(orgs.streets.map((_, i) => i).slice(1))];
  }

  readonly id = (key: string): string => makeId(this.ctx.seed, `d${this.ctx.d}/${key}`);

  private nextStreets(n: number): StreetOrgs[] {
    const { order } = this;
    const { streets } = this.ctx.orgs;
    return Array.from({ length: Math.min(n, order.length) }, () => streets[order[this.cursor++ % order.length]!]!);
  }

  private sharedStreets(n: number): StreetOrgs[] {
    const { streets } = this.ctx.orgs;
    if (n >= streets.length) return [...streets];
    const others = this.ctx.rng.sample(streets.slice(1), n - 1);
    return [streets[0]!, ...others];
  }

  private resolve(v: SpecValue, kind: string): number | null {
    const { rng } = this.ctx;
    if (!Array.isArray(v)) return v;
    if (kind === 'milestone') return rng.pick([70, 80, 100, 100, 100, 100].filter((x) => x >= v[0] && x <= v[1]));
    return nice(rng.int(v[0], v[1]));
  }

  private unitRef(ref: UnitRef, street: StreetOrgs | null): Organization[] {
    const { rng, orgs } = this.ctx;
    if (ref === 'S') return street ? [street.org] : [];
    if (ref === 'C') return street ? rng.sample(street.communities, rng.int(1, 2)) : [];
    if (ref === 'S2' || ref === 'S3' || ref === 'S4')
      return rng.sample(orgs.streets, Number(ref.slice(1))).map((s) => s.org);
    return [orgs.bureaus[ref]];
  }

  private leadsOf(spec: ProjSpec, shared: StreetOrgs[], street: StreetOrgs | null): Organization[] {
    const leads: Organization[] = [];
    for (const ref of spec.lead) {
      if (ref === 'S') leads.push(...(shared.length ? shared.map((s) => s.org) : street ? [street.org] : []));
      else leads.push(...this.unitRef(ref, street));
    }
    return leads;
  }

  private unitsOf(spec: ProjSpec, leads: Organization[], street: StreetOrgs | null): UnitEntry[] {
    const units: UnitEntry[] = leads.map((org) => ({ org, role: 'lead', note: '' }));
    if (spec.cohost) units.push({ org: this.ctx.orgs.bureaus[spec.cohost], role: 'cohost', note: '' });
    for (const ref of spec.assist ?? [])
      for (const org of this.unitRef(ref, street)) units.push({ org, role: 'assist', note: '' });
    return units;
  }

  /** Indicator values resolved once per project; an adjusted target replaces the first one. */
  private resolveValues(spec: ProjSpec): { values: (number | null)[]; adjust: Plan['adjust'] } {
    const values = spec.ind.map((s) => this.resolve(s.v, s.k));
    if (!spec.adjust || values[0] == null) return { values, adjust: null };
    const s0 = spec.ind[0]!;
    const adjust = { from: values[0], to: spec.adjust.to, fromText: phrase(s0.t, values[0]), toText: '' };
    values[0] = spec.adjust.to;
    adjust.toText = phrase(s0.t, values[0]);
    return { values, adjust };
  }

  private indicator(s: IndSpec, v: number | null, orgId: string | null, label: string, code: string, n: number) {
    const ind: Indicator = {
      id: this.id(`indicator/${code}/${n}`),
      projectId: this.id(`project/${code}`),
      seq: n,
      name: label,
      kind: s.k,
      unit: s.unit,
      targetText: s.k === 'milestone' ? msText(v ?? 100) : s.k === 'deadline' ? s.t : phrase(s.t, v),
      targetValue: s.k === 'deadline' ? null : v,
      deadline: s.k === 'deadline' && s.d ? `${this.ctx.year}-${s.d}` : null,
      orgId,
    };
    return { ind, spec: s };
  }

  /**
   * The project's indicators: one per spec line, or for a target shared among streets the district total (when a
   * non-street unit leads) and each street's share (noted on its unit role). Returns the indicators and the sharing
   * streets.
   */
  private indicators(
    spec: ProjSpec,
    code: string,
    values: (number | null)[],
    shared: StreetOrgs[],
    leads: Organization[],
    units: UnitEntry[],
  ): { inds: IndRef[]; shareOrgIds: string[] } {
    const inds: IndRef[] = [];
    const add = (s: IndSpec, v: number | null, orgId: string | null, label: string) => {
      inds.push(this.indicator(s, v, orgId, label, code, inds.length + 1));
    };
    const shareOrgIds: string[] = [];
    if (!shared.length) {
      spec.ind.forEach((s, i) => {
        add(s, values[i]!, null, s.name);
      });
      return { inds, shareOrgIds };
    }
    const s0 = spec.ind[0]!;
    const total = values[0] ?? 0;
    if (leads.some((o) => o.kind !== 'street')) add(s0, total, null, `${s0.name}（全区）`);
    const shares = split(this.ctx.rng, total, shared.length);
    shared.forEach((st, i) => {
      add(s0, shares[i]!, st.org.id, `${s0.name}（${st.org.shortName}街道）`);
      shareOrgIds.push(st.org.id);
      const u = units.find((x) => x.org.id === st.org.id && x.role === 'lead');
      if (u) u.note = phrase(s0.t, shares[i]!);
    });
    return { inds, shareOrgIds };
  }

  private flagsOf(spec: ProjSpec): ProjectFlag[] {
    const flags: ProjectFlag[] = [];
    if (spec.key && this.ctx.rng.chance(spec.per ? 0.7 : 1)) flags.push('key_supervision');
    if (spec.listed) flags.push('listed_supervision');
    if (spec.routine) flags.push('routine');
    return flags;
  }

  /** Units in roles, each org once per role (and not as assist/co-host when it leads). */
  private addProjectUnits(code: string, projectId: string, units: UnitEntry[]): void {
    const seen = new Set<string>();
    let us = 0;
    for (const u of units) {
      const k = `${u.org.id}/${u.role}`;
      if (seen.has(k) || (u.role !== 'lead' && seen.has(`${u.org.id}/lead`))) continue;
      seen.add(k);
      us++;
      this.out.projectUnits.push({
        id: this.id(`pu/${code}/${us}`),
        projectId,
        orgId: u.org.id,
        role: u.role,
        shareNote: u.note,
        seq: us,
      });
    }
  }

  private addTargetVersion(code: string, indicatorId: string, adjust: NonNullable<Plan['adjust']>, spec: ProjSpec) {
    const { year, supervisorId } = this.ctx;
    this.out.targetVersions.push({
      id: this.id(`tv/${code}`),
      indicatorId,
      version: 1,
      oldText: adjust.fromText,
      oldValue: adjust.from,
      newText: adjust.toText,
      newValue: adjust.to,
      reason: `${spec.adjust!.reason}，经区政府常务会议审议同意调整年度目标。`,
      approvedBy: '区政府常务会议',
      approvedAt: `${year}-07-16`,
      createdBy: supervisorId,
      createdAt: `${year}-07-17T02:30:00.000Z`,
    });
  }

  makePlan(spec: ProjSpec, code: string, matter: Matter, street: StreetOrgs | null, parent: Plan | null): Plan {
    const { rng, programmeId } = this.ctx;
    const { out } = this;
    const template = Array.isArray(spec.name) ? rng.pick(spec.name) : spec.name;
    const projectId = this.id(`project/${code}`);
    const name = this.namer.fill(template, street ? `${street.org.shortName}街道` : null);
    const shared = spec.shared ? this.sharedStreets(spec.shared) : [];
    const leads = this.leadsOf(spec, shared, street);
    const units = this.unitsOf(spec, leads, street);
    const { values, adjust } = this.resolveValues(spec);
    const { inds, shareOrgIds } = this.indicators(spec, code, values, shared, leads, units);
    const flags = this.flagsOf(spec);
    const levels = spec.lv ?? rng.weighted(LEVELS);
    const project: Project = {
      id: projectId,
      programmeId,
      matterId: matter.id,
      parentId: parent?.project.id ?? null,
      code,
      name,
      levels,
      flags,
      type: spec.type,
      annualTargetText: annualTarget(rng, spec, values),
      seq: ++this.seq,
    };
    const plan: Plan = { project, spec, inds, leads, shareOrgIds, street, parent, children: [], adjust };
    parent?.children.push(plan);
    out.plans.push(plan);
    out.projects.push(project);
    this.addProjectUnits(code, projectId, units);
    out.indicators.push(...inds.map((r) => r.ind));
    addPeriodTargets(this.ctx, out, plan, shared.length > 0, this.id);
    if (adjust) this.addTargetVersion(code, inds[0]!.ind.id, adjust, spec);
    return plan;
  }

  private addMatter(ms: Catalog[number]['matters'][number], categoryId: string): void {
    const { programmeId } = this.ctx;
    const matterNo = ++this.matterNo;
    const goalText =
      ms.goals.length === 1
        ? `${ms.title}：${ms.goals[0]}`
        : `${ms.title}：\n${ms.goals.map((g, i) => `${i + 1}.${g}`).join('\n')}`;
    const matter: Matter = {
      id: this.id(`matter/${matterNo}`),
      programmeId,
      categoryId,
      number: String(matterNo),
      title: ms.title,
      goalText,
      seq: matterNo,
    };
    this.out.matters.push(matter);
    let n = 0;
    for (const spec of ms.projects) {
      for (const street of spec.per ? this.nextStreets(spec.per) : [null]) {
        n++;
        this.addProjectWithSubs(spec, ms.bare ? String(matterNo) : `${matterNo}-${n}`, matter, street);
      }
    }
  }

  /** A project and its sub-items (numbered code-1, code-2…; per street when the sub-item says so). */
  private addProjectWithSubs(spec: ProjSpec, code: string, matter: Matter, street: StreetOrgs | null): void {
    const plan = this.makePlan(spec, code, matter, street, null);
    let k = 0;
    for (const sub of spec.sub ?? [])
      for (const st of sub.per ? this.nextStreets(sub.per) : [street])
        this.makePlan(sub, `${code}-${++k}`, matter, st, plan);
  }

  addCategory(cat: Catalog[number], ci: number): void {
    const categoryId = this.id(`category/${ci + 1}`);
    this.out.categories.push({ id: categoryId, programmeId: this.ctx.programmeId, seq: ci + 1, name: cat.name });
    for (const ms of cat.matters) this.addMatter(ms, categoryId);
  }
}

/** Build every plan of one district programme. */
export function buildPlans(ctx: PlanContext): PlanOutput {
  const builder = new PlanBuilder(ctx);
  CATALOG.forEach((cat, ci) => {
    builder.addCategory(cat, ci);
  });
  topUpFlags(ctx.rng, builder.out.plans);
  return builder.out;
}

/** Split a total into n positive parts of uneven size (rounded to tens for large parts). */
function split(rng: Rng, total: number, n: number): number[] {
  const step = total / n >= 100 ? 10 : 1;
  const w = Array.from({ length: n }, () => 0.7 + rng.float() * 0.6);
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.slice(0, -1).map((x) => Math.max(step, Math.round((total * x) / sum / step) * step));
  const last = total - parts.reduce((a, b) => a + b, 0);
  if (last < 1) return Array.from({ length: n }, (_, i) => (i < total % n ? 1 : 0) + Math.floor(total / n));
  return [...parts, last];
}

function annualTarget(rng: Rng, spec: ProjSpec, values: (number | null)[]): string {
  if (spec.target) return spec.target.replaceAll('{n}', fmt(values[0] ?? 0));
  const parts: string[] = [];
  spec.ind.forEach((s, i) => {
    const v = values[i] ?? null;
    if (s.k === 'milestone') parts.push(v === 100 ? rng.pick(['完工', '完工', '完工并投入使用']) : msText(v ?? 100));
    else parts.push(s.k === 'deadline' ? s.t : phrase(s.t, v));
  });
  return `${parts.join('、')}。`;
}

const BUILD_SCHEDULE = [
  [0.05, 0.15],
  [0.3, 0.45],
  [0.6, 0.8],
];
const COUNT_SCHEDULE = [
  [0.15, 0.3],
  [0.45, 0.55],
  [0.7, 0.8],
];

type QuarterTarget = { text: string; value: number | null; cumulative: boolean };
type Share = (q: number, sched: number[][]) => number;

/** A works milestone: share of the works by quarter (the first quarter may be tendering only). */
function milestoneTarget(rng: Rng, q: number, T: number, share: Share): QuarterTarget {
  const v = q === 4 ? T : Math.round((T * share(q, BUILD_SCHEDULE)) / 5) * 5;
  if (q === 1 && v < 10)
    return { text: rng.pick(['完成施工招标并进场施工', '完成前期手续办理']), value: null, cumulative: true };
  return { text: q === 4 ? msText(T) : `完成${v}%工程量`, value: v, cumulative: true };
}

function deadlineTarget(q: number, spec: IndSpec): QuarterTarget {
  const due = Number(spec.d?.slice(0, 2) ?? 12) <= q * 3;
  const stage = ['完成方案制定和前期准备', '全面推进实施', '集中攻坚，查漏补缺'][q - 1] ?? spec.t;
  return { text: due ? spec.t : stage, value: null, cumulative: false };
}

/** Counts, amounts and rates: a cumulative share of the annual target (rates start well above zero). */
function countTarget(q: number, { ind, spec }: IndRef, share: Share): QuarterTarget {
  const T = ind.targetValue;
  if (T === null) return { text: '常态化开展', value: null, cumulative: false };
  let v = q === 4 ? T : nice(T * share(q, COUNT_SCHEDULE));
  if (ind.unit === '公里') v = q === 4 ? T : Math.round(T * share(q, COUNT_SCHEDULE));
  if (ind.kind === 'percent') v = q === 4 ? T : Math.round(T * (0.55 + 0.45 * share(q, COUNT_SCHEDULE)));
  const pre = ind.kind === 'percent' ? '' : '累计';
  return { text: q === 4 ? ind.targetText : `${pre}${phrase(spec.t, v)}`, value: v, cumulative: true };
}

function quarterTarget(rng: Rng, q: number, ref: IndRef, share: Share): QuarterTarget {
  const { ind, spec } = ref;
  const T = ind.targetValue;
  switch (ind.kind) {
    case 'milestone':
      return milestoneTarget(rng, q, T!, share);
    case 'lower_better':
      return { text: phrase(spec.t, T), value: T, cumulative: false };
    case 'standard':
      if (q === 1) return { text: '完成标准调整测算并按程序报批', value: null, cumulative: false };
      return { text: phrase(spec.t, T), value: T, cumulative: false };
    case 'deadline':
      return deadlineTarget(q, spec);
    default:
      return countTarget(q, ref, share);
  }
}

/** Quarterly targets Q1–Q4 (cumulative where it makes sense). */
function addPeriodTargets(
  ctx: PlanContext,
  out: PlanOutput,
  plan: Plan,
  shared: boolean,
  id: (key: string) => string,
): void {
  const { rng, year } = ctx;
  const code = plan.project.code;
  const share: Share = (q, sched) => {
    const r = sched[q - 1];
    return r ? r[0]! + rng.float() * (r[1]! - r[0]!) : 1;
  };
  const push = (q: number, n: number, indicatorId: string | null, t: QuarterTarget) =>
    out.periodTargets.push({
      id: id(`pt/${code}/${q}/${n}`),
      projectId: plan.project.id,
      indicatorId,
      periodKey: `${year}-Q${q}`,
      targetText: t.text,
      targetValue: t.value,
      cumulative: t.cumulative,
    });
  const refs = shared ? plan.inds.filter((r) => r.ind.orgId === null).slice(0, 1) : plan.inds;
  for (let q = 1; q <= 4; q++) {
    if (shared && refs.length === 0) {
      // Shared among streets with no district total: the sum of the shares.
      const s0 = plan.inds[0]!.spec;
      const total = plan.inds.reduce((a, r) => a + (r.ind.targetValue ?? 0), 0);
      const v = q === 4 ? total : nice(total * share(q, COUNT_SCHEDULE));
      push(q, 1, null, { text: q === 4 ? phrase(s0.t, v) : `累计${phrase(s0.t, v)}`, value: v, cumulative: true });
      continue;
    }
    refs.forEach((ref, i) => {
      push(q, i + 1, ref.ind.id, quarterTarget(rng, q, ref, share));
    });
  }
}

/** About a fifth of the projects under 人大重点监督, two more engineering projects under 挂牌督办. */
function topUpFlags(rng: Rng, plans: Plan[]): void {
  const top = plans.filter((p) => !p.parent);
  const target = Math.round(plans.length * 0.2);
  let count = plans.filter((p) => p.project.flags.includes('key_supervision')).length;
  for (const p of rng.shuffle(top)) {
    if (count >= target) break;
    if (p.project.flags.length) continue;
    p.project.flags.push('key_supervision');
    count++;
  }
  const candidates = top.filter((p) => p.spec.tpl === 'build' && !p.project.flags.includes('listed_supervision'));
  for (const p of rng.sample(candidates, 2)) p.project.flags.push('listed_supervision');
}
