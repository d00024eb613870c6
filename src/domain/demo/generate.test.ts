import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES } from '../../shared/statuses';
import type { Dataset } from '../model/dataset';
import { DEMO_LOGINS, DEMO_PASSWORD, generateDemoDataset } from '.';

const ds = generateDemoDataset();
const ids = <T extends { id: string }>(rows: T[]) => new Set(rows.map((r) => r.id));
const lastVersions = (d: Dataset) => {
  const m = new Map<string, Dataset['reportVersions'][number]>();
  for (const v of d.reportVersions) if ((m.get(v.reportId)?.versionNo ?? 0) < v.versionNo) m.set(v.reportId, v);
  return m;
};

/** Organisations, programmes and users point at existing organisations. */
function expectOrganisationRefs(d: Dataset): void {
  const orgs = ids(d.organizations);
  for (const o of d.organizations) if (o.parentId) expect(orgs).toContain(o.parentId);
  for (const p of d.programmes) expect(orgs).toContain(p.ownerOrgId);
  for (const u of d.users) for (const o of u.unitIds) expect(orgs).toContain(o);
}

/** Categories, matters, projects, units in roles, indicators, period targets and target versions. */
function expectPlanRefs(d: Dataset): void {
  const orgs = ids(d.organizations);
  const projects = ids(d.projects);
  const programmes = ids(d.programmes);
  const matters = ids(d.matters);
  const categories = ids(d.categories);
  const users = ids(d.users);
  const indicators = new Map(d.indicators.map((i) => [i.id, i]));
  for (const c of d.categories) expect(programmes).toContain(c.programmeId);
  for (const m of d.matters) {
    expect(programmes).toContain(m.programmeId);
    if (m.categoryId) expect(categories).toContain(m.categoryId);
  }
  for (const p of d.projects) {
    expect(programmes).toContain(p.programmeId);
    if (p.matterId) expect(matters).toContain(p.matterId);
    if (p.parentId) expect(projects).toContain(p.parentId);
  }
  for (const pu of d.projectUnits) {
    expect(projects).toContain(pu.projectId);
    expect(orgs).toContain(pu.orgId);
  }
  for (const i of d.indicators) {
    expect(projects).toContain(i.projectId);
    if (i.orgId) expect(orgs).toContain(i.orgId);
  }
  for (const t of d.periodTargets) {
    expect(projects).toContain(t.projectId);
    if (t.indicatorId) expect(indicators.get(t.indicatorId)?.projectId).toBe(t.projectId);
  }
  for (const tv of d.targetVersions) {
    expect(indicators.has(tv.indicatorId)).toBe(true);
    if (tv.createdBy) expect(users).toContain(tv.createdBy);
  }
}

/** Rounds, reports and versions (values of the report's own project's indicators). */
function expectReportRefs(d: Dataset): void {
  const orgs = ids(d.organizations);
  const projects = ids(d.projects);
  const rounds = ids(d.rounds);
  const reports = ids(d.reports);
  const users = ids(d.users);
  const programmes = ids(d.programmes);
  const indicators = new Map(d.indicators.map((i) => [i.id, i]));
  for (const r of d.rounds) expect(programmes).toContain(r.programmeId);
  const reportById = new Map(d.reports.map((r) => [r.id, r]));
  for (const r of d.reports) {
    expect(rounds).toContain(r.roundId);
    expect(projects).toContain(r.projectId);
    expect(orgs).toContain(r.orgId);
  }
  for (const v of d.reportVersions) {
    expect(reports).toContain(v.reportId);
    if (v.createdBy) expect(users).toContain(v.createdBy);
    const projectId = reportById.get(v.reportId)!.projectId;
    for (const val of v.values) expect(indicators.get(val.indicatorId)?.projectId).toBe(projectId);
  }
}

function expectUniqueIds(d: Dataset): void {
  const all = [
    ...d.organizations,
    ...d.users,
    ...d.programmes,
    ...d.categories,
    ...d.matters,
    ...d.projects,
    ...d.projectUnits,
    ...d.indicators,
    ...d.periodTargets,
    ...d.targetVersions,
    ...d.rounds,
    ...d.reports,
    ...d.reportVersions,
  ];
  expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
}

/** Values of each unit's cumulative indicators, round by round (last version of each report). */
function cumulativeSeries(d: Dataset): Map<string, number[]> {
  const last = lastVersions(d);
  const indicators = new Map(d.indicators.map((i) => [i.id, i]));
  const series = new Map<string, number[]>();
  for (const round of d.rounds)
    for (const r of d.reports.filter((x) => x.roundId === round.id)) {
      for (const v of last.get(r.id)?.values ?? []) {
        const kind = indicators.get(v.indicatorId)!.kind;
        if (v.value === null || kind === 'lower_better' || kind === 'standard') continue;
        const k = `${r.orgId}/${v.indicatorId}`;
        series.set(k, [...(series.get(k) ?? []), v.value]);
      }
    }
  return series;
}

describe('generateDemoDataset (scale 1)', () => {
  it('produces a programme of the expected size', () => {
    const kinds = (k: string) => ds.organizations.filter((o) => o.kind === k).length;
    expect(ds.programmes).toHaveLength(1);
    expect(ds.programmes[0]!.name).toBe('云溪区2026年民生实事');
    expect(ds.categories.length).toBeGreaterThanOrEqual(7);
    expect(ds.matters.length).toBeGreaterThanOrEqual(35);
    expect(ds.matters.length).toBeLessThanOrEqual(45);
    expect(ds.projects.length).toBeGreaterThanOrEqual(130);
    expect(ds.projects.length).toBeLessThanOrEqual(170);
    expect(kinds('street')).toBeGreaterThanOrEqual(10);
    expect(kinds('street')).toBeLessThanOrEqual(14);
    expect(kinds('bureau')).toBeGreaterThanOrEqual(18);
    expect(kinds('community')).toBeGreaterThanOrEqual(24);
    expect(kinds('government')).toBe(1);
    expect(ds.rounds.map((r) => r.periodKey)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(ds.targetVersions.length).toBeGreaterThanOrEqual(2);
    const key = ds.projects.filter((p) => p.flags.includes('key_supervision')).length;
    expect(key).toBeGreaterThanOrEqual(25);
    expect(key).toBeLessThanOrEqual(40);
    expect(ds.projects.some((p) => p.flags.includes('listed_supervision'))).toBe(true);
    expect(ds.projects.some((p) => p.flags.includes('routine'))).toBe(true);
    expect(ds.projects.some((p) => p.parentId !== null)).toBe(true);
    expect(ds.projects.some((p) => /^\d+$/.test(p.code))).toBe(true);
    const kindsSeen = new Set(ds.indicators.map((i) => i.kind));
    for (const k of ['quantity', 'percent', 'money', 'standard', 'lower_better', 'milestone', 'deadline'])
      expect(kindsSeen).toContain(k);
  });

  it('gives every demo account an address at the reserved example.com domain', () => {
    const d = generateDemoDataset();
    expect(d.users.every((u) => u.email === `${u.username}@example.com`)).toBe(true);
  });

  it('is deterministic for a seed and varies with it', () => {
    expect(generateDemoDataset()).toEqual(ds);
    const other = generateDemoDataset({ seed: 7 });
    expect(other.projects.length).toBe(ds.projects.length);
    expect(other.reports[0]!.id).not.toBe(ds.reports[0]!.id);
  });

  it('keeps every foreign id valid', () => {
    expectOrganisationRefs(ds);
    expectPlanRefs(ds);
    expectReportRefs(ds);
    expectUniqueIds(ds);
  });

  it('gives every project a lead unit and reports only from lead units', () => {
    const leads = new Set(ds.projectUnits.filter((u) => u.role === 'lead').map((u) => `${u.projectId}/${u.orgId}`));
    for (const p of ds.projects)
      expect(ds.projectUnits.some((u) => u.projectId === p.id && u.role === 'lead')).toBe(true);
    for (const r of ds.reports) expect(leads).toContain(`${r.projectId}/${r.orgId}`);
    // one report per project × lead unit × round
    expect(ds.reports.length).toBe(leads.size * ds.rounds.length);
    const units = new Set(ds.projectUnits.map((u) => `${u.projectId}/${u.orgId}/${u.role}`));
    expect(units.size).toBe(ds.projectUnits.length);
  });

  it('has version histories that end in the report state', () => {
    const last = lastVersions(ds);
    const byReport = new Map<string, number[]>();
    for (const v of ds.reportVersions) byReport.set(v.reportId, [...(byReport.get(v.reportId) ?? []), v.versionNo]);
    for (const r of ds.reports) {
      const v = last.get(r.id);
      if (r.versionNo === 0) {
        expect(v).toBeUndefined();
        expect(r.status).toBe('draft');
        continue;
      }
      expect(v?.versionNo).toBe(r.versionNo);
      expect(v?.status).toBe(r.status);
      expect([...byReport.get(r.id)!].sort((a, b) => a - b)).toEqual(
        Array.from({ length: r.versionNo }, (_, i) => i + 1),
      );
      if (r.status === 'returned') expect(r.lastComment).toBeTruthy();
      if (r.status === 'approved' || r.status === 'published') expect(r.approvedAt).toBeTruthy();
      expect(r.updatedAt).toBe(v!.createdAt);
    }
    const times = new Map<string, string>();
    for (const v of ds.reportVersions) {
      const prev = times.get(v.reportId);
      if (prev) expect(v.createdAt >= prev).toBe(true);
      times.set(v.reportId, v.createdAt);
    }
  });

  it('shows every status in the open round and mostly reviewed past rounds', () => {
    const [q1, q2, q3] = ds.rounds;
    const statuses = (roundId: string) => ds.reports.filter((r) => r.roundId === roundId).map((r) => r.status);
    const open = statuses(q3!.id);
    for (const s of REPORT_STATUSES) expect(open).toContain(s);
    expect(ds.reports.some((r) => r.roundId === q3!.id && r.versionNo === 0)).toBe(true);
    for (const r of [q1!, q2!]) {
      const st = statuses(r.id);
      const reviewed = st.filter((s) => s === 'approved' || s === 'published').length;
      expect(reviewed / st.length).toBeGreaterThan(0.85);
    }
    const last = lastVersions(ds);
    const sa = new Set(ds.reports.filter((r) => r.roundId === q3!.id).map((r) => last.get(r.id)?.selfAssessment));
    for (const s of ['按计划推进', '滞后', '已完成']) expect(sa).toContain(s);
  });

  it('grows cumulative values over the rounds', () => {
    for (const s of cumulativeSeries(ds).values())
      for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThanOrEqual(s[i - 1]!);
  });

  it('has the demo logins with the promised units', () => {
    const usernames = ds.users.map((u) => u.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    for (const l of DEMO_LOGINS) {
      const u = ds.users.find((x) => x.username === l.username);
      expect(u?.role).toBe(l.role);
      expect(l.password).toBe(DEMO_PASSWORD);
    }
    expect(ds.users.every((u) => u.password === 'shishi2026')).toBe(true);
    const reporter = ds.users.find((u) => u.username === 'reporter')!;
    const street = ds.organizations.find((o) => o.id === reporter.unitIds[0])!;
    expect(street.kind).toBe('street');
    const mine = ds.projectUnits.filter((u) => u.orgId === street.id && u.role === 'lead').map((u) => u.projectId);
    expect(mine.length).toBeGreaterThanOrEqual(4);
    expect(ds.indicators.some((i) => i.orgId === street.id && mine.includes(i.projectId))).toBe(true);
    const last = lastVersions(ds);
    const q3 = ds.rounds[2]!.id;
    const lagging = ds.reports.filter(
      (r) => r.orgId === street.id && r.roundId === q3 && last.get(r.id)?.selfAssessment === '滞后',
    );
    expect(lagging.length).toBeGreaterThanOrEqual(1);
    const reporter2 = ds.users.find((u) => u.username === 'reporter2')!;
    expect(ds.organizations.find((o) => o.id === reporter2.unitIds[0])?.kind).toBe('bureau');
    expect(ds.projectUnits.some((u) => u.orgId === reporter2.unitIds[0] && u.role === 'lead')).toBe(true);
    // every street, community and bureau has a reporter account
    const withReporter = new Set(ds.users.filter((u) => u.role === 'reporter').flatMap((u) => u.unitIds));
    for (const o of ds.organizations)
      if (o.kind === 'street' || o.kind === 'community' || o.kind === 'bureau') expect(withReporter).toContain(o.id);
  });
});

describe('generateDemoDataset (scale 2)', () => {
  const ds2 = generateDemoDataset({ scale: 2 });
  it('doubles the programme with unique names and ids', () => {
    expect(ds2.programmes).toHaveLength(2);
    expect(ds2.projects.length).toBe(ds.projects.length * 2);
    const names = ds2.organizations.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    const usernames = ds2.users.map((u) => u.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(usernames).toContain('supervisor-2');
    expect(usernames).toContain('reporter-2');
    const all = [...ds2.organizations, ...ds2.projects, ...ds2.indicators, ...ds2.reports, ...ds2.reportVersions];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    // the first district is unchanged by adding a second one
    expect(ds2.projects.slice(0, ds.projects.length)).toEqual(ds.projects);
  });

  it('is fast enough at scale 1', () => {
    const t = performance.now();
    generateDemoDataset({ seed: 99 });
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
