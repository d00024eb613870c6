/**
 * What a round's state and due date allow. A closed round takes no more saves, submissions or returns (the office
 * can still approve and publish what was handed in). After the due date a submission is either accepted and marked
 * late, or refused — as the programme configures. Pure; dates compare in China Standard Time (UTC+8).
 */
import type { ReviewAction } from '../../shared/statuses';

export type LateSubmission = 'allow' | 'refuse';
export type RoundState = { status: string; dueDate: string };

export type RoundVerdict = { ok: true; late: boolean } | { ok: false; reason: 'closed' | 'overdue'; message: string };

/** Actions a closed round no longer takes. */
const BLOCKED_WHEN_CLOSED: readonly ReviewAction[] = ['save', 'submit', 'return'];

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function roundAllows(
  action: ReviewAction,
  round: RoundState,
  now: Date,
  lateSubmission: LateSubmission = 'allow',
): RoundVerdict {
  if (round.status === 'closed' && BLOCKED_WHEN_CLOSED.includes(action))
    return { ok: false, reason: 'closed', message: '该填报批次已关闭，不能再填报、提交或退回' };
  const late = action === 'submit' && chinaDate(now) > round.dueDate;
  if (late && lateSubmission === 'refuse')
    return {
      ok: false,
      reason: 'overdue',
      message: `已过报送截止日期（${round.dueDate}），本计划不接受逾期提交，请联系督查室`,
    };
  return { ok: true, late };
}
