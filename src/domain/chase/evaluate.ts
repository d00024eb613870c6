/**
 * evaluate(rules, state, now) → the chase actions due now (issue 11 §1): reminders before a unit's due date, 催办 after
 * it, and the escalations of the 督办 ladder. Pure and deterministic: the same inputs give the same actions, and every
 * action carries a stable idempotency key (rule × unit × report × level × occurrence), so running it twice — or on two
 * workers at once — never repeats anything once the keys are stored (notifications are unique per user and key).
 *
 * Catch-up: a reminder or 催办 is "the latest scheduled moment not after today" — an evaluator that was down on the
 * day still sends it once, and never sends an earlier, stale one. Dates are Beijing dates (round-rules chinaDate).
 */
import { chinaDate } from '../collect/round-rules';
import { type LadderLevel, ladderLabel } from './ladder';
import { type ChaseRules, describeTrigger, type EscalationRule, inQuietHours } from './rules';

export type ChaseReport = {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  orgId: string;
  /** draft (incl. not started: versionNo 0) | submitted | returned | approved | published */
  status: string;
  versionNo: number;
  submittedAt: string | null;
  /** When it was last returned (ISO), if its state is returned. */
  returnedAt: string | null;
  /** The current stored assessment of its current version: 滞后, 严重滞后, 按序时推进 … (null: none yet). */
  assessedStatus: string | null;
  /** 百分点 against 序时进度 (negative = behind), from the stored assessment. */
  gapPoints: number | null;
  /** The stored findings say the self-assessment is contradicted by the numbers. */
  contradicted: boolean;
  /** A written 滞后分析 is required (stored assessment) … */
  lagAnalysisRequired: boolean;
  /** … and one has been handed in (the document submitted/approved, or complete inside the report). */
  lagAnalysisPresent: boolean;
};

export type ChaseRound = {
  id: string;
  name: string;
  periodKey: string;
  asOf: string;
  /** The round's due date (YYYY-MM-DD). */
  dueDate: string;
  /** draft | open | closed | archived */
  status: string;
  /** Units' extended due dates (later than the round's), by org id. */
  unitDueDates: Record<string, string>;
  reports: ChaseReport[];
};

export type ChaseUnit = { name: string; reporters: string[]; leaders: string[] };

export type ChaseState = {
  programmeId: string;
  programmeName: string;
  rounds: ChaseRound[];
  units: Record<string, ChaseUnit>;
};

export type ChaseActionKind = 'remind' | 'chase' | 'escalate' | 'supervision';

export type ChaseAction = {
  /** Stable idempotency key (with the recipient: unique per notification). */
  key: string;
  kind: ChaseActionKind;
  level: LadderLevel;
  /** 'remind' | 'chase' | an escalation rule id. */
  ruleId: string;
  programmeId: string;
  roundId: string;
  orgId: string;
  unit: string;
  reportId: string | null;
  projectId: string | null;
  recipients: string[];
  title: string;
  body: string;
  /** A hash path of the web app. */
  link: string;
  /** Why, in words (the rule). */
  reason: string;
  /** For a 督办 level: the date the unit must answer by. */
  responseDueDate: string | null;
};

export const HANDED_IN = new Set(['submitted', 'approved', 'published']);
const LIVE_ROUND = new Set(['open', 'closed']);

/** Days from date a to date b (YYYY-MM-DD): b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The due date in force for a unit in a round (its extension when later). */
export const unitDueDate = (round: ChaseRound, orgId: string): string => {
  const ext = round.unitDueDates[orgId];
  return ext && ext > round.dueDate ? ext : round.dueDate;
};

/** Which reminder or 催办 moment applies to a unit today, or null: the latest scheduled moment not after today. */
export function reminderMoment(
  rules: ChaseRules,
  daysUntilDue: number,
): { kind: 'remind' | 'chase'; occurrence: string; daysOverdue: number } | null {
  if (daysUntilDue > 0) {
    const b = rules.remindDaysBefore.filter((d) => d > 0 && d >= daysUntilDue).sort((x, y) => x - y)[0];
    return b === undefined ? null : { kind: 'remind', occurrence: `d-${b}`, daysOverdue: 0 };
  }
  if (daysUntilDue === 0) {
    if (rules.remindOnDueDate) return { kind: 'remind', occurrence: 'd0', daysOverdue: 0 };
    const b = rules.remindDaysBefore.filter((d) => d > 0).sort((x, y) => x - y)[0];
    return b === undefined ? null : { kind: 'remind', occurrence: `d-${b}`, daysOverdue: 0 };
  }
  const d = -daysUntilDue;
  if (rules.chaseEveryDays <= 0) return null;
  const occ = 1 + Math.floor((d - 1) / rules.chaseEveryDays) * rules.chaseEveryDays;
  return { kind: 'chase', occurrence: `d+${occ}`, daysOverdue: d };
}

const names = (reports: ChaseReport[]) => {
  const shown = reports.slice(0, 3).map((r) => `${r.projectCode} ${r.projectName}`.trim());
  return reports.length > 3 ? `${shown.join('、')}等${reports.length}项` : shown.join('、');
};

function uniq(ids: string[]): string[] {
  return [...new Set(ids)].sort();
}

/** The context every part of the evaluation shares. */
type Run = {
  rules: ChaseRules;
  state: ChaseState;
  today: string;
  out: ChaseAction[];
  /** Per unit: its reporters and 分管领导 (the recipients of an escalation), computed once. */
  everyone: Map<string, string[]>;
};

const unitOf = (run: Run, orgId: string): ChaseUnit =>
  run.state.units[orgId] ?? { name: orgId, reporters: [], leaders: [] };

const baseOf = (run: Run, round: ChaseRound, orgId: string) => ({
  programmeId: run.state.programmeId,
  roundId: round.id,
  orgId,
  unit: unitOf(run, orgId).name,
});

/** The actions due now. Nothing during quiet hours (they wait for the next evaluation after it). */
export function evaluate(rules: ChaseRules, state: ChaseState, now: Date): ChaseAction[] {
  if (inQuietHours(rules, now)) return [];
  const run: Run = { rules, state, today: chinaDate(now), out: [], everyone: new Map() };
  for (const round of state.rounds) if (round.status === 'open') remindRound(run, round);
  const enabled = rules.escalation.filter((e) => e.enabled);
  for (const round of state.rounds)
    if (round.status === 'open') for (const report of round.reports) escalateReport(run, enabled, round, report);
  escalateSeries(run, enabled);
  return run.out;
}

/** Reports not handed in, by unit. */
function pendingByUnit(round: ChaseRound): [string, ChaseReport[]][] {
  const pending = new Map<string, ChaseReport[]>();
  for (const r of round.reports) {
    if (HANDED_IN.has(r.status)) continue;
    const list = pending.get(r.orgId);
    if (list) list.push(r);
    else pending.set(r.orgId, [r]);
  }
  return [...pending].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** 1. Reminders and 催办: one per unit and round with something not handed in. */
function remindRound(run: Run, round: ChaseRound): void {
  const { rules, today } = run;
  for (const [orgId, reports] of pendingByUnit(round)) {
    const due = unitDueDate(round, orgId);
    const until = daysBetween(today, due);
    const m = reminderMoment(rules, until);
    if (!m) continue;
    const unit = unitOf(run, orgId);
    const withLeaders =
      m.kind === 'chase' && rules.leaderAfterDaysOverdue !== null && m.daysOverdue >= rules.leaderAfterDaysOverdue;
    const recipients = uniq([...unit.reporters, ...(withLeaders ? unit.leaders : [])]);
    if (!recipients.length) continue;
    const when = until > 0 ? `${until}天后截止` : until === 0 ? '今天截止' : `已逾期${-until}天`;
    const ask = m.kind === 'chase' ? `，已逾期${m.daysOverdue}天，请尽快报送` : '，请按时报送';
    run.out.push({
      ...baseOf(run, round, orgId),
      key: `${m.kind}:${round.id}:${orgId}:${m.occurrence}`,
      kind: m.kind,
      level: m.kind,
      ruleId: m.kind,
      reportId: null,
      projectId: null,
      recipients,
      title: `${m.kind === 'remind' ? '提醒' : '催办'}：${round.name}${when}`,
      body: `${unit.name}尚有${reports.length}项未报送（${names(reports)}），截止日期${due}${ask}。`,
      link: `/rounds/${round.id}/mine`,
      reason: m.kind === 'remind' ? '临近截止日期提醒' : `逾期后每${rules.chaseEveryDays}天催办`,
      responseDueDate: null,
    });
  }
}

/** One escalation action of a report under a rule (occurrence: e.g. the return it answers). */
function escalate(run: Run, round: ChaseRound, report: ChaseReport, rule: EscalationRule, occurrence = ''): void {
  const unit = unitOf(run, report.orgId);
  const reason = describeTrigger(rule);
  const supervision = rule.level !== 'chase';
  const responseDueDate = supervision ? addDays(run.today, run.rules.responseDays) : null;
  run.out.push({
    ...baseOf(run, round, report.orgId),
    key: `esc:${rule.id}:${rule.level}:${report.id}${occurrence ? `:${occurrence}` : ''}`,
    kind: supervision ? 'supervision' : 'escalate',
    level: rule.level,
    ruleId: rule.id,
    reportId: report.id,
    projectId: report.projectId,
    recipients: everyoneOf(run, report.orgId, unit),
    title: `${ladderLabel(rule.level)}：${report.projectCode} ${report.projectName}（${unit.name}）`,
    body: supervision
      ? `${report.projectName}${reason}，列为${ladderLabel(rule.level)}。请于${responseDueDate}前书面回复整改措施和完成时限。`
      : `${report.projectName}${reason}，请尽快处理。`,
    link: `/reports/${report.id}`,
    reason,
    responseDueDate,
  });
}

function everyoneOf(run: Run, orgId: string, unit: ChaseUnit): string[] {
  let ids = run.everyone.get(orgId);
  if (!ids) {
    ids = uniq([...unit.reporters, ...unit.leaders]);
    run.everyone.set(orgId, ids);
  }
  return ids;
}

/** Of several rules that fire for one item, only the highest level acts. */
function highest<R extends EscalationRule>(fired: R[]): R | null {
  return [...fired].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level])[0] ?? null;
}

const ofTrigger = <T extends EscalationRule['trigger']>(rules: EscalationRule[], t: T) =>
  rules.filter((e): e is Extract<EscalationRule, { trigger: T }> => e.trigger === t);

/** 2. Per report of an open round: days overdue, a return not answered, a missing 滞后分析. */
function escalateReport(run: Run, rules: EscalationRule[], round: ChaseRound, report: ChaseReport): void {
  const overdue = daysBetween(unitDueDate(round, report.orgId), run.today);
  if (report.status === 'draft') {
    const rule = highest(ofTrigger(rules, 'overdueDays').filter((e) => overdue >= e.days));
    if (rule) escalate(run, round, report, rule);
  }
  if (report.status === 'returned' && report.returnedAt) {
    const since = daysBetween(chinaDate(new Date(report.returnedAt)), run.today);
    const rule = highest(ofTrigger(rules, 'returnedNotResubmitted').filter((e) => since >= e.days));
    if (rule) escalate(run, round, report, rule, report.returnedAt);
  }
  if (report.lagAnalysisRequired && !report.lagAnalysisPresent) {
    const rule = highest(ofTrigger(rules, 'missingLagAnalysis').filter((e) => overdue > e.days));
    if (rule) escalate(run, round, report, rule);
  }
}

type Item = { round: ChaseRound; report: ChaseReport };

/** Each project × unit's reports with a stored assessment, oldest round first (live rounds). */
function seriesOf(state: ChaseState): Item[][] {
  const series = new Map<string, Item[]>();
  const rounds = state.rounds
    .filter((r) => LIVE_ROUND.has(r.status))
    .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.periodKey.localeCompare(b.periodKey));
  for (const round of rounds)
    for (const report of round.reports) {
      if (report.assessedStatus === null) continue;
      const k = `${report.projectId}|${report.orgId}`;
      const list = series.get(k);
      if (list) list.push({ round, report });
      else series.set(k, [{ round, report }]);
    }
  return [...series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, items]) => items);
}

/** The rule of those whose trailing run is long enough with the highest level, and the item where its run reached it. */
function fireRuns<R extends EscalationRule & { rounds: number }>(
  items: Item[],
  rules: R[],
  counts: (r: ChaseReport, rule: R) => boolean,
): { rule: R; at: Item } | null {
  const fired: { rule: R; at: Item }[] = [];
  for (const rule of rules) {
    let run = 0;
    for (let i = items.length - 1; i >= 0 && counts(items[i]!.report, rule); i--) run++;
    if (rule.rounds > 0 && run >= rule.rounds) fired.push({ rule, at: items[items.length - run + rule.rounds - 1]! });
  }
  return fired.sort((a, b) => LEVEL_RANK[b.rule.level] - LEVEL_RANK[a.rule.level])[0] ?? null;
}

const lagging = (r: ChaseReport, rule: Extract<EscalationRule, { trigger: 'lagRounds' }>): boolean => {
  if (rule.minGapPoints !== null) return r.gapPoints !== null && -r.gapPoints > rule.minGapPoints;
  if (rule.severeOnly) return r.assessedStatus === '严重滞后';
  return r.assessedStatus === '滞后' || r.assessedStatus === '严重滞后';
};

/** 3. Over rounds, per project × unit: consecutive lagging rounds, self-assessments contradicted round after round. */
function escalateSeries(run: Run, rules: EscalationRule[]): void {
  const lagRules = ofTrigger(rules, 'lagRounds');
  const contraRules = ofTrigger(rules, 'contradictedRounds');
  for (const items of seriesOf(run.state)) {
    const lag = fireRuns(items, lagRules, lagging);
    if (lag) escalate(run, lag.at.round, lag.at.report, lag.rule);
    const contra = fireRuns(items, contraRules, (r) => r.contradicted);
    if (contra) escalate(run, contra.at.round, contra.at.report, contra.rule);
  }
}

const LEVEL_RANK: Record<LadderLevel, number> = { remind: 0, chase: 1, yellow: 2, red: 3, listed: 4 };

/** Counts per kind (a run's summary). */
export function countByKind(actions: ChaseAction[]): Record<ChaseActionKind, number> {
  const c: Record<ChaseActionKind, number> = { remind: 0, chase: 0, escalate: 0, supervision: 0 };
  for (const a of actions) c[a.kind]++;
  return c;
}
