/**
 * What a round's state and due date allow. A round is drafted, opened, closed and archived:
 * draft → open → closed → archived (closed may reopen; archived is read-only forever).
 * A draft round takes nothing yet. A closed round takes no more saves, submissions or returns (the office can still
 * approve, revoke and publish what was handed in) — except from a unit it was reopened for. An archived round takes
 * nothing at all. After the due date (the round's, or the unit's extended one) a submission is either accepted and
 * marked late, or refused — as the programme configures. Pure; dates compare in China Standard Time (UTC+8).
 */
import type { ReviewAction, RoundStatus } from '../../shared/statuses';

export type LateSubmission = 'allow' | 'refuse';
/**
 * A round as a report sees it: its state and due date, plus the unit's own extension (a later due date) and whether
 * the round was reopened for the unit.
 */
export type RoundState = { status: string; dueDate: string; unitDueDate?: string | null; reopenedForUnit?: boolean };

export type RoundVerdict =
  | { ok: true; late: boolean }
  | { ok: false; reason: 'closed' | 'overdue' | 'draft' | 'archived'; message: string };

/** Actions a closed round no longer takes. */
const BLOCKED_WHEN_CLOSED: readonly ReviewAction[] = ['save', 'submit', 'return'];

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The due date in force for a unit: the later of the round's and the unit's extension. */
export function effectiveDueDate(round: Pick<RoundState, 'dueDate' | 'unitDueDate'>): string {
  return round.unitDueDate && round.unitDueDate > round.dueDate ? round.unitDueDate : round.dueDate;
}

export function roundAllows(
  action: ReviewAction,
  round: RoundState,
  now: Date,
  lateSubmission: LateSubmission = 'allow',
): RoundVerdict {
  if (round.status === 'archived')
    return { ok: false, reason: 'archived', message: '该填报批次已归档，只能查看，不能再修改' };
  if (round.status === 'draft')
    return { ok: false, reason: 'draft', message: '该填报批次尚未开启，请等待督查室开启后再填报' };
  if (round.status === 'closed' && BLOCKED_WHEN_CLOSED.includes(action) && !round.reopenedForUnit)
    return { ok: false, reason: 'closed', message: '该填报批次已关闭，不能再填报、提交或退回' };
  const due = effectiveDueDate(round);
  const late = action === 'submit' && chinaDate(now) > due;
  if (late && lateSubmission === 'refuse')
    return {
      ok: false,
      reason: 'overdue',
      message: `已过报送截止日期（${due}），本计划不接受逾期提交，请联系督查室`,
    };
  return { ok: true, late };
}

/** What the office does to a round. */
export type RoundLifecycleAction = 'open' | 'close' | 'reopen' | 'archive' | 'extend' | 'reopenUnit';

/** The one transition table of a round's lifecycle (extend and reopen-for-unit keep the state). */
const ROUND_TRANSITIONS: Record<RoundStatus, Partial<Record<RoundLifecycleAction, RoundStatus>>> = {
  draft: { open: 'open', extend: 'draft' },
  open: { close: 'closed', extend: 'open' },
  closed: { reopen: 'open', archive: 'archived', extend: 'closed', reopenUnit: 'closed' },
  archived: {},
};

/** The next state, or a Chinese reason why the round's state does not allow it. */
export function roundTransition(
  status: string,
  action: RoundLifecycleAction,
): { ok: true; next: RoundStatus } | { ok: false; message: string } {
  const next = ROUND_TRANSITIONS[status as RoundStatus]?.[action];
  if (next) return { ok: true, next };
  const label = roundStateLabel(status);
  if (status === 'archived') return { ok: false, message: '该填报批次已归档，只能查看，不能再修改' };
  const what: Record<RoundLifecycleAction, string> = {
    open: '开启',
    close: '关闭',
    reopen: '重新开启',
    archive: '归档（须先关闭）',
    extend: '延长截止日期',
    reopenUnit: '为单位重新开放（须先关闭批次）',
  };
  return { ok: false, message: `该填报批次当前为“${label}”，不能${what[action]}` };
}

/** The lifecycle actions a round's state allows now (buttons). */
export function roundActions(status: string): RoundLifecycleAction[] {
  return Object.keys(ROUND_TRANSITIONS[status as RoundStatus] ?? {}) as RoundLifecycleAction[];
}

const ROUND_STATE_LABELS: Record<RoundStatus, string> = {
  draft: '未开启',
  open: '填报中',
  closed: '已关闭',
  archived: '已归档',
};

/** The one label of a round's state: the rounds list and the round page both print this. */
export function roundStateLabel(status: string): string {
  return ROUND_STATE_LABELS[status as RoundStatus] ?? status;
}

/** A round's exception as stored: a closing (whole round), an extension or a reopening. */
export type RoundException = { orgId: string | null; kind: string; dueDate: string | null; createdAt: string };

/**
 * What a unit's exceptions mean for it: its due date (the latest extension for the unit, if later than the round's)
 * and whether the round is reopened for it (a reopening after the round's latest closing).
 */
export function unitRoundState(
  exceptions: readonly RoundException[],
  orgId: string,
): { unitDueDate: string | null; reopenedForUnit: boolean } {
  const lastClose = exceptions
    .filter((e) => e.kind === 'close')
    .map((e) => e.createdAt)
    .sort()
    .at(-1);
  const mine = exceptions.filter((e) => e.orgId === orgId);
  const unitDueDate =
    mine
      .filter((e) => e.kind === 'extend' && e.dueDate)
      .map((e) => e.dueDate!)
      .sort()
      .at(-1) ?? null;
  const reopenedForUnit = mine.some((e) => e.kind === 'reopen' && (!lastClose || e.createdAt >= lastClose));
  return { unitDueDate, reopenedForUnit };
}
