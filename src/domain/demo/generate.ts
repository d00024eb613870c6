/** Deterministic generator of a fictional district 民生实事 programme (one complete district per scale step). */
import { DEFAULT_SELF_ASSESSMENTS } from '../../shared/statuses';
import type { Dataset, DatasetUser } from '../model/dataset';
import { DEFAULT_SCHEDULE_SETTINGS } from '../model/types';
import { buildDistrictOrgs, CITY_NAME, type DistrictOrgs } from './orgs';
import { buildPlans } from './plan';
import { buildReports, buildRounds, type Outcome } from './reports';
import { hash32, makeId, Rng } from './rng';
import { buildAssignments, type Profile } from './traj';

export const DEMO_PASSWORD = 'shishi2026';
export const DEFAULT_DEMO_SEED = 20260101;

/**
 * scale: complete districts (each its own government, programme and accounts; `districts` says the same). From two
 * districts on, a city (澜州市人民政府 with its 督查室) sits above them, with the city's accounts (city-leader,
 * city-supervisor) that read the roll-up of every district. projects: at most this many projects per district
 * (with their split children; for tests and quick demos; default all 150). city: force the city on or off.
 */
export type DemoOptions = {
  scale?: number;
  districts?: number;
  projects?: number;
  city?: boolean;
  seed?: number;
  year?: number;
};
export type DemoLogin = { role: string; username: string; password: string; note: string };

const REPORTER2_BUREAU = 'mz';

/** Reporter accounts of one district: the two named ones, then u-1, u-2 … in organization order. */
function reporterUsers(orgs: DistrictOrgs, suffix: string): { username: string; orgId: string; name: string }[] {
  const street0 = orgs.streets[0]!.org;
  const bureau = orgs.bureaus[REPORTER2_BUREAU];
  const out = [
    { username: `reporter${suffix}`, orgId: street0.id, name: street0.name },
    { username: `reporter2${suffix}`, orgId: bureau.id, name: bureau.name },
  ];
  let n = 0;
  for (const o of orgs.all) {
    if (o.kind !== 'street' && o.kind !== 'community' && o.kind !== 'bureau') continue;
    if (o.id === street0.id || o.id === bureau.id) continue;
    out.push({ username: `u-${++n}${suffix}`, orgId: o.id, name: o.name });
  }
  return out;
}

const SAMPLE = buildDistrictOrgs(0, 0);
const SAMPLE_REPORTERS = reporterUsers(SAMPLE, '');

/** The logins printed at startup (scale 1; district k ≥ 2 uses the suffix "-k"). */
export const DEMO_LOGINS: DemoLogin[] = [
  { role: 'admin', username: 'admin', password: DEMO_PASSWORD, note: '系统管理员：全部数据与账号' },
  { role: 'secadmin', username: 'secadmin', password: DEMO_PASSWORD, note: '安全管理员：重置密码、锁定与解锁账号' },
  { role: 'auditor', username: 'auditor', password: DEMO_PASSWORD, note: '审计管理员：查阅、导出、校验审计日志' },
  {
    role: 'supervisor',
    username: 'supervisor',
    password: DEMO_PASSWORD,
    note: `${SAMPLE.office.name}：开启批次、审核、退回、发布`,
  },
  { role: 'leader', username: 'leader', password: DEMO_PASSWORD, note: '区领导（只读）：全部项目与汇总表' },
  { role: 'deputy', username: 'deputy', password: DEMO_PASSWORD, note: '人大代表（只读）：人大重点监督项目' },
  {
    role: 'reporter',
    username: 'reporter',
    password: DEMO_PASSWORD,
    note: `${SAMPLE_REPORTERS[0]!.name}：牵头多个项目，含分解目标项目和滞后项目`,
  },
  {
    role: 'reporter',
    username: 'reporter2',
    password: DEMO_PASSWORD,
    note: `${SAMPLE_REPORTERS[1]!.name}：区直部门填报`,
  },
  {
    role: 'reporter',
    username: 'u-1',
    password: DEMO_PASSWORD,
    note: `${SAMPLE_REPORTERS[2]!.name}；其余单位依次为 u-2 … u-${SAMPLE_REPORTERS.length - 2}`,
  },
];

const emptyDataset = (): Dataset => ({
  organizations: [],
  users: [],
  programmes: [],
  categories: [],
  matters: [],
  projects: [],
  projectUnits: [],
  indicators: [],
  periodTargets: [],
  targetVersions: [],
  rounds: [],
  reports: [],
  reportVersions: [],
});

/** The city's organisations and accounts (the roll-up readers), ids stable for a seed. */
export function cityPart(seed: number): { part: Dataset; cityId: string } {
  const id = (key: string) => makeId(seed, `city/${key}`);
  const part = emptyDataset();
  const gov = {
    id: id('gov'),
    name: `${CITY_NAME}人民政府`,
    shortName: '市政府',
    kind: 'government' as const,
    parentId: null,
    aliases: [`${CITY_NAME}政府`],
  };
  const office = {
    id: id('office'),
    name: `${CITY_NAME}人民政府督查室`,
    shortName: '市督查室',
    kind: 'other' as const,
    parentId: gov.id,
    aliases: [`${CITY_NAME}督查室`],
  };
  part.organizations.push(gov, office);
  const user = (username: string, displayName: string, role: DatasetUser['role']): DatasetUser => ({
    id: makeId(seed, `user/${username}`),
    username,
    displayName,
    role,
    unitIds: [gov.id],
    password: DEMO_PASSWORD,
    email: `${username}@example.com`,
  });
  part.users.push(
    user('city-leader', `${CITY_NAME}分管副市长（演示）`, 'leader'),
    user('city-supervisor', `${CITY_NAME}政府督查室（演示）`, 'supervisor'),
  );
  return { part, cityId: gov.id };
}

/** The number of districts asked for (scale or districts), at least 1. */
export const districtCount = (o: DemoOptions): number => Math.max(1, Math.floor(o.districts ?? o.scale ?? 1));

/**
 * The demo in parts, each small enough for one transaction: the city (when there is one), then one district per
 * part. Parents come before children across parts (the city before its districts).
 */
export function* generateDemoParts(options: DemoOptions = {}): Generator<Dataset> {
  const n = districtCount(options);
  const seed = (options.seed ?? DEFAULT_DEMO_SEED) >>> 0;
  const year = options.year ?? 2026;
  const withCity = options.city ?? n > 1;
  let cityId: string | null = null;
  if (withCity) {
    const c = cityPart(seed);
    cityId = c.cityId;
    yield c.part;
  }
  for (let d = 0; d < n; d++) {
    const part = emptyDataset();
    addDistrict(part, seed, d, year, cityId);
    yield options.projects ? capProjects(part, options.projects) : part;
  }
}

/** Generate the demo dataset: `scale` complete districts, deterministic for a given seed and year. */
export function generateDemoDataset(options: DemoOptions = {}): Dataset {
  const ds = emptyDataset();
  for (const part of generateDemoParts(options))
    for (const k of Object.keys(ds) as (keyof Dataset)[]) (ds[k] as unknown[]).push(...part[k]);
  return ds;
}

/** Keep the first `max` top-level projects of a district (with their split children) and what hangs on them. */
function capProjects(ds: Dataset, max: number): Dataset {
  const roots = ds.projects.filter((p) => p.parentId === null).slice(0, Math.max(1, max));
  const rootIds = new Set(roots.map((p) => p.id));
  const projects = ds.projects.filter((p) => rootIds.has(p.parentId ?? p.id));
  const keep = new Set(projects.map((p) => p.id));
  const indicators = ds.indicators.filter((i) => keep.has(i.projectId));
  const indicatorIds = new Set(indicators.map((i) => i.id));
  const reports = ds.reports.filter((r) => keep.has(r.projectId));
  const reportIds = new Set(reports.map((r) => r.id));
  return {
    ...ds,
    projects,
    projectUnits: ds.projectUnits.filter((u) => keep.has(u.projectId)),
    indicators,
    periodTargets: ds.periodTargets.filter((t) => keep.has(t.projectId)),
    targetVersions: ds.targetVersions.filter((t) => indicatorIds.has(t.indicatorId)),
    reports,
    reportVersions: ds.reportVersions.filter((v) => reportIds.has(v.reportId)),
  };
}

type PlanOutput = ReturnType<typeof buildPlans>;

/** The district's accounts: admin (first district only), supervisor, leader, deputy and one reporter per unit. */
function districtUsers(seed: number, d: number, orgs: DistrictOrgs) {
  const suffix = d === 0 ? '' : `-${d + 1}`;
  const user = (username: string, displayName: string, role: DatasetUser['role'], unitIds: string[]): DatasetUser => ({
    id: makeId(seed, `user/${username}`),
    username,
    displayName,
    role,
    unitIds,
    password: DEMO_PASSWORD,
    // Reserved domain (RFC 2606): e-mail reminders in the demo go nowhere real.
    email: `${username}@example.com`,
  });
  // Office accounts act for their government's subtree (domain/policies/actor.ts): link them to the government.
  const supervisor = user(`supervisor${suffix}`, `${orgs.office.name}（演示）`, 'supervisor', [orgs.gov.id]);
  const users: DatasetUser[] = [];
  if (d === 0)
    users.push(
      user('admin', '系统管理员', 'admin', []),
      user('secadmin', '安全管理员', 'secadmin', []),
      user('auditor', '审计管理员', 'auditor', []),
    );
  users.push(
    supervisor,
    user(`leader${suffix}`, `${orgs.districtName}分管副区长（演示）`, 'leader', [orgs.gov.id]),
    user(`deputy${suffix}`, `${orgs.districtName}人大代表（演示）`, 'deputy', [orgs.gov.id]),
  );
  const reporterByOrg = new Map<string, string>();
  for (const r of reporterUsers(orgs, suffix)) {
    const u = user(r.username, `${r.name}填报员`, 'reporter', [r.orgId]);
    users.push(u);
    reporterByOrg.set(r.orgId, u.id);
  }
  return { users, supervisor, reporterByOrg };
}

/**
 * The demo reporter (first street) always has a lagging engineering project and otherwise a mostly healthy
 * portfolio, so the demo shows contrast. Returns the forced profiles and the lagging plan.
 */
function demoReporterProfiles(rng: Rng, plan: PlanOutput, street0: string) {
  const forced = new Map<string, Profile>();
  const lagPlan = plan.plans.find(
    (p) => p.street?.org.id === street0 && p.spec.tpl === 'build' && p.leads[0]?.id === street0,
  );
  if (lagPlan) forced.set(lagPlan.project.id, 'lag');
  for (const p of plan.plans) {
    if (p === lagPlan || !p.leads.some((o) => o.id === street0)) continue;
    const profile = rng.weighted<Profile>([
      ['early', 0.3],
      ['ontrack', 0.55],
      ['lateLag', 0.15],
    ]);
    forced.set(p.shareOrgIds.length ? `${p.project.id}/${street0}` : p.project.id, profile);
  }
  return { forced, lagPlan };
}

/** The demo reporter's open round: the lagging project returned, others not started, in draft and submitted. */
function demoReporterOutcomes(
  assignments: ReturnType<typeof buildAssignments>,
  street0: string,
  lagPlan: PlanOutput['plans'][number] | undefined,
): Map<string, Outcome> {
  const forcedQ3 = new Map<string, Outcome>();
  const mine = assignments.filter((a) => a.org.id === street0);
  const lagging = mine.find((a) => a.plan === lagPlan);
  if (lagging) forcedQ3.set(`${lagging.plan.project.id}/${street0}`, 'returned');
  const others = mine.filter((a) => a !== lagging);
  (['none', 'draft', 'submitted'] as const).forEach((o, i) => {
    const a = others[i];
    if (a) forcedQ3.set(`${a.plan.project.id}/${street0}`, o);
  });
  return forcedQ3;
}

function addDistrict(ds: Dataset, seed: number, d: number, year: number, cityId: string | null): void {
  const orgs = buildDistrictOrgs(seed, d);
  // Under the city, when there is one: the city's accounts act for every district (domain/policies/actor.ts).
  if (cityId) orgs.gov.parentId = cityId;
  const { users, supervisor, reporterByOrg } = districtUsers(seed, d, orgs);
  const rng = new Rng(hash32(`district/${d}`, seed));
  const programmeId = makeId(seed, `d${d}/programme`);
  const plan = buildPlans({ seed, d, year, orgs, rng, programmeId, supervisorId: supervisor.id });
  const street0 = orgs.streets[0]!.org.id;
  const { forced, lagPlan } = demoReporterProfiles(rng, plan, street0);
  const assignments = buildAssignments(rng, plan.plans, forced);
  const orgIndex = new Map(orgs.all.map((o, i) => [o.id, i]));
  const rctx = {
    seed,
    d,
    year,
    programmeId,
    supervisorId: supervisor.id,
    reporterOf: (orgId: string) => reporterByOrg.get(orgId) ?? null,
    orgKey: (orgId: string) => String(orgIndex.get(orgId) ?? orgId),
    forcedQ3: demoReporterOutcomes(assignments, street0, lagPlan),
  };
  const rounds = buildRounds(rctx);
  const { reports, reportVersions } = buildReports(rctx, rounds, assignments);

  ds.organizations.push(...orgs.all);
  ds.users.push(...users);
  ds.programmes.push({
    id: programmeId,
    name: `${orgs.districtName}${year}年民生实事`,
    year,
    level: '区',
    ownerOrgId: orgs.gov.id,
    statusVocabulary: [...DEFAULT_SELF_ASSESSMENTS],
    schedule: { ...DEFAULT_SCHEDULE_SETTINGS },
    status: 'active',
  });
  ds.categories.push(...plan.categories);
  ds.matters.push(...plan.matters);
  ds.projects.push(...plan.projects);
  ds.projectUnits.push(...plan.projectUnits);
  ds.indicators.push(...plan.indicators);
  ds.periodTargets.push(...plan.periodTargets);
  ds.targetVersions.push(...plan.targetVersions);
  ds.rounds.push(...rounds);
  ds.reports.push(...reports);
  ds.reportVersions.push(...reportVersions);
}
