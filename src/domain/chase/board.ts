/**
 * The chase board's arithmetic and the office's one-click 催办, pure: a unit's state in a round (未开始, 草稿, 已退回,
 * 已报送, 逾期N天), completeness and timeliness as DHIS2 reports them (expected, handed in, on time), and the 催办
 * actions of a click (idempotent per unit per day).
 */
import { chinaDate } from '../collect/round-rules';
import { type ChaseAction, type ChaseRound, type ChaseState, daysBetween, HANDED_IN, unitDueDate } from './evaluate';
import type { ChaseRules } from './rules';

/** Findings of the stored assessment that say the self-assessment is contradicted by the numbers. */
export const CONTRADICTION_FINDINGS: readonly string[] = [
  'self-assessment-optimistic',
  'self-assessment-complete-below-target',
];

export const isContradicted = (findings: readonly { rule: string }[]): boolean =>
  findings.some((f) => CONTRADICTION_FINDINGS.includes(f.rule));

export type UnitState = 'not_started' | 'draft' | 'returned' | 'submitted' | 'overdue';

export type BoardReport = { status: string; versionNo: number; submittedLate: boolean };

export function unitBoardState(
  reports: readonly BoardReport[],
  dueDate: string,
  today: string,
): { state: UnitState; label: string; daysOverdue: number; expected: number; handedIn: number; onTime: number } {
  const expected = reports.length;
  const handedIn = reports.filter((r) => HANDED_IN.has(r.status)).length;
  const onTime = reports.filter((r) => HANDED_IN.has(r.status) && !r.submittedLate).length;
  const late = daysBetween(dueDate, today);
  const daysOverdue = handedIn < expected && late > 0 ? late : 0;
  let state: UnitState;
  if (handedIn === expected) state = 'submitted';
  else if (daysOverdue > 0) state = 'overdue';
  else if (reports.some((r) => r.status === 'returned')) state = 'returned';
  else if (reports.some((r) => r.versionNo > 0 && !HANDED_IN.has(r.status))) state = 'draft';
  else state = 'not_started';
  const label =
    state === 'overdue'
      ? `逾期${daysOverdue}天`
      : { not_started: '未开始', draft: '草稿', returned: '已退回', submitted: '已报送' }[state];
  return { state, label, daysOverdue, expected, handedIn, onTime };
}

/** handed-in share, 0 when nothing is expected. */
export const ratio = (n: number, of: number): number => (of > 0 ? n / of : 0);

/**
 * The office's one-click 催办 of a round's units (all with something not handed in, or the chosen ones): one action per
 * unit, keyed by the Beijing date, so a second click the same day sends nothing again.
 */
export function manualChase(
  rules: ChaseRules,
  state: ChaseState,
  round: ChaseRound,
  orgIds: readonly string[] | undefined,
  now: Date,
): { actions: ChaseAction[]; skipped: { orgId: string; reason: string }[] } {
  const today = chinaDate(now);
  const pending = new Map<string, ChaseRound['reports']>();
  const all = new Set(round.reports.map((r) => r.orgId));
  for (const r of round.reports)
    if (!HANDED_IN.has(r.status)) pending.set(r.orgId, [...(pending.get(r.orgId) ?? []), r]);
  const wanted = orgIds ? [...new Set(orgIds)] : [...pending.keys()];
  const actions: ChaseAction[] = [];
  const skipped: { orgId: string; reason: string }[] = [];
  for (const orgId of wanted.sort()) {
    const reports = pending.get(orgId);
    if (!all.has(orgId)) {
      skipped.push({ orgId, reason: '该单位在本批次没有填报任务' });
      continue;
    }
    if (!reports) {
      skipped.push({ orgId, reason: '已全部报送' });
      continue;
    }
    const unit = state.units[orgId] ?? { name: orgId, reporters: [], leaders: [] };
    const due = unitDueDate(round, orgId);
    const overdue = Math.max(0, daysBetween(due, today));
    const withLeaders = rules.leaderAfterDaysOverdue !== null && overdue >= rules.leaderAfterDaysOverdue && overdue > 0;
    const recipients = [...new Set([...unit.reporters, ...(withLeaders ? unit.leaders : [])])].sort();
    if (!recipients.length) {
      skipped.push({ orgId, reason: '该单位没有可接收通知的账号' });
      continue;
    }
    actions.push({
      key: `manual:${round.id}:${orgId}:${today}`,
      kind: 'chase',
      level: 'chase',
      ruleId: 'manual',
      programmeId: state.programmeId,
      roundId: round.id,
      orgId,
      unit: unit.name,
      reportId: null,
      projectId: null,
      recipients,
      title: `催办：${round.name}`,
      body: `督查室催办：${unit.name}尚有${reports.length}项未报送，截止日期${due}${
        overdue > 0 ? `，已逾期${overdue}天` : ''
      }，请尽快报送。`,
      link: `/rounds/${round.id}/mine`,
      reason: '督查室一键催办',
      responseDueDate: null,
    });
  }
  return { actions, skipped };
}
