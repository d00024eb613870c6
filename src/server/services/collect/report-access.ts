import { roundAllows, unitRoundState } from '../../../domain/collect/round-rules';
import type { ScheduleSettings } from '../../../domain/model/types';
import { isLocked, nextStatus } from '../../../domain/review/review-workflow';
import type { ReportDetail } from '../../../shared/api-types';
import type { ReportStatus, ReviewAction } from '../../../shared/statuses';
import type { DbOrTx } from '../../db/connect';
import { AppError, notFound } from '../../errors';
import { findProgramme } from '../../repositories/programmes.repo';
import * as repo from '../../repositories/reports.repo';
import { findUnitExceptions } from '../../repositories/review.repo';
import { parseJson } from '../../util';
import { authorizeRead, type Ctx } from '../context';
import { reportSubject } from '../subjects';

export type ReportCtx = NonNullable<Awaited<ReturnType<typeof repo.findReportContext>>>;

/** Load a report the actor may read (404 otherwise). */
export async function loadReport(ctx: Ctx, id: string) {
  const r = await repo.findReportContext(ctx.db, id);
  if (!r) throw notFound('填报记录');
  authorizeRead(ctx, 'report:read', reportSubject(r), '填报记录');
  return r;
}

/** The current version's content (empty before the first save). */
export async function currentContent(db: DbOrTx, r: ReportCtx) {
  const v = r.versionNo > 0 ? await repo.findVersion(db, r.id, r.versionNo) : undefined;
  const values = v ? await repo.findValues(db, v.id) : [];
  return {
    version: v,
    content: {
      progressText: v?.progressText ?? '',
      selfAssessment: v?.selfAssessment ?? null,
      problems: v?.problems ?? '',
      nextSteps: v?.nextSteps ?? '',
      targetAdjustmentNote: v?.targetAdjustmentNote ?? '',
      completedAnnualTarget: Boolean(v?.completedAnnualTarget),
      values: values.map((x) => ({ indicatorId: x.indicatorId, value: x.value, note: x.note || undefined })),
      lagAnalysis: parseJson<ReportDetail['content']['lagAnalysis']>(v?.lagAnalysis, null),
    },
  };
}

/** The next status for an action, or LOCKED (423) / CONFLICT (409). */
export function requireTransition(status: ReportStatus, action: ReviewAction): ReportStatus {
  const next = nextStatus(status, action);
  if (next) return next;
  if (isLocked(status)) throw new AppError('LOCKED', '该填报已审核通过，内容已锁定，不能修改');
  throw new AppError('CONFLICT', `当前状态不允许此操作`);
}

/** The optimistic-lock message. */
export const STALE = '该填报已被他人修改（版本已变化），请刷新后再操作';

/** The unit's due date in force and whether its closed round is reopened for it (round_exceptions, 0013). */
export async function unitStateOf(db: DbOrTx, r: { roundId: string; orgId: string }) {
  return unitRoundState(await findUnitExceptions(db, [r.roundId], [r.orgId]), r.orgId);
}

/**
 * What the report's round allows now (domain/collect/round-rules): 423 when the round is closed (and not reopened for
 * the unit), archived or not open yet, 409 when the programme refuses submissions after the (unit's) due date;
 * otherwise whether this submission is late.
 */
export async function checkRound(
  ctx: Ctx,
  r: { programmeId: string; roundStatus: string; dueDate: string; roundId: string; orgId: string },
  action: ReviewAction,
): Promise<{ late: boolean }> {
  const schedule = parseJson<Partial<ScheduleSettings>>((await findProgramme(ctx.db, r.programmeId))?.schedule, {});
  const unit = await unitStateOf(ctx.db, r);
  const verdict = roundAllows(
    action,
    { status: r.roundStatus, dueDate: r.dueDate, ...unit },
    ctx.now(),
    schedule.lateSubmission,
  );
  if (!verdict.ok) throw new AppError(verdict.reason === 'overdue' ? 'CONFLICT' : 'LOCKED', verdict.message);
  return { late: verdict.late };
}
