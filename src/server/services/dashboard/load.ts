/**
 * What every dashboard view reads: the programme the actor may see on the dashboard (the one named, else the first of
 * the actor's), its rounds, and its reports in a set of rounds with their stored judgement (assessed on the spot when
 * the background job has not stored it yet — a read never writes).
 */
import { isContradicted } from '../../../domain/chase/board';
import { HANDED_IN } from '../../../domain/chase/evaluate';
import { rulesOrDefaults } from '../../../domain/evaluate/rules';
import { type StatusKey, statusKeyOf } from '../../../domain/evaluate/status-keys';
import type { ScoreEscalation, ScoreRow, UnitInput } from '../../../domain/evaluate/unit-score';
import { periodLabel } from '../../../domain/plan/periods';
import { can } from '../../../domain/policies/policies';
import { AppError, notFound } from '../../errors';
import * as repo from '../../repositories/dashboard.repo';
import { parseJson } from '../../util';
import { assessmentFields, assessOnTheSpot, type StoredAssessmentCols } from '../assess/assessments';
import { authorize, type Ctx, requireActor } from '../context';
import { visibleProgramme } from '../subjects';

export type ProgrammeRow = Awaited<ReturnType<typeof repo.findDashboardProgrammes>>[number];
export type RoundItem = {
  id: string;
  name: string;
  periodLabel: string;
  asOf: string;
  dueDate: string;
  status: string;
};

/** One report as the dashboard shows it (DashboardRowSchema). */
export type DashRow = {
  reportId: string;
  projectId: string;
  roundId: string;
  code: string;
  name: string;
  matterId: string | null;
  matterNumber: string | null;
  matter: string | null;
  unitId: string;
  unit: string;
  levels: string[];
  flags: string[];
  status: string;
  handedIn: boolean;
  late: boolean;
  statusKey: StatusKey;
  computedStatus: string | null;
  light: 'green' | 'yellow' | 'red' | null;
  completionRatio: number | null;
  expectedRatio: number | null;
  gapPoints: number | null;
  reason: string | null;
  problems: string;
  selfAssessment: string | null;
  mismatch: string | null;
  /** Not in the answer: sort keys and the version (money values). */
  versionId: string | null;
  order: [number, number, number];
  findings: { rule: string; severity: string; message: string }[];
  completedAnnualTarget: boolean;
};

export const programmeItem = (p: ProgrammeRow) => ({ id: p.id, name: p.name, year: p.year, owner: p.owner });

/** The programmes whose dashboard the actor may read (the picker). */
export async function dashboardProgrammes(ctx: Ctx): Promise<ProgrammeRow[]> {
  requireActor(ctx);
  const all = await repo.findDashboardProgrammes(ctx.db, ctx.actor.orgIds);
  return all.filter((p) => can(ctx.actor, 'dashboard:read', p));
}

/**
 * The programme to show: the one named (404 when invisible, 403 when visible but not for the dashboard), else the
 * actor's first; null when the actor may read dashboards but has no programme yet; 403 for roles without a dashboard.
 */
export async function pickProgramme(
  ctx: Ctx,
  programmeId: string | undefined,
): Promise<{ programme: ProgrammeRow | null; programmes: ProgrammeRow[] }> {
  requireActor(ctx);
  if (programmeId) {
    const owner = await visibleProgramme(ctx, programmeId);
    authorize(ctx, 'dashboard:read', owner);
  }
  const programmes = await dashboardProgrammes(ctx);
  if (programmeId) {
    const p = programmes.find((x) => x.id === programmeId) ?? (await repo.findDashboardProgramme(ctx.db, programmeId));
    if (!p) throw notFound('实事计划');
    return { programme: p, programmes };
  }
  if (!programmes.length) {
    // No programme: still refuse roles that never read dashboards (units, deputies).
    authorize(ctx, 'dashboard:read', { ownerOrgId: '' });
  }
  return { programme: programmes[0] ?? null, programmes };
}

export const rulesOf = (p: Pick<ProgrammeRow, 'evaluationRules'>) =>
  rulesOrDefaults(parseJson<unknown>(p.evaluationRules ?? null, null));

export async function programmeRounds(ctx: Ctx, programmeId: string): Promise<RoundItem[]> {
  const rounds = await repo.findProgrammeRounds(ctx.db, programmeId);
  return rounds.map((r) => ({
    id: r.id,
    name: r.name,
    periodLabel: periodLabel(r.periodKey),
    asOf: r.asOf,
    dueDate: r.dueDate,
    status: r.status,
  }));
}

/** The round asked for (400 when it is not the programme's), else the latest. */
export function pickRound(rounds: RoundItem[], roundId: string | undefined): RoundItem | null {
  if (!roundId) return rounds.at(-1) ?? null;
  const r = rounds.find((x) => x.id === roundId);
  if (!r) throw new AppError('VALIDATION', '所选填报批次不属于该实事计划');
  return r;
}

/** The rounds' reports with their judgement, in plan order (matter, project, unit) within each round. */
export async function loadRows(ctx: Ctx, programmeId: string, roundIds: string[]): Promise<DashRow[]> {
  const raw = await repo.findDashboardRows(ctx.db, programmeId, roundIds);
  const pending = raw.filter((r) => r.versionId && !r.assessmentId).map((r) => r.versionId!);
  const onTheSpot = await assessOnTheSpot(ctx.db, pending);
  const rows = raw.map((r) => toRow(r, r.assessmentId ? r : r.versionId ? (onTheSpot.get(r.versionId) ?? null) : null));
  const at = new Map(roundIds.map((id, i) => [id, i]));
  return rows.sort(
    (a, b) =>
      (at.get(a.roundId) ?? 0) - (at.get(b.roundId) ?? 0) ||
      a.order[0] - b.order[0] ||
      a.order[1] - b.order[1] ||
      a.code.localeCompare(b.code, 'zh') ||
      a.order[2] - b.order[2],
  );
}

type RawRow = Awaited<ReturnType<typeof repo.findDashboardRows>>[number];

/** A report and its judgement (stored, or computed on the spot) as the dashboard shows it. */
function toRow(r: RawRow, stored: StoredAssessmentCols | null): DashRow {
  const a = assessmentFields(stored);
  const findings = (a.findings ?? []) as DashRow['findings'];
  const contradiction = isContradicted(findings)
    ? (findings.find((f) => f.rule.startsWith('self-assessment'))?.message ?? '自评与数据不符')
    : null;
  const problems = r.problems ?? '';
  const ownProblem = problems.trim() && !/^(无|暂无)[。.]?$/.test(problems.trim()) ? problems.trim() : null;
  return {
    reportId: r.reportId,
    projectId: r.projectId,
    roundId: r.roundId,
    code: r.code,
    name: r.name,
    matterId: r.matterId,
    matterNumber: r.matterNumber,
    matter: r.matter,
    unitId: r.orgId,
    unit: r.unit,
    levels: parseJson<string[]>(r.levels, []),
    flags: parseJson<string[]>(r.flags, []),
    status: r.status,
    handedIn: HANDED_IN.has(r.status),
    late: r.submittedLate === 1,
    statusKey: statusKeyOf(a.computedStatus),
    computedStatus: a.computedStatus ?? null,
    light: a.light ?? null,
    completionRatio: a.completionRatio ?? null,
    expectedRatio: stored?.expectedRatio ?? null,
    gapPoints: a.gapPoints ?? null,
    reason: a.reason || ownProblem,
    problems,
    selfAssessment: r.selfAssessment ?? null,
    mismatch: contradiction,
    versionId: r.versionId,
    order: [r.matterSeq ?? r.projectSeq, r.projectSeq, r.unitSeq],
    findings,
    completedAnnualTarget: r.completedAnnualTarget === 1,
  };
}

/** The answer's shape of a row (without the internal fields). */
export function publicRow(r: DashRow) {
  const { versionId: _v, order: _o, findings: _f, completedAnnualTarget: _c, ...rest } = r;
  return rest;
}

/** Units' inputs to the one scoring function (rows in round order; 督办 records of the same rounds). */
export function unitInputs(
  rows: DashRow[],
  supervisions: Awaited<ReturnType<typeof repo.findProgrammeSupervisions>>,
): UnitInput[] {
  const units = new Map<string, { unit: string; seq: number; rows: ScoreRow[]; escalations: ScoreEscalation[] }>();
  for (const r of rows) {
    const u = units.get(r.unitId) ?? { unit: r.unit, seq: r.order[2], rows: [], escalations: [] };
    u.rows.push({
      reportId: r.reportId,
      roundId: r.roundId,
      projectId: r.projectId,
      code: r.code,
      name: r.name,
      status: r.status,
      late: r.late,
      computedStatus: r.computedStatus,
      findings: r.findings,
      completedAnnualTarget: r.completedAnnualTarget,
    });
    units.set(r.unitId, u);
  }
  for (const s of supervisions) {
    const u = units.get(s.orgId);
    if (!u) continue;
    u.escalations.push({
      id: s.id,
      level: s.level as 'yellow' | 'red' | 'listed',
      projectId: s.projectId,
      code: s.code,
      name: s.name,
      reportId: s.reportId,
    });
  }
  return [...units.entries()].map(([orgId, u]) => ({
    orgId,
    unit: u.unit,
    rows: u.rows,
    escalations: u.escalations,
  }));
}

/** The consolidated table's query parameters (shared/table-query.ts); other filter keys are the dashboard's own. */
const TABLE_KEYS = new Set(['status', 'light', 'unit', 'matter', 'level', 'flag', 'minGap', 'sort', 'project']);

/**
 * Where a number leads: its filter (the in-page drill-down applies every key: the table's, plus handedIn and mismatch)
 * and the consolidated table's link with the keys the table knows.
 */
export function drill(roundId: string | null, filter: Record<string, string> = {}) {
  const qs = new URLSearchParams(Object.entries(filter).filter(([k]) => TABLE_KEYS.has(k))).toString();
  return {
    roundId,
    filter,
    href: roundId ? `#/rounds/${encodeURIComponent(roundId)}/table${qs ? `?${qs}` : ''}` : null,
  };
}
