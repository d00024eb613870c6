import { REVIEW_ACTION_PERMISSION } from '../../../domain/policies/policies';
import { submitProblems } from '../../../domain/review/submit-rules';
import type { ReportDetail } from '../../../shared/api-types';
import type { ReportStatus } from '../../../shared/statuses';
import type { DbOrTx } from '../../db/connect';
import { AppError } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/reports.repo';
import { newId } from '../../util';
import { assessVersions } from '../assess/assessments';
import { checkRound, currentContent, loadReport, requireTransition, STALE } from '../collect/report-access';
import { getReportDetail } from '../collect/report-detail';
import { authorize, type Ctx } from '../context';
import { reportSubject } from '../subjects';

/** Submit, return or approve: a new version copying the content, with the new status and an optional comment. */
export async function transitionReport(
  ctx: Ctx,
  id: string,
  action: 'submit' | 'return' | 'approve' | 'publish',
  input: { baseVersion: number; comment?: string },
): Promise<ReportDetail> {
  const r = await loadReport(ctx, id);
  authorize(ctx, REVIEW_ACTION_PERMISSION[action], reportSubject(r));
  const status = requireTransition(r.status as ReportStatus, action);
  if (r.versionNo !== input.baseVersion) throw new AppError('CONFLICT', STALE);
  const { late } = await checkRound(ctx, r, action);
  const { version, content } = await currentContent(ctx.db, r);
  if (action === 'submit') {
    const problems = version ? submitProblems(content) : ['字段“落实情况”为必填项，请先填写并保存'];
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  }
  await applyTransition(ctx, { ...r, late }, version!, status, action, input.baseVersion, input.comment ?? null);
  return getReportDetail(ctx, id);
}

async function applyTransition(
  ctx: Ctx & { actor: NonNullable<Ctx['actor']> },
  r: { id: string; versionNo: number; status: string; late?: boolean },
  version: NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>,
  status: ReportStatus,
  action: string,
  baseVersion: number,
  comment: string | null,
) {
  await ctx.db
    .transaction()
    .execute((trx) => writeTransition(trx, ctx, r, version, status, action, baseVersion, comment));
}

/** The writes of one transition, inside the caller's transaction: state (optimistic), a new version, audit. */
export async function writeTransition(
  trx: DbOrTx,
  ctx: Ctx & { actor: NonNullable<Ctx['actor']> },
  r: { id: string; versionNo: number; status: string; late?: boolean },
  version: NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>,
  status: ReportStatus,
  action: string,
  baseVersion: number,
  comment: string | null,
) {
  const now = ctx.now().toISOString();
  const actor = ctx.actor;
  const values = await repo.findValues(trx, version.id);
  const versionNo = r.versionNo + 1;
  const ok = await repo.updateReportState(trx, r.id, baseVersion, {
    status,
    versionNo,
    updatedAt: now,
    lastComment: action === 'return' ? comment : action === 'submit' ? null : undefined,
    submittedAt: action === 'submit' ? now : undefined,
    submittedLate: action === 'submit' ? (r.late ? 1 : 0) : undefined,
    approvedAt: action === 'approve' ? now : undefined,
  });
  if (!ok) throw new AppError('CONFLICT', STALE);
  const versionId = newId();
  await repo.insertVersion(
    trx,
    { ...version, id: versionId, versionNo, status, action, comment, createdBy: actor.id, createdAt: now },
    values.map((v) => ({ id: newId(), indicatorId: v.indicatorId, value: v.value, note: v.note })),
  );
  await assessVersions(trx, [versionId], ctx.now());
  await insertAudit(trx, {
    at: now,
    actorId: actor.id,
    actorName: actor.displayName,
    action: `report.${action}`,
    entity: 'report',
    entityId: r.id,
    before: { status: r.status, versionNo: r.versionNo },
    after: { status, versionNo, comment },
    ip: ctx.ip,
  });
}
