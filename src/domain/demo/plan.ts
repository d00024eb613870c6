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

/** Build every plan of one district programme. */
export function buildPlans(ctx: PlanContext): PlanOutput {
  const { rng, orgs, programmeId } = ctx;
  const id = (key: string) => makeId(ctx.seed, `d${ctx.d}/${key}`);
  const namer = new PlaceNamer(rng, orgs.short);
  const out: PlanOutput = {
    plans: [],
    categories: [],
    matters: [],
    projects: [],
    projectUnits: [],
    indicators: [],
    periodTargets: [],
    targetVersions: [],
  };
  // Streets are handed out in a seeded cycle that starts with the first street (the demo reporter's).
  const order = [0, ...rng.shuffle(orgs.streets.map((_, i) => i).slice(1))];
  let cursor = 0;
  const nextStreets = (n: number): StreetOrgs[] =>
    Array.from({ length: Math.min(n, order.length) }, () => orgs.streets[order[cursor++ % order.length]!]!);
  const sharedStreets = (n: number): StreetOrgs[] => {
    if (n >= orgs.streets.length) return [...orgs.streets];
    const others = rng.sample(orgs.streets.slice(1), n - 1);
    return [orgs.streets[0]!, ...others];
  };
  const resolve = (v: SpecValue, kind: string): number | null => {
    if (!Array.isArray(v)) return v;
    if (kind === 'milestone') return rng.pick([70, 80, 100, 100, 100, 100].filter((x) => x >= v[0] && x <= v[1]));
    return nice(rng.int(v[0], v[1]));
  };
  let seq = 0;

  const makePlan = (spec: ProjSpec, code: string, matter: Matter, street: StreetOrgs | null, parent: Plan | null) => {
    const template = Array.isArray(spec.name) ? rng.pick(spec.name) : spec.name;
    const projectId = id(`project/${code}`);
    const name = namer.fill(template, street ? `${street.org.shortName}街道` : null);
    const shared = spec.shared ? sharedStreets(spec.shared) : [];
    const leads: Organization[] = [];
    for (const ref of spec.lead) {
      if (ref === 'S') leads.push(...(shared.length ? shared.map((s) => s.org) : street ? [street.org] : []));
      else leads.push(...unitRef(ref, street));
    }
    const units: { org: Organization; role: UnitRole; note: string }[] = leads.map((org) => ({
      org,
      role: 'lead',
      note: '',
    }));
    if (spec.cohost) units.push({ org: orgs.bureaus[spec.cohost], role: 'cohost', note: '' });
    for (const ref of spec.assist ?? [])
      for (const org of unitRef(ref, street)) units.push({ org, role: 'assist', note: '' });

    // Indicators (values resolved once per project).
    const values = spec.ind.map((s) => resolve(s.v, s.k));
    let adjust: Plan['adjust'] = null;
    if (spec.adjust && values[0] != null) {
      const s0 = spec.ind[0]!;
      adjust = { from: values[0], to: spec.adjust.to, fromText: phrase(s0.t, values[0]), toText: '' };
      values[0] = spec.adjust.to;
      adjust.toText = phrase(s0.t, values[0]);
    }
    const inds: IndRef[] = [];
    const addInd = (s: IndSpec, v: number | null, orgId: string | null, label: string) => {
      const n = inds.length + 1;
      const ind: Indicator = {
        id: id(`indicator/${code}/${n}`),
        projectId,
        seq: n,
        name: label,
        kind: s.k,
        unit: s.unit,
        targetText: s.k === 'milestone' ? msText(v ?? 100) : s.k === 'deadline' ? s.t : phrase(s.t, v),
        targetValue: s.k === 'deadline' ? null : v,
        deadline: s.k === 'deadline' && s.d ? `${ctx.year}-${s.d}` : null,
        orgId,
      };
      inds.push({ ind, spec: s });
    };
    const shareOrgIds: string[] = [];
    if (shared.length) {
      const s0 = spec.ind[0]!;
      const total = values[0] ?? 0;
      if (leads.some((o) => o.kind !== 'street')) addInd(s0, total, null, `${s0.name}（全区）`);
      const shares = split(rng, total, shared.length);
      shared.forEach((st, i) => {
        addInd(s0, shares[i]!, st.org.id, `${s0.name}（${st.org.shortName}街道）`);
        shareOrgIds.push(st.org.id);
        const u = units.find((x) => x.org.id === st.org.id && x.role === 'lead');
        if (u) u.note = phrase(s0.t, shares[i]!);
      });
    } else {
      spec.ind.forEach((s, i) => {
        addInd(s, values[i]!, null, s.name);
      });
    }

    const flags: ProjectFlag[] = [];
    if (spec.key && rng.chance(spec.per ? 0.7 : 1)) flags.push('key_supervision');
    if (spec.listed) flags.push('listed_supervision');
    if (spec.routine) flags.push('routine');
    const project: Project = {
      id: projectId,
      programmeId,
      matterId: matter.id,
      parentId: parent?.project.id ?? null,
      code,
      name,
      levels: spec.lv ?? rng.weighted(LEVELS),
      flags,
      type: spec.type,
      annualTargetText: annualTarget(rng, spec, values),
      seq: ++seq,
    };
    const plan: Plan = { project, spec, inds, leads, shareOrgIds, street, parent, children: [], adjust };
    parent?.children.push(plan);
    out.plans.push(plan);
    out.projects.push(project);
    const seen = new Set<string>();
    let us = 0;
    for (const u of units) {
      const k = `${u.org.id}/${u.role}`;
      if (seen.has(k) || (u.role !== 'lead' && seen.has(`${u.org.id}/lead`))) continue;
      seen.add(k);
      us++;
      out.projectUnits.push({
        id: id(`pu/${code}/${us}`),
        projectId,
        orgId: u.org.id,
        role: u.role,
        shareNote: u.note,
        seq: us,
      });
    }
    out.indicators.push(...inds.map((r) => r.ind));
    addPeriodTargets(ctx, out, plan, shared.length > 0, id);
    if (adjust) {
      out.targetVersions.push({
        id: id(`tv/${code}`),
        indicatorId: inds[0]!.ind.id,
        version: 1,
        oldText: adjust.fromText,
        oldValue: adjust.from,
        newText: adjust.toText,
        newValue: adjust.to,
        reason: `${spec.adjust!.reason}，经区政府常务会议审议同意调整年度目标。`,
        approvedBy: '区政府常务会议',
        approvedAt: `${ctx.year}-07-16`,
        createdBy: ctx.supervisorId,
        createdAt: `${ctx.year}-07-17T02:30:00.000Z`,
      });
    }
    return plan;
  };

  const unitRef = (ref: UnitRef, street: StreetOrgs | null): Organization[] => {
    if (ref === 'S') return street ? [street.org] : [];
    if (ref === 'C') return street ? rng.sample(street.communities, rng.int(1, 2)) : [];
    if (ref === 'S2' || ref === 'S3' || ref === 'S4')
      return rng.sample(orgs.streets, Number(ref.slice(1))).map((s) => s.org);
    return [orgs.bureaus[ref]];
  };

  let matterNo = 0;
  CATALOG.forEach((cat, ci) => {
    const categoryId = id(`category/${ci + 1}`);
    out.categories.push({ id: categoryId, programmeId, seq: ci + 1, name: cat.name });
    for (const ms of cat.matters) {
      matterNo++;
      const goalText =
        ms.goals.length === 1
          ? `${ms.title}：${ms.goals[0]}`
          : `${ms.title}：\n${ms.goals.map((g, i) => `${i + 1}.${g}`).join('\n')}`;
      const matter: Matter = {
        id: id(`matter/${matterNo}`),
        programmeId,
        categoryId,
        number: String(matterNo),
        title: ms.title,
        goalText,
        seq: matterNo,
      };
      out.matters.push(matter);
      let n = 0;
      for (const spec of ms.projects) {
        for (const street of spec.per ? nextStreets(spec.per) : [null]) {
          n++;
          const code = ms.bare ? String(matterNo) : `${matterNo}-${n}`;
          const plan = makePlan(spec, code, matter, street, null);
          let k = 0;
          for (const sub of spec.sub ?? [])
            for (const st of sub.per ? nextStreets(sub.per) : [street])
              makePlan(sub, `${code}-${++k}`, matter, st, plan);
        }
      }
    }
  });
  topUpFlags(rng, out.plans);
  return out;
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
  const share = (q: number, sched: number[][]) => {
    const r = sched[q - 1];
    return r ? r[0]! + rng.float() * (r[1]! - r[0]!) : 1;
  };
  const push = (q: number, n: number, indicatorId: string | null, text: string, value: number | null, cum = true) =>
    out.periodTargets.push({
      id: id(`pt/${code}/${q}/${n}`),
      projectId: plan.project.id,
      indicatorId,
      periodKey: `${year}-Q${q}`,
      targetText: text,
      targetValue: value,
      cumulative: cum,
    });
  const refs = shared ? plan.inds.filter((r) => r.ind.orgId === null).slice(0, 1) : plan.inds;
  for (let q = 1; q <= 4; q++) {
    if (shared && refs.length === 0) {
      const s0 = plan.inds[0]!.spec;
      const total = plan.inds.reduce((a, r) => a + (r.ind.targetValue ?? 0), 0);
      const v = q === 4 ? total : nice(total * share(q, COUNT_SCHEDULE));
      push(q, 1, null, q === 4 ? phrase(s0.t, v) : `累计${phrase(s0.t, v)}`, v);
      continue;
    }
    refs.forEach(({ ind, spec }, i) => {
      const T = ind.targetValue;
      const n = i + 1;
      switch (ind.kind) {
        case 'milestone': {
          const v = q === 4 ? T! : Math.round((T! * share(q, BUILD_SCHEDULE)) / 5) * 5;
          if (q === 1 && v < 10) push(q, n, ind.id, rng.pick(['完成施工招标并进场施工', '完成前期手续办理']), null);
          else push(q, n, ind.id, q === 4 ? msText(T!) : `完成${v}%工程量`, v);
          break;
        }
        case 'lower_better':
          push(q, n, ind.id, phrase(spec.t, T), T, false);
          break;
        case 'standard':
          if (q === 1) push(q, n, ind.id, '完成标准调整测算并按程序报批', null, false);
          else push(q, n, ind.id, phrase(spec.t, T), T, false);
          break;
        case 'deadline': {
          const due = Number(spec.d?.slice(0, 2) ?? 12) <= q * 3;
          const stage = ['完成方案制定和前期准备', '全面推进实施', '集中攻坚，查漏补缺'][q - 1] ?? spec.t;
          push(q, n, ind.id, due ? spec.t : stage, null, false);
          break;
        }
        default: {
          if (T === null) {
            push(q, n, ind.id, '常态化开展', null, false);
            break;
          }
          let v = q === 4 ? T : nice(T * share(q, COUNT_SCHEDULE));
          if (ind.unit === '公里') v = q === 4 ? T : Math.round(T * share(q, COUNT_SCHEDULE));
          if (ind.kind === 'percent') v = q === 4 ? T : Math.round(T * (0.55 + 0.45 * share(q, COUNT_SCHEDULE)));
          const pre = ind.kind === 'percent' ? '' : '累计';
          push(q, n, ind.id, q === 4 ? ind.targetText : `${pre}${phrase(spec.t, v)}`, v);
        }
      }
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
