/** Three past quarterly rounds with one report per project × lead unit and its full version history. */
import type { ReportStatus, ReviewAction } from '../../shared/statuses';
import { DEFAULT_ROUND_COLUMNS, type Report, type ReportContent, type ReportVersion, type Round } from '../model/types';
import { periodLabel } from '../plan/periods';
import { nextStatus } from '../review/review-workflow';
import { APPROVE_COMMENTS, RETURN_COMMENTS } from './fragments';
import { hash32, makeId, Rng } from './rng';
import { composeContent, partialContent } from './text';
import type { Assignment } from './traj';

export const ROUND_COLUMNS = DEFAULT_ROUND_COLUMNS;

/** Final state wanted for a report: a review status, or 'none' (not started, no version). */
export type Outcome = ReportStatus | 'none';

const Q_OUTCOMES: [Outcome, number][][] = [
  [
    ['published', 0.8],
    ['approved', 0.2],
  ],
  [
    ['published', 0.62],
    ['approved', 0.33],
    ['submitted', 0.05],
  ],
  [
    ['approved', 0.46],
    ['submitted', 0.25],
    ['returned', 0.08],
    ['draft', 0.11],
    ['none', 0.06],
    ['published', 0.04],
  ],
];

/** Round dates: as-of, due date, publication date (Q1–Q3). */
const ROUND_DATES: [string, string, string][] = [
  ['03-31', '04-05', '04-12'],
  ['06-30', '07-05', '07-13'],
  ['09-30', '10-08', '10-16'],
];

const HOUR = 3_600_000;
/** Epoch ms of a Beijing-time wall clock. */
const bj = (year: number, mmdd: string, hour: number, minute = 0) => {
  const [mm, dd] = mmdd.split('-').map(Number);
  return Date.UTC(year, mm! - 1, dd!, hour - 8, minute);
};

/** Move a time outside 08:30–20:00 Beijing time to the next working morning. */
function officeHours(rng: Rng, t: number): number {
  const day = 24 * HOUR;
  const local = t + 8 * HOUR;
  const minutes = (local % day) / 60_000;
  if (minutes >= 510 && minutes < 1200) return t;
  const startOfDay = local - (local % day) - 8 * HOUR;
  const morning = startOfDay + 510 * 60_000 + rng.int(0, 90) * 60_000;
  return minutes < 510 ? morning : morning + day;
}

export type RoundsContext = {
  seed: number;
  d: number;
  year: number;
  programmeId: string;
  supervisorId: string;
  reporterOf: (orgId: string) => string | null;
  /** Short, stable key of an organization (used in id derivation). */
  orgKey: (orgId: string) => string;
  /** Forced Q3 outcomes by "projectId/orgId". */
  forcedQ3: Map<string, Outcome>;
};

export function buildRounds(ctx: RoundsContext): Round[] {
  return [1, 2, 3].map((q) => ({
    id: makeId(ctx.seed, `d${ctx.d}/round/${q}`),
    programmeId: ctx.programmeId,
    name: `${periodLabel(`${ctx.year}-Q${q}`)}进展情况填报`,
    periodType: 'quarter',
    periodKey: `${ctx.year}-Q${q}`,
    asOf: `${ctx.year}-${ROUND_DATES[q - 1]![0]}`,
    dueDate: `${ctx.year}-${ROUND_DATES[q - 1]![1]}`,
    columns: [...ROUND_COLUMNS],
    status: q === 3 ? 'open' : 'closed',
  }));
}

/** The action chain that leads to an outcome (with an optional return cycle). */
function chain(rng: Rng, outcome: Outcome, q: number): ReviewAction[] {
  const cycle = rng.chance(q === 3 ? 0.15 : 0.1);
  const start: ReviewAction[] = rng.chance(0.3) ? ['save', 'save'] : ['save'];
  const submitted: ReviewAction[] = cycle ? [...start, 'submit', 'return', 'save', 'submit'] : [...start, 'submit'];
  switch (outcome) {
    case 'none':
      return [];
    case 'draft':
      return start;
    case 'submitted':
      return submitted;
    case 'returned':
      return rng.chance(0.3) ? ['save', 'submit', 'return', 'save'] : ['save', 'submit', 'return'];
    case 'approved':
      return [...submitted, 'approve'];
    case 'published':
      return [...submitted, 'approve', 'publish'];
  }
}

/** One report while its action chain is replayed: clock, status, content and the versions written so far. */
type History = {
  ctx: RoundsContext;
  a: Assignment;
  qi: number;
  key: string;
  reportId: string;
  rng: Rng;
  full: ReportContent;
  actions: ReviewAction[];
  reporter: string | null;
  pub: string;
  cap: number;
  t: number;
  prev: number;
  status: ReportStatus;
  content: ReportContent;
  lastComment: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  returned: boolean;
  versions: ReportVersion[];
};

/** Advance the clock for action n: reviews take longer, publication waits for the publication day, Q3 has a cap. */
function advanceClock(h: History, action: ReviewAction, n: number): void {
  const { rng, ctx } = h;
  if (n > 0) {
    const step = action === 'approve' || action === 'return' ? rng.int(4, 40) : rng.int(1, 20);
    h.t = officeHours(rng, h.t + step * HOUR + rng.int(0, 59) * 60_000);
    if (action === 'publish') h.t = Math.max(h.t, bj(ctx.year, h.pub, rng.int(9, 11), rng.int(0, 59)));
    if (h.t > h.cap) h.t = h.prev + 10 * 60_000;
  }
  h.prev = h.t;
}

/** Content saved by a save (partial before a return or another save) and the reviewer's comment; returns the comment. */
function applyAction(h: History, action: ReviewAction, n: number): string | null {
  const { rng, actions } = h;
  if (action === 'save') {
    const moreToCome = n < actions.length - 1;
    const firstOfCycle = actions.includes('return') && !h.returned;
    const early = moreToCome && actions[n + 1] === 'save';
    h.content = (firstOfCycle || early) && rng.chance(0.8) ? partialContent(rng, h.full, !early) : h.full;
    return null;
  }
  if (action === 'return') {
    const lag = h.a.sa[h.qi] === '滞后';
    const comment = lag && rng.chance(0.6) ? RETURN_COMMENTS[5]! : rng.pick(RETURN_COMMENTS);
    h.returned = true;
    h.lastComment = comment;
    return comment;
  }
  if (action === 'approve') {
    const comment = rng.chance(0.4) ? rng.pick(APPROVE_COMMENTS) : null;
    h.lastComment = comment;
    return comment;
  }
  return null;
}

function versionOf(h: History, action: ReviewAction, n: number, comment: string | null): ReportVersion {
  const createdAt = new Date(h.t).toISOString();
  if (action === 'submit') h.submittedAt = createdAt;
  if (action === 'approve') h.approvedAt = createdAt;
  const byReporter = action === 'save' || action === 'submit';
  const { content } = h;
  return {
    id: makeId(h.ctx.seed, `version/${h.key}/${n + 1}`),
    reportId: h.reportId,
    versionNo: n + 1,
    status: h.status,
    action,
    progressText: content.progressText,
    selfAssessment: content.selfAssessment,
    problems: content.problems,
    nextSteps: content.nextSteps,
    targetAdjustmentNote: content.targetAdjustmentNote,
    completedAnnualTarget: content.completedAnnualTarget,
    values: content.values.map((v) =>
      v.note === undefined ? { indicatorId: v.indicatorId, value: v.value } : { ...v },
    ),
    lagAnalysis: content.lagAnalysis ?? null,
    comment,
    createdBy: byReporter ? h.reporter : h.ctx.supervisorId,
    createdAt,
  };
}

/** Progress of a parent project's sub-items in quarter qi (their milestone). */
function childProgress(a: Assignment, qi: number, byPlan: Map<Assignment['plan'], Assignment>) {
  return a.plan.children.map((c) => {
    const ca = byPlan.get(c)!;
    const ms = ca.inds.findIndex((r) => r.ind.kind === 'milestone');
    return { name: c.project.name, pct: ms >= 0 ? (ca.values[qi]![ms] ?? 0) : 0 };
  });
}

/** One report of a round and its versions: the action chain to its outcome, replayed with times and comments. */
function buildReport(
  ctx: RoundsContext,
  round: Round,
  qi: number,
  a: Assignment,
  outcome: Outcome,
  byPlan: Map<Assignment['plan'], Assignment>,
): { report: Report; versions: ReportVersion[] } {
  const q = qi + 1;
  const [asOf, due, pub] = ROUND_DATES[qi]!;
  const key = `d${ctx.d}/q${q}/${a.plan.project.code}/${ctx.orgKey(a.org.id)}`;
  const rng = new Rng(hash32(key, ctx.seed));
  const reportId = makeId(ctx.seed, `report/${key}`);
  const full = composeContent({ rng, a, q, children: childProgress(a, qi, byPlan) });
  const actions = chain(rng, outcome, q);
  const reporter = ctx.reporterOf(a.org.id);
  const t = bj(ctx.year, asOf, rng.int(9, 17), rng.int(0, 59)) + rng.int(-1, 3) * 24 * HOUR;
  const cap = q === 3 ? bj(ctx.year, due, 20) : Number.POSITIVE_INFINITY;
  const h: History = {
    ctx,
    a,
    qi,
    key,
    reportId,
    rng,
    full,
    actions,
    reporter,
    pub,
    cap,
    t,
    prev: t,
    status: 'draft',
    content: full,
    lastComment: null,
    submittedAt: null,
    approvedAt: null,
    returned: false,
    versions: [],
  };
  actions.forEach((action, n) => {
    advanceClock(h, action, n);
    const next = nextStatus(h.status, action);
    if (!next) throw new Error(`demo: illegal ${action} from ${h.status}`);
    h.status = next;
    const comment = applyAction(h, action, n);
    h.versions.push(versionOf(h, action, n, comment));
  });
  const openedAt = new Date(bj(ctx.year, asOf, 9) - 6 * 24 * HOUR).toISOString();
  const { status, versions } = h;
  const report: Report = {
    id: reportId,
    roundId: round.id,
    projectId: a.plan.project.id,
    orgId: a.org.id,
    status,
    versionNo: versions.length,
    lastComment: h.lastComment,
    submittedAt: h.submittedAt,
    approvedAt: status === 'approved' || status === 'published' ? h.approvedAt : null,
    updatedAt: versions.at(-1)?.createdAt ?? openedAt,
  };
  return { report, versions };
}

export function buildReports(
  ctx: RoundsContext,
  rounds: Round[],
  assignments: Assignment[],
): { reports: Report[]; reportVersions: ReportVersion[] } {
  const reports: Report[] = [];
  const reportVersions: ReportVersion[] = [];
  const byPlan = new Map(assignments.map((a) => [a.plan, a]));
  rounds.forEach((round, qi) => {
    const q = qi + 1;
    const outcomes = assignments.map((a) => {
      const rng = new Rng(hash32(`d${ctx.d}/q${q}/${a.plan.project.code}/${ctx.orgKey(a.org.id)}/outcome`, ctx.seed));
      return (q === 3 && ctx.forcedQ3.get(`${a.plan.project.id}/${a.org.id}`)) || rng.weighted(Q_OUTCOMES[qi]!);
    });
    if (q === 3) ensureEveryOutcome(outcomes, assignments, ctx.forcedQ3);
    assignments.forEach((a, i) => {
      const { report, versions } = buildReport(ctx, round, qi, a, outcomes[i]!, byPlan);
      reports.push(report);
      reportVersions.push(...versions);
    });
  });
  return { reports, reportVersions };
}

/** Make sure each outcome occurs at least once in the open round (small programmes could miss one). */
function ensureEveryOutcome(outcomes: Outcome[], assignments: Assignment[], forced: Map<string, Outcome>): void {
  const all: Outcome[] = ['approved', 'submitted', 'returned', 'draft', 'none', 'published'];
  for (const o of all) {
    if (outcomes.includes(o)) continue;
    const counts = new Map<Outcome, number>();
    for (const x of outcomes) counts.set(x, (counts.get(x) ?? 0) + 1);
    const i = outcomes.findIndex(
      (x, k) => (counts.get(x) ?? 0) > 1 && !forced.has(`${assignments[k]!.plan.project.id}/${assignments[k]!.org.id}`),
    );
    if (i >= 0) outcomes[i] = o;
  }
}
