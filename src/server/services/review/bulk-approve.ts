/**
 * 批量审核通过: the selected rows of a round's table in one request. Each report is checked on its own (visible, in
 * this round, submitted, unchanged since the table was read, the round allows approving); the ones that pass are
 * approved in one transaction, each with its own version and audit entry; the answer lists both.
 */
import { roundAllows } from '../../../domain/collect/round-rules';
import { can } from '../../../domain/policies/policies';
import { nextStatus } from '../../../domain/review/review-workflow';
import type { BulkApproveInput } from '../../../shared/contract/rounds';
import { REPORT_STATUS_LABELS, type ReportStatus } from '../../../shared/statuses';
import { AppError } from '../../errors';
import { findRound } from '../../repositories/programmes.repo';
import * as repo from '../../repositories/reports.repo';
import { authorize, type Ctx } from '../context';
import { reportSubject, visibleRound } from '../subjects';
import { writeTransition } from './transition-report';

export async function bulkApprove(ctx: Ctx, roundId: string, input: BulkApproveInput) {
  const owner = await visibleRound(ctx, roundId);
  authorize(ctx, 'report:approve', { ...owner, orgId: '', keySupervision: false });
  const round = await findRound(ctx.db, roundId);
  const verdict = roundAllows('approve', { status: round!.status, dueDate: round!.dueDate }, ctx.now());
  if (!verdict.ok) throw new AppError('LOCKED', verdict.message);
  const approved: { reportId: string; code: string; unit: string }[] = [];
  const refused: { reportId: string; code: string | null; reason: string }[] = [];
  const ready: { r: NonNullable<Awaited<ReturnType<typeof repo.findReportContext>>>; baseVersion: number }[] = [];
  const seen = new Set<string>();
  for (const item of input.items) {
    if (seen.has(item.reportId)) continue;
    seen.add(item.reportId);
    const r = await repo.findReportContext(ctx.db, item.reportId);
    if (!r || !can(ctx.actor, 'report:read', reportSubject(r))) {
      refused.push({ reportId: item.reportId, code: null, reason: '填报记录不存在或无权访问' });
      continue;
    }
    const no = (reason: string) => refused.push({ reportId: r.id, code: r.code, reason });
    if (r.roundId !== roundId) no('不属于本填报批次');
    else if (!can(ctx.actor, 'report:approve', reportSubject(r))) no('无权审核此填报');
    else if (!nextStatus(r.status as ReportStatus, 'approve'))
      no(`当前状态为“${REPORT_STATUS_LABELS[r.status as ReportStatus] ?? r.status}”，只能审核已提交的填报`);
    else if (r.versionNo !== item.baseVersion) no('该填报已被他人修改（版本已变化），请刷新后再审核');
    else ready.push({ r, baseVersion: item.baseVersion });
  }
  if (ready.length) {
    const c = ctx as Ctx & { actor: NonNullable<Ctx['actor']> };
    await ctx.db.transaction().execute(async (trx) => {
      for (const { r, baseVersion } of ready) {
        const version = await repo.findVersion(trx, r.id, r.versionNo);
        await writeTransition(trx, c, r, version!, 'approved', 'approve', baseVersion, input.comment?.trim() || null);
      }
    });
    for (const { r } of ready) approved.push({ reportId: r.id, code: r.code, unit: r.unitName });
  }
  return { approved, refused };
}
