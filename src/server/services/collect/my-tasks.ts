/**
 * The reporter's home (GET /api/my/tasks): everything that needs the user's units across all programmes and every
 * round that is open (or closed but reopened for the unit) — to fill, returned (with the comments, overall and per
 * field), overdue (with the due date in force, extension included) — and what was approved recently.
 */

import type { z } from 'zod';
import { chinaDate, effectiveDueDate, unitRoundState } from '../../../domain/collect/round-rules';
import { periodLabel } from '../../../domain/plan/periods';
import { reportScope } from '../../../domain/policies/policies';
import type { MyTasksSchema } from '../../../shared/contract/reports';
import type { ReportStatus } from '../../../shared/statuses';
import { findLastReturns, findTaskRows, findUnitExceptions } from '../../repositories/review.repo';
import { type Ctx, requireActor } from '../context';
import { listSupervisions } from '../supervision/records';
import { fieldCommentsOf } from './report-detail';

type MyTasks = z.infer<typeof MyTasksSchema>;

/** How long an approval stays in "recently approved". */
const RECENT_DAYS = 30;

type Row = Awaited<ReturnType<typeof findTaskRows>>[number];
type Task = MyTasks['toFill'][number];

/** Which group a task belongs to (null: nothing to do). */
function groupOf(task: Task, canWrite: boolean, since: string): Exclude<keyof MyTasks, 'escalated'> | null {
  if (task.status === 'returned') return canWrite ? 'returned' : null;
  if (task.status === 'draft') return canWrite ? (task.overdue ? 'overdue' : 'toFill') : null;
  const approved = task.status === 'approved' || task.status === 'published';
  return approved && task.approvedAt && task.approvedAt >= since ? 'approved' : null;
}

function taskOf(
  r: Row,
  dueDate: string,
  today: string,
  last: { comment: string | null; fieldComments?: string | null } | undefined,
): Task {
  const status = r.status as ReportStatus;
  const returned = status === 'returned';
  return {
    reportId: r.reportId,
    code: r.code,
    name: r.name,
    unit: r.unit,
    roundId: r.roundId,
    roundName: r.roundName,
    programme: r.programme,
    periodLabel: periodLabel(r.periodKey),
    status,
    dueDate,
    overdue: (status === 'draft' || returned) && today > dueDate,
    comment: returned ? (r.lastComment ?? last?.comment ?? null) : null,
    fieldComments: returned ? fieldCommentsOf(last?.fieldComments) : null,
    approvedAt: r.approvedAt,
  };
}

export async function listMyTasks(ctx: Ctx): Promise<MyTasks> {
  requireActor(ctx);
  const out: MyTasks = { toFill: [], returned: [], overdue: [], approved: [], escalated: [] };
  const scope = reportScope(ctx.actor);
  // 督办 of the user's own units that are not closed yet (the office sees its own on the 督办 page).
  if (scope.kind === 'units')
    out.escalated = (await listSupervisions(ctx, {})).items.filter(
      (i) => i.status !== 'closed' && scope.orgIds.includes(i.orgId),
    );
  const rows = await findTaskRows(ctx.db, scope);
  if (!rows.length) return out;
  const roundIds = [...new Set(rows.map((r) => r.roundId))];
  const orgIds = [...new Set(rows.map((r) => r.orgId))];
  const exceptions = await findUnitExceptions(ctx.db, roundIds, orgIds);
  const returns = await findLastReturns(
    ctx.db,
    rows.filter((r) => r.status === 'returned').map((r) => r.reportId),
  );
  const today = chinaDate(ctx.now());
  const since = new Date(ctx.now().getTime() - RECENT_DAYS * 86_400_000).toISOString();
  for (const r of rows) {
    const unit = unitRoundState(
      exceptions.filter((e) => e.roundId === r.roundId),
      r.orgId,
    );
    const dueDate = effectiveDueDate({ dueDate: r.dueDate, unitDueDate: unit.unitDueDate });
    const task = taskOf(
      r,
      dueDate,
      today,
      returns.find((x) => x.reportId === r.reportId),
    );
    const group = groupOf(task, r.roundStatus === 'open' || unit.reopenedForUnit, since);
    if (group) out[group].push(task);
  }
  out.approved.sort((a, b) => (b.approvedAt ?? '').localeCompare(a.approvedAt ?? ''));
  return out;
}
